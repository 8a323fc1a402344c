"""T010 doubled-punct: the same punctuation twice"""

from __future__ import annotations

from rule_helpers import check


def test_doubled_punct() -> None:
    check("一是设施老化；二是演练不够……\n", T010=None)
    check("一是设施老化；；二是演练不够。\n", T010=(1, 7))
    check("特此报告。。\n", T010=(1, 5))
    check("2024年第三季度，，我局认真落实上级部署。\n", T010=(1, 10))
    check("主要存在以下几点：。。。\n", T010=None)  # a mistyped ellipsis is T004's
