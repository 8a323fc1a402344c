"""T011 range-sign: a range written with a hyphen or a tilde"""

from __future__ import annotations

from rule_helpers import check


def test_range_sign() -> None:
    check("2023—2024学年有25～30所学校设施老化。\n", T011=None)
    check("2023-2024学年有25~30所学校设施老化。\n", T011=[(1, 5), (1, 15)])
    check("有25-30人未参训。\n", T011=(1, 4))
    check("有25 — 30人、10%-20%的学校未参训。\n", T011=[(1, 4), (1, 14)])
    check("2023年-2024年、10月~12月设施老化。\n", T011=[(1, 6), (1, 16)])
    check("“十四五”（2021-2025）期间设施老化。\n", T011=(1, 11))


def test_codes_dates_phones_and_figures_are_no_ranges() -> None:
    check(
        "依照GB/T 9704-2012于2024-10-08检查，电话0971-8123456，见图1-2所示，"
        "Step 1-2中，10:00-12:00开会，Python 3.8-3.12版本，第5-3名。\n",
        T011=None,
    )
