"""The report's paragraphs: each block of the document model as a styled paragraph, with
GB/T 9704's blank lines and the signature/date indent arithmetic.

The paragraphs are built with lxml directly (``SubElement`` and precomputed qualified
names), not through python-docx's proxies and schema-ordered insertion helpers: the writer
knows the order of every element it makes, and those helpers were over half of a batch's
time. The XML is the same, byte for byte, as python-docx's ``add_paragraph``/``add_r``/
``style`` setters produce.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from lxml.etree import SubElement

from reportgen.core.blocks import Block, BlockKind, Document
from reportgen.core.numbering import Family
from reportgen.core.style import StyleProfile
from reportgen.render.docx import masthead
from reportgen.render.docx.balance import balance
from reportgen.render.docx.ooxml import PPR, SECT, XML_SPACE, W, clean, font_attrs, put, twips
from reportgen.render.docx.titlebreak import break_title, width
from reportgen.render.layout import blank_line_before, signature_indents, tail_start

__all__ = ["Writer", "blank_line_before", "signature_indents"]

if TYPE_CHECKING:
    from reportgen.render.docx.base import Base

_P, _PPR, _PSTYLE, _IND = f"{{{W}}}p", f"{{{W}}}pPr", f"{{{W}}}pStyle", f"{{{W}}}ind"
_R, _RPR, _RSTYLE = f"{{{W}}}r", f"{{{W}}}rPr", f"{{{W}}}rStyle"
_T, _TAB, _BR, _VAL = f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br", f"{{{W}}}val"
_PRESERVE = {XML_SPACE: "preserve"}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


_BREAKS = re.compile(r"([\t\r\n])")


def _add_t(r: Any, text: str) -> None:
    # python-docx's CT_R.add_t: xml:space="preserve" when str.strip() would change the text.
    if len(text.strip()) < len(text):
        SubElement(r, _T, _PRESERVE).text = text
    else:
        SubElement(r, _T).text = text


# Quotes, ellipses and dashes share code points with Latin text. LibreOffice ignores
# w:hint and gives such a "weak" character the script of the nearest strong character
# before it (after it at the start of a paragraph): next to Chinese it draws them in the
# eastAsia font, but after a digit or a Latin letter in the ascii/hAnsi font, so with a
# Latin font “2024” gets narrow quotes and 95%…… six dots on the baseline. Those marks go
# in runs of their own whose every font slot names the paragraph's Chinese font. Marks
# between Chinese characters are left alone: a run boundary there widens LibreOffice's
# line by about half a point a run, which costs the 28-character line. A group (…… or
# ——) stays one run, and ICU never breaks a line inside such a pair.
SHARED_MARKS = re.compile("[\u2018\u2019\u201c\u201d\u2026\u2014\u2015]+")


def _weak(c: str) -> bool:
    return c.isspace() or "\u2000" <= c <= "\u206f"


def _latin_context(text: str, start: int, end: int) -> bool:
    """Whether LibreOffice gives ``text[start:end]`` (weak marks) the Latin script."""
    for c in (*reversed(text[:start]), *text[end:]):
        if not _weak(c):
            return unicodedata.east_asian_width(c) not in ("W", "F")
    return True


def _add_run(
    p: Any,
    text: str,
    style_id: str | None = None,
    chinese: str | None = None,
    bold: bool = False,
    before: str = "",
) -> None:
    """``w:r`` elements holding ``text``; tabs and line ends become ``w:tab`` and ``w:br``,
    as python-docx's ``Run.text`` makes them (each ``\\r`` or ``\\n`` one ``w:br``).

    With ``chinese`` (a profile with a separate Latin font) the quotes, ellipses and
    dashes that LibreOffice would draw in the Latin font go in runs of their own whose
    every font slot names that Chinese font. ``before`` is the paragraph's text ahead of
    ``text`` (a run-in heading), which decides that for marks at the start."""
    text = clean(text)
    spans = []
    if chinese is not None:
        spans = [
            m.span()
            for m in SHARED_MARKS.finditer(text)
            if _latin_context(before + text, len(before) + m.start(), len(before) + m.end())
        ]
    done = 0
    for start, end in spans:
        if start > done:
            _run(p, text[done:start], style_id, None, bold)
        _run(p, text[start:end], style_id, chinese, bold)
        done = end
    if done < len(text) or not spans:
        _run(p, text[done:], style_id, None, bold)


def _run(p: Any, text: str, style_id: str | None, font: str | None, bold: bool) -> None:
    r = SubElement(p, _R)
    if style_id or font or bold:
        rpr = SubElement(r, _RPR)
        if style_id:
            SubElement(rpr, _RSTYLE, {_VAL: style_id})
        if font:
            SubElement(rpr, _w("rFonts"), {_w(k): v for k, v in font_attrs(font, None).items()})
        if bold:
            SubElement(rpr, _w("b"))
    if "\t" in text or "\n" in text or "\r" in text:
        for piece in _BREAKS.split(text):
            if piece == "\t":
                SubElement(r, _TAB)
            elif piece == "\n" or piece == "\r":
                SubElement(r, _BR)
            elif piece:
                _add_t(r, piece)
    else:
        _add_t(r, text)  # an empty text still gets its (empty) w:t


def _keep_next(element: Any) -> None:
    """Keep a paragraph (or a table's last row) on the page of what follows it."""
    if element.tag == _w("tbl"):
        rows = element.findall(_w("tr"))
        for para in rows[-1].iter(_P) if rows else ():
            _keep_next(para)
        return
    ppr = element.find(_PPR)
    if ppr is None:
        ppr = element.makeelement(_PPR, {})
        element.insert(0, ppr)
    put(ppr, "keepNext", PPR)


# What a reference document's body 红头 already shows.
_LETTERHEAD_PARTS = (BlockKind.MARKINGS, BlockKind.ISSUER_MARK, BlockKind.DOC_NUMBER)
SEAL_BLANK_LINES = 3  # blank lines above a sealed signature (one without a seal)
# A 发文字号 in a 版头 is followed by the red line and two lines: no blank paragraph.
_MASTHEAD_END = (BlockKind.DOC_NUMBER, BlockKind.ISSUER_MARK)


class Writer:
    """Adds one report's paragraphs to the base document's (emptied) body."""

    def __init__(
        self,
        base: Base,
        profile: StyleProfile,
        document: Document,
        letterhead_gap: float | None = None,
    ) -> None:
        """``letterhead_gap``: the space before the title under a reference's 红头 whose
        red line this report placed (render/docx/letterhead.py); two lines otherwise."""
        self.base = base
        self.body = base.doc.element.body
        self.sect_pr = base.sect_pr
        self.styles = base.styles
        self.styles_root = base.doc.styles.element
        self.kept = len(base.letterhead)  # a reference's body 红头 opens the body
        # role → Chinese font for the quotes/dashes runs; only with a separate Latin font.
        self.fonts: dict[str, str] | None = base.fonts if profile.latin_font else None
        self.profile = profile
        self.document = document
        signature = next((b for b in document.blocks if b.kind is BlockKind.SIGNATURE), None)
        date = next((b for b in document.blocks if b.kind is BlockKind.DATE), None)
        # A reference document's body 红头 stands in for the report's own 版头.
        self.letterhead = bool(base.letterhead)
        self.letterhead_gap = letterhead_gap
        self.masthead = (
            masthead.Masthead(self.body, profile, document.format, document.blocks)
            if document.format != "plain" and not self.letterhead
            else None
        )
        self.titled = False
        self.added: list[Any] = []  # elements put into the shared section properties
        self.sig_indent, self.date_indent = signature_indents(
            clean(signature.text) if signature else "",
            clean(date.text) if date else "",
            document.seal,
        )

    def write(self) -> None:
        body = self.body
        blocks = self.document.blocks
        # GB/T 9704 7.3.5.5: the signature block never stands on a page without body
        # text. The last body paragraph, the blank lines, the attachment note and the
        # signature all keep with what follows, down to the date.
        # Attachment pages and the 版记 come after the signature block: it keeps with the
        # body above it, not with them.
        end = next(
            (
                i
                for i, b in enumerate(blocks)
                if b.kind in (BlockKind.ATTACHMENT_HEAD, BlockKind.IMPRINT)
            ),
            len(blocks),
        )
        keep_from = tail_start(blocks[:end])
        last = end - 1
        previous: BlockKind | None = None
        try:
            for index, block in enumerate(blocks):
                if self.letterhead and block.kind in _LETTERHEAD_PARTS:
                    continue
                keep = keep_from is not None and keep_from <= index < last
                in_masthead = self.masthead is not None and previous in _MASTHEAD_END
                if (
                    previous is not None
                    and not in_masthead
                    and blank_line_before(block.kind, previous)
                ):
                    # With a seal, room for it above the signature: a 42 mm seal spans
                    # about four lines, its top within one line of the body (GB/T 9704
                    # 7.3.5.1), the signature and date in its lower half.
                    sealed = self.document.seal and block.kind is BlockKind.SIGNATURE
                    for _ in range(SEAL_BLANK_LINES if sealed else 1):
                        blank = SubElement(body, _P)
                        if keep_from is not None and keep_from < index:
                            _keep_next(blank)
                start = len(body)
                self._block(block)
                if keep:
                    for element in body[start:]:
                        _keep_next(element)
                previous = block.kind
            if self.profile.avoid_widows:
                self._balance()
        finally:
            # The paragraphs were appended after the final section properties, which
            # must stay the body's last child: move it back to the end.
            body.append(self.sect_pr)
        if self.document.format == "letter" and self.sect_pr.find(_w("titlePg")) is None:
            # 信函格式: no page number on the first page (a first page without a footer).
            put(self.sect_pr, "titlePg", SECT)
            self.added.append(self.sect_pr.find(_w("titlePg")))

    def _balance(self) -> None:
        """No widow or orphan, 22 lines on every full page (render/docx/balance.py)."""
        styles = self.styles
        children = [c for c in self.body if c is not self.sect_pr]
        adjustable = {styles["normal"], styles["h2"], styles["h3"], styles["h4"]}
        balance(
            children,
            self.styles_root,
            self.sect_pr,
            self.profile,
            adjustable,
            unknown=self.kept,
            cache=self.base.balance_cache,
        )

    def cleanup(self) -> None:
        """Undo what this report changed in the shared base (the base is reused)."""
        for element in self.added:
            element.getparent().remove(element)
        self.added.clear()

    def _paragraph(self, role: str, text: str = "") -> Any:
        p = SubElement(self.body, _P)
        if role != "normal":  # Normal is the default style: no pStyle needed
            ppr = SubElement(p, _PPR)
            style_id = self.styles[role]
            if style_id is not None:  # python-docx's style setter leaves w:pPr empty
                SubElement(ppr, _PSTYLE, {_VAL: style_id})
        if text:
            _add_run(p, text, chinese=self._chinese(role))
        return p

    def _chinese(self, role: str) -> str | None:
        return None if self.fonts is None else self.fonts[role]

    def _block(self, block: Block) -> None:
        kind = block.kind
        if self._whole_document(block):
            return
        if kind is BlockKind.TITLE:
            # A long title is broken by hand (w:br) at a safe, balanced place: the office
            # suite would otherwise break wherever the line is full, splitting a word.
            title = self._paragraph(
                "title", "\n".join(break_title(block.text, self._title_capacity()))
            )
            if self.masthead is not None:
                self.masthead.title_spacing(title)
            elif self.letterhead and not self.titled:
                # Two lines under the 红头's red line (GB/T 9704 7.3.1).
                pitch = self.profile.line_pitch_pt
                gap = 2 * pitch if self.letterhead_gap is None else self.letterhead_gap
                masthead.title_gap(title, gap, pitch)
            self.titled = True
        elif kind is BlockKind.DOC_NUMBER:
            self._paragraph("doc_number", block.text)
        elif kind is BlockKind.RECIPIENT:
            self._paragraph("recipient", block.text)
        elif kind is BlockKind.HEADING and block.family is not Family.INLINE:
            level = min(max(block.level, 1), 4)
            p = self._paragraph(f"h{level}", block.marker + block.text)
            if block.body and block.run_in and self.profile.style_separator:
                self._style_separator(p, block)
            elif block.body:
                _add_run(
                    p,
                    block.body,
                    self.styles["run_in_body"],
                    self._chinese("run_in_body"),
                    before=block.marker + block.text,
                )
            if level == 1 or not block.body:
                # An own-line heading never ends a page: it moves down with the first
                # line of its text, and that page ends a line early.
                _keep_next(p)
        elif kind is BlockKind.GROUP:
            # A block above 一、 (第一部分　工作回顾): the level-1 heading's font (黑体 三号),
            # centred without indent, kept with the part below it.
            p = self._paragraph("h1", block.marker + block.text)
            self._indent(p, left=0)
            put(p[0], "jc", PPR, {"val": "center"})
            _keep_next(p)
        elif kind is BlockKind.ATTACHMENTS:
            self._attachments(block)
        elif kind is BlockKind.TABLE:
            self._table(block)
        elif kind is BlockKind.SIGNATURE:
            self._signature_line("signature", block.text)
        elif kind is BlockKind.DATE:
            self._signature_line("date", block.text)
        else:  # lead, paragraph, closing and 一是 item paragraphs are body text
            self._paragraph("normal", block.full_text)

    def _style_separator(self, heading: Any, block: Block) -> None:
        """Word's style separator: the heading paragraph's mark is hidden (``vanish`` and
        ``specVanish``), so its body, a paragraph of its own, continues on the same line;
        outlines and tables of contents see only the heading sentence."""
        rpr = put(heading[0], "rPr", PPR)
        SubElement(rpr, _w("vanish"))
        SubElement(rpr, _w("specVanish"))
        body = SubElement(self.body, _P)
        ppr = SubElement(body, _PPR)
        SubElement(ppr, _IND, {_w("firstLineChars"): "0", _w("firstLine"): "0"})
        _add_run(
            body, block.body, chinese=self._chinese("normal"), before=block.marker + block.text
        )

    def _whole_document(self, block: Block) -> bool:
        """The 版头, 附注, attachment pages and 版记 (render/docx/masthead.py)."""
        kind, mh = block.kind, self.masthead
        if mh is not None and kind is BlockKind.MARKINGS:
            mh.markings(block)
        elif mh is not None and kind is BlockKind.ISSUER_MARK:
            mh.issuer_mark(block)
        elif mh is not None and kind is BlockKind.DOC_NUMBER:
            mh.doc_number(block)
        elif kind is BlockKind.NOTE:
            # 附注: left indent 2 characters, the line after the date (GB/T 9704 7.3.6).
            self._indent(self._paragraph("attachments", block.text), left=2, hanging=0)
        elif kind is BlockKind.ATTACHMENT_HEAD:
            masthead.attachment_head(self.body, block, self.profile)
        elif kind is BlockKind.IMPRINT:
            masthead.imprint(self.body, block, self.profile, self.document.format)
        else:
            return kind in (BlockKind.MARKINGS, BlockKind.ISSUER_MARK)  # plain: not shown
        return True

    def _title_capacity(self) -> float:
        p = self.profile
        area_pt = (210 - p.margin_left_mm - p.margin_right_mm) / 25.4 * 72
        # One character of margin: substitute fonts draw digits wider than half an em.
        return int(area_pt / (p.title_size_pt + p.char_spacing_pt)) - 1

    def _indent(self, p: Any, **chars: float) -> None:
        """Direct indents in characters (Word's *Chars units) with a twips fallback.

        Only called on a paragraph ``_paragraph`` made with a non-Normal role: its w:pPr
        is the first child and holds at most a w:pStyle, so w:ind (later in CT_PPrBase's
        sequence) is simply appended."""
        size = self.profile.body_size_pt
        attrs: dict[str, str] = {}
        for side, value in chars.items():
            attrs[f"{{{W}}}{side}Chars"] = str(round(value * 100))
            attrs[f"{{{W}}}{side}"] = twips(value * size)
        if "hanging" not in chars:
            attrs[f"{{{W}}}firstLineChars"] = "0"
            attrs[f"{{{W}}}firstLine"] = "0"
        SubElement(p[0], _IND, attrs)

    def _table(self, block: Block) -> None:
        """Tables are laid out in render/docx/table.py (widths, cell size, landscape)."""
        from reportgen.render.docx.table import TableWriter

        TableWriter(self.body, self.sect_pr, self.profile).write(block)

    def _signature_line(self, role: str, text: str) -> None:
        """署名 and 成文日期 placed so that what the standard relates is exact whatever the
        digits' width (a date's digits are half a character in 仿宋_GB2312, wider in most
        stand-ins, and LibreOffice adds space at hanzi–digit boundaries):

        - no seal: the signature right-indented (all hanzi: its start is known), the date
          left-aligned from two characters right of the signature's first character;
        - seal: both centred on one centre tab stop, placed so that the date ends about
          four characters from the right edge: the signature is centred over the date.
        """
        p = self.profile
        char = p.body_size_pt + p.char_spacing_pt
        area = (210 - p.margin_left_mm - p.margin_right_mm) / 25.4 * 72
        para = self._paragraph(role, "")
        ppr = para[0]
        if self.document.seal:
            date = next((b.text for b in self.document.blocks if b.kind is BlockKind.DATE), "")
            centre = area - (self.date_indent + width(clean(date)) / 2) * char
            put(ppr, "tabs", PPR)
            SubElement(ppr.find(_w("tabs")), _w("tab"), {_VAL: "center", _w("pos"): twips(centre)})
            put(
                ppr,
                "ind",
                PPR,
                {"left": "0", "right": "0", "firstLine": "0", "firstLineChars": "0"},
            )
            put(ppr, "jc", PPR, {"val": "left"})
            _add_run(para, "\t" + text, chinese=self._chinese(role))
            return
        if role == "signature":
            self._indent(para, right=self._signature_indent())
            _add_run(para, text, chinese=self._chinese(role))
            return
        signature = next(
            (b.text for b in self.document.blocks if b.kind is BlockKind.SIGNATURE), ""
        )
        start = area - self._signature_indent() * p.body_size_pt
        start -= (width(clean(signature)) - 2) * char
        put(
            ppr,
            "ind",
            PPR,
            {"left": twips(start), "right": "0", "firstLine": "0", "firstLineChars": "0"},
        )
        put(ppr, "jc", PPR, {"val": "left"})
        _add_run(para, text, chinese=self._chinese(role))

    def _signature_indent(self) -> float:
        """The signature's right indent in Word's character unit (the font size, 16 pt):
        2 as written when the signature is the longer; when the date is, whatever brings
        the date's end two line characters (15.75 pt each) from the right edge."""
        p = self.profile
        signature = next(
            (b.text for b in self.document.blocks if b.kind is BlockKind.SIGNATURE), ""
        )
        date = next((b.text for b in self.document.blocks if b.kind is BlockKind.DATE), "")
        if width(clean(signature)) - width(clean(date)) >= 2:
            return self.sig_indent
        return self.sig_indent * (p.body_size_pt + p.char_spacing_pt) / p.body_size_pt

    def _attachments(self, block: Block) -> None:
        names = [clean(n) for n in block.items] or ([clean(block.text)] if block.text else [])
        lead = "附件："
        # 附件 is indented 2; each name's wrapped lines align with the name's first
        # character; later items align under the first item's number.
        for index, name in enumerate(names, 1):
            label = f"{index}." if len(names) > 1 else ""
            text_start = 2 + width(lead) + width(label)
            first = 2 if index == 1 else 2 + width(lead)
            p = self._paragraph("attachments", (lead if index == 1 else "") + label + name)
            self._indent(p, left=text_start, hanging=text_start - first)
