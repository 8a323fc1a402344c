"""Typed numbering inside a YAML text block, checked as a finished report would be.

A ``text: |`` block with lines ``1、加强备课。`` ``（一）开展听课。`` renders as paragraphs that any
reader of the DOCX takes for headings; `check` of the DOCX then reports O005, O006, O009 in
a file the user cannot fix. Here those paragraphs are turned into the headings a reader
would see, the outline rules run on that view, and the findings about them are placed at
the very line inside the block (and the marker rules can fix the YAML in place).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportgen.check.core import Source, TextUnit
from reportgen.core.blocks import Block, BlockKind, Document, Origin
from reportgen.core.numbering import LEVEL_OF, parse_marker

# The text rules that look at a heading's marker (the rest see the whole block already).
MARKER_RULES = ("double-marker", "marker-form", "marker-space")
HINT = "（这是 text 里手写的编号：分条写的内容请改用 items，每条写“- heading: 内容”，编号会按顺序自动生成。）"


@dataclass
class TypedView:
    document: Document  # the document with typed paragraphs read as headings
    converted: dict[int, Block]  # id(block in view) → that block
    units: list[TextUnit]  # one unit per converted line, spans inside the YAML string


def typed_view(source: Source) -> TypedView | None:
    """The view, or None when no paragraph of the document starts with a typed marker."""
    document = source.document
    if document is None:
        return None
    by_path: dict[str, TextUnit] = {}
    for each in source.units:
        by_path.setdefault(each.path, each)
    cursors: dict[str, int] = {}
    blocks: list[Block] = []
    converted: dict[int, Block] = {}
    units: list[TextUnit] = []
    for block in document.blocks:
        # An attachment's text (附件 pages after the report) numbers on its own.
        body = block.kind is BlockKind.PARAGRAPH and not block.origin.path.startswith("attach")
        found = parse_marker(block.text) if body else None
        if found is None or found.family not in LEVEL_OF:
            blocks.append(block)
            continue
        unit: TextUnit | None = by_path.get(block.origin.path)
        line, column = block.origin.line, block.origin.column
        sub: TextUnit | None = None
        if unit is not None:
            at, length = _locate(unit.text, block.text, cursors.get(unit.path, 0))
            if at >= 0:
                cursors[unit.path] = at + length
                line, column = unit.position(at)
                sub = _sub_unit(unit, at, unit.text[at : at + length], found.length)
        heading = replace(
            block,
            kind=BlockKind.HEADING,
            text=block.text[found.length :],
            level=LEVEL_OF[found.family],
            family=found.family,
            number=found.number,
            marker=found.text,
            origin=Origin(line, column, block.origin.path),
        )
        blocks.append(heading)
        converted[id(heading)] = heading
        if sub is not None:
            units.append(replace(sub, block=heading))
    if not converted:
        return None
    return TypedView(replace(document, blocks=blocks), converted, units)


def _locate(text: str, paragraph: str, start: int) -> tuple[int, int]:
    """(offset, length) of ``paragraph``'s own text in the block's ``text`` from ``start``,
    or (-1, 0).

    The item's points are joined to its last paragraph (“2、聘请专家5名。一是……”), which is
    then not in the block: it is the line the paragraph starts with.
    """
    at = text.find(paragraph, start)
    if at >= 0:
        return at, len(paragraph)
    offset = start
    for line in text[start:].split("\n"):
        own = line.strip()
        if own and paragraph.startswith(own):
            return offset + line.index(own), len(own)
        offset += len(line) + 1
    return -1, 0


def _sub_unit(unit: TextUnit, at: int, text: str, marker_len: int) -> TextUnit:
    spans = None
    if unit.spans is not None and unit.index is not None:
        spans = list(unit.spans[at : at + len(text)])
    line, column = unit.position(at)
    return replace(
        unit,
        text=text,
        line=line,
        column=column,
        spans=spans,
        marker_len=marker_len,
        field="heading",
    )
