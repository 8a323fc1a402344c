"""The report's paragraphs: each block of the document model as a styled paragraph, with
GB/T 9704's blank lines and the signature/date indent arithmetic."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docx.text.run import Run

from reportgen.blocks import Block, BlockKind, Document
from reportgen.numbering import Family
from reportgen.render.docx.ooxml import PPR, clean, put, twips
from reportgen.style import StyleProfile
from reportgen.titlebreak import break_title, width

if TYPE_CHECKING:
    from reportgen.render.docx.base import Base


def signature_indents(signature: str, date: str, seal: bool) -> tuple[float, float]:
    """Right indents (in characters) of the signature and the date lines, GB/T 9704 7.3.5.

    Without a seal the signature is right-indented 2 and the date starts 2 characters to
    the right of the signature's start: date indent = 2 + S − 2 − D = S − D. When that is
    under 2 (a date about as long as the signature, or longer) the date keeps 2 and the
    signature moves left instead: signature indent = 2 + D + 2 − S. With a seal the date
    is right-indented 4 and the signature centred over it: 4 + (D − S) / 2.
    """
    s, d = width(signature), width(date)
    if seal:
        return max(0.0, 4 + (d - s) / 2), 4.0
    if s - d >= 2:
        return 2.0, s - d
    return d + 4 - s, 2.0


def _add_run(paragraph: Any, text: str, style_id: str | None = None) -> None:
    text = clean(text)
    r = paragraph._p.add_r()
    if style_id:
        r.style = style_id
    if "\t" in text or "\n" in text or "\r" in text:
        Run(r, paragraph).text = text  # turns them into w:tab and w:br
    else:
        r.add_t(text)  # Run.text walks the string one character at a time


def blank_line_before(kind: BlockKind, previous: BlockKind) -> bool:
    """GB/T 9704 blank lines: under the title (and a document number), above the
    attachment note and above the signature block."""
    if previous is BlockKind.DOC_NUMBER:
        return True
    if previous is BlockKind.TITLE:
        return kind is not BlockKind.TITLE  # a title given as several lines
    if kind in (BlockKind.ATTACHMENTS, BlockKind.SIGNATURE):
        return True
    return kind is BlockKind.DATE and previous is not BlockKind.SIGNATURE


class Writer:
    """Adds one report's paragraphs to the base document's (emptied) body."""

    def __init__(self, base: Base, profile: StyleProfile, document: Document) -> None:
        self.doc = base.doc
        self.styles = base.styles
        self.profile = profile
        self.document = document
        signature = next((b for b in document.blocks if b.kind is BlockKind.SIGNATURE), None)
        date = next((b for b in document.blocks if b.kind is BlockKind.DATE), None)
        self.sig_indent, self.date_indent = signature_indents(
            clean(signature.text) if signature else "",
            clean(date.text) if date else "",
            document.seal,
        )

    def write(self) -> None:
        previous: BlockKind | None = None
        for block in self.document.blocks:
            if previous is not None and blank_line_before(block.kind, previous):
                self.doc.add_paragraph()
            self._block(block)
            previous = block.kind

    def _paragraph(self, role: str, text: str = "") -> Any:
        paragraph = self.doc.add_paragraph()
        if role != "normal":  # Normal is the default style: no pStyle needed
            # python-docx's public style setter re-reads styles.xml on every call; the
            # ids are known, so set them at the oxml level (a third of the render time).
            paragraph._p.style = self.styles[role]
        if text:
            _add_run(paragraph, text)
        return paragraph

    def _block(self, block: Block) -> None:
        kind = block.kind
        if kind is BlockKind.TITLE:
            # A long title is broken by hand (w:br) at a safe, balanced place: the office
            # suite would otherwise break wherever the line is full, splitting a word.
            self._paragraph("title", "\n".join(break_title(block.text, self._title_capacity())))
        elif kind is BlockKind.DOC_NUMBER:
            self._paragraph("doc_number", block.text)
        elif kind is BlockKind.RECIPIENT:
            self._paragraph("recipient", block.text)
        elif kind is BlockKind.HEADING and block.family is not Family.INLINE:
            level = min(max(block.level, 1), 4)
            paragraph = self._paragraph(f"h{level}", block.marker + block.text)
            if block.body:
                _add_run(paragraph, block.body, self.styles["run_in_body"])
        elif kind is BlockKind.ATTACHMENTS:
            self._attachments(block)
        elif kind is BlockKind.SIGNATURE:
            self._right_indented("signature", block.text, self.sig_indent)
        elif kind is BlockKind.DATE:
            self._right_indented("date", block.text, self.date_indent)
        else:  # lead, paragraph, closing and 一是 item paragraphs are body text
            self._paragraph("normal", block.full_text)

    def _title_capacity(self) -> float:
        p = self.profile
        area_pt = (210 - p.margin_left_mm - p.margin_right_mm) / 25.4 * 72
        # One character of margin: substitute fonts draw digits wider than half an em.
        return int(area_pt / (p.title_size_pt + p.char_spacing_pt)) - 1

    def _indent(self, paragraph: Any, **chars: float) -> None:
        """Direct indents in characters (Word's *Chars units) with a twips fallback."""
        size = self.profile.body_size_pt
        attrs: dict[str, str] = {}
        for side, value in chars.items():
            attrs[f"{side}Chars"] = str(round(value * 100))
            attrs[side] = twips(value * size)
        if "hanging" not in chars:
            attrs |= {"firstLineChars": "0", "firstLine": "0"}
        put(paragraph._p.get_or_add_pPr(), "ind", PPR, attrs)

    def _right_indented(self, role: str, text: str, indent: float) -> None:
        self._indent(self._paragraph(role, text), right=indent)

    def _attachments(self, block: Block) -> None:
        names = [clean(n) for n in block.items] or ([clean(block.text)] if block.text else [])
        lead = "附件："
        # 附件 is indented 2; each name's wrapped lines align with the name's first
        # character; later items align under the first item's number.
        for index, name in enumerate(names, 1):
            label = f"{index}." if len(names) > 1 else ""
            text_start = 2 + width(lead) + width(label)
            first = 2 if index == 1 else 2 + width(lead)
            paragraph = self._paragraph("attachments", (lead if index == 1 else "") + label + name)
            self._indent(paragraph, left=text_start, hanging=text_start - first)
