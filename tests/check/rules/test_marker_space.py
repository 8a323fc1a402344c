"""O011 marker-space: a space after a heading's number"""

from __future__ import annotations

from rule_helpers import check, parts, report


def test_marker_space() -> None:
    check(report(), O011=None)
    check(report(parts("（一）抓队伍", "（一） 抓队伍")), O011=(9, 6))
    check(
        report(parts("**（一）抓队伍，强化组织领导**。", "（一）**抓队伍，强化组织领导**")),
        O011=None,
    )
    # a number inside the running text is no heading
    check(report(parts("。组织开展", "。2. 组织开展")), O011=None)


def test_a_space_dropped_by_the_reader_is_found_in_the_file() -> None:
    check(
        report(parts("**（一）抓队伍，强化组织领导**。", "（一） 抓队伍，强化组织领导\n\n")),
        O011=(9, 5),
    )
    check(report(parts("**（二）抓排查，消除安全隐患**。", "2. 抓排查\n\n")), O011=(11, 4))
    check(report(parts("## 一、工作情况", "## 一、 工作情况")), O011=(7, 7))
