"""C018 period-mismatch: the lead's period differs from the title's"""

from __future__ import annotations

from rule_helpers import check, report


def test_period_mismatch() -> None:
    check(report(), C018=None)
    same = "2024年第三季度，与2023年同期相比，我局各项工作扎实推进。现将有关情况报告如下："
    check(report(lead=same), C018=None)  # a comparison names another period
    other = "2024年第二季度，我局认真落实上级部署，扎实推进各项工作。现将有关情况报告如下："
    check(report(lead=other), C018=(5, 1))
