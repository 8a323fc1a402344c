"""C017 table-total: a 合计 row that does not add up"""

from __future__ import annotations

from rule_helpers import check

TABLE = (
    "| 类别 | 排查数 | 整改率 |\n| --- | ---: | ---: |\n| 消防 | 3 | 100% |\n| 用电 | 4 | 50% |\n"
)


def test_table_total() -> None:
    check("正文。\n\n" + TABLE + "| 合计 | 7 | 71.4% |\n", C017=None)
    check("正文。\n\n" + TABLE + "| 合计 | 8 | 75% |\n", C017=(3, 1))
