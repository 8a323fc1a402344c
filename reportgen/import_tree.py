"""The outline of a finished report: its lead paragraphs and a tree of parts and items.

Headings of the top level found are parts, deeper ones items; text goes to the heading
above it. A report without part headings gets one work part (see :func:`without_parts`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportgen.blocks import Block, BlockKind
from reportgen.import_notes import Notes
from reportgen.numbering import Family

WORK_HEADING = "工作情况"


@dataclass
class Node:
    block: Block
    paras: list[str] = field(default_factory=list)  # text paragraphs after the heading
    children: list[Node] = field(default_factory=list)


def tree(blocks: Sequence[Block], top: int) -> tuple[list[str], list[Node]]:
    """(lead paragraphs, parts): headings of level ``top`` are parts, deeper ones items."""
    lead: list[str] = []
    parts: list[Node] = []
    stack: list[Node] = []
    for b in blocks:
        inline_para = (
            b.kind is BlockKind.HEADING and b.family is Family.INLINE and (not parts or stack)
        )
        if b.kind is BlockKind.HEADING and not inline_para:
            node = Node(b)
            if b.level <= top:
                parts.append(node)
                stack = []
            elif parts:
                while stack and stack[-1].block.level >= b.level:
                    stack.pop()
                (stack[-1] if stack else parts[-1]).children.append(node)
                stack.append(node)
            else:
                lead.append(b.full_text)
            continue
        text = b.full_text
        if stack:
            stack[-1].paras.append(text)
        elif parts:
            parts[-1].paras.append(text)
        else:
            lead.append(text)
    return lead, parts


def walk(nodes: list[Node]) -> list[Node]:
    """``nodes`` and all their descendants, in document order."""
    out: list[Node] = []
    for n in nodes:
        out.append(n)
        out += walk(n.children)
    return out


def without_parts(
    early: list[str], paras: list[str], formula: re.Pattern[str], notes: Notes
) -> tuple[list[str], Node]:
    """(lead, the one work part) of a report without part headings, so that it validates.

    ``early`` is text above the title, ``paras`` the text below it. A first paragraph
    ending with the lead formula (现将…如下：) stays the lead; otherwise it is body text
    like the rest, and the kind's formula writes the lead.
    """
    if paras and formula.search(paras[0]):
        lead, body, moved = [*early, paras[0]], paras[1:], "导语之后的正文"
        where = "部分标题"
    else:
        lead, body, moved = [], [*early, *paras], "全文"
        where = "部分标题，也没有以“现将……如下：”结尾的导语"
    tail = "，请按需要拆分" if lead else "，导语按文种公式生成，请按需要拆分并核对"
    notes.add(
        0,
        0,
        "M006",
        "layout",
        f"原文没有“一、二、三、”这样的{where}；{moved}放进了一个“{WORK_HEADING}”部分{tail}。",
    )
    heading = Block(BlockKind.HEADING, WORK_HEADING, level=1, family=Family.CHAPTER, number=1)
    return lead, Node(heading, body)
