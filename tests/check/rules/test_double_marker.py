"""O008 double-marker: a number followed by a second mark"""

from __future__ import annotations

from rule_helpers import check, parts, report


def test_double_marker() -> None:
    check(report(), O008=None)
    check(report(parts("（一）抓队伍", "（一）、抓队伍")), O008=(9, 3))
