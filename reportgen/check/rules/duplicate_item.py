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

from reportgen.blocks import BlockKind, Document
from reportgen.check.core import Context, Finding

CODE = "C002"
ID = "duplicate-item"
TYPE = "document"
LEVEL = "warning"
FIXABLE = False
CONF: dict[str, type] = {"min-length": int}
DEFAULT: dict[str, Any] = {"min-length": 15}


def check(conf: dict[str, Any], document: Document, ctx: Context) -> Iterator[Finding]:
    headings: dict[tuple[int, str], int] = {}
    paragraphs: dict[str, int] = {}
    for block in document.blocks:
        if block.kind is BlockKind.HEADING:
            key = block.text.rstrip("。！？ ")
            if key:
                line = headings.setdefault((block.level, key), block.origin.line)
                if line != block.origin.line:
                    yield Finding(f"小标题“{key}”与第 {line} 行的重复。", block=block)
            body = block.body
        elif block.kind in (BlockKind.PARAGRAPH, BlockKind.LEAD, BlockKind.CLOSING):
            body = block.text
        else:
            continue
        if len(body) >= conf["min-length"]:
            line = paragraphs.setdefault(body, block.origin.line)
            if line != block.origin.line:
                yield Finding(f"这段话与第 {line} 行的完全相同：“{body[:15]}…”。", block=block)
