"""C010 numeral-zero: the letter O or the digit 0 for 〇"""

from __future__ import annotations

from rule_helpers import check


def test_numeral_zero() -> None:
    check("二〇二四年十月八日\n", C010=None)
    check("二O二四年十月八日\n", C010=(1, 1))
