"""O004 level-skip: a heading level skipped"""

from __future__ import annotations

from rule_helpers import check, parts, report


def test_level_skip() -> None:
    check(report(parts("（一）抓队伍", "1.抓队伍", "（二）抓排查", "2.抓排查")), O004=None)
    check(
        report(parts("（一）抓队伍", "（1）抓队伍", "（二）抓排查", "（2）抓排查")),
        O004=[(9, 1), (11, 1)],
    )
