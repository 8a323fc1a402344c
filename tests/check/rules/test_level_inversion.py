"""O005 level-inversion: a higher level under a lower one"""

from __future__ import annotations

from rule_helpers import check, parts, report


def test_level_inversion() -> None:
    check(report(), O005=None)
    check(report(parts("（一）抓队伍", "1.抓队伍", "（二）抓排查", "（一）抓排查")), O005=(11, 1))
