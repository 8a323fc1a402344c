"""C007 date-padding: a zero-padded month or day"""

from __future__ import annotations

from rule_helpers import check


def test_date_padding() -> None:
    check("2024年10月8日\n", C007=None)
    check("2024年10月08日\n", C007=(1, 1))
    check("计划于2025年1月、2025年10月开展培训，共03次。\n", C007=None)
    check("计划于2025年01月开展培训。\n", C007=(1, 4))
    check("01月05日开展培训。\n", C007=(1, 1))
