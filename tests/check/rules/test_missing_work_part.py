"""O001 missing-work-part: a report without its 工作情况 part"""

from __future__ import annotations

from rule_helpers import check, parts, report


def test_missing_work_part() -> None:
    check(report(), O001=None)
    check(
        report(
            parts("## 一、工作情况", "## 一、存在的问题", "## 二、存在的问题", "## 二、风险隐患")
        ),
        O001=(7, 1),
    )
