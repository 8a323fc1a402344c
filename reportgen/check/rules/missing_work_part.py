"""报告有“一、二、三、”各部分，但没有一个是写工作情况的部分。

标题里没有“问题”“下一步”等关键词的部分都算工作部分（按专题写的部分也算），
“总体情况”“工作成效”这类总括部分也可以承载工作，所以这条规则只在各部分全是问题、
打算之类时报告。没有任何“一、”标题的报告（整篇是段落）不检查。报告文件（YAML）
用同一条规则检查，报告为 I016。

错误示例::

    一、存在的问题
    二、下一步工作打算

正确示例::

    一、工作情况
    二、存在的问题
    三、下一步工作打算
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CheckContext, Finding
from reportgen.check.rules._outline import outline_rule
from reportgen.core.blocks import Document
from reportgen.outline.rules import OutlineRule
from reportgen.problem import Level

CODE = "O001"
ID = "missing-work-part"
LEVEL = Level.ERROR
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    yield from outline_rule(OutlineRule.MISSING_WORK_PART, document, ctx)
