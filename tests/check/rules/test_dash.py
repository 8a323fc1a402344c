"""T005 dash: a dash typed as hyphens"""

from __future__ import annotations

from rule_helpers import check


def test_dash() -> None:
    check("2023—2024学年主要存在以下几点。\n", T005=None)
    check("主要存在以下几点--设施老化。\n", T005=(1, 9))
