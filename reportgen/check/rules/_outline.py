"""Helpers shared by the outline rules: heading groups and marker descriptions."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reportgen.blocks import Block, BlockKind
from reportgen.check.core import walk_headings


def level_one(blocks: Sequence[Block]) -> list[Block]:
    return [b for b in blocks if b.kind is BlockKind.HEADING and b.level == 1]


def numbered(blocks: Sequence[Block]) -> Iterator[tuple[Block, Block | None]]:
    """Numbered headings with their parent heading."""
    for block, parent in walk_headings(blocks):
        if block.family is not None and block.number:
            yield block, parent


def groups(blocks: Sequence[Block]) -> Iterator[list[Block]]:
    """Sibling groups: numbered headings at one level under one parent, in order."""
    found: dict[tuple[int, int], list[Block]] = {}
    order: list[tuple[int, int]] = []
    for block, parent in numbered(blocks):
        key = (id(parent), block.level)
        if key not in found:
            found[key] = []
            order.append(key)
        found[key].append(block)
    for key in order:
        yield found[key]


def shown(block: Block) -> str:
    """A heading as people recognise it: marker plus the start of its text."""
    text = (block.text or block.body).rstrip("。")
    return f"“{block.marker}{text[:12]}{'…' if len(text) > 12 else ''}”"
