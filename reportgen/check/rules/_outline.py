"""Helpers shared by the document rules: parts, heading groups, marker descriptions."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reportgen.check.core import CheckContext, Finding, SourceKind, walk_headings
from reportgen.core.blocks import Block, BlockKind, Document
from reportgen.core.numbering import Family
from reportgen.outline.rules import OutlineRule


def outline_rule(rule: OutlineRule, document: Document, ctx: CheckContext) -> Iterator[Finding]:
    """The findings of one rule of :mod:`reportgen.outline` in a finished report.

    A report YAML's outline is built by the tool and checked where it is built: validation
    runs the same rule on its document and reports it at its own level (I016 an error,
    I017 and I019 warnings), among the source's problems; it is not reported twice.
    """
    from reportgen.outline.report import finished_findings

    if ctx.source_kind is SourceKind.YAML:
        return
    for block, message in finished_findings(document, ctx.kind, rule):
        yield Finding(message, block=block)


def level_one(blocks: Sequence[Block]) -> list[Block]:
    return [b for b in blocks if b.kind is BlockKind.HEADING and b.level == 1]


def numbered(blocks: Sequence[Block]) -> Iterator[tuple[Block, Block | None]]:
    """Numbered headings with their parent heading."""
    for block, parent in walk_headings(blocks):
        if block.family is not None and block.number:
            yield block, parent


def groups(blocks: Sequence[Block]) -> Iterator[list[Block]]:
    """Sibling groups: numbered headings at one level under one parent, in order."""
    found: dict[tuple[int, int, int], list[Block]] = {}
    order: list[tuple[int, int, int]] = []
    # 一、 restarts in each block above it (第一部分, 第二部分 …): a group per block.
    block_of: dict[int, int] = {}
    n = 0
    for b in blocks:
        if b.kind is BlockKind.GROUP:
            n += 1
        block_of[id(b)] = n
    for block, parent in numbered(blocks):
        key = (block_of[id(block)], id(parent), block.level)
        if key not in found:
            found[key] = []
            order.append(key)
        found[key].append(block)
    for key in order:
        yield found[key]


def family_runs(group: list[Block]) -> list[list[Block]]:
    """A sibling group split where the numbering family changes."""
    runs: list[list[Block]] = []
    for block in group:
        if runs and runs[-1][0].family is block.family:
            runs[-1].append(block)
        else:
            runs.append([block])
    return runs


def heading_style(block: Block) -> str | None:
    """``run-in`` (heading sentence, then prose in the same paragraph) or ``own-line``.

    None for an item with no heading sentence (a numbered paragraph of prose) and for
    一是 points, which are always run in. A heading sentence alone in its paragraph
    counts as run in only when it ends like a sentence (a bold line without 。 is a
    heading on its own line).
    """
    if block.family is Family.INLINE or not block.text.strip():
        return None
    if block.run_in and (block.body or block.text.endswith(("。", "！", "？"))):
        return "run-in"
    return "own-line"


def too_long(
    what: str, length: int, limit: int, block: Block, advice: str = ""
) -> Iterator[Finding]:
    """A finding when ``what`` (a title, a heading) has more than ``limit`` characters."""
    if length > limit:
        yield Finding(f"{what}有 {length} 个字，超过 {limit} 个字；请精简{advice}。", block=block)


def shown(block: Block) -> str:
    """A heading as people recognise it: marker plus the start of its text."""
    text = (block.text or block.body).rstrip("。")
    return f"“{block.marker}{text[:12]}{'…' if len(text) > 12 else ''}”"
