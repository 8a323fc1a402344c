"""C008 short-year: a year written with two digits"""

from __future__ import annotations

from rule_helpers import check


def test_short_year() -> None:
    check("主要存在以下几点：建校24年来一是设施老化。\n", C008=None)
    check("主要存在以下几点：24年3月以来一是设施老化。\n", C008=(1, 10))
