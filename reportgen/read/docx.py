"""A finished DOCX report → the document model, read with python-docx.

Styles and outline levels say what a paragraph is where present (Title, Heading N / 标题 N,
Salutation, Signature, Date); a file typed by hand with every paragraph in 正文 is read by
its markers and layout instead (a centred first paragraph is the title). A paragraph whose
first runs are set differently from the rest (bold, another font or character style) is a
run-in heading: the heading sentence is those first runs. Positions are paragraph numbers
(1-based, blank paragraphs counted) so that a reader can count down in Word.

A manual line break (Shift+Enter, ``w:br``) in body text starts a new paragraph: people
use it for one, often indenting the next line with full-width spaces. In a title (set on
two lines) and in an attachment note (one attachment a line) it stays a line break.

A paragraph numbered by Word itself (a list: ``w:numPr``) gets the marker Word shows in
front of it (:mod:`reportgen.read.docx_numbering`), as if it had been typed; an item of a
bulleted list is marked ``bullet``.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from typing import Any

from reportgen import codes
from reportgen.core.blocks import Document, Origin
from reportgen.core.numbering import parse_marker
from reportgen.errors import InputError, UsageError
from reportgen.problem import Level, Problem
from reportgen.read.docx_numbering import Numbering, Shown, paragraph_num
from reportgen.read.docx_tables import table_rows
from reportgen.read.structure import SENTENCE_PUNCT, Hint, Para, document_from_paras

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_STYLE_NAMES: dict[str, Hint] = {
    "title": Hint.TITLE,
    "标题": Hint.TITLE,
    "salutation": Hint.RECIPIENT,
    "称呼": Hint.RECIPIENT,
    "signature": Hint.SIGNATURE,
    "签名": Hint.SIGNATURE,
    "date": Hint.DATE,
    "日期": Hint.DATE,
    "附件说明": Hint.ATTACHMENTS,
    "发文字号": Hint.DOC_NUMBER,
}


def _attr(element: Any, tag: str, name: str = "val") -> str | None:
    if element is None:
        return None
    child = element.find(f"{_W}{tag}")
    return None if child is None else child.get(f"{_W}{name}", "on")


def _outline_level(ppr: Any) -> int | None:
    """Word's outline level 0–8 as a heading level 1–9 (9 means body text)."""
    value = _attr(ppr, "outlineLvl")
    if value is not None and value.isdigit() and int(value) < 9:
        return int(value) + 1
    return None


def _run_look(run: Any) -> tuple[str | None, ...]:
    """What a run looks like: character style, bold, fonts, size (from direct formatting)."""
    rpr = run.find(f"{_W}rPr")
    fonts = None if rpr is None else rpr.find(f"{_W}rFonts")
    return (
        _attr(rpr, "rStyle"),
        _attr(rpr, "b"),
        None if fonts is None else fonts.get(f"{_W}eastAsia"),
        None if fonts is None else fonts.get(f"{_W}ascii"),
        _attr(rpr, "sz"),
    )


def _run_text(run: Any) -> str:
    out = []
    for child in run:
        if child.tag == f"{_W}t":
            out.append(child.text or "")
        elif child.tag == f"{_W}tab":
            out.append("\t")
        elif child.tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
    return "".join(out)


def _paragraph_runs(p: Any) -> list[tuple[str, tuple[str | None, ...]]]:
    runs = []
    for child in p.iter(f"{_W}r"):
        text = _run_text(child)
        if text:
            runs.append((text, _run_look(child)))
    return runs


_Runs = list[tuple[str, tuple[str | None, ...]]]


def _split_at_breaks(runs: _Runs) -> list[_Runs]:
    """The runs of each line of a paragraph (lines end at w:br and w:cr)."""
    lines: list[_Runs] = [[]]
    for text, look in runs:
        for k, piece in enumerate(text.split("\n")):
            if k:
                lines.append([])
            if piece:
                lines[-1].append((piece, look))
    return lines


def _keeps_breaks(text: str, hint: Hint, centred: bool, first: bool) -> bool:
    """A title or an attachment note: its line breaks are not paragraph breaks."""
    if hint in (Hint.TITLE, Hint.ATTACHMENTS) or centred or text.lstrip().startswith("附件"):
        return True
    # A title typed over two lines in 正文 at the top: short lines, no sentence punctuation.
    lines = [x.strip() for x in text.split("\n") if x.strip()]
    return first and all(len(x) <= 40 and not SENTENCE_PUNCT.search(x) for x in lines)


def _head_end(runs: list[tuple[str, tuple[str | None, ...]]]) -> int | None:
    """Length of the leading runs when they look different from the ones after them.

    A leading part that does not end a sentence counts only when its look does not come
    back later: digits set in another font (``召开`` ``3`` ``次``) do not end a heading.
    """
    if len(runs) < 2:
        return None
    first = runs[0][1]
    length = 0
    for k, (text, look) in enumerate(runs):
        if look != first:
            ends = "".join(t for t, _ in runs[:k]).rstrip()[-1:] + runs[k][0].lstrip()[:1]
            if not set(ends) & set("。！？") and any(x == first for _, x in runs[k:]):
                return None
            return length
        length += len(text)
    return None


