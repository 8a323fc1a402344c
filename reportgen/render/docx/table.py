"""A TABLE block in DOCX, as offices lay tables out in a 公文 (layout.md, "Tables"):

title centred above (黑体), the 单位 line right-aligned above, column widths in
``w:gridCol`` summing to at most the type area (WPS reads these, not ``w:tblW``), cells in
the body font at 四号 (小四 when 四号 does not fit) with single line spacing and no grid
snapping (an exact 28.95 pt pitch inside cells blows up the rows), the header row repeated
on each page, no row split across pages, numbers right-aligned, notes under the table.
A table too wide for the portrait type area even at 小四 goes on a landscape page.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from typing import Any

from lxml.etree import SubElement

from reportgen.core.blocks import Block, TableInfo
from reportgen.core.style import StyleProfile
from reportgen.render.docx.ooxml import W, clean, font_attrs
from reportgen.render.docx.titlebreak import width

SIZES_PT = (14.0, 12.0)  # 四号, 小四
CELL_MARGIN_TW = 108  # Word's default left/right cell margin (0.19 cm), each side
SLACK_PT = 1.5  # rounding, bold header glyphs (tests/render/test_table_layout.py: no header wraps)
BORDER_TW = (
    10  # the single 0.5 pt (w:sz="4") border  # rounding, bold header glyphs, substitute fonts
)


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


_VAL = _w("val")


@dataclass(frozen=True)
class Layout:
    widths: tuple[int, ...]  # twips per column, summing to at most the area
    size_pt: float
    landscape: bool
    header_lines: int = 1  # 2 when headers wrap (小四 with two-line headers)


def type_area_tw(profile: StyleProfile, landscape: bool = False) -> int:
    """The type area's width in twips: 156 mm portrait; 225 mm (its height) landscape."""
    if landscape:
        mm = 297 - profile.margin_top_mm - profile.margin_bottom_mm
    else:
        mm = 210 - profile.margin_left_mm - profile.margin_right_mm
    return math.floor(mm / 25.4 * 1440)


def _needs(rows: tuple[tuple[str, ...], ...], columns: int, size: float, wrap: bool) -> list[float]:
    """Each column's least width in points: its widest cell on one line (its header on
    two lines when ``wrap``), plus the cell margins."""
    char = size - 0.25  # the styles' −0.25 pt character spacing
    pad = CELL_MARGIN_TW * 2 / 20 + SLACK_PT
    out = []
    for c in range(columns):
        cells = [row[c] if c < len(row) else "" for row in rows]
        header = width(cells[0]) if cells else 0
        if wrap and header > 4:
            header = math.ceil(header / 2)
        body = max((width(x) for x in cells[1:]), default=0)
        out.append(max(header, body, 1) * char + pad)
    return out


def layout(block: Block, profile: StyleProfile) -> Layout:
    """Widths and cell size: 四号 if every header and cell fits on one line, else 小四, else
    小四 with two-line headers; a table still too wide goes landscape (unless told not to)."""
    info = block.table or TableInfo()
    rows = block.rows
    columns = max(len(r) for r in rows)
    wanted = info.landscape
    tries = [(size, False) for size in SIZES_PT] + [(SIZES_PT[-1], True)]
    for landscape in (False, True) if wanted is None else (wanted,):
        area = type_area_tw(profile, landscape)
        for size, wrap in tries:
            needs = _needs(rows, columns, size, wrap)
            if sum(needs) * 20 <= area:
                widths = _spread(needs, info.widths, area)
                return Layout(widths, size, landscape, 2 if wrap else 1)
    # Nothing fits: the smallest size, the widths shrunk in proportion (cells wrap).
    landscape = bool(wanted is None or wanted)
    area = type_area_tw(profile, landscape)
    needs = _needs(rows, columns, SIZES_PT[-1], True)
    scale = area / (sum(needs) * 20)
    widths = tuple(math.floor(n * 20 * scale) for n in needs)
    return Layout(widths, SIZES_PT[-1], landscape, 2)


def _spread(needs: list[float], hints: tuple[float, ...], area: int) -> tuple[int, ...]:
    """Fill the type area: by the width hints where given (never under a column's need),
    the rest shared equally."""
    tw = [n * 20 for n in needs]
    if hints and any(hints):
        weights = [h or 1.0 for h in hints] + [1.0] * (len(tw) - len(hints))
        share = [area * w / sum(weights) for w in weights[: len(tw)]]
        if all(s >= t for s, t in zip(share, tw, strict=True)):
            return tuple(math.floor(s) for s in share)
    spare = (area - sum(tw)) / len(tw)
    return tuple(math.floor(t + spare) for t in tw)


