"""Layout checks through LibreOffice: DOCX → PDF → pdftotext -bbox-layout → visual lines.

Arithmetic cannot show that a page holds 22 lines of 28 characters; only a renderer can.
All documents of this module go through one soffice call (a start costs about a second).
"""

from __future__ import annotations

import collections
import functools
import shutil
import subprocess
from pathlib import Path

import pytest
from layout_helpers import (
    BOTTOM,
    LEFT,
    OFFICE_FACES,
    PITCH,
    PT_PER_MM,
    RIGHT,
    TOP,
    Line,
    visual_lines,
)
from lxml import etree

from reportgen.core.blocks import Block, BlockKind, Document
from reportgen.core.numbering import Family
from reportgen.core.style import StyleProfile
from reportgen.errors import OutputError
from reportgen.render import pdf
from reportgen.render.docx import render_docx
from reportgen.render.fontmap import font_plan
from reportgen.render.pdf import docx_to_pdf, find_soffice

from conftest import EXAMPLES
from docx_helpers import heading_at_page_foot_document, paragraphs, prose, sample_document

# Every example report goes through LibreOffice too, named by its position.
EXAMPLE_NAMES = [f"example{i}" for i in range(len(EXAMPLES))]
# Examples without a 版头 or attachment pages: their pages are all body text. The 文件格式
# example's 版头, attachment page and 版记 are measured in test_gongwen_layout.py.
PLAIN_EXAMPLES = [
    name
    for name, path in zip(EXAMPLE_NAMES, EXAMPLES, strict=True)
    if "\nformat: file" not in path.read_text(encoding="utf-8")
]


def _example_documents() -> dict[str, object]:
    from reportgen.pipeline import prepare

    return {
        name: prepare(path).document for name, path in zip(EXAMPLE_NAMES, EXAMPLES, strict=True)
    }


PAGE_HEIGHT = 297 * PT_PER_MM
CHAR = 16.0
# Characters that may not start a line, and those that may not end one (kinsoku).
NO_START = set("，。、；：？！）》」』】〕”’…—·%")
NO_END = set("（《「『【〔“‘")

# Each of OFFICE_FACES must be drawn in itself or a real substitute (render/fontmap.py), or
# LibreOffice's own pick would make every measurement meaningless.
_ABSENT = font_plan().missing(OFFICE_FACES)

needs_lo = pytest.mark.skipif(
    find_soffice() is None or shutil.which("pdftotext") is None or bool(_ABSENT),
    reason="LibreOffice (soffice) 或 pdftotext 未安装，或本机缺少字体"
    f"（{'、'.join(_ABSENT) or '无'}）：跳过版面测试",
)


def closing_at_page_foot_document() -> Document:
    """Sealed: 特此报告。 and the attachment note end page 1 (lines 19–22), so without
    keep-with-next the signature and date would stand alone on page 2 (GB/T 9704 7.3.5.5)."""
    blocks = [
        Block(BlockKind.TITLE, "关于教师培训工作的报告"),
        Block(BlockKind.RECIPIENT, "区教育局："),
        *paragraphs(0, (150, 150, 70)),
        Block(BlockKind.CLOSING, "特此报告。"),
        Block(BlockKind.ATTACHMENTS, "", items=("教师培训名册", "培训经费统计表")),
        Block(BlockKind.SIGNATURE, "城东区第一实验中学"),
        Block(BlockKind.DATE, "2024年10月8日"),
    ]
    return Document(title="关于教师培训工作的报告", blocks=blocks, seal=True)


# Marks between Chinese characters, and after (or before) digits and Latin letters.
MARKED = "他说“青山经验”是关键……下一步——继续‘抓落实’不放松，完成率95%……“2024”年A——B，"


def latin_font_document() -> Document:
    """Body text full of quotes, ellipses and dashes, rendered with a Latin font."""
    document = sample_document()
    blocks = [
        Block(BlockKind.PARAGRAPH, "".join(MARKED + s for s in prose(i, 200).split("。")))
        if b.kind is BlockKind.PARAGRAPH
        else b
        for i, b in enumerate(document.blocks)
    ]
    return Document(title=document.title, blocks=blocks, org=document.org)


