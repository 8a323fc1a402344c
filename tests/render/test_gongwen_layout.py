"""The whole 公文 measured in LibreOffice's PDF (GB/T 9704 §7, layout spec "The whole
document"): the 文件格式 example's 标志, red separator, 发文字号 and 签发人, title, attachment
page, 版记 rules and page-number dashes, each within 0.5 mm of the standard."""

from __future__ import annotations

from pathlib import Path

import pytest
from layout_helpers import gongwen_layout_marks
from pdf_measure import PT_PER_MM, Rendered, red, words

from reportgen.core.blocks import BlockKind
from reportgen.core.style import StyleProfile
from reportgen.pipeline import prepare
from reportgen.render.docx import render_docx
from reportgen.render.layout import EM_BOTTOM, EM_TOP, mark_size
from reportgen.render.pdf import docx_to_pdf

from conftest import ROOT

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


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("gongwen")
    document = prepare(EXAMPLE).document
    source = folder / "file.docx"
    source.write_bytes(render_docx(document))
    (pdf,) = docx_to_pdf([source], folder)
    return Rendered(document, pdf, folder, words(pdf))


def test_issuer_mark_top_edge_is_35_mm_under_the_type_area(rendered: Rendered) -> None:
    mark = next(b.text for b in rendered.document.blocks if b.kind is BlockKind.ISSUER_MARK)
    assert mark == "青山县教育局文件"
    glyphs = [g for g in rendered.page(1).glyphs if red(g.fill)]
    assert len(glyphs) == len(mark)
    (baseline,) = {round(g.baseline, 2) for g in glyphs}
    size = mark_size(mark, PROFILE)
    assert abs(baseline - EM_TOP * size - (TOP + 35 * MM)) <= TOLERANCE
    # Centred in the type area.
    left = min(g.x for g in glyphs)
    right = max(g.x for g in glyphs) + size
    assert abs((left + right) / 2 - (LEFT + RIGHT) / 2) <= TOLERANCE


def test_number_left_signer_right_and_the_red_line_4_mm_under_them(rendered: Rendered) -> None:
    line_words = rendered.find(1, "青教发")
    # 上行文: 发文字号 flush left with one character of space, 签发人 on the same line,
    # right with one character of space.
    assert line_words.text == "青教发〔2025〕21号签发人：赵文清"
    assert abs(line_words.left - (LEFT + CHAR)) <= TOLERANCE
    assert abs(line_words.right - (RIGHT - CHAR)) <= TOLERANCE
    (baseline,) = rendered.page(1).baselines(
        line_words.left, line_words.right, line_words.top, line_words.bottom
    )
    line = rendered.red_line()
    assert abs(line.y - (baseline + EM_BOTTOM * PROFILE.body_size_pt + 4 * MM)) <= TOLERANCE
    assert abs(line.x1 - LEFT) <= TOLERANCE and abs(line.x2 - RIGHT) <= TOLERANCE


def test_title_starts_two_lines_under_the_red_line(rendered: Rendered) -> None:
    line = rendered.red_line()
    title = rendered.find(1, "关于")
    baseline = rendered.baseline(1, title)
    # The title's line (exact line height, baseline at 80% of it) is the third under the line.
    assert abs(baseline - 0.8 * PITCH - (line.y + 2 * PITCH)) <= TOLERANCE


def test_attachment_starts_a_page_with_its_number_and_title(rendered: Rendered) -> None:
    number = next(
        n for n, words in enumerate(rendered.words, 1) if words and words[0].text == "附件"
    )
    assert number > 1
    previous = [w.text for w in rendered.words[number - 2]]
    assert "青山县教育局" in previous  # the signature ends the body on the page before
    label = rendered.find(number, "附件")
    assert abs(label.left - LEFT) <= TOLERANCE
    assert abs(rendered.baseline(number, label) - (TOP + 0.8 * PITCH)) <= TOLERANCE
    title = rendered.find(number, "青山县")
    assert abs(rendered.baseline(number, title) - (TOP + 2.8 * PITCH)) <= TOLERANCE
    assert abs((title.left + title.right) / 2 - (LEFT + RIGHT) / 2) <= TOLERANCE
    # Page numbers go on through the attachment.
    footer = "".join(w.text for w in rendered.words[number - 1] if w.top > BOTTOM)
    assert footer == f"—{number}—"


def test_imprint_rules_at_the_foot_of_the_last_page(rendered: Rendered) -> None:
    last = len(rendered.words)
    rules = sorted(rendered.page(last).rules, key=lambda r: r.y)
    assert len(rules) == 3
    thick, thin = 0.35 * MM, 0.25 * MM
    for rule, width in zip(rules, (thick, thin, thick), strict=True):
        assert abs(rule.width - width) < 0.05
    assert abs(rules[-1].y - BOTTOM) <= TOLERANCE  # the last rule on the type area's bottom
    for rule in rules:
        assert abs(rule.x1 - LEFT) <= TOLERANCE and abs(rule.x2 - RIGHT) <= TOLERANCE
    cc = rendered.find(last, "抄送")
    printed = rendered.find(last, "青山县教育局办公室")
    assert rules[0].y < cc.top and cc.bottom < rules[1].y + 1
    assert rules[1].y < printed.top and printed.bottom < rules[2].y + 1
    # One character (4号, 14 pt) of space left and right.
    assert abs(cc.left - (LEFT + 14)) <= TOLERANCE
    assert abs(printed.left - (LEFT + 14)) <= TOLERANCE
    date = [w for w in rendered.words[last - 1] if w.text.endswith("印发")][-1]
    assert abs(date.right - (RIGHT - 14)) <= TOLERANCE


