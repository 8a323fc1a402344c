"""同一个小标题或同一段话出现了两次（复制粘贴后忘了改）。

比较同级标题的文字，以及不短于 min-length 个字的段落。

错误示例::

    （一）抓队伍，强化组织领导。……
    （二）抓队伍，强化组织领导。……

正确示例::

    （一）抓队伍，强化组织领导。……
    （二）抓排查，消除安全隐患。……
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CheckContext, Finding
from reportgen.core.blocks import Block, BlockKind, Document
from reportgen.problem import Level

CODE = "C002"
ID = "duplicate-item"
LEVEL = Level.WARNING
FIXABLE = False
CONF: dict[str, type] = {"min-length": int}
DEFAULT: dict[str, Any] = {"min-length": 15}


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    # The first block of each text. Blocks are compared as blocks: two paragraphs of one
    # `|` block share a line, and a document built in memory has no lines at all.
    headings: dict[tuple[int, str], Block] = {}
    paragraphs: dict[str, Block] = {}
    for block in document.blocks:
        if block.kind is BlockKind.HEADING:
            key = block.text.rstrip("。！？ ")
            if key:
                first = headings.setdefault((block.level, key), block)
                if first is not block:
                    yield Finding(f"小标题“{key}”与{_where(first)}的重复。", block=block)
            body = block.body
        elif block.kind in (BlockKind.PARAGRAPH, BlockKind.LEAD, BlockKind.CLOSING):
            body = block.text
        else:
            continue
        if len(body) >= conf["min-length"]:
            first = paragraphs.setdefault(body, block)
            if first is not block:
                yield Finding(f"这段话与{_where(first)}的完全相同：“{body[:15]}…”。", block=block)


def _where(block: Block) -> str:
    return f"第 {block.origin.line} 行" if block.origin.line else "前面一处"
