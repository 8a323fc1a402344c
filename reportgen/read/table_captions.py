"""A read table's title, unit line and notes: the paragraphs around it that say so.

A finished report sets them as paragraphs: the title (a short line ending in 表, without
sentence punctuation) and ``单位：人`` above the table, ``注：……`` below it. They become
the TABLE block's title, unit and notes, as a report file writes them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reportgen.core.blocks import Block, BlockKind, TableInfo

_UNIT = re.compile(r"^单位[：:]\s*\S{1,20}$")
_TITLE = re.compile(r"^[^。！？；，：:,;]{2,60}表$")
_NOTE = re.compile(r"^注\d?[：:]")


def attach_captions(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        i += 1
        if block.kind is not BlockKind.TABLE:
            out.append(block)
            continue
        unit = title = ""
        if out and out[-1].kind is BlockKind.PARAGRAPH and _UNIT.match(out[-1].text):
            unit = out.pop().text
        if out and out[-1].kind is BlockKind.PARAGRAPH and _TITLE.match(out[-1].text):
            title = out.pop().text
        notes: list[str] = []
        while i < len(blocks) and blocks[i].kind is BlockKind.PARAGRAPH:
            if not _NOTE.match(blocks[i].text):
                break
            notes.append(blocks[i].text)
            i += 1
        info = block.table or TableInfo()
        out.append(
            replace(
                block,
                text=title or block.text,
                table=replace(info, unit=unit or info.unit, notes=tuple(notes) or info.notes),
            )
        )
    return out
