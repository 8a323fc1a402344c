"""Reading a file for import: the shared readers' paragraphs, without scraped-page junk."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from reportgen import codes
from reportgen.core.blocks import BlockKind, Document
from reportgen.core.numbering import Family, parse_group, parse_marker
from reportgen.core.text import XML_ILLEGAL, has_han
from reportgen.importing.notes import Notes, short
from reportgen.importing.points import BULLET
from reportgen.read.junk import find_junk, junk_spans, trailing_code
from reportgen.read.structure import Hint, Para

SUFFIXES = (".docx", ".md", ".markdown", ".txt", ".text")


def read_for_import(path: Path, notes: Notes) -> Document:
    """Read ``path`` with the shared readers, without its junk."""
    from reportgen.core.load import read_input
    from reportgen.errors import UsageError
    from reportgen.read.structure import document_from_paras
    from reportgen.read.text import join_split_title

    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(
            f"不能导入 {path.name}：只支持 .docx、.md 和 .txt 文件（.doc 请先在 Word 里另存为 .docx）。"
        )
    data = read_input(path)
    paras, bold = _paragraphs(data, suffix, str(path))
    for p in paras:
        if p.numbering_problem:
            notes.add(
                p.origin.line,
                p.origin.column,
                codes.NOTE_NUMBERING,
                f"这一段用的是 Word 自动编号，但{p.numbering_problem}，没能读出编号；"
                f"“{short(p.text, 20)}”按没有编号导入，请核对它在提纲里的位置。",
            )
    if suffix in (".md", ".markdown"):
        from reportgen.read.markdown import html_notes

        # HTML blocks are read as text: say so, and what was dropped (scripts, comments).
        for line, message in html_notes(_decode(data, str(path))):
            notes.add(line, 1, codes.NOTE_HTML_BLOCK, message)
    paras = _drop_repeated_title(
        join_split_title(_unwrap(_drop_junk(_drop_controls(paras, notes), notes))), notes
    )
    document = document_from_paras(
        paras, str(path), bold_convention=bold, declared=_declared(data, suffix)
    )
    _tables_outside_parts(document, notes)
    return document


def _tables_outside_parts(document: Document, notes: Notes) -> None:
    """Tables above the first part heading have no place in a report file: M009 each. (In a
    report without part headings everything goes into one work part, tables included.)"""
    levels = [b.level for b in document.headings() if b.level and b.family is not Family.INLINE]
    if not levels:
        return
    for block in document.blocks:
        if block.kind is BlockKind.HEADING and block.level == min(levels):
            return
        if block.kind is BlockKind.TABLE:
            notes.add(
                block.origin.line,
                block.origin.column,
                codes.NOTE_TABLE,
                "这个表格在第一个部分标题之前，报告文件里没有位置放它，没有导入；"
                "请把它移到相应的部分里。",
            )


def docx_tables(data: bytes) -> list[int]:
    """Where each table of a .docx body stands: the number of body paragraphs before it,
    counted as :mod:`reportgen.read.docx` numbers them (a table inside a table is part of it).
    """
    import io
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("word/document.xml")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        body = etree.fromstring(xml, parser).find(f"{w}body")
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError):
        return []  # the reader has read it already; nothing to add about a broken file
    if body is None:
        return []
    found: list[int] = []
    paragraphs = 0
    for child in body:
        if child.tag == f"{w}p":
            paragraphs += 1
        elif child.tag == f"{w}tbl":
            found.append(paragraphs)
        else:  # content controls (w:sdt) and the like can hold tables too
            inner = child.xpath(".//w:tbl[not(ancestor::w:tbl)]", namespaces={"w": w[1:-1]})
            found += [paragraphs] * len(inner)
    return found


def _declared(data: bytes, suffix: str) -> str:
    """The kind the file names itself (DOCX category, Markdown front matter ``kind:``)."""
    if suffix == ".docx":
        from reportgen.read.docx import declared_kind

        return declared_kind(data)
    if suffix in (".md", ".markdown"):
        from reportgen.read.markdown import front_matter

        return front_matter(_decode(data, ""))[0]
    return ""


def _paragraphs(data: bytes, suffix: str, source: str) -> tuple[list[Para], bool]:
    """The source's paragraphs via the shared readers, and whether bold marks run-in headings."""
    if suffix == ".docx":
        from reportgen.read.docx import docx_paragraphs

        return _mark_bullets(docx_paragraphs(data, source), set()), False
    text = _decode(data, source)
    if suffix in (".md", ".markdown"):
        from reportgen.read.markdown import front_matter, markdown_paragraphs

        text = front_matter(text)[1]
        paras = _mark_bullets(markdown_paragraphs(text), _bullet_lines(text))
        # Same rule as read_markdown: our own renders bold every heading sentence.
        return paras, any(p.head_end is not None and parse_marker(p.text) for p in paras)
    from reportgen.read.text import text_paragraphs

    return text_paragraphs(text), False