LATIN = StyleProfile(latin_font="Times New Roman")


@functools.cache
def documents() -> dict[str, tuple[Document, StyleProfile | None]]:
    return {
        "plain": (sample_document(), None),
        "seal": (sample_document(seal=True), None),
        # One line more pushes the date to a page of its own unless the signature
        # keeps with it.
        "numbered": (sample_document(seal=True, doc_number=True), None),
        "headings": (heading_at_page_foot_document(), None),
        "closing": (closing_at_page_foot_document(), None),
        "latin": (latin_font_document(), LATIN),
        **{name: (document, None) for name, document in _example_documents().items()},
    }


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) 或 pdftotext 未安装")
    folder = tmp_path_factory.mktemp("layout")
    paths = []
    for name, (document, profile) in documents().items():
        path = folder / f"{name}.docx"
        # The grid and keep-with-next themselves, without the page-balancing pass that
        # changes a few paragraphs' spacing (measured in test_widow_layout.py).
        grid = (profile or StyleProfile()).model_copy(update={"avoid_widows": False})
        path.write_bytes(render_docx(document, grid))
        paths.append(path)
    return {path.stem: path for path in docx_to_pdf(paths, folder / "pdf")}


@pytest.fixture(scope="module")
def layouts(pdfs: dict[str, Path]) -> dict[str, list[list[Line]]]:
    result = {}
    for path in pdfs.values():
        html = path.with_suffix(".html")
        subprocess.run(["pdftotext", "-bbox-layout", str(path), str(html)], check=True)
        result[path.stem] = visual_lines(html)
    return result


def own_line_headings(document: Document) -> list[str]:
    return [
        b.marker + b.text
        for b in document.blocks
        if b.kind is BlockKind.HEADING
        and b.family is not Family.INLINE
        and (b.level == 1 or not b.body)
    ]


def moved_down(document: Document, after: list[Line], last: bool) -> int:
    """How many lines keep-with-next may have carried from a page's foot to the top of
    the next page (``after``): the own-line headings that start it, or, on the last page,
    the last body paragraph and attachment note that keep with the signature (GB/T 9704
    7.3.5.5), up to the signature."""
    headings = own_line_headings(document)
    lines = body_lines(after)
    count = 0
    for line in lines:
        if not any(line.text.replace(" ", "") in h for h in headings):
            break
        count += 1
    if count or not last:
        return count
    tail = next(
        (b for b in reversed(document.blocks) if b.kind not in TAIL),
        None,
    )
    signature = next((b.text for b in document.blocks if b.kind is BlockKind.SIGNATURE), None)
    if tail is None or not tail.full_text.startswith(lines[0].text.replace(" ", "")):
        return 0
    ends = [line for line in lines if line.text == signature]
    return round((ends[0].bottom - lines[0].bottom) / PITCH) if ends else 0


TAIL = (BlockKind.ATTACHMENTS, BlockKind.SIGNATURE, BlockKind.DATE)


def body_lines(page: list[Line]) -> list[Line]:
    """The lines inside the type area: the footer's page number is below it."""
    return [line for line in page if line.bottom < BOTTOM + 2]


def footer_line(page: list[Line]) -> Line:
    (line,) = [line for line in page if line.top > BOTTOM]
    return line


FULL_PAGES = ["plain", "seal", "headings", "closing", "latin", *PLAIN_EXAMPLES]
LINE_PAGES = [name for name in FULL_PAGES if name != "closing"]  # closing: too few lines


@needs_lo
@pytest.mark.parametrize("name", FULL_PAGES)
def test_every_full_page_has_22_lines(layouts: dict[str, list[list[Line]]], name: str) -> None:
    """22 lines, or fewer only where keep-with-next carried the page's last lines down:
    an own-line heading that would have ended the page (with the headings above it), or
    the last body paragraph kept with the signature block."""
    pages = layouts[name]
    document = documents()[name][0]
    assert len(pages) >= 2
    for number, page in enumerate(pages[:-1], 1):
        lines = body_lines(page)
        slots = round((lines[-1].bottom - lines[0].bottom) / PITCH) + 1
        if slots != 22:
            moved = moved_down(document, pages[number], number == len(pages) - 1)
            assert 1 <= 22 - slots <= moved, f"page {number}: {slots} lines"
        # Blank lines only under the title; every other slot holds text.
        assert len(lines) >= slots - (2 if number == 1 else 0)
        assert TOP - 1 <= lines[0].top < TOP + PITCH
        assert lines[-1].bottom <= BOTTOM + 1


