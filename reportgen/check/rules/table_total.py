"""表格的合计（小计）行与各行之和不一致。

核对表格里行名为“合计”“总计”“小计”的行：每个数字列（各行都是数字或空着）的合计应等于
其上各行之和，小计等于上一个小计之后各行之和；百分比列不核对。

错误示例::

    | 类别 | 排查数 |
    | --- | --- |
    | 消防设施 | 12 |
    | 校舍安全 | 8 |
    | 合计 | 21 |

正确示例::

    | 合计 | 20 |
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from reportgen.check.core import CheckContext, Finding
from reportgen.core.blocks import BlockKind, Document
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "C017"
ID = "table-total"
LEVEL = Level.ERROR
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

_NUMBER = lazy(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_TOTALS = ("合计", "总计")
_SUBTOTALS = ("小计",)


def _number(cell: str) -> Decimal | None:
    text = cell.strip().replace("，", ",")
    return Decimal(text.replace(",", "")) if _NUMBER.match(text) else None


def _label(row: tuple[str, ...]) -> str:
    first = next((c for c in row if c.strip()), "")
    return re.sub(r"\s", "", first)


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    for block in document.blocks:
        if block.kind is not BlockKind.TABLE or len(block.rows) < 3:
            continue
        header, *rows = block.rows
        name = f"表格“{block.text}”" if block.text else "表格"
        since = 0
        for r, row in enumerate(rows):
            label = _label(row)
            if label not in _TOTALS + _SUBTOTALS:
                continue
            subtotal = label in _SUBTOTALS
            span = rows[since:r] if subtotal else rows[:r]
            detail = [d for d in span if _label(d) not in _TOTALS + _SUBTOTALS]
            if subtotal:
                since = r + 1
            for c, typed in enumerate(row):
                given = _number(typed)
                if given is None or c >= len(header):
                    continue
                cells = [d[c].strip() if c < len(d) else "" for d in detail]
                numbers = [_number(x) for x in cells if x]
                if not numbers or any(n is None for n in numbers):
                    continue  # a text or percent column, or an empty one
                total = sum((n for n in numbers if n is not None), Decimal(0))
                if total != given:
                    yield Finding(
                        f"{name}的{label}行“{header[c]}”列写的是 {typed.strip()}，"
                        f"上面各行之和是 {total}。",
                        block=block,
                    )