def _bullet_lines(text: str) -> set[int]:
    """The lines (1-based) where an item of a Markdown bullet list starts its text."""
    from markdown_it import MarkdownIt

    lines: set[int] = set()
    lists: list[str] = []
    item_open = False
    for tok in MarkdownIt("commonmark").parse(text):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(tok.type)
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif tok.type == "list_item_open":
            item_open = True
        elif tok.type == "inline" and item_open:
            if lists and lists[-1] == "bullet_list_open" and tok.map is not None:
                lines.add(tok.map[0] + 1)
            item_open = False
    return lines


def _mark_bullets(paras: list[Para], lines: set[int]) -> list[Para]:
    """Give the paragraphs of a bullet list (Markdown ``-`` at ``lines``, Word's bulleted
    lists) the bullet the reader drops, so that a list of points can be told from
    paragraphs (a marker paragraph stays a heading)."""
    return [
        replace(p, text=BULLET + p.text)
        if (p.bullet or p.origin.line in lines)
        and p.hint is Hint.NONE
        and parse_marker(p.text) is None
        else p
        for p in paras
    ]


def _decode(data: bytes, source: str) -> str:
    from reportgen.core.load import decode
    from reportgen.errors import InputError

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
            points = "、".join(sorted({f"U+{ord(c):04X}" for c in bad}))
            notes.add(
                para.origin.line,
                para.origin.column,
                codes.NOTE_CONTROL_CHARACTER,
                f"删去了不可见的控制字符 {points}。",
            )
            para = replace(para, text=XML_ILLEGAL.sub("", para.text))
        out.append(para)
    return out


def _cut_junk(para: Para, notes: Notes) -> Para:
    """``para`` without the page furniture glued to its sentences (……20本。分享到：朋友圈)."""
    if para.rows or not has_han(para.text):
        return para
    spans = junk_spans(para.text)
    if not spans:
        return para
    text = para.text
    for start, end, reason in spans:
        before = text[:start]
        line = para.origin.line + before.count("\n")
        column = start - before.rfind("\n") if "\n" in before else para.origin.column + start
        if not para.origin.column:
            column = 0  # a .docx paragraph: its number is known, not a column
        notes.add(
            line,
            column,
            codes.NOTE_JUNK_DROPPED,
            f"删去了网页残留（{reason}）：“{short(text[start:end])}”。",
        )
    kept = text
    for start, end, _reason in reversed(spans):
        kept = kept[:start].rstrip(" \t\u3000") + kept[end:]
    kept = kept.strip()
    head_end = para.head_end
    if head_end is not None:
        cut = sum(min(end, head_end) - start for start, end, _ in spans if start < head_end)
        head_end = max(head_end - cut, 0) or None
    return replace(para, text=kept, head_end=head_end)


# Emoji and pictographs a WeChat article decorates lines with (📌, ✅, ▶️); the text itself
# never needs them in a report.
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]+")
# A WeChat heading set in 【】: 【一、工作情况】 is the heading 一、工作情况.
_BRACKETED = re.compile(r"^【([^【】]+)】$")


def _unwrap(paras: list[Para]) -> list[Para]:
    """WeChat decoration off: emoji anywhere, 【】 around a whole marker line."""
    out: list[Para] = []
    for para in paras:
        text = _EMOJI.sub("", para.text) if para.hint is not Hint.TABLE else para.text
        m = _BRACKETED.match(text.strip())
        inner = m.group(1).strip() if m else ""
        if m and (parse_marker(inner) is not None or parse_group(inner) is not None):
            text = m.group(1).strip()
        out.append(para if text == para.text else replace(para, text=text.strip()))
    return [p for p in out if p.text.strip() or p.rows]


def _drop_repeated_title(paras: list[Para], notes: Notes) -> list[Para]:
    """A page shows the title twice (page heading, article title): keep one."""
    for k in range(min(len(paras) - 1, 5)):
        first, second = paras[k].text.strip(), paras[k + 1].text.strip()
        if first and first == second and len(first) <= 60 and parse_marker(first) is None:
            notes.add(
                paras[k + 1].origin.line,
                paras[k + 1].origin.column,
                codes.NOTE_JUNK_DROPPED,
                f"删去了网页残留（重复的标题）：“{short(second)}”。",
            )
            return paras[: k + 1] + paras[k + 2 :]
    return paras


def _drop_junk(paras: list[Para], notes: Notes) -> list[Para]:
    """Drop junk paragraphs, cut junk glued to report text off the others (M001 quotes only
    what went), and code glued to the end of the last one."""
    junk = find_junk([p.text for p in paras])
    for j in junk:
        p = paras[j.index]
        notes.add(
            p.origin.line,
            p.origin.column,
            codes.NOTE_JUNK_DROPPED,
            f"删去了网页残留（{j.reason}）：“{short(j.text)}”。",
        )
    drop = {j.index for j in junk}
    paras = [p if i in drop else _cut_junk(p, notes) for i, p in enumerate(paras)]
    out = [p for i, p in enumerate(paras) if i not in drop]
    if out and (tail := trailing_code(out[-1].text)):
        last = out[-1]
        notes.add(
            last.origin.line,
            last.origin.column + len(last.text) - len(tail),
            codes.NOTE_JUNK_DROPPED,
            f"删去了段末的网页代码残留：“{tail.strip()}”。",
        )
        out[-1] = replace(last, text=last.text[: len(last.text) - len(tail)])
    return out
