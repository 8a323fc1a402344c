"""One report's 版头 data put into a reference document's body 红头 (render/docx/reference.py
finds the 红头; the base document keeps it; this module makes a filled copy per report).

How the number line goes in (README, "使用单位自己的 Word 文件"):
- the **发文字号 line** (上行文: the number flush left with one character of space and
  ``签发人：`` + names right with one character of space; otherwise the number centred, in
  信函格式 flush right) takes the place of a placeholder paragraph of the 红头: one holding a
  bookmark named ``reportgen_number``, the text ``〔发文字号〕``, a 发文字号 as templates type it
  (``青教发〔2025〕　号``, ``×教发〔20××〕×号``) or ``签发人`` (or a table holding such a
  paragraph, which goes as a whole); without one it goes just above the
  red line;
- the **red line** is then set 4 mm under the number line as GB/T 9704 7.2.5 puts it, in the
  template's colour and thickness: a paragraph border moves from its paragraph to an empty
  paragraph of the right height; a drawn line is replaced by such a border (a drawn line's
  position depends on how it is anchored, which cannot be read back reliably); the empty
  paragraphs between the number line and the red line go;
- the **标志**: a paragraph holding a bookmark named ``reportgen_mark`` or the text
  ``〔发文机关标志〕`` gets the report's ``issuer_mark`` (or org + 文件) in its first run's
  formatting; otherwise the template's own 标志 stays;
- everything above the number line (the 标志, blank lines) stays as the template has it;
  the title starts two lines under the red line.

Without a 发文字号 in the report, the 红头 stays exactly as the template has it.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from reportgen.core.blocks import Block, BlockKind, Document
from reportgen.core.style import StyleProfile
from reportgen.render import layout
from reportgen.render.docx import masthead
from reportgen.render.docx.ooxml import W
from reportgen.render.docx.reference import _A, _VML_LINE, is_red

NUMBER_BOOKMARK = "reportgen_number"
MARK_BOOKMARK = "reportgen_mark"
NUMBER_PLACEHOLDER = "〔发文字号〕"
MARK_PLACEHOLDER = "〔发文机关标志〕"
# A 发文字号 as a template types it: 青教发〔2025〕　号, ×教发〔20××〕×号, 〔　〕号 …
_NUMBER_LIKE = re.compile(r"[〔\[［(（][^〕\]］)）]{0,8}[〕\]］)）][^，。]{0,6}号")
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def text_of(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(_w("t")))


def _bookmarked(p: Any, name: str) -> bool:
    return any(b.get(_w("name")) == name for b in p.iter(_w("bookmarkStart")))


@dataclass
class Filled:
    """The 红头 for one report: the elements to put at the body's start instead of the
    base's, and the space before the title (points; ``None``: two lines)."""

    elements: list[Any]
    title_gap: float | None = None


def _is_number_placeholder(p: Any) -> bool:
    text = text_of(p)
    return (
        _bookmarked(p, NUMBER_BOOKMARK)
        or NUMBER_PLACEHOLDER in text
        or "签发人" in text
        or bool(_NUMBER_LIKE.search(text))
    )


def _fill_mark(elements: list[Any], mark: Block, profile: StyleProfile) -> bool:
    for element in elements:
        for p in element.iter(_w("p")):
            if not _is_mark_placeholder(p):
                continue
            texts = list(p.iter(_w("t")))
            full = "".join(t.text or "" for t in texts)
            new = full.replace(MARK_PLACEHOLDER, mark.text) if MARK_PLACEHOLDER in full else None
            if new is None:
                new = mark.text
            if texts:
                texts[0].text = new
                for t in texts[1:]:
                    t.text = ""
            else:  # a bookmark in an empty paragraph: a red run of the 标志's size
                masthead.run(p, new, profile.title_font, 42.0, color=masthead.RED, spacing=0)
            return True
    return False


def _drawn_line_runs(p: Any) -> list[Any]:
    """The runs of ``p`` holding a drawn line (VML or DrawingML)."""
    runs = []
    for r in p.iter(_w("r")):
        if any(True for _ in r.iter(_VML_LINE)) or any(
            g.get("prst") == "line" for g in r.iter(f"{{{_A}}}prstGeom")
        ):
            runs.append(r)
    return runs


def _line_style(p: Any, runs: list[Any]) -> tuple[str, float]:
    """The red line's colour (RRGGBB) and thickness in points, as the template has it."""
    bottom = p.find(f"{_w('pPr')}/{_w('pBdr')}/{_w('bottom')}")
    if bottom is not None and is_red(bottom.get(_w("color"))):
        size = bottom.get(_w("sz"))
        weight = int(size) / 8 if size and size.isdigit() else layout.SEPARATOR_PT
        return str(bottom.get(_w("color"))).upper(), weight
    for r in runs:
        for line in r.iter(_VML_LINE):
            color = (line.get("strokecolor") or "").lstrip("#")
            found = re.fullmatch(r"([\d.]+)pt", line.get("strokeweight") or "")
            weight = float(found.group(1)) if found else layout.SEPARATOR_PT
            return (color.upper() if is_red(color) else masthead.RED), weight
        for ln in r.iter(f"{{{_A}}}ln"):
            width = ln.get("w")
            weight = int(width) / 12700 if width and width.isdigit() else layout.SEPARATOR_PT
            clr = ln.find(f"{{{_A}}}solidFill/{{{_A}}}srgbClr")
            color = clr.get("val") if clr is not None else None
            return (str(color).upper() if is_red(color) else masthead.RED), weight
    return masthead.RED, layout.SEPARATOR_PT