@needs_lo
@pytest.mark.parametrize("name", ["plain", "seal", "numbered", "headings", *EXAMPLE_NAMES])
def test_no_page_ends_with_an_own_line_heading(
    layouts: dict[str, list[list[Line]]], name: str
) -> None:
    headings = own_line_headings(documents()[name][0])
    for number, page in enumerate(layouts[name][:-1], 1):
        last = body_lines(page)[-1].text.replace(" ", "")
        assert not any(h.startswith(last) for h in headings), f"page {number} ends with {last}"


@needs_lo
def test_a_heading_on_the_last_line_moves_to_the_next_page(
    layouts: dict[str, list[list[Line]]],
) -> None:
    pages = [body_lines(page) for page in layouts["headings"]]

    def slots(lines: list[Line]) -> int:
        return round((lines[-1].bottom - lines[0].bottom) / PITCH) + 1

    # 一、 would be line 22 of page 1; （一） line 22 of page 2; 二、 and （一） lines 21–22
    # of page 3: each page ends early by the lines that moved.
    assert [slots(lines) for lines in pages[:3]] == [21, 21, 20]
    assert [lines[0].text for lines in pages[1:3]] == ["一、主要工作", "（一）强化安全管理"]
    assert [line.text for line in pages[3][:2]] == ["二、下一步打算", "（一）完善培训体系"]


@needs_lo
@pytest.mark.parametrize("name", ["plain", "seal", "numbered", "closing", *PLAIN_EXAMPLES])
def test_the_signature_page_holds_body_text(
    layouts: dict[str, list[list[Line]]], name: str
) -> None:
    document = documents()[name][0]
    signature = next(b.text for b in document.blocks if b.kind is BlockKind.SIGNATURE)
    lines = body_lines(layouts[name][-1])
    assert [line.text for line in lines].index(signature) > 0
    body = [
        b.full_text
        for b in document.blocks
        if b.kind not in (*TAIL, BlockKind.TITLE, BlockKind.RECIPIENT, BlockKind.DOC_NUMBER)
    ]
    assert any(line.text.replace(" ", "") in "".join(body) for line in lines)


@needs_lo
def test_closing_moves_down_with_the_signature_block(
    layouts: dict[str, list[list[Line]]],
) -> None:
    first, last = (body_lines(page) for page in layouts["closing"])
    # Closing, blank line and two attachment lines (19–22) went down together.
    assert round((first[-1].bottom - first[0].bottom) / PITCH) + 1 == 18
    assert [line.text for line in last][:3] == [
        "特此报告。",
        "附件：1.教师培训名册",
        "2.培训经费统计表",
    ]
    assert [line.text for line in last][-2:] == ["城东区第一实验中学", "2024年10月8日"]


@needs_lo
@pytest.mark.parametrize("name", LINE_PAGES)
def test_full_lines_hold_28_characters(layouts: dict[str, list[list[Line]]], name: str) -> None:
    checked = 0
    pages = [body_lines(page) for page in layouts[name]]
    for lines, following in zip(pages, [*pages[1:], [None]], strict=True):
        # Kinsoku works across a page break too: the next page's first line counts.
        for line, after in zip(lines, [*lines[1:], following[0]], strict=True):
            assert line.right <= RIGHT + 1, f"punctuation hangs into the margin: {line.text}"
            if line.right < RIGHT - CHAR / 2:
                continue  # the last line of a paragraph, or a short one
            if abs(line.left - LEFT) < 2:
                expected = 28.0
            elif abs(line.left - (LEFT + 2 * CHAR)) < 2:
                expected = 26.0  # a first line, indented two characters
            else:
                continue  # centred title, right-aligned signature
            # Kinsoku: a mark that may not start a line pulls the previous character
            # down with it, or an opening mark goes down to the next line.
            pushed = after is not None and (after.text[1:2] in NO_START or after.text[:1] in NO_END)
            next_starts_latin = (
                after is not None and after.text[:1].isascii() and after.text[:1].isalnum()
            )
            if next_starts_latin or any(c.isascii() and c.isalnum() for c in line.text):
                # The Fandol stand-in draws digits about 0.64 em wide, not half an em as
                # 仿宋_GB2312 does, and a number is never split: such lines cannot be
                # counted here. They still end at the right margin (checked above).
                continue
            assert line.width == expected or (pushed and line.width == expected - 1), (
                f"{line.width} characters: {line.text}"
            )
            checked += 1
    assert checked > 40


