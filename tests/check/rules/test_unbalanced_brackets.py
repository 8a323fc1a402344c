"""T002 unbalanced-brackets: a bracket or book title mark left open"""

from __future__ import annotations

from rule_helpers import check


def test_unbalanced_brackets() -> None:
    check("一是《考核办法》落实不够。\n", T002=None)
    check("一是《考核办法的落实不够。\n", T002=(1, 3))
