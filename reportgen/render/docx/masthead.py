"""The parts of a whole 公文 around the body (GB/T 9704-2012 §7): the 版头 (份号, 密级,
紧急程度, the red 发文机关标志, the 发文字号 with its 签发人 and the red separator), the
附注, each attachment's first lines on a new page, and the 版记 at the foot of the last page.

The 版头 is laid out by arithmetic, not by the line grid: its paragraphs have exact line
heights and ``snapToGrid`` off, so every position follows from the heights above it.
Word and LibreOffice put a fixed-height line's baseline at 80% of its height; the top edge
of a Chinese character is taken as 0.88 em above the baseline and its bottom 0.12 em below
(the ideographic em box of the OpenType ``ideo``/``idtp`` baselines). The positions
(layout spec, "The whole document"):
- 标志: top edge 35 mm below the type area's top (文件格式), red, centred;
- 发文字号: two blank lines under the 标志; with 签发人 (上行文) flush left with one
  character of space, the 签发人 right with one character of space, on the same line;
- separator: a red line as wide as the type area, 4 mm under the 发文字号;
- title: two blank lines under the separator.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml.etree import SubElement

from reportgen.core.blocks import Block, BlockKind
from reportgen.core.style import StyleProfile
from reportgen.render.docx.ooxml import XML_SPACE, W, clean, font_attrs, twips
from reportgen.render.docx.titlebreak import width
from reportgen.render.layout import (
    ASCENT,
    EM_BOTTOM,
    EM_TOP,
    MARK_TOP_MM,
    PT_PER_MM,
    SEPARATOR_GAP_MM,
    SEPARATOR_PT,
    mark_size,
)

RED = "FF0000"
IMPRINT_THICK_PT = 0.35 * PT_PER_MM  # 版记 rules: first and last 0.35 mm …
IMPRINT_THIN_PT = 0.25 * PT_PER_MM  # … the ones between 0.25 mm
VML = "urn:schemas-microsoft-com:vml"
LETTER_MARK_TOP_MM = 30.0  # 信函格式: 标志 top edge from the page's top
LETTER_BOTTOM_LINE_MM = 20.0  # the second double line above the page's bottom
LETTER_LINE_MM = 170.0
LETTER_THICK_PT = 2.0  # [P] the double lines: a thick and a thin rule, 1 pt apart
LETTER_THIN_PT = 0.5
LETTER_GAP_PT = 1.0
IMPRINT_SIZE_PT = 14.0  # 4号


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass
class Geometry:
    """Where the 版头 puts things, in points below the type area's top (first page)."""

    profile: StyleProfile
    y: float = 0.0  # the bottom of what has been laid out so far

    @property
    def pitch(self) -> float:
        return self.profile.line_pitch_pt

    @property
    def char(self) -> float:
        return self.profile.body_size_pt + self.profile.char_spacing_pt

    @property
    def area_pt(self) -> float:
        p = self.profile
        return (210 - p.margin_left_mm - p.margin_right_mm) * PT_PER_MM


def paragraph(
    body: Any,
    *,
    line: float,
    before: float = 0.0,
    after: float = 0.0,
    jc: str = "left",
    left: float = 0.0,
    right: float = 0.0,
    hanging: float = 0.0,
    tabs: tuple[tuple[str, float], ...] = (),
    borders: tuple[tuple[str, str, str], ...] = (),
    page_break: bool = False,
    frame: dict[str, str] | None = None,
    keep_next: bool = False,
) -> Any:
    """A paragraph with direct properties (CT_PPrBase order), off the line grid."""
    p = SubElement(body, _w("p"))
    ppr = SubElement(p, _w("pPr"))
    if keep_next:
        SubElement(ppr, _w("keepNext"))
    if page_break:
        SubElement(ppr, _w("pageBreakBefore"))
    if frame is not None:
        SubElement(ppr, _w("framePr"), {_w(k): v for k, v in frame.items()})
    if borders:
        bdr = SubElement(ppr, _w("pBdr"))
        for side, size, color in borders:
            attrs = {_w("val"): "single", _w("sz"): size, _w("space"): "0", _w("color"): color}
            SubElement(bdr, _w(side), attrs)
    if tabs:
        tab_list = SubElement(ppr, _w("tabs"))
        for kind, pos in tabs:
            SubElement(tab_list, _w("tab"), {_w("val"): kind, _w("pos"): twips(pos)})
    SubElement(ppr, _w("snapToGrid"), {_w("val"): "0"})
    SubElement(
        ppr,
        _w("spacing"),
        {
            _w("before"): twips(max(before, 0.0)),
            _w("after"): twips(after),
            _w("line"): twips(line),
            _w("lineRule"): "exact",
        },
    )
    ind = {_w("left"): twips(left), _w("right"): twips(right)}
    if hanging:
        ind[_w("hanging")] = twips(hanging)
    else:
        ind[_w("firstLine")] = "0"
    SubElement(ppr, _w("ind"), ind)
    SubElement(ppr, _w("jc"), {_w("val"): jc})
    return p


