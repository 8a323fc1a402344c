"""O006 number-sequence: numbers out of sequence"""

from __future__ import annotations

from rule_helpers import check, parts, report


def test_number_sequence() -> None:
    check(report(), O006=None)
    check(report(parts("（二）抓排查", "（三）抓排查")), O006=(11, 1))