@needs_lo
@pytest.mark.parametrize("name", ["plain", "headings", "closing", "latin"])
def test_no_character_is_lost(layouts: dict[str, list[list[Line]]], name: str) -> None:
    document = documents()[name][0]
    shown_text = "".join(
        b.full_text if b.kind is not BlockKind.ATTACHMENTS else "附件：" + "".join(b.items)
        for b in document.blocks
    )
    expected = collections.Counter(shown_text)
    shown = collections.Counter("".join(line.text for page in layouts[name] for line in page))
    assert {c: n for c, n in expected.items() if shown[c] < n} == {}


@needs_lo
@pytest.mark.skipif(shutil.which("pdftohtml") is None, reason="pdftohtml 未安装")
def test_latin_font_draws_quotes_ellipses_and_dashes_in_the_chinese_font(
    pdfs: dict[str, Path], layouts: dict[str, list[list[Line]]]
) -> None:
    """LibreOffice draws a quote, ellipsis or dash after a digit or Latin letter in the
    Latin font (“2024” with narrow quotes, 95%...... on the baseline) unless its run
    names the Chinese font: every one must come out in a Fandol face."""
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-q", "-stdout", str(pdfs["latin"])],
        check=True,
        capture_output=True,
    ).stdout
    root = etree.fromstring(xml)
    families = {f.get("id"): f.get("family") for f in root.iter("fontspec")}
    # The faces the office names are drawn in (the page numbers' dashes are in 宋体).
    faces = {"".join((font_plan().face(n) or n).split()).casefold() for n in OFFICE_FACES}
    checked = 0
    for text in root.iter("text"):
        marks = [c for c in "".join(text.itertext()) if c in "“”‘’…—"]
        if marks:
            family = "".join(families[text.get("font")].split()).casefold()
            assert any(face in family for face in faces), "".join(text.itertext())
            checked += len(marks)
    assert checked > 100
    # …… and —— come out whole, never split over two lines.
    lines = [line.text for page in layouts["latin"] for line in body_lines(page)]
    joined = "".join(lines)
    assert "..." not in joined
    assert joined.count("……") * 2 == joined.count("…") > 0
    assert joined.count("——") * 2 == joined.count("—") > 0
    # The pairs after a digit or Latin letter are runs of their own: never split. (Between
    # Chinese characters LibreOffice 7.4's CJK line breaker may still split a —— pair: it
    # ignores settings.xml's w:noLineBreaksBefore, and a word joiner U+2060 would be an
    # invisible character that `reportgen check` rightly reports.)
    for line in lines:
        assert not (line.endswith("95%…") or line.endswith("A—")), line


@needs_lo
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_examples_lose_no_character_and_number_their_pages(
    layouts: dict[str, list[list[Line]]], name: str
) -> None:
    document = _example_documents()[name]
    pages = layouts[name]
    shown_text = "".join(
        b.full_text if b.kind is not BlockKind.ATTACHMENTS else "附件：" + "".join(b.items)
        for b in document.blocks  # type: ignore[attr-defined]
    )
    expected = collections.Counter(c for c in shown_text if not c.isspace())
    shown = collections.Counter("".join(line.text for page in pages for line in page))
    assert {c: n for c, n in expected.items() if shown[c] < n} == {}
    # The title is on page 1: its first lines, or under the 版头.
    title_lines = "".join(line.text for line in body_lines(pages[0])[:8])
    assert document.title in title_lines.replace(" ", "")  # type: ignore[attr-defined]
    for number, page in enumerate(pages, 1):
        assert footer_line(page).text.replace(" ", "") == f"—{number}—"


