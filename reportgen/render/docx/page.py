"""Page setup (A4, GB/T 9704 margins, the lines-only grid), the odd/even page-number
footers with a PAGE field, and the settings they need."""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from reportgen.core.style import StyleProfile
from reportgen.render.docx.ooxml import PPR, RPR, SECT, font_attrs, line_pitch, mm, put, twips


def prepare_body(doc: Any, p: StyleProfile, fresh: bool, keep: list[Any] | None = None) -> Any:
    """Empty the body but keep the final section (page setup, header/footer references)
    and ``keep`` (a reference's body 红头)."""
    body = doc.element.body
    sect_pr = body.find(qn("w:sectPr"))
    kept = {id(e) for e in keep or []}
    for child in list(body):
        if child is not sect_pr and id(child) not in kept:
            body.remove(child)
    if sect_pr is None:
        sect_pr = OxmlElement("w:sectPr")
        body.append(sect_pr)
    if fresh or sect_pr.find(qn("w:pgSz")) is None:
        put(sect_pr, "pgSz", SECT, {"w": "11906", "h": "16838"})
    if fresh or sect_pr.find(qn("w:pgMar")) is None:
        put(
            sect_pr,
            "pgMar",
            SECT,
            {
                "top": mm(p.margin_top_mm),
                "right": mm(p.margin_right_mm),
                "bottom": mm(p.margin_bottom_mm),
                "left": mm(p.margin_left_mm),
                "header": mm(15),
                "footer": mm(_footer_distance_mm(p)),
                "gutter": "0",
            },
        )
    if fresh or sect_pr.find(qn("w:docGrid")) is None:
        # Lines only: the linesAndChars grid wrecks the 28-character line in LibreOffice.
        put(sect_pr, "docGrid", SECT, {"type": "lines", "linePitch": line_pitch(p)})
    return sect_pr


def _footer_distance_mm(p: StyleProfile) -> float:
    """Word measures the footer from the page's bottom edge to the footer's bottom. The
    page-number line is exactly one page-number size high; a fixed-height line has its
    baseline at 80% of its height and the dash (一字线) is drawn 0.3 em above the baseline,
    so the dash is half a size below the line's top. GB/T 9704 puts the dash
    ``page_number_gap_mm`` under the type area: 35 − 7 − 2.47 ≈ 25.5 mm by default."""
    return p.margin_bottom_mm - p.page_number_gap_mm - 0.5 * p.page_number_size_pt * 25.4 / 72


def prepare_footers(doc: Any, p: StyleProfile, styles: dict[str, str], sect_pr: Any) -> None:
    if sect_pr.find(qn("w:footerReference")) is not None:
        return  # the reference document brings its own footers
    # Our page numbers, so our footer distance: the dash 7 mm under the type area (a
    # reference document's own distance, Word's 12.7 mm default say, would move it).
    margins = sect_pr.find(qn("w:pgMar"))
    if margins is not None:
        margins.set(qn("w:footer"), mm(_footer_distance_mm(p)))
    section = doc.sections[-1]
    odd = section.footer
    odd.is_linked_to_previous = False
    even = section.even_page_footer
    even.is_linked_to_previous = False
    targets = [(odd, "right", 1), (even, "left", 2)]
    if sect_pr.find(qn("w:titlePg")) is not None:
        first = section.first_page_footer
        first.is_linked_to_previous = False
        targets.append((first, "right", 1))
    for footer, side, page in targets:
        for child in list(footer._element):
            footer._element.remove(child)
        paragraph = footer.add_paragraph()
        paragraph._p.style = styles["footer"]
        _page_number_paragraph(paragraph, p, side, page)
    _mirror_default_header(sect_pr)


def _mirror_default_header(sect_pr: Any) -> None:
    # Odd/even footers switch Word to odd/even headers too: a reference document's
    # default header (a letterhead) would vanish from even pages without this.
    refs = sect_pr.findall(qn("w:headerReference"))
    types = {r.get(qn("w:type")) for r in refs}
    default = next((r for r in refs if r.get(qn("w:type")) == "default"), None)
    if default is not None and "even" not in types:
        even = OxmlElement("w:headerReference")
        even.set(qn("w:type"), "even")
        even.set(qn("r:id"), default.get(qn("r:id")))
        default.addnext(even)


def _page_number_paragraph(paragraph: Any, p: StyleProfile, side: str, page: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    one_char = twips(p.page_number_size_pt)
    # GB/T 9704: odd pages right with one character of space, even pages left.
    if side == "right":
        put(
            ppr,
            "ind",
            PPR,
            {"rightChars": "100", "right": one_char, "firstLineChars": "0", "firstLine": "0"},
        )
    else:
        put(
            ppr,
            "ind",
            PPR,
            {"leftChars": "100", "left": one_char, "firstLineChars": "0", "firstLine": "0"},
        )
    put(ppr, "jc", PPR, {"val": side})
    prefix, suffix = p.page_number_format.split("{page}")
    if prefix:
        _chinese_run(paragraph, prefix, p)
    _field_char(paragraph, "begin")
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = " PAGE "
    paragraph.add_run()._r.append(instr)
    _field_char(paragraph, "separate")
    paragraph.add_run(str(page))  # the cached result, shown until fields are updated
    _field_char(paragraph, "end")
    if suffix:
        _chinese_run(paragraph, suffix, p)


def _chinese_run(paragraph: Any, text: str, p: StyleProfile) -> None:
    """The dashes around the page number: with a separate Latin font LibreOffice would
    draw them in it (it ignores w:hint), so every font slot names the Chinese font."""
    run = paragraph.add_run(text)
    if p.latin_font:
        put(run._r.get_or_add_rPr(), "rFonts", RPR, font_attrs(p.page_number_font, None))


def _field_char(paragraph: Any, kind: str) -> None:
    put(paragraph.add_run()._r, "fldChar", ["rPr", "fldChar"], {"fldCharType": kind})


def prepare_settings(doc: Any) -> None:
    settings = doc.settings
    if doc.sections[-1].even_page_footer.is_linked_to_previous is False:
        settings.odd_and_even_pages_header_footer = True
    # Word 2013+ layout: with 14 (python-docx's template) Word opens the file in 兼容模式.
    for setting in settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    lang = settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
