"""缺少文种要求的部分（存在的问题、下一步工作打算、整改措施等）。

成品报告的文种从标题推断：含“自查”为自查报告，含“总结”为工作总结（不要求问题和打算），
其余按工作报告。下一步打算也可以写在结束语里（含“下一步”“今后”“新的一年”等），
问题也可以写在别的部分里（如“舆情分析”里的“存在以下问题：”）或在导语里交代，
这时都不报告。一个标题可以兼有两种作用（“存在的问题及整改措施”）。整篇没有“一、”
标题的报告不检查。报告文件（YAML）用同一条规则检查，由工具生成提纲，所以缺少部分是
错误 I016（见 reportgen rules I016）。

错误示例::

    一、工作情况
    二、下一步工作打算          （工作报告缺少“存在的问题”）

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

CODE = "O002"
ID = "missing-part"
LEVEL = Level.WARNING
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    yield from outline_rule(OutlineRule.MISSING_PART, document, ctx)
