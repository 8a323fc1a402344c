"""C009 mixed-date-style: dates in Arabic and Chinese numerals"""

from __future__ import annotations

from rule_helpers import check, parts, report


def test_mixed_date_style() -> None:
    body = parts("组织开展拉网式排查", "2024年9月1日起开展排查")
    check(report(body), C009=None)
    check(report(body, date="二〇二四年十月八日"), C009=(27, 1))