def test_page_number_dash_is_7_mm_under_the_type_area(rendered: Rendered) -> None:
    for number in range(1, len(rendered.words) + 1):
        dashes = [
            g
            for g in rendered.page(number).glyphs
            if g.baseline > BOTTOM and g.ink_bottom - g.ink_top < 2  # a dash is a thin glyph
        ]
        assert len(dashes) == 2, number
        for dash in dashes:
            middle = (dash.ink_top + dash.ink_bottom) / 2
            assert abs(middle - (BOTTOM + 7 * MM)) <= TOLERANCE, (number, middle)


def test_title_two_lines_under_a_reference_docs_body_letterhead(
    tmp_path: Path,
) -> None:
    """The same from an office's 红头模板 (a body 红头 ending in a red bottom border): the
    红头 is kept and the title starts two lines under its red line."""
    from conftest import MINIMAL
    from docx_helpers import body_letterhead

    source = tmp_path / "r.report.yaml"
    source.write_text(
        MINIMAL + "format: file\ndoc_number: 青教发〔2024〕9号\nsigners: 王明\n", "utf-8"
    )
    reference = body_letterhead(tmp_path / "红头模板.docx")
    docx_path = tmp_path / "with-reference.docx"
    docx_path.write_bytes(render_docx(prepare(source).document, None, reference))
    (pdf,) = docx_to_pdf([docx_path], tmp_path)
    rendered = Rendered(prepare(source).document, pdf, tmp_path, words(pdf))
    line = rendered.red_line()
    assert line.x1 >= LEFT - 1 and line.x2 <= RIGHT + 1
    title = rendered.find(1, "关于")
    assert abs(rendered.baseline(1, title) - 0.8 * PITCH - (line.y + 2 * PITCH)) <= TOLERANCE


def test_letter_format_positions(tmp_path: Path) -> None:
    """信函格式 (GB/T 9704 10.1): 标志 top edge 30 mm from the page's top; red double lines
    (thick over thin) 4 mm under it and (thin over thick) 20 mm above the page's bottom,
    170 mm long, centred; 发文字号 flush right and 份号 flush left on the first line under
    it, 7/8 of a 3号 character's height away; no page number on page 1; a 版记 without
    印发机关 and rules."""
    from conftest import MINIMAL

    source = tmp_path / "letter.report.yaml"
    source.write_text(
        MINIMAL + "format: letter\ndoc_number: 青教函〔2024〕3号\ncopy_number: 12\n"
        "cc: [市教育局办公室]\nprinted_by: 青山县教育局办公室\n",
        "utf-8",
    )
    docx_path = tmp_path / "letter.docx"
    docx_path.write_bytes(render_docx(prepare(source).document))
    (pdf,) = docx_to_pdf([docx_path], tmp_path)
    rendered = Rendered(prepare(source).document, pdf, tmp_path, words(pdf))
    first = rendered.page(1)
    mark = [g for g in first.glyphs if red(g.fill)]
    assert len(mark) == len("青山县教育局")
    size = mark_size("青山县教育局", PROFILE)
    baseline = mark[0].baseline
    assert abs(baseline - EM_TOP * size - 30 * MM) <= TOLERANCE
    lines = sorted((r for r in first.rules if red(r.stroke)), key=lambda r: r.y)
    assert len(lines) == 4
    top_thick, top_thin, bottom_thin, bottom_thick = lines
    assert top_thick.width > top_thin.width and bottom_thick.width > bottom_thin.width
    assert abs(top_thick.y - (baseline + EM_BOTTOM * size + 4 * MM)) <= TOLERANCE
    assert abs(bottom_thick.y - (297 - 20) * MM) <= TOLERANCE
    for line in lines:
        assert abs(line.x1 - 20 * MM) <= TOLERANCE and abs(line.x2 - 190 * MM) <= TOLERANCE
    number = rendered.find(1, "000012")
    assert number.text == "000012青教函〔2024〕3号"
    assert abs(number.left - LEFT) <= TOLERANCE and abs(number.right - RIGHT) <= TOLERANCE
    row = rendered.baseline(1, rendered.find(1, "000012"))
    gap = row - EM_TOP * PROFILE.body_size_pt - (top_thin.y + top_thin.width / 2)
    assert abs(gap - 7 / 8 * PROFILE.body_size_pt) <= TOLERANCE
    assert not [w for w in rendered.words[0] if w.top > BOTTOM and "—" in w.text]
    last = len(rendered.words)
    assert rendered.page(last).rules == [] or all(red(r.stroke) for r in rendered.page(last).rules)
    texts = "".join(w.text for w in rendered.words[last - 1])
    assert "抄送：市教育局办公室。" in texts and "印发" not in texts
