"""各部分的顺序与惯例不同：总体情况 → 工作情况 → 成效 → 经验 → 问题 → 下一步。

顺序不同也不算错，所以这是提醒；自查报告把问题写在前面是常见写法
（文种数据 problems_first: true），不提醒。报告文件（YAML）用同一条规则检查，
报告为 I017。

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

from reportgen.check.core import CheckContext, Finding
from reportgen.check.rules._outline import outline_rule
from reportgen.core.blocks import Document
from reportgen.outline.rules import OutlineRule
from reportgen.problem import Level

CODE = "O003"
ID = "part-order"
LEVEL = Level.WARNING
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    yield from outline_rule(OutlineRule.PART_ORDER, document, ctx)
