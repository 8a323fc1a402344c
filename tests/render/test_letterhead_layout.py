"""The whole 公文 with an office's body 红头 as ``--reference-doc``, measured in LibreOffice's
PDF: the template's 标志 stays where the template put it (35 mm under the type area), the
report's 发文字号 (left, one character in) and 签发人 (right, one character in) sit on one
line 4 mm above the red line, the title two lines under it, the attachment page, the 版记
rules and the page numbers where the standard puts them; every position within 0.5 mm.
Templates as offices make them: a red paragraph border, a drawn line, localised style ids
with bookmarked placeholders."""

from __future__ import annotations

import pytest
from layout_helpers import gongwen_layout_marks
from pdf_measure import PT_PER_MM, Rendered, red, words

from reportgen.core.style import StyleProfile
from reportgen.pipeline import prepare
from reportgen.render.docx import render_docx
from reportgen.render.docx.masthead import EM_BOTTOM, EM_TOP
from reportgen.render.pdf import docx_to_pdf

from conftest import ROOT
from docx_helpers import MARK_SIZE_PT, header_letterhead_template, office_letterhead

EXAMPLE = ROOT / "examples" / "青山县教育局-2025上半年-教师队伍建设-上行文.report.yaml"
pytestmark = gongwen_layout_marks()

MM = PT_PER_MM
TOLERANCE = 0.5 * MM
PROFILE = StyleProfile()
PITCH = PROFILE.line_pitch_pt
LEFT = 28 * MM
RIGHT = (210 - 26) * MM
TOP = 37 * MM
BOTTOM = (297 - 35) * MM
CHAR = PROFILE.body_size_pt + PROFILE.char_spacing_pt
# (red line, placeholder, localised style ids)
TEMPLATES = {
    "border": ("border", "number", False),
    "drawn": ("drawn", "number", False),
    "bookmarks": ("border", "marked", True),
    "no-number-line": ("drawn", "none", False),
}
HEADER = "header"  # a 红头 in the header: the report's own 版头 instead


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """All templates converted in one LibreOffice call (one start-up)."""
    folder = tmp_path_factory.mktemp("letterhead")
    document = prepare(EXAMPLE).document
    sources = []
    for name, (line, placeholder, localised) in TEMPLATES.items():
        reference = office_letterhead(folder / f"{name}-模板.docx", line, placeholder, localised)
        source = folder / f"{name}.docx"
        source.write_bytes(render_docx(document, None, reference))
        sources.append(source)
    reference = header_letterhead_template(folder / "页眉红头.docx")
    source = folder / f"{HEADER}.docx"
    source.write_bytes(render_docx(document, None, reference))
    sources.append(source)
    pdfs = docx_to_pdf(sources, folder)
    return {
        name: Rendered(document, pdf, folder, words(pdf))
        for name, pdf in zip([*TEMPLATES, HEADER], pdfs, strict=True)
    }


def test_a_header_letterhead_gives_way_to_the_reports_own_masthead(
    rendered: dict[str, Rendered],
) -> None:
    """One 红头, the report's, at the standard's place; nothing red above the type area or
    on later pages."""
    result = rendered[HEADER]
    glyphs = [g for g in result.page(1).glyphs if red(g.fill)]
    assert len(glyphs) == len("青山县教育局文件")
    assert min(g.ink_top for g in glyphs) > TOP
    assert all(r.y > TOP for r in result.page(1).rules)
    assert not [g for g in result.page(2).glyphs if red(g.fill)]
    assert not [r for r in result.page(2).rules if red(r.stroke)]


@pytest.mark.parametrize("name", TEMPLATES)
def test_mark_stays_where_the_template_put_it(rendered: dict[str, Rendered], name: str) -> None:
    result = rendered[name]
    glyphs = [g for g in result.page(1).glyphs if red(g.fill)]
    # The bookmarked placeholder 〔发文机关标志〕 took the report's 标志.
    assert len(glyphs) == len("青山县教育局文件")
    (baseline,) = {round(g.baseline, 2) for g in glyphs}
    assert abs(baseline - EM_TOP * MARK_SIZE_PT - (TOP + 35 * MM)) <= TOLERANCE
    text = "".join(w.text for w in result.words[0] if w.top < baseline)
    assert text == "青山县教育局文件"


