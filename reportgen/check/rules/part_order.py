"""各部分的顺序与惯例不同：总体情况 → 工作情况 → 成效 → 经验 → 问题 → 下一步。

顺序不同也不算错，所以这是提醒；自查报告把问题写在前面是常见写法
（文种数据 problems_first: true），不提醒。只检查 Markdown 和 DOCX（YAML 报告由
I017 检查）。

错误示例::

    一、下一步工作打算
    二、工作情况

正确示例::

    一、工作情况
    二、下一步工作打算
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Context, Finding
from reportgen.check.rules._outline import FINISHED, level_one
from reportgen.core.blocks import Document

CODE = "O003"
ID = "part-order"
TYPE = "document"
LEVEL = "warning"
FIXABLE = False
SOURCES = FINISHED
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


def check(conf: dict[str, Any], document: Document, ctx: Context) -> Iterator[Finding]:
    from reportgen.genre.registry import ROLE_ORDER, role_labels, role_order_text

    if ctx.kind.spec.problems_first:
        return
    labels = role_labels()
    last = -1
    for block in level_one(document.blocks):
        order = ROLE_ORDER.get(block.role, 1)
        if order < last:
            yield Finding(
                f"“{labels.get(block.role, block.role)}”部分通常写在前面的部分之前"
                f"（顺序：{role_order_text()}）。",
                block=block,
            )
        last = max(last, order)
