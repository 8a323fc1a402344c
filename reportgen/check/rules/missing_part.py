"""缺少文种要求的部分（存在的问题、下一步工作打算、整改措施等）。

只检查 Markdown 和 DOCX（YAML 报告由 I016 按 kind 检查，是错误）。成品报告的文种
取自报告写明的文种（Markdown 的 front matter `kind:`、DOCX 的“类别”属性），否则按标题里的
文种词推断（文种文件的 title_words：含“自查”为自查报告，含“总结”为工作总结，不要求问题和打算），
其余按工作报告；`--templates` 目录里的文种同样识别。下一步打算也可以写在结束语里
（含“下一步”“今后”“新的一年”等，作用表的 in_closing），问题也可以写在别的部分里
（如“舆情分析”里的“存在以下问题：”）或在导语里交代（in_text），这时都不报告。
整篇没有“一、”标题的报告不检查。

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


def check(conf: dict[str, Any], document: Document, ctx: Context) -> Iterator[Finding]:
    from reportgen.genre.registry import infer_roles, roles

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
        # A role the genre lets live in the closing (next steps) or in the text (problems).
        spec = roles().get(role)
        if spec and spec.in_closing and spec.in_closing.search(closing):
            continue
        if spec and spec.in_text and spec.in_text.search(text):
            continue
        yield Finding(
            f"{kind.spec.label}通常应有“{kind.default_heading(role)}”部分，这里没有找到。",
            block=parts[-1],
        )