def run(
    p: Any,
    text: str,
    font: str,
    size: float,
    *,
    color: str | None = None,
    spacing: float | None = None,
) -> Any:
    r = SubElement(p, _w("r"))
    rpr = SubElement(r, _w("rPr"))
    SubElement(rpr, _w("rFonts"), {_w(k): v for k, v in font_attrs(font, None).items()})
    if color:
        SubElement(rpr, _w("color"), {_w("val"): color})
    if spacing is not None:
        SubElement(rpr, _w("spacing"), {_w("val"): twips(spacing)})
    SubElement(rpr, _w("sz"), {_w("val"): str(round(size * 2))})
    SubElement(rpr, _w("szCs"), {_w("val"): str(round(size * 2))})
    for index, piece in enumerate(clean(text).split("\t")):
        if index:
            SubElement(r, _w("tab"))
        if piece:
            t = SubElement(r, _w("t"))
            t.text = piece
            if piece != piece.strip():
                t.set(XML_SPACE, "preserve")
    return r


class Masthead:
    """Writes the 版头 blocks of one report at the start of the body, keeping count of
    their heights so that the 标志, separator and title land where the standard puts them."""

    def __init__(
        self, body: Any, profile: StyleProfile, fmt: str, blocks: list[Block] | None = None
    ) -> None:
        self.body = body
        self.profile = profile
        self.format = fmt
        self.blocks = blocks or []
        self.g = Geometry(profile)
        self.pending_title_gap: float | None = None

    def markings(self, block: Block) -> None:
        """份号, 密级和保密期限, 紧急程度: 3号黑体, flush left, one per line from the top."""
        if self.format == "letter":
            return  # under the first double line: written with the 标志
        p = self.profile
        for text in block.items:
            run(paragraph(self.body, line=self.g.pitch), text, p.level1_font, p.body_size_pt)
            self.g.y += self.g.pitch

    def issuer_mark(self, block: Block) -> None:
        """The red 标志, its top edge 35 mm under the type area's top (文件格式); 信函格式
        has its own 版头 (``_letterhead``)."""
        if self.format == "letter":
            self._letterhead(block)
            return
        size = mark_size(block.text, self.profile)
        line = size / ASCENT  # the em box's top stays inside the line: no clipped tops
        baseline_in_line = ASCENT * line
        target_top = MARK_TOP_MM * PT_PER_MM if self.format == "file" else self.g.y
        before = max(0.0, target_top + EM_TOP * size - baseline_in_line - self.g.y)
        p = paragraph(self.body, line=line, before=before, jc="center")
        run(p, block.text, self.profile.title_font, size, color=RED, spacing=0)
        self.g.y += before + line

    def doc_number(self, block: Block) -> None:
        """发文字号 two blank lines under the 标志; a 上行文's on the last 签发人 line."""
        g, p = self.g, self.profile
        if self.format == "letter":
            return  # on the first line under the double line: written with the 标志
        before = 2 * g.pitch if self.g.y else 0.0
        if not block.items:
            jc = "right" if self.format == "letter" else "center"
            para = paragraph(self.body, line=g.pitch, before=before, jc=jc, right=0)
            run(para, block.text, p.body_font, p.body_size_pt)
            g.y += before + g.pitch
        else:
            self._signers(block, before)
        self._separator()

    def _letterhead(self, block: Block) -> None:
        """信函格式 (GB/T 9704 10.1): the 标志's top edge 30 mm from the page's top, a red
        double line (thick over thin) 4 mm under it and one (thin over thick) 20 mm above
        the page's bottom, both 170 mm long and centred; under the first, at 7/8 of a 3号
        character's height, 份号/密级/紧急程度 flush left and the 发文字号 flush right;
        the title two lines under the last of them. The 标志 is a frame placed on the page
        (it stands above the type area); the lines are drawn on the page."""
        p, g = self.profile, self.g
        size = mark_size(block.text, p)
        line = size / ASCENT
        top = LETTER_MARK_TOP_MM * PT_PER_MM - (ASCENT * line - EM_TOP * size)
        area = g.area_pt
        left = p.margin_left_mm * PT_PER_MM
        frame = {
            "w": twips(area),
            "h": twips(line),
            "hRule": "exact",
            "wrap": "around",
            "vAnchor": "page",
            "hAnchor": "page",
            "x": twips(left),
            "y": twips(top),
        }
        mark = paragraph(self.body, line=line, jc="center", frame=frame)
        run(mark, block.text, p.title_font, size, color=RED, spacing=0)
        mark_bottom = LETTER_MARK_TOP_MM * PT_PER_MM + size  # the em box: EM_TOP + EM_BOTTOM
        first = mark_bottom + SEPARATOR_GAP_MM * PT_PER_MM
        second = (297 - LETTER_BOTTOM_LINE_MM) * PT_PER_MM
        x1 = (210 - LETTER_LINE_MM) / 2 * PT_PER_MM
        x2 = x1 + LETTER_LINE_MM * PT_PER_MM
        thick, thin, gap = LETTER_THICK_PT, LETTER_THIN_PT, LETTER_GAP_PT
        anchor = paragraph(self.body, line=1)
        for y, weight in (
            (first, thick),
            (first + thick / 2 + gap + thin / 2, thin),
            (second - thick / 2 - gap - thin / 2, thin),
            (second, thick),
        ):
            draw_line(anchor, x1, x2, y, weight, RED)
        # The first line under the double line: its em box's top 7/8 of a 3号 character
        # (16 pt) under the thin line's bottom edge.
        under = first + thick / 2 + gap + thin + 7 / 8 * p.body_size_pt
        type_top = p.margin_top_mm * PT_PER_MM
        baseline = under + EM_TOP * p.body_size_pt
        before = baseline - ASCENT * g.pitch - type_top - 1  # the anchor paragraph's 1 pt
        markings = next((b.items for b in self.blocks if b.kind is BlockKind.MARKINGS), ())
        number = next((b.text for b in self.blocks if b.kind is BlockKind.DOC_NUMBER), "")
        rows = list(markings) or [""]
        for index, text in enumerate(rows):
            para = paragraph(
                self.body,
                line=g.pitch,
                before=before if index == 0 else 0.0,
                tabs=(("right", area),),
            )
            if text:
                run(para, text, p.level1_font, p.body_size_pt)
            if index == 0 and number:
                run(para, "\t" + number, p.body_font, p.body_size_pt)
        g.y = 1 + before + len(rows) * g.pitch
        self.pending_title_gap = 2 * g.pitch

    def _signers(self, block: Block, before: float) -> None:
        """签发人：name name on the right with one character of space, two names a line,
        later lines aligned with the first name; the 发文字号 flush left on the last line."""
        g, p = self.g, self.profile
        names = list(block.items)
        lines = [names[i : i + 2] for i in range(0, len(names), 2)]
        label = "签发人："
        texts = ["　".join(line) for line in lines]
        # The first line is right-aligned (a right tab one character in); later lines start
        # where its first name starts.
        names_at = g.area_pt - g.char - width(texts[0]) * g.char
        for index, text in enumerate(texts):
            last = index == len(texts) - 1
            first = index == 0
            tab = ("right", g.area_pt - g.char) if first else ("left", names_at)
            para = paragraph(
                self.body,
                line=g.pitch,
                before=before if first else 0.0,
                left=g.char,
                tabs=(tab,),
            )
            if last and block.text:
                run(para, block.text, p.body_font, p.body_size_pt)
            run(para, "\t" + (label if first else ""), p.body_font, p.body_size_pt)
            run(para, text, p.level2_font, p.body_size_pt)
            g.y += (before if first else 0.0) + g.pitch

    def _separator(self) -> None:
        """The red line 4 mm under the 发文字号's bottom edge: the bottom border of an
        empty paragraph whose height brings it there."""
        g = self.g
        size = self.profile.body_size_pt
        baseline = g.y - (1 - ASCENT) * g.pitch
        line_at = baseline + EM_BOTTOM * size + SEPARATOR_GAP_MM * PT_PER_MM
        height = line_at - SEPARATOR_PT / 2 - g.y
        color_size = str(round(SEPARATOR_PT * 8))
        paragraph(self.body, line=height, borders=(("bottom", color_size, RED),))
        g.y = line_at
        # The title starts two blank lines under the line.
        self.pending_title_gap = 2 * g.pitch - SEPARATOR_PT / 2

    def title_spacing(self, title: Any) -> None:
        """Space before the title: two lines under the separator, off the grid."""
        if self.pending_title_gap is None:
            return
        title_gap(title, self.pending_title_gap, self.g.pitch)
        self.pending_title_gap = None


