"""Layout checks through LibreOffice: DOCX → PDF → pdftotext -bbox-layout → visual lines.

Arithmetic cannot show that a page holds 22 lines of 28 characters; only a renderer can.
All documents of this module go through one soffice call (a start costs about a second).
"""

from __future__ import annotations

import collections
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from reportgen.blocks import BlockKind
from reportgen.errors import OutputError
from reportgen.render import pdf
from reportgen.render.docx import render_docx
from reportgen.render.pdf import docx_to_pdf, find_soffice

from conftest import EXAMPLES
from docx_helpers import sample_document

# Every example report goes through LibreOffice too, named by its position.
EXAMPLE_NAMES = [f"example{i}" for i in range(len(EXAMPLES))]


def _example_documents() -> dict[str, object]:
    from reportgen.pipeline import prepare

    return {
        name: prepare(path).document for name, path in zip(EXAMPLE_NAMES, EXAMPLES, strict=True)
    }


PT_PER_MM = 72 / 25.4
PAGE_HEIGHT = 297 * PT_PER_MM
LEFT = 28 * PT_PER_MM
RIGHT = (210 - 26) * PT_PER_MM
TOP = 37 * PT_PER_MM
BOTTOM = (297 - 35) * PT_PER_MM
PITCH = 28.95
CHAR = 16.0
# Characters that may not start a line, and those that may not end one (kinsoku).
NO_START = set("，。、；：？！）》」』】〕”’…—·%")
NO_END = set("（《「『【〔“‘")

needs_lo = pytest.mark.skipif(
    find_soffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) 或 pdftotext 未安装：跳过版面测试",
)


@dataclass
class Line:
    top: float
    bottom: float
    left: float
    right: float
    text: str

    @property
    def width(self) -> float:
        """In characters: CJK one, digits and Latin half."""
        return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in self.text)


def visual_lines(html: Path) -> list[list[Line]]:
    """Words grouped by their baseline: pdftotext may split one visual line in several."""
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in etree.parse(str(html)).iterfind(".//h:page", ns):
        words = sorted(
            (
                float(w.get("yMax")),
                float(w.get("xMin")),
                float(w.get("xMax")),
                float(w.get("yMin")),
                w.text or "",
            )
            for w in page.iterfind(".//h:word", ns)
        )
        lines: list[Line] = []
        for bottom, left, right, top, text in words:
            if lines and abs(lines[-1].bottom - bottom) < 3:
                line = lines[-1]
                line.left, line.right = min(line.left, left), max(line.right, right)
                line.text += text
            else:
                lines.append(Line(top, bottom, left, right, text))
        pages.append(lines)
    return pages


@pytest.fixture(scope="module")
def layouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[Line]]]:
    if find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) 或 pdftotext 未安装")
    folder = tmp_path_factory.mktemp("layout")
    documents = {
        "plain": sample_document(),
        "seal": sample_document(seal=True),
        # One line more pushes the date to a page of its own unless the signature
        # keeps with it.
        "numbered": sample_document(seal=True, doc_number=True),
        **_example_documents(),
    }
    paths = []
    for name, document in documents.items():
        path = folder / f"{name}.docx"
        path.write_bytes(render_docx(document))
        paths.append(path)
    result = {}
    for path in docx_to_pdf(paths, folder / "pdf"):
        html = path.with_suffix(".html")
        subprocess.run(["pdftotext", "-bbox-layout", str(path), str(html)], check=True)
        result[path.stem] = visual_lines(html)
    return result


def body_lines(page: list[Line]) -> list[Line]:
    """The lines inside the type area: the footer's page number is below it."""
    return [line for line in page if line.bottom < BOTTOM + 2]


def footer_line(page: list[Line]) -> Line:
    (line,) = [line for line in page if line.top > BOTTOM]
    return line


