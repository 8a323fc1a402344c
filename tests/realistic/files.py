"""A shape's paragraphs → the file a user would have: Markdown, pasted text or a Word file."""

from __future__ import annotations

import io
from pathlib import Path

PREFIXES = ("H1:", "H2:", "N0:", "N1:", "C:")


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Word's outline list 一、（一）1. as a clerk sets it up (numId 90).
_OUTLINE_LIST = (
    f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">'
    + "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(
            (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."))
        )
    )
    + "</w:abstractNum>"
)
_OUTLINE_NUM = f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def plain(para: str) -> str:
    """The paragraph's text as a reader sees it (prefixes off; Word numbering draws its marker)."""
    for prefix in PREFIXES:
        if para.startswith(prefix):
            return para[len(prefix) :]
    return para


def _table_rows(para: str) -> list[list[str]]:
    return [row.split("|") for row in para[len("TABLE:") :].split("\n")]


def markdown(paras: list[str]) -> str:
    blocks: list[str] = []
    for p in paras:
        if not p:
            continue
        if p.startswith("TABLE:"):
            rows = _table_rows(p)
            lines = ["| " + " | ".join(r) + " |" for r in rows]
            lines.insert(1, "|" + "---|" * len(rows[0]))
            blocks.append("\n".join(lines))
        else:
            blocks.append(plain(p))
    return "\n\n".join(blocks) + "\n"


def text(paras: list[str]) -> str:
    lines: list[str] = []
    for p in paras:
        if p.startswith("TABLE:"):
            lines += ["\t".join(r) for r in _table_rows(p)]
        else:
            lines.append(plain(p))
    return "\n".join(lines) + "\n"


def docx(paras: list[str]) -> bytes:
    import docx as python_docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from lxml import etree

    doc = python_docx.Document()
    if any(p.startswith(("N0:", "N1:")) for p in paras):
        numbering = doc.part.numbering_part.element
        numbering.insert(0, etree.fromstring(_OUTLINE_LIST))
        numbering.append(etree.fromstring(_OUTLINE_NUM))
    for p in paras:
        if p.startswith("TABLE:"):
            rows = _table_rows(p)
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            continue
        if p.startswith("H1:"):
            doc.add_paragraph(plain(p), style="Heading 1")
            continue
        para = doc.add_paragraph()
        if p.startswith(("N0:", "N1:")):
            numpr = etree.SubElement(para._p.get_or_add_pPr(), qn("w:numPr"))
            etree.SubElement(numpr, qn("w:ilvl")).set(qn("w:val"), p[1])
            etree.SubElement(numpr, qn("w:numId")).set(qn("w:val"), "90")
        if p.startswith("C:"):
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if plain(p):
            para.add_run(plain(p))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def write(paras: list[str], fmt: str, folder: Path, name: str) -> Path:
    path = folder / f"{name}.{fmt}"
    if fmt == "md":
        path.write_text(markdown(paras), encoding="utf-8")
    elif fmt == "txt":
        path.write_text(text(paras), encoding="utf-8")
    else:
        path.write_bytes(docx(paras))
    return path