# Word follows basedOn only so far; a longer chain (or a cycle) is cut here, so that a
# hostile file of 30 KB cannot make every paragraph walk thousands of styles.
MAX_STYLE_CHAIN = 50


class _Styles:
    """Style id → (hint, level, centred) and (numId, ilvl), following basedOn at most
    :data:`MAX_STYLE_CHAIN` styles deep; each style's XML is read once per document."""

    def __init__(self, doc: Any) -> None:
        self.by_id: dict[str, Any] = {}
        root = doc.styles.element
        for style in root.findall(f"{_W}style"):
            self.by_id.setdefault(style.get(f"{_W}styleId") or "", style)
        self.based_on = {sid: _attr(style, "basedOn") for sid, style in self.by_id.items()}
        self.own: dict[str, tuple[Hint, int, bool]] = {}
        self.cache: dict[str, tuple[Hint, int, bool]] = {}
        self.nums: dict[str, tuple[str | None, int | None]] = {}

    def chain(self, style_id: str) -> list[str]:
        """The style and those it is based on, nearest first (no cycle, at most 50)."""
        out: list[str] = []
        seen: set[str] = set()
        sid: str | None = style_id
        while sid and sid not in seen and sid in self.by_id and len(out) < MAX_STYLE_CHAIN:
            seen.add(sid)
            out.append(sid)
            sid = self.based_on[sid]
        return out

    def num(self, style_id: str) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph style numbers its paragraphs with, following basedOn."""
        if style_id not in self.nums:
            self.nums[style_id] = self._num(style_id)
        return self.nums[style_id]

    def _num(self, style_id: str) -> tuple[str | None, int | None]:
        for sid in self.chain(style_id):
            ppr = self.by_id[sid].find(f"{_W}pPr")
            numpr = None if ppr is None else ppr.find(f"{_W}numPr")
            if numpr is not None:
                ilvl = _attr(numpr, "ilvl")
                num_id = _attr(numpr, "numId")
                # A bare <w:numId/> (no value) is no list, not a list called "on".
                num_id = num_id if num_id and num_id.isdigit() else None
                return num_id, int(ilvl) if ilvl and ilvl.isdigit() and len(ilvl) <= 2 else None
        return None, None

    def _own(self, sid: str) -> tuple[Hint, int, bool]:
        """What the style itself (not those it is based on) says."""
        if sid not in self.own:
            style = self.by_id[sid]
            name = (_attr(style, "name") or "").strip()
            ppr = style.find(f"{_W}pPr")
            hint, level = Hint.NONE, 0
            if m := _HEADING_NAME.match(name):
                hint, level = Hint.HEADING, int(m.group(1))
            elif name.lower() in _STYLE_NAMES:
                hint = _STYLE_NAMES[name.lower()]
            elif (outline := _outline_level(ppr)) is not None:
                hint, level = Hint.HEADING, outline
            self.own[sid] = (hint, level, _attr(ppr, "jc") == "center")
        return self.own[sid]

    def info(self, style_id: str) -> tuple[Hint, int, bool]:
        if style_id in self.cache:
            return self.cache[style_id]
        hint, level, centred = Hint.NONE, 0, False
        for sid in self.chain(style_id):
            own_hint, own_level, own_centred = self._own(sid)
            if hint is Hint.NONE and own_hint is not Hint.NONE:
                hint, level = own_hint, own_level
            centred = centred or own_centred
        self.cache[style_id] = (hint, level, centred)
        return hint, level, centred


def docx_paragraphs(data: bytes, source: str = "") -> list[Para]:
    from reportgen.core.docx_archive import vet_docx

    vet_docx(data, source, what="文件", bad=codes.BAD_DOCX, too_large=codes.DOCX_TOO_LARGE)
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise UsageError(f"读取 .docx 需要 python-docx：{exc}") from None
    try:
        doc = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own
        raise InputError(
            [
                Problem.of(
                    source,
                    0,
                    0,
                    Level.ERROR,
                    codes.BAD_DOCX,
                    f"无法读取 .docx 文件（{type(exc).__name__}）：文件损坏或不是 Word 文档。",
                )
            ]
        ) from None
    styles = _Styles(doc)
    numbering = Numbering(_numbering_root(doc), lambda sid: styles.num(sid)[0])
    paras: list[Para] = []
    body = doc.element.body
    number = 0
    # Word counts numbered paragraphs wherever they stand (in tables and content controls
    # too); only the body's own paragraphs are read as the report's text.
    tables: set[Any] = set()  # the body's tables already read
    for p in body.iter(f"{_W}p"):
        if p.getparent() is not body:
            table = _body_table(p, body)
            if table is not None and table not in tables:
                tables.add(table)
                rows = table_rows(table, lambda q: "".join(t for t, _ in _paragraph_runs(q)))
                if rows:
                    flat = "\n".join("，".join(row) for row in rows)
                    paras.append(Para(flat, Origin(number + 1, 0), hint=Hint.TABLE, rows=rows))
            ppr = p.find(f"{_W}pPr")
            if (num := paragraph_num(ppr, styles.num(_attr(ppr, "pStyle") or ""))) is not None:
                numbering.shown(*num)
            continue
        number += 1
        runs = _paragraph_runs(p)
        text = "".join(t for t, _ in runs)
        ppr = p.find(f"{_W}pPr")
        style_id = _attr(ppr, "pStyle") or ""
        num = paragraph_num(ppr, styles.num(style_id))
        shown = numbering.shown(*num) if num else Shown()  # empty items count too
        if not text.strip():
            continue
        hint, level, centred = styles.info(style_id)
        if (outline := _outline_level(ppr)) is not None:
            hint, level = Hint.HEADING, outline
        jc = _attr(ppr, "jc")
        if jc is not None:
            centred = jc == "center"
        if "\n" in text and not _keeps_breaks(text, hint, centred, not paras):
            pieces = [r for r in _split_at_breaks(runs) if "".join(t for t, _ in r).strip()]
        else:
            pieces = [runs]
        marker = shown.marker
        if hint is Hint.HEADING and parse_marker(marker) is None:
            marker = ""  # 1.1 of a numbered Heading style: the style says the level
        for k, piece in enumerate(pieces):
            # The lines after a heading's break are its body (Word styles a whole paragraph).
            after_heading = k > 0 and hint is Hint.HEADING
            para = _para(
                piece, Origin(number, 0), Hint.NONE if after_heading else hint, level, centred
            )
            if k == 0:
                para = _numbered(para, piece, marker, shown)
            paras.append(para)
    return paras


def _body_table(p: Any, body: Any) -> Any:
    """The table of the body that holds paragraph ``p`` (None outside tables)."""
    node = p.getparent()
    table = None
    while node is not None and node is not body:
        if node.tag == f"{_W}tbl":
            table = node
        node = node.getparent()
    return table if node is body else None


def _numbering_root(doc: Any) -> Any:
    """numbering.xml of the document, None when it has none."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return doc.part.part_related_by(RT.NUMBERING).element
    except (KeyError, AttributeError):
        return None