def title_gap(title: Any, gap: float, pitch: float) -> None:
    """``gap`` points before the title's paragraph (its first child is ``w:pPr``, holding
    at most a ``w:pStyle``), off the line grid."""
    ppr = title.find(_w("pPr"))
    if ppr is None:
        ppr = title.makeelement(_w("pPr"), {})
        title.insert(0, ppr)
    # CT_PPrBase: pStyle … snapToGrid, spacing, ind …: after a pStyle is fine.
    SubElement(ppr, _w("snapToGrid"), {_w("val"): "0"})
    SubElement(
        ppr,
        _w("spacing"),
        {
            _w("before"): twips(gap),
            _w("after"): "0",
            _w("line"): twips(pitch),
            _w("lineRule"): "exact",
        },
    )


def draw_line(anchor: Any, x1: float, x2: float, y: float, weight: float, color: str) -> None:
    """A horizontal line placed on the page (points from its top-left corner), as a VML
    shape in a run of ``anchor``: one shape a run (LibreOffice reads only the first)."""
    pict = SubElement(SubElement(anchor, _w("r")), _w("pict"))
    SubElement(
        pict,
        f"{{{VML}}}line",
        {
            "style": "position:absolute;z-index:1;"
            "mso-position-horizontal-relative:page;mso-position-vertical-relative:page",
            "from": f"{x1:.2f}pt,{y:.2f}pt",
            "to": f"{x2:.2f}pt,{y:.2f}pt",
            "strokecolor": f"#{color}",
            "strokeweight": f"{weight:.2f}pt",
        },
    )