@pytest.mark.parametrize("name", TEMPLATES)
def test_number_and_signer_4_mm_above_the_red_line(
    rendered: dict[str, Rendered], name: str
) -> None:
    result = rendered[name]
    line_words = result.find(1, "青教发")
    assert line_words.text == "青教发〔2025〕21号签发人：赵文清"
    assert abs(line_words.left - (LEFT + CHAR)) <= TOLERANCE
    assert abs(line_words.right - (RIGHT - CHAR)) <= TOLERANCE
    baseline = result.baseline(1, line_words)
    line = result.red_line()
    assert abs(line.y - (baseline + EM_BOTTOM * PROFILE.body_size_pt + 4 * MM)) <= TOLERANCE
    assert abs(line.x1 - LEFT) <= TOLERANCE and abs(line.x2 - RIGHT) <= TOLERANCE
    # The template's thickness (1.5 pt) kept; the template's placeholder is gone.
    assert abs(line.width - 1.5) < 0.1
    page_text = "".join(w.text for w in result.words[0])
    assert "〔2025〕　号" not in page_text and "〔发文字号〕" not in page_text
    assert "示例正文" not in page_text
    # Two blank lines (at least) between the 标志 and the number line, as the template has them.
    mark = next(g for g in result.page(1).glyphs if red(g.fill))
    assert baseline - mark.baseline >= 2 * PITCH


@pytest.mark.parametrize("name", TEMPLATES)
def test_title_two_lines_under_the_red_line(rendered: dict[str, Rendered], name: str) -> None:
    result = rendered[name]
    line = result.red_line()
    title = result.find(1, "关于")
    assert abs(result.baseline(1, title) - 0.8 * PITCH - (line.y + 2 * PITCH)) <= TOLERANCE


@pytest.mark.parametrize("name", ["drawn", "bookmarks"])
def test_attachment_page_imprint_and_page_numbers(rendered: dict[str, Rendered], name: str) -> None:
    result = rendered[name]
    number = next(n for n, page in enumerate(result.words, 1) if page and page[0].text == "附件")
    label = result.find(number, "附件")
    assert abs(label.left - LEFT) <= TOLERANCE
    assert abs(result.baseline(number, label) - (TOP + 0.8 * PITCH)) <= TOLERANCE
    title = result.find(number, "青山县")
    assert abs(result.baseline(number, title) - (TOP + 2.8 * PITCH)) <= TOLERANCE
    last = len(result.words)
    rules = sorted(result.page(last).rules, key=lambda r: r.y)
    assert len(rules) == 3
    assert abs(rules[-1].y - BOTTOM) <= TOLERANCE
    for rule in rules:
        assert abs(rule.x1 - LEFT) <= TOLERANCE and abs(rule.x2 - RIGHT) <= TOLERANCE
    for page_number in range(1, last + 1):
        dashes = [
            g
            for g in result.page(page_number).glyphs
            if g.baseline > BOTTOM and g.ink_bottom - g.ink_top < 2
        ]
        assert len(dashes) == 2, page_number
        for dash in dashes:
            middle = (dash.ink_top + dash.ink_bottom) / 2
            assert abs(middle - (BOTTOM + 7 * MM)) <= TOLERANCE
        footer = "".join(w.text for w in result.words[page_number - 1] if w.top > BOTTOM)
        assert footer == f"—{page_number}—"
    # Signature right-indented two characters, the date two characters right of its first
    # character, one line under it; the 附注 on the line after the date.
    page = number - 1
    signature = max(
        (w for w in result.words[page - 1] if w.text == "青山县教育局"), key=lambda w: w.bottom
    )
    below = [w for w in result.words[page - 1] if abs(w.bottom - signature.bottom - PITCH) < 2]
    assert "".join(w.text for w in sorted(below, key=lambda w: w.left)) == "2025年7月10日"
    date = min(below, key=lambda w: w.left)
    assert abs(date.left - (signature.left + 2 * CHAR)) <= TOLERANCE
    # The date is the longer: it is right-indented two characters, the signature moved left.
    date_end = max(
        g.x for g in result.page(page).glyphs if abs(g.baseline - result.baseline(page, date)) < 1
    )
    assert abs(date_end + CHAR - (RIGHT - 2 * CHAR)) <= TOLERANCE
    assert abs(result.baseline(page, date) - result.baseline(page, signature) - PITCH) <= TOLERANCE
    note = next(
        n for n, page in enumerate(result.words, 1) if "（联系人" in "".join(w.text for w in page)
    )
    assert note == number - 1
