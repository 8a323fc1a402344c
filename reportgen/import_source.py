"""Reading a file for import: the shared readers' paragraphs, without scraped-page junk."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportgen.blocks import Document
from reportgen.import_notes import Notes, short
from reportgen.numbering import parse_marker
from reportgen.read.junk import find_junk, trailing_code
from reportgen.read.structure import Para
from reportgen.text import XML_ILLEGAL

SUFFIXES = (".docx", ".md", ".markdown", ".txt", ".text")


def read_for_import(path: Path, notes: Notes) -> Document:
    """Read ``path`` with the shared readers, without its junk."""
    from reportgen.errors import UsageError
    from reportgen.load import read_input
    from reportgen.read.structure import build_document
    from reportgen.read.text import join_split_title

    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(
            f"不能导入 {path.name}：只支持 .docx、.md 和 .txt 文件（.doc 请先在 Word 里另存为 .docx）。"
        )
    paras, bold = _paragraphs(read_input(path), suffix, str(path))
    paras = join_split_title(_drop_junk(_drop_controls(paras, notes), notes))
    return build_document(paras, str(path), bold_convention=bold)


def _paragraphs(data: bytes, suffix: str, source: str) -> tuple[list[Para], bool]:
    """The source's paragraphs via the shared readers, and whether bold marks run-in headings."""
    if suffix == ".docx":
        from reportgen.read.docx import docx_paragraphs

        return docx_paragraphs(data, source), False
    text = _decode(data, source)
    if suffix in (".md", ".markdown"):
        from reportgen.read.markdown import markdown_paragraphs

        paras = markdown_paragraphs(text)
        # Same rule as read_markdown: our own renders bold every heading sentence.
        return paras, any(p.head_end is not None and parse_marker(p.text) for p in paras)
    from reportgen.read.text import text_paragraphs

    return text_paragraphs(text), False


def _decode(data: bytes, source: str) -> str:
    from reportgen.errors import InputError
    from reportgen.load import decode

    text, problems = decode(data, source)
    if text is None:
        raise InputError(problems)
    return text


def _drop_controls(paras: list[Para], notes: Notes) -> list[Para]:
    """Remove the control characters Word and YAML cannot hold, one warning a paragraph."""
    out: list[Para] = []
    for para in paras:
        bad = XML_ILLEGAL.findall(para.text)
        if bad:
            codes = "、".join(sorted({f"U+{ord(c):04X}" for c in bad}))
            notes.add(
                para.origin.line,
                para.origin.column,
                "M005",
                "control-character",
                f"删去了不可见的控制字符 {codes}。",
            )
            para = replace(para, text=XML_ILLEGAL.sub("", para.text))
        out.append(para)
    return out


def _drop_junk(paras: list[Para], notes: Notes) -> list[Para]:
    """Drop junk paragraphs and code glued to the end of the last one."""
    junk = find_junk([p.text for p in paras])
    for j in junk:
        p = paras[j.index]
        notes.add(
            p.origin.line,
            p.origin.column,
            "M001",
            "junk-dropped",
            f"删去了网页残留（{j.reason}）：“{short(j.text)}”。",
        )
    drop = {j.index for j in junk}
    out = [p for i, p in enumerate(paras) if i not in drop]
    if out and (tail := trailing_code(out[-1].text)):
        last = out[-1]
        notes.add(
            last.origin.line,
            last.origin.column + len(last.text) - len(tail),
            "M001",
            "junk-dropped",
            f"删去了段末的网页代码残留：“{tail.strip()}”。",
        )
        out[-1] = replace(last, text=last.text[: len(last.text) - len(tail)])
    return out