def attachment_head(body: Any, block: Block, profile: StyleProfile) -> None:
    """附件N in 3号黑体 flush left on the first line of a new page; the title centred on
    the third line (小标宋 2号); one blank line before the attachment's text."""
    pitch = profile.line_pitch_pt
    p = paragraph(body, line=pitch, page_break=True, keep_next=True)
    run(p, block.marker, profile.level1_font, profile.body_size_pt)
    paragraph(body, line=pitch, keep_next=True)
    title = paragraph(body, line=pitch, jc="center", keep_next=True)
    run(title, block.text, profile.title_font, profile.title_size_pt, spacing=0)
    paragraph(body, line=pitch)


def imprint(body: Any, block: Block, profile: StyleProfile, fmt: str = "file") -> None:
    """The 版记 at the foot of the last page: 抄送 (4号仿宋, one character in on both sides,
    continuation after the colon) over 印发机关 (left) and 印发日期 (right), in a frame whose
    bottom is the type area's bottom; rules as wide as the type area, thick first and last,
    thin between, drawn as lines (LibreOffice drops a frame whose paragraphs have borders)."""
    size = IMPRINT_SIZE_PT
    pitch = profile.line_pitch_pt
    area = (210 - profile.margin_left_mm - profile.margin_right_mm) * PT_PER_MM
    left = profile.margin_left_mm * PT_PER_MM
    # Each row's text centred between its rules: a shorter line and the rest after it
    # (the em box's centre is 0.38 em above the baseline).
    line = (pitch / 2 + (0.5 - EM_BOTTOM) * size) / ASCENT
    after = pitch - line
    # 信函格式: no 印发机关 and 印发日期, no rules (GB/T 9704 10.1).
    letter = fmt == "letter"
    printed = bool(block.text or block.body) and not letter
    label = "抄送："
    cc = label + "，".join(block.items) + "。"
    # Rows: the 抄送 (as many lines as its names need) and the 印发 line.
    rows = []
    if block.items:
        room = int((area - 2 * size) / size - width(label))
        count = max(1, -(-int(width(cc) - width(label) + 0.99) // max(room, 1)))
        rows.append(count * line + after)
    if printed:
        rows.append(pitch)
    height = sum(rows)
    bottom = (297 - profile.margin_bottom_mm) * PT_PER_MM
    top = bottom - height
    frame = {
        "w": twips(area),
        "h": twips(height),
        "hRule": "exact",
        "wrap": "around",
        "vAnchor": "page",
        "hAnchor": "page",
        "x": twips(left),
        "y": twips(top),
    }
    if block.items:
        p = paragraph(
            body,
            line=line,
            after=after,
            left=size * (1 + width(label)),
            right=size,
            hanging=size * width(label),
            frame=frame,
        )
        run(p, cc, profile.body_font, size, spacing=0)
    if printed:
        p = paragraph(
            body,
            line=line,
            after=after,
            left=size,
            right=size,
            tabs=(("right", area - size),),
            frame=frame,
        )
        date = f"{block.body}印发" if block.body else ""
        run(p, f"{block.text}\t{date}", profile.body_font, size, spacing=0)
    # The rules, anchored in the paragraph after the frame (LibreOffice makes a frame of
    # framed paragraphs only when a paragraph follows them), placed on the page.
    anchor = paragraph(body, line=1)
    edges = [top]
    for row in rows:
        edges.append(edges[-1] + row)
    for index, y in enumerate([] if letter else edges):
        thick = index in (0, len(rows))
        weight = IMPRINT_THICK_PT if thick else IMPRINT_THIN_PT
        draw_line(anchor, left, left + area, y, weight, "000000")
