"""T007 full-width-alnum: full-width digits or letters"""

from __future__ import annotations

from rule_helpers import check


def test_full_width_alnum() -> None:
    check("2024年设施老化。\n", T007=None)
    check("２０２４年设施老化。\n", T007=(1, 1))
