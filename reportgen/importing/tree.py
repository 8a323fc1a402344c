"""The outline of a finished report: its lead paragraphs and a tree of parts and items.

Headings of the top level found are parts, deeper ones items; text goes to the heading
above it. A report without part headings gets one work part (see :func:`without_parts`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportgen import codes
from reportgen.core.blocks import Block, BlockKind
from reportgen.core.numbering import Family
from reportgen.importing.notes import Notes
from reportgen.importing.points import find_points, unbullet


def work_heading() -> str:
    """The heading of the one part a report without part headings is put in: the label of
    the genre's default role (roles.yaml ``default``)."""
    from reportgen.genre.registry import current

    table = current().roles
    return table.roles[table.default].label


@dataclass
class Node:
    block: Block
    paras: list[str] = field(default_factory=list)  # text paragraphs after the heading
    children: list[Node] = field(default_factory=list)
    tables: list[Block] = field(default_factory=list)  # tables after the heading's text
    group: Block | None = None  # parts: the block line (第一部分　…) this part opens


def tree(blocks: Sequence[Block], top: int) -> tuple[list[str], list[Node]]:
    """(lead paragraphs, parts): headings of level ``top`` are parts, deeper ones items."""
    lead: list[str] = []
    parts: list[Node] = []
    stack: list[Node] = []
    group: Block | None = None
    for b in blocks:
        if b.kind is BlockKind.GROUP:
            group = b  # opens with the next part
            continue
        if b.kind is BlockKind.TABLE:
            if stack or parts:  # above the first part a table has nowhere to go (M009)
                (stack[-1] if stack else parts[-1]).tables.append(b)
            continue
        if b.kind is BlockKind.HEADING and b.family is Family.INLINE:
            # 一是 paragraphs are the items of a part that has no other items (numbering:
            # 一是); under an item, or holding all the points inline, they are its text.
            if parts and not _item_open(stack) and not _all_points(b):
                node = Node(b)
                parts[-1].children.append(node)
                stack = [node]
                continue
        elif b.kind is BlockKind.HEADING:
            node = Node(b)
            if b.level <= top:
                node.group, group = group, None
                parts.append(node)
                stack = []
            elif parts:
                while stack and stack[-1].block.level >= b.level:
                    stack.pop()
                (stack[-1] if stack else parts[-1]).children.append(node)
                stack.append(node)
            else:
                lead.append(unbullet(b.full_text))
            continue
        text = b.full_text
        if stack:
            stack[-1].paras.append(text)
        elif parts:
            parts[-1].paras.append(text)
        else:
            lead.append(unbullet(text))
    return lead, parts


def _item_open(stack: list[Node]) -> bool:
    """Whether an item other than an 一是 item is open (its 一是 paragraphs are its text)."""
    return bool(stack) and stack[0].block.family is not Family.INLINE


def _all_points(b: Block) -> bool:
    """An 一是 paragraph that goes on to 二是… in itself: points, not an item."""
    found = find_points(b.full_text)
    return found is not None and not found.prefix.strip()


def walk(nodes: list[Node]) -> list[Node]:
    """``nodes`` and all their descendants, in document order."""
    out: list[Node] = []
    for n in nodes:
        out.append(n)
        out += walk(n.children)
    return out


def without_parts(
    early: list[Block], body: list[Block], formula: re.Pattern[str], example: str, notes: Notes
) -> tuple[list[str], Node]:
    """(lead, the one work part) of a report without part headings, so that it validates.

    ``early`` is text above the title, ``body`` the blocks below it. A first paragraph
    ending with the lead formula (现将…如下：) stays the lead; otherwise it is body text
    like the rest, and the kind's formula writes the lead.
    """
    if body and formula.search(body[0].full_text):
        lead = [*(b.full_text for b in early), body[0].full_text]
        rest, moved, where = body[1:], "导语之后的正文", "部分标题"
    else:
        lead, rest, moved = [], [*early, *body], "全文"
        where = f"部分标题，也没有以“{example}”之类的套语结尾的导语"
    tail = "，请按需要拆分" if lead else "，导语按文种公式生成，请按需要拆分并核对"
    work = work_heading()
    notes.add(
        0,
        0,
        codes.NOTE_LAYOUT,
        f"原文没有“一、二、三、”这样的{where}；{moved}放进了一个“{work}”部分{tail}。",
    )
    # Level 0: every heading of the text (一是 items included) goes below this part.
    heading = Block(BlockKind.HEADING, work, level=0, family=Family.CHAPTER, number=1)
    _, parts = tree([heading, *rest], 0)
    return [unbullet(t) for t in lead], parts[0]
