"""T001 half-width-punct: half-width punctuation in Chinese"""

from __future__ import annotations

from rule_helpers import check


def test_half_width_punct() -> None:
    check("主要存在以下几点：一是覆盖率仅为99.2%；二是演练不够。\n", T001=None)
    check("主要存在以下几点:一是设施老化。\n", T001=(1, 9))
    check("主要存在以下几点：一是排查不到位（含夜查）。二是覆盖率99.2%。\n", T001=None)
    check("主要存在以下几点：一是排查不到位（含夜查）.\n", T001=(1, 22))  # after a bracket
    check("主要存在以下几点：一是“一键报警”不全”.\n", T001=(1, 21))  # after a quote
