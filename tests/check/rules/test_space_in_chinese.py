"""T008 space-in-chinese: a space between Chinese and a number"""

from __future__ import annotations

from rule_helpers import check


def test_space_in_chinese() -> None:
    check("共有7所学校设施老化。\n", T008=None)
    check("共有 7 所学校设施老化。\n", T008=[(1, 3), (1, 5)])