@needs_lo
@pytest.mark.parametrize("name", ["plain", "seal", *EXAMPLE_NAMES])
def test_every_full_page_has_22_lines(layouts: dict[str, list[list[Line]]], name: str) -> None:
    pages = layouts[name]
    assert len(pages) >= 3
    for number, page in enumerate(pages[:-1], 1):
        lines = body_lines(page)
        slots = round((lines[-1].bottom - lines[0].bottom) / PITCH) + 1
        assert slots == 22, f"page {number}: {slots} lines"
        # Blank lines only under the title; every other slot holds text.
        assert len(lines) >= (20 if number == 1 else 22)
        assert TOP - 1 <= lines[0].top < TOP + PITCH
        assert lines[-1].bottom <= BOTTOM + 1


@needs_lo
@pytest.mark.parametrize("name", ["plain", "seal", *EXAMPLE_NAMES])
def test_full_lines_hold_28_characters(layouts: dict[str, list[list[Line]]], name: str) -> None:
    checked = 0
    for page in layouts[name]:
        lines = body_lines(page)
        for line, after in zip(lines, [*lines[1:], None], strict=True):
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
def test_no_character_is_lost(layouts: dict[str, list[list[Line]]]) -> None:
    document = sample_document()
    shown_text = "".join(
        b.full_text if b.kind is not BlockKind.ATTACHMENTS else "附件：" + "".join(b.items)
        for b in document.blocks
    )
    expected = collections.Counter(shown_text)
    shown = collections.Counter("".join(line.text for page in layouts["plain"] for line in page))
    assert {c: n for c, n in expected.items() if shown[c] < n} == {}


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
    expected = collections.Counter(shown_text)
    shown = collections.Counter("".join(line.text for page in pages for line in page))
    assert {c: n for c, n in expected.items() if shown[c] < n} == {}
    title_lines = "".join(line.text for line in body_lines(pages[0])[:3])
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
    # The page number sits about 7 mm under the type area (its glyph box top).
    gap_mm = (odd.top - BOTTOM) / PT_PER_MM
    assert 4 < gap_mm < 9


@needs_lo
def test_signature_and_date_positions(layouts: dict[str, list[list[Line]]]) -> None:
    lines = body_lines(layouts["plain"][-1])
    signature, date = lines[-2], lines[-1]
    assert signature.text == "城东区第一实验中学"
    assert date.bottom - signature.bottom == pytest.approx(PITCH, abs=1)
    assert abs(signature.right - (RIGHT - 2 * CHAR)) < 2
    assert abs(date.right - (RIGHT - 2.5 * CHAR)) < 2
    attachments = next(line for line in lines if line.text.startswith("附件："))
    assert abs(attachments.left - (LEFT + 2 * CHAR)) < 2
    second = lines[lines.index(attachments) + 1]
    assert abs(second.left - (LEFT + 5 * CHAR)) < 2


@needs_lo
def test_sealed_signature_is_centred_over_the_date(layouts: dict[str, list[list[Line]]]) -> None:
    lines = body_lines(layouts["seal"][-1])
    signature, date = lines[-2], lines[-1]
    assert abs(date.right - (RIGHT - 4 * CHAR)) < 2
    # Fandol's digits are wider than the half-width digits of 仿宋_GB2312 the indent is
    # computed for, so allow half a character.
    assert abs((signature.left + signature.right) / 2 - (date.left + date.right) / 2) < CHAR


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


def test_fonts_conf_maps_office_names_to_fandol() -> None:
    from reportgen.templating import builtin_dir

    conf = builtin_dir() / "docx" / "fonts.conf"
    root = etree.parse(str(conf)).getroot()
    aliases = {a.findtext("family"): a.findtext("prefer/family") for a in root.iterfind("alias")}
    assert aliases["仿宋_GB2312"] == "FandolFang"
    assert aliases["楷体_GB2312"] == "FandolKai"
    assert aliases["黑体"] == "FandolHei"
    assert aliases["方正小标宋简体"] == "FandolSong"
    assert all(a.get("binding") == "same" for a in root.iterfind("alias"))
    assert root.find("include").text == "/etc/fonts/fonts.conf"