def _empty(p: Any) -> bool:
    return not text_of(p).strip() and not any(
        True for _ in p.iter(_w("drawing"), _w("pict"), _w("object"))
    )


def fill(letterhead: list[Any], document: Document, profile: StyleProfile) -> Filled:
    """The base's 红头 with this report's 标志, 发文字号 and 签发人, or the base's own
    elements when the report brings nothing to put into it."""
    blocks = {b.kind: b for b in document.blocks}
    number = blocks.get(BlockKind.DOC_NUMBER)
    mark = blocks.get(BlockKind.ISSUER_MARK)
    elements = [copy.deepcopy(e) for e in letterhead]
    marked = mark is not None and _fill_mark(elements, mark, profile)
    if number is None or not number.text:
        return Filled(elements if marked else letterhead)
    end = elements[-1]
    runs = _drawn_line_runs(end)
    color, weight = _line_style(end, runs)
    # Take the red line off its paragraph: a border, or the run(s) drawing it.
    bottom = end.find(f"{_w('pPr')}/{_w('pBdr')}/{_w('bottom')}")
    if bottom is not None and is_red(bottom.get(_w("color"))):
        pbdr = bottom.getparent()
        pbdr.remove(bottom)
        if len(pbdr) == 0:
            pbdr.getparent().remove(pbdr)
    else:
        for r in runs:
            r.getparent().remove(r)
    # A placeholder paragraph, or a table holding one (a borderless table with the number
    # in one cell and 签发人 in the other is a common way to type that line).
    placeholder = next(
        (
            e
            for e in elements
            if (e.tag == _w("p") and _is_number_placeholder(e) and not _is_mark_placeholder(e))
            or (e.tag == _w("tbl") and any(_is_number_placeholder(p) for p in e.iter(_w("p"))))
        ),
        None,
    )
    # Where the number line goes: the placeholder's place; else just above the red line
    # (after the paragraph that held it, which stays).
    if placeholder is not None:
        at = elements.index(placeholder)
        before = _space_before(placeholder)
        drop = {id(placeholder)}
        if _empty(end):
            drop.add(id(end))
        # The empty paragraphs between the number line and the red line go with it.
        for e in elements[at + 1 :]:
            if e.tag == _w("p") and _empty(e):
                drop.add(id(e))
            else:
                break
    else:
        at = len(elements)
        before = 0.0
        drop = set()
    scratch = end.makeelement(_w("body"), {})
    head = masthead.Masthead(scratch, profile, "file")
    head.g.y = 0.0
    line_block = number
    if document.format == "letter":
        para = masthead.paragraph(scratch, line=head.g.pitch, before=before, jc="right")
        masthead.run(para, number.text, profile.body_font, profile.body_size_pt)
        head.g.y = before + head.g.pitch
    elif line_block.items:
        head._signers(line_block, before)
    else:
        para = masthead.paragraph(scratch, line=head.g.pitch, before=before, jc="center")
        masthead.run(para, number.text, profile.body_font, profile.body_size_pt)
        head.g.y = before + head.g.pitch
    _separator(head, scratch, color, weight)
    new = list(scratch)
    kept = [e for e in elements[:at] if id(e) not in drop]
    rest = [e for e in elements[at:] if id(e) not in drop]
    # What stays after the number line (a paragraph that held the line and other text) goes
    # above it: the red line is the 红头's end.
    return Filled(kept + rest + new, head.pending_title_gap)


def _is_mark_placeholder(p: Any) -> bool:
    return _bookmarked(p, MARK_BOOKMARK) or MARK_PLACEHOLDER in text_of(p)


def _space_before(p: Any) -> float:
    if p.tag != _w("p"):
        return 0.0
    spacing = p.find(f"{_w('pPr')}/{_w('spacing')}")
    value = spacing.get(_w("before")) if spacing is not None else None
    return int(value) / 20 if value and value.lstrip("-").isdigit() else 0.0


def _separator(head: masthead.Masthead, scratch: Any, color: str, weight: float) -> None:
    """The red line 4 mm under the number line (as ``Masthead._separator``), in the
    template's colour and thickness."""
    g = head.g
    size = head.profile.body_size_pt
    baseline = g.y - (1 - layout.ASCENT) * g.pitch
    line_at = baseline + layout.EM_BOTTOM * size + layout.SEPARATOR_GAP_MM * layout.PT_PER_MM
    height = line_at - weight / 2 - g.y
    masthead.paragraph(scratch, line=height, borders=(("bottom", str(round(weight * 8)), color),))
    g.y = line_at
    head.pending_title_gap = 2 * g.pitch - weight / 2
