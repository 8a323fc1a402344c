"""T004 ellipsis: an ellipsis typed as dots"""

from __future__ import annotations

from rule_helpers import check


def test_ellipsis() -> None:
    check("设施老化、演练不够……\n", T004=None)
    check("设施老化、演练不够...\n", T004=(1, 10))
