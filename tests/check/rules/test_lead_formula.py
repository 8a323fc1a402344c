"""C006 lead-formula: a lead without its 现将……报告如下"""

from __future__ import annotations

from rule_helpers import LEAD, check, report


def test_lead_formula() -> None:
    check(report(lead=LEAD), C006=None)
    check(report(lead="2024年第三季度，我局认真落实上级部署，扎实推进各项工作。"), C006=(5, 1))
