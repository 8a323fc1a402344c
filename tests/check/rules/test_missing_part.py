"""O002 missing-part: a kind's required part not found"""

from __future__ import annotations

from rule_helpers import check, parts, report


def test_missing_part() -> None:
    check(report(), O002=None)
    check(report(parts("## 二、存在的问题", "## 二、困难和挑战")), O002=None)  # a synonym
    check(report(parts("## 二、存在的问题", "## 二、其他事项")), O002=(17, 1))
