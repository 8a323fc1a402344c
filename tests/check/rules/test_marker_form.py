"""O009 marker-form: a number in an unusual form"""

from __future__ import annotations

from rule_helpers import check, parts, report


def test_marker_form() -> None:
    check(report(), O009=None)
    check(report(parts("（一）抓队伍", "(一)抓队伍")), O009=(9, 1))  # once per list
