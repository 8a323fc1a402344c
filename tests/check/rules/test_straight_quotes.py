"""T003 straight-quotes: straight quotes in Chinese"""

from __future__ import annotations

from rule_helpers import check


def test_straight_quotes() -> None:
    check("一是“一键报警”覆盖不全。\n", T003=None)
    check('一是"一键报警"覆盖不全。\n', T003=(1, 3))


def test_single_quotes() -> None:
    check("一是“要‘抓早抓小’”落实不够；二是Xi'an校区it's老化。\n", T003=None)  # apostrophes
    check("一是“要'抓早抓小'”落实不够。\n", T003=(1, 5))  # paired within the double quotes
    check("一是'一键报警'不全。\n", T003=(1, 3))
    check("“甲'乙”和“丙'丁”。\n", T003=[(1, 3), (1, 9)])  # an odd count in one pair: reported