class TableWriter:
    """Writes TABLE blocks into a body; ``sect_pr`` is the document's final section."""

    def __init__(self, body: Any, sect_pr: Any, profile: StyleProfile) -> None:
        self.body = body
        self.sect_pr = sect_pr
        self.profile = profile

    def write(self, block: Block) -> None:
        rows = tuple(tuple(clean(c) for c in row) for row in block.rows if row)
        if not rows:
            return
        block = Block(block.kind, block.text, rows=rows, table=block.table, origin=block.origin)
        info = block.table or TableInfo()
        plan = layout(block, self.profile)
        if plan.landscape:
            self._section_break(landscape=False)  # ends the portrait text before the table
        if block.text:
            self._line(clean(block.text), "center", self.profile.level1_font)
        if info.unit:
            self._line(clean(info.unit), "right")
        self._table(rows, info, plan)
        for note in info.notes:
            self._line(clean(note), "both")
        if plan.landscape:
            self._section_break(landscape=True)  # the section holding the table

    # -- paragraphs around the table
    def _line(self, text: str, jc: str, font: str | None = None) -> None:
        """A paragraph in the body style; ``both`` keeps its first-line indent (a note)."""
        p = SubElement(self.body, _w("p"))
        ppr = SubElement(p, _w("pPr"))
        if jc != "both":
            SubElement(ppr, _w("keepNext"))  # title and unit stay with the table
            SubElement(ppr, _w("ind"), {_w("firstLineChars"): "0", _w("firstLine"): "0"})
            SubElement(ppr, _w("jc"), {_VAL: jc})
        r = SubElement(p, _w("r"))
        if font:
            rpr = SubElement(r, _w("rPr"))
            SubElement(rpr, _w("rFonts"), {_w(k): v for k, v in font_attrs(font, None).items()})
        SubElement(r, _w("t")).text = text

    def _section_break(self, landscape: bool) -> None:
        """An empty paragraph ending a section: portrait text before, the landscape table."""
        sect = copy.deepcopy(self.sect_pr)
        title_page = sect.find(_w("titlePg"))
        earlier = any(p.find(f"{_w('pPr')}/{_w('sectPr')}") is not None for p in self.body)
        if title_page is not None and (landscape or earlier):
            # Only the document's first section has a first page without a number.
            sect.remove(title_page)
        size = sect.find(_w("pgSz"))
        margins = sect.find(_w("pgMar"))
        if landscape and size is not None and margins is not None:
            p = self.profile
            size.set(_w("w"), "16838")
            size.set(_w("h"), "11906")
            size.set(_w("orient"), "landscape")
            for side, value in (
                ("top", p.margin_left_mm),
                ("bottom", p.margin_right_mm),
                ("left", p.margin_top_mm),
                ("right", p.margin_bottom_mm),
            ):
                margins.set(_w(side), str(round(value * 56.7)))
        para = SubElement(self.body, _w("p"))
        ppr = SubElement(para, _w("pPr"))
        ppr.append(sect)

    # -- the table
    def _table(self, rows: tuple[tuple[str, ...], ...], info: TableInfo, plan: Layout) -> None:
        columns = len(plan.widths)
        tbl = SubElement(self.body, _w("tbl"))
        props = SubElement(tbl, _w("tblPr"))
        SubElement(props, _w("tblW"), {_w("w"): str(sum(plan.widths)), _w("type"): "dxa"})
        SubElement(props, _w("jc"), {_VAL: "center"})
        borders = SubElement(props, _w("tblBorders"))
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            SubElement(
                borders,
                _w(side),
                {_VAL: "single", _w("sz"): "4", _w("space"): "0", _w("color"): "auto"},
            )
        # Fixed layout: the office suite keeps these widths instead of sizing by content.
        SubElement(props, _w("tblLayout"), {_w("type"): "fixed"})
        grid = SubElement(tbl, _w("tblGrid"))
        for cell_width in plan.widths:
            SubElement(grid, _w("gridCol"), {_w("w"): str(cell_width)})
        half_points = str(round(plan.size_pt * 2))
        pitch = round(self.profile.line_pitch_pt * 20)
        totals = set(info.total_rows)
        for index, row in enumerate(rows):
            tr = SubElement(tbl, _w("tr"))
            tr_pr = SubElement(tr, _w("trPr"))
            SubElement(tr_pr, _w("cantSplit"))  # CT_TrPr: cantSplit, trHeight, tblHeader
            # Rows one grid line high (two for a header that wraps): the table ends on the
            # page's line grid, so the body text after it stays on the 28.95 pt grid.
            # The first row gives up the table's top border (0.5 pt) to that end.
            lines = 2 if index == 0 and plan.header_lines == 2 else 1
            height = pitch * lines - (BORDER_TW if index == 0 else 0)
            SubElement(tr_pr, _w("trHeight"), {_VAL: str(height), _w("hRule"): "atLeast"})
            if index == 0:
                SubElement(tr_pr, _w("tblHeader"))
            cells = (*row, *("",) * (columns - len(row)))
            for c, (cell, cell_width) in enumerate(zip(cells, plan.widths, strict=True)):
                tc = SubElement(tr, _w("tc"))
                tc_pr = SubElement(tc, _w("tcPr"))
                SubElement(tc_pr, _w("tcW"), {_w("w"): str(cell_width), _w("type"): "dxa"})
                SubElement(tc_pr, _w("vAlign"), {_VAL: "center"})
                align = info.align[c] if c < len(info.align) and info.align[c] else "center"
                if index == 0 or (index in totals and c == 0):
                    align = "center"
                self._cell(tc, cell, align, half_points, bold=index == 0)

    def _cell(self, tc: Any, text: str, align: str, half_points: str, bold: bool) -> None:
        para = SubElement(tc, _w("p"))
        ppr = SubElement(para, _w("pPr"))
        SubElement(ppr, _w("snapToGrid"), {_VAL: "0"})
        SubElement(
            ppr,
            _w("spacing"),
            {_w("before"): "0", _w("after"): "0", _w("line"): "240", _w("lineRule"): "auto"},
        )
        SubElement(ppr, _w("ind"), {_w("firstLineChars"): "0", _w("firstLine"): "0"})
        SubElement(ppr, _w("jc"), {_VAL: {"left": "left", "right": "right"}.get(align, "center")})
        mark = SubElement(ppr, _w("rPr"))
        SubElement(mark, _w("sz"), {_VAL: half_points})
        SubElement(mark, _w("szCs"), {_VAL: half_points})
        if not text:
            return
        r = SubElement(para, _w("r"))
        rpr = SubElement(r, _w("rPr"))
        if bold:
            SubElement(rpr, _w("b"))
        SubElement(rpr, _w("sz"), {_VAL: half_points})
        SubElement(rpr, _w("szCs"), {_VAL: half_points})
        SubElement(r, _w("t")).text = text
