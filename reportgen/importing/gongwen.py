"""The whole-公文 fields of an imported report: 版头 (format, issuer_mark, signers, 份号,
密级, 紧急程度), 附注, attachment pages and 版记, from the blocks read/gongwen.py found."""

from __future__ import annotations

import dataclasses
import re

from reportgen.core.blocks import Block, BlockKind, Document
from reportgen.importing.yaml_writer import Map, Seq

_COPY_NUMBER = re.compile(r"^\d{6}$")
_URGENCY = ("特急", "加急")


_TAIL = (BlockKind.NOTE, BlockKind.ATTACHMENT_HEAD, BlockKind.IMPRINT)


def body_only(doc: Document) -> Document:
    """The document without the 附注, attachment pages and 版记 (they are fields, not body)."""
    end = next((i for i, b in enumerate(doc.blocks) if b.kind in _TAIL), len(doc.blocks))
    return dataclasses.replace(doc, blocks=doc.blocks[:end])


def add_masthead(root: Map, doc: Document, org: str) -> None:
    """format, issuer_mark, signers, copy_number, secrecy, urgency (after doc_number)."""
    mark = next((b for b in doc.blocks if b.kind is BlockKind.ISSUER_MARK), None)
    number = next((b for b in doc.blocks if b.kind is BlockKind.DOC_NUMBER), None)
    if mark is None:
        return
    root.add("format", "file")
    if mark.text != f"{org}文件":
        root.add("issuer_mark", mark.text)
    if number is not None and number.items:
        signers = list(number.items)
        root.add("signers", signers[0] if len(signers) == 1 else Seq(list(signers)))
    for block in doc.blocks:
        if block.kind is not BlockKind.MARKINGS:
            continue
        for line in block.items:
            if _COPY_NUMBER.match(line):
                root.add("copy_number", line)
            elif line in _URGENCY:
                root.add("urgency", line)
            else:
                root.add("secrecy", line)


def attachments(doc: Document, names: list[str]) -> Seq:
    """The attachment list: a name, or {title, text} for one with a page of its own."""
    pages: dict[int, list[Block]] = {}
    current: list[Block] | None = None
    for block in doc.blocks:
        if block.kind is BlockKind.ATTACHMENT_HEAD:
            current = pages.setdefault(block.number, [])
        elif block.kind is BlockKind.IMPRINT:
            current = None
        elif current is not None and block.kind is BlockKind.PARAGRAPH:
            current.append(block)
    items: list[str | Map | Seq | bool] = []
    for number, name in enumerate(names, 1):
        if pages.get(number):
            entry = Map()
            entry.add("title", name)
            entry.add("text", "\n".join(b.text for b in pages[number]))
            items.append(entry)
        else:
            items.append(name)
    return Seq(items)


def add_tail(root: Map, doc: Document, date: str) -> None:
    """note, cc, printed_by, printed_on."""
    note = next((b for b in doc.blocks if b.kind is BlockKind.NOTE), None)
    if note is not None:
        root.add("note", note.text.strip("（）()"), blank_before=True)
    imprint = next((b for b in doc.blocks if b.kind is BlockKind.IMPRINT), None)
    if imprint is None:
        return
    if imprint.items:
        root.add("cc", Seq(list(imprint.items)))
    if imprint.text:
        root.add("printed_by", imprint.text)
    if imprint.body and imprint.body != date:
        root.add("printed_on", imprint.body)