@needs_lo
def test_page_numbers_and_title(layouts: dict[str, list[list[Line]]]) -> None:
    pages = layouts["plain"]
    first, second = pages[0], pages[1]
    assert body_lines(first)[0].text == "关于校园安全和教师培训工作的报告"
    odd, even = footer_line(first), footer_line(second)
    assert odd.text.replace(" ", "") == "—1—"
    assert even.text.replace(" ", "") == "—2—"
    # Odd pages right with one character of space, even pages left.
    page_number_char = 14.0
    assert abs(odd.right - (RIGHT - page_number_char)) < 2
    assert abs(even.left - (LEFT + page_number_char)) < 2
    # The page number's line sits under the type area (the dash is measured to 7 mm in
    # test_gongwen_layout.py).
    gap_mm = (odd.top - BOTTOM) / PT_PER_MM
    assert 2 < gap_mm < 9


@needs_lo
def test_signature_and_date_positions(layouts: dict[str, list[list[Line]]]) -> None:
    lines = body_lines(layouts["plain"][-1])
    signature, date = lines[-2], lines[-1]
    assert signature.text == "城东区第一实验中学"
    assert date.bottom - signature.bottom == pytest.approx(PITCH, abs=1)
    assert abs(signature.right - (RIGHT - 2 * CHAR)) < 2
    # The date starts exactly two characters (15.75 pt each on the 28-character grid)
    # right of the signature's first character, whatever its digits' width.
    assert abs(date.left - (signature.left + 2 * 15.75)) < 0.5 * PT_PER_MM
    attachments = next(line for line in lines if line.text.startswith("附件："))
    assert abs(attachments.left - (LEFT + 2 * CHAR)) < 2
    second = lines[lines.index(attachments) + 1]
    assert abs(second.left - (LEFT + 5 * CHAR)) < 2


@needs_lo
def test_sealed_signature_is_centred_over_the_date(layouts: dict[str, list[list[Line]]]) -> None:
    lines = body_lines(layouts["seal"][-1])
    signature, date = lines[-2], lines[-1]
    # Fandol's digits are wider than the half-width digits of 仿宋_GB2312 the place is
    # computed for: the date ends about four characters from the edge …
    assert abs(date.right - (RIGHT - 4 * CHAR)) < CHAR
    # … and the signature is centred over it exactly (one centre tab stop).
    middle = (signature.left + signature.right) / 2
    assert abs(middle - (date.left + date.right) / 2) < 0.5 * PT_PER_MM
    # Room for the seal: three blank lines between the body and the signature.
    above = lines[lines.index(signature) - 1]
    assert round((signature.bottom - above.bottom) / PITCH) == 4


@needs_lo
def test_signature_keeps_with_the_date(layouts: dict[str, list[list[Line]]]) -> None:
    pages = layouts["numbered"]
    last = body_lines(pages[-1])
    assert [line.text for line in last[-2:]] == ["城东区第一实验中学", "2024年10月8日"]
    assert body_lines(pages[0])[0].text == "城东教〔2024〕12号"


def test_missing_libreoffice_is_a_clear_output_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(OutputError, match="libreoffice-writer-nogui"):
        docx_to_pdf([tmp_path / "a.docx"], tmp_path)


def test_fonts_conf_maps_office_names_to_the_faces_found(tmp_path: Path) -> None:
    """The file handed to soffice maps each office name the machine lacks to the face the
    plan found (Fandol here, wherever it is installed), and adds its folder."""
    plan = font_plan()
    if plan.missing(OFFICE_FACES):
        pytest.skip(f"本机缺少字体：{'、'.join(plan.missing(OFFICE_FACES))}")
    conf = pdf.fonts_conf(tmp_path)
    substitutes = plan.substitutes(OFFICE_FACES)
    if conf is None:
        assert substitutes == {} and plan.extra_dirs == ()
        return
    root = etree.parse(str(conf)).getroot()
    aliases = {a.findtext("family"): a.findtext("prefer/family") for a in root.iterfind("alias")}
    assert {name: aliases[name] for name in substitutes} == substitutes
    assert [d.text for d in root.iterfind("dir")] == list(plan.extra_dirs)