def _numbered(para: Para, runs: _Runs, marker: str, shown: Shown) -> Para:
    """``para`` with the marker Word draws in front of it, as if typed (see docx_numbering)."""
    if shown.problem or shown.bullet:
        return replace(para, bullet=shown.bullet, numbering_problem=shown.problem)
    if not marker:
        return para
    text = marker + para.text
    head_end = None
    if parse_marker(text) is not None:
        while runs and not runs[0][0].strip():
            runs = runs[1:]
        lead = len("".join(t for t, _ in runs)) - len("".join(t for t, _ in runs).lstrip())
        inner = _head_end(runs)
        head_end = None if inner is None else len(marker) + inner - lead
    return replace(para, text=text, head_end=head_end)


def _para(runs: _Runs, origin: Origin, hint: Hint, level: int, centred: bool) -> Para:
    if hint is not Hint.HEADING:
        level = 0
    while runs and not runs[0][0].strip():  # indentation typed as a run of its own
        runs = runs[1:]
    text = "".join(t for t, _ in runs)
    stripped = len(text) - len(text.lstrip())
    found = parse_marker(text.strip())
    head_end = None
    if found and runs[0][0].strip() == found.text:
        # （一） typed in a run of its own, the heading sentence set off after it.
        after = _head_end(runs[1:])
        head_end = None if after is None else len(runs[0][0]) + after
    if found and head_end is None:
        head_end = _head_end(runs)
    if head_end is not None:
        head_end -= stripped
    return Para(text.strip(), origin, hint=hint, level=level, head_end=head_end, centered=centred)


_CATEGORY = re.compile(r"<cp:category>([^<]{1,255})</cp:category>")


def declared_kind(data: bytes) -> str:
    """The kind a .docx names itself: its core property category (类别), which render
    writes; "" when there is none (a vetted archive is assumed)."""
    import html
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > 1 << 20:
                return ""
            xml = archive.read(info).decode("utf-8", "replace")
    except (KeyError, OSError, zipfile.BadZipFile):
        return ""
    found = _CATEGORY.search(xml)
    return html.unescape(found.group(1)).strip() if found else ""


def read_docx(data: bytes, source: str) -> Document:
    """Read a .docx report (ours or typed by hand in Word) into a Document."""
    paras = docx_paragraphs(data, source)
    return document_from_paras(paras, source, declared=declared_kind(data))
