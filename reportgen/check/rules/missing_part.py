"""缺少文种要求的部分（存在的问题、下一步工作打算、整改措施等）。

只检查 Markdown 和 DOCX（YAML 报告由 I016 按 kind 检查，是错误）。成品报告的文种
从标题推断：含“自查”为自查报告，含“总结”为工作总结（不要求问题和打算），
其余按工作报告。下一步打算也可以写在结束语里（含“下一步”“今后”“新的一年”等），
问题也可以写在别的部分里（如“舆情分析”里的“存在以下问题：”）或在导语里交代，
这时都不报告。整篇没有“一、”标题的报告不检查。

错误示例::

    一、工作情况
    二、下一步工作打算          （工作报告缺少“存在的问题”）

正确示例::

    一、工作情况
    二、存在的问题
    三、下一步工作打算
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Context, Finding
from reportgen.check.rules._outline import FINISHED, level_one
from reportgen.core.blocks import BlockKind, Document

CODE = "O002"
ID = "missing-part"
TYPE = "document"
LEVEL = "warning"
FIXABLE = False
SOURCES = FINISHED
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

_NEXT_IN_CLOSING = re.compile(r"下一步|今后|下阶段|将继续|进一步|新的一年|新学期|我们将|将在")
# Problems written inside another part (舆情分析, a work part) or announced in the lead.
_PROBLEMS_IN_TEXT = re.compile(
    r"(存在|还有|仍有)(以下|一些|不少|的)?[^，。；]{0,6}(问题|不足|短板|薄弱环节)"
    r"|(问题|不足)(主要)?(是|有|表现在)[：:]"
)


def check(conf: dict[str, Any], document: Document, ctx: Context) -> Iterator[Finding]:
    from reportgen.genre.registry import infer_roles

    parts = level_one(document.blocks)
    if not parts:
        return
    kind = ctx.kind
    found = {r for b in parts for r in (infer_roles(b.text) or [b.role])}
    closing = "".join(b.text for b in document.blocks if b.kind is BlockKind.CLOSING)
    text = "".join(
        b.full_text
        for b in document.blocks
        if b.kind in (BlockKind.LEAD, BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.CLOSING)
    )
    for role in kind.required_roles():
        if role in found or role == "work":
            continue
        if role == "next-steps" and _NEXT_IN_CLOSING.search(closing):
            continue
        if role == "problems" and _PROBLEMS_IN_TEXT.search(text):
            continue
        yield Finding(
            f"{kind.spec.label}通常应有“{kind.default_heading(role)}”部分，这里没有找到。",
            block=parts[-1],
        )
