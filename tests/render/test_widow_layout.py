"""No widow or orphan, and 22 lines on every full page, measured in LibreOffice.

Each paragraph of the DOCX is followed through the PDF's lines (pdftotext -bbox-layout, words
grouped by baseline): a paragraph split over two pages must leave at least two lines on
each; every page but the last of its flow (the last page, or the page before an attachment
page) ends on the type area's last grid line. All documents go through one soffice call.
"""

from __future__ import annotations

import functools
import io
import random
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from layout_helpers import BOTTOM, OFFICE_FACES, PITCH, TOP, Line, visual_lines
from lxml import etree

from reportgen.core.blocks import Block, BlockKind, Document
from reportgen.core.numbering import Family, marker
from reportgen.core.style import StyleProfile
from reportgen.render.docx import render_docx
from reportgen.render.fontmap import font_plan
from reportgen.render.pdf import docx_to_pdf, find_soffice

from conftest import EXAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

pytestmark = pytest.mark.skipif(
    find_soffice() is None
    or shutil.which("pdftotext") is None
    or bool(font_plan().missing(OFFICE_FACES)),
    reason="LibreOffice、pdftotext 或字体缺失：跳过版面测试",
)

# Invented sentences of a school's report: mostly Chinese, with the figures, percentages,
# quotes and book-title marks that move line breaks.
_WORDS = (
    "学校",
    "全面落实",
    "安全责任",
    "教师队伍",
    "课后服务",
    "家校共育",
    "教学质量",
    "专项检查",
    "整改台账",
    "集体备课",
    "心理健康",
    "劳动教育",
    "食堂管理",
    "应急演练",
    "督导评估",
)


def _sentence(r: random.Random) -> str:
    parts = []
    for _ in range(r.randint(2, 5)):
        words = "".join(r.choice(_WORDS) for _ in range(r.randint(1, 3)))
        k = r.random()
        if k < 0.12:
            words += f"{r.randint(2, 400)}次"
        elif k < 0.2:
            words += f"，完成率{r.randint(80, 99)}.{r.randint(0, 9)}%"
        elif k < 0.26:
            words = f"“{words}”"
        elif k < 0.3:
            words = f"《{words}》"
        parts.append(words)
    return "，".join(parts) + r.choice("。。；")


def _text(r: random.Random, length: int) -> str:
    out = ""
    while len(out) < length:
        out += _sentence(r)
    return out[: length - 1].rstrip("，；。“《") + "。" if len(out) > length else out


def _heading(level: int, number: int, text: str, body: str = "") -> Block:
    family = Family.CHAPTER if level == 1 else Family.SECTION
    return Block(
        BlockKind.HEADING,
        text,
        level=level,
        family=family,
        number=number,
        marker=marker(family, number),
        run_in=bool(body),
        body=body,
    )


def stress_document(seed: int) -> Document:
    """About eight pages of paragraphs of every length (one line to a page and more),
    own-line and run-in headings: page ends fall everywhere."""
    r = random.Random(seed)
    blocks = [
        Block(BlockKind.TITLE, "关于2024年秋季学期学校工作的报告"),
        Block(BlockKind.RECIPIENT, "县教育局："),
        Block(BlockKind.LEAD, _text(r, 120)),
    ]
    for part in range(1, 6):
        blocks.append(_heading(1, part, r.choice(("主要工作", "存在问题", "工作打算"))))
        for item in range(1, r.randint(3, 6)):
            length = r.choice((20, 40, 60, 90, 120, 150, 200, 260, 330, 420, 700))
            if r.random() < 0.6:
                blocks.append(_heading(2, item, _text(r, 12), _text(r, length)))
            else:
                blocks.append(Block(BlockKind.PARAGRAPH, _text(r, length)))
    blocks += [
        Block(BlockKind.CLOSING, "特此报告。"),
        Block(BlockKind.SIGNATURE, "青山县第一实验小学"),
        Block(BlockKind.DATE, "2025年1月17日"),
    ]
    return Document(title=blocks[0].text, blocks=blocks)


def _example_documents() -> dict[str, Document]:
    from reportgen.pipeline import prepare

    return {f"example{i}": prepare(path).document for i, path in enumerate(EXAMPLES)}


UNBALANCED = StyleProfile(avoid_widows=False)
STRESS = ["stress1", "stress2", "stress3"]


@functools.cache
def documents() -> dict[str, tuple[Document, StyleProfile | None]]:
    return {
        **{name: (doc, None) for name, doc in _example_documents().items()},
        **{name: (stress_document(int(name[-1])), None) for name in STRESS},
        # The same reports without the pass: they have widows and orphans to find.
        **{f"{name}-off": (stress_document(int(name[-1])), UNBALANCED) for name in STRESS},
    }


@dataclass
class Paragraph:
    text: str  # without spaces
    page_break: bool  # starts a new page (an attachment)


def docx_paragraphs(data: bytes) -> list[Paragraph]:
    """The body's visible paragraphs, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    result = []
    for p in root.iter(f"{W}p"):
        if p.getparent().tag != f"{W}body":
            continue
        text = "".join(
            t.text or ""
            for r in p.iter(f"{W}r")
            if r.find(f"{W}rPr/{W}vanish") is None
            for t in r.iter(f"{W}t")
        )
        text = "".join(text.split())
        if text:
            result.append(Paragraph(text, p.find(f"{W}pPr/{W}pageBreakBefore") is not None))
    return result


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, Path]]:
    folder = tmp_path_factory.mktemp("widow")
    data, paths = {}, []
    for name, (document, profile) in documents().items():
        path = folder / f"{name}.docx"
        data[name] = render_docx(document, profile)
        path.write_bytes(data[name])
        paths.append(path)
    pdfs = docx_to_pdf(paths, folder / "pdf")
    return {pdf.stem: (data[pdf.stem], pdf) for pdf in pdfs}


@functools.cache
def body_pages(pdf: Path) -> list[list[Line]]:
    html = pdf.with_suffix(".html")
    subprocess.run(["pdftotext", "-bbox-layout", str(pdf), str(html)], check=True)
    return [[line for line in page if line.bottom < BOTTOM + 2] for page in visual_lines(html)]


@dataclass
class Placed:
    paragraph: Paragraph
    pages: list[int]  # the page of each of its lines


def follow(paragraphs: list[Paragraph], pages: list[list[Line]]) -> list[Placed]:
    """Which lines each paragraph took: its text is the concatenation of its lines."""
    lines = [(n, "".join(line.text.split())) for n, page in enumerate(pages) for line in page]
    placed, at = [], 0
    for paragraph in paragraphs:
        shown, where = "", []
        while len(shown) < len(paragraph.text):
            assert at < len(lines), f"not found in the PDF: {paragraph.text[:20]}"
            page, text = lines[at]
            shown += text
            where.append(page)
            at += 1
        assert shown == paragraph.text, f"{shown[:30]} ≠ {paragraph.text[:30]}"
        placed.append(Placed(paragraph, where))
    return placed


@dataclass
class Findings:
    widows: list[str]
    orphans: list[str]
    short_pages: list[str]


def inspect(data: bytes, pdf: Path) -> Findings:
    pages = body_pages(pdf)
    placed = follow(docx_paragraphs(data), pages)
    widows, orphans = [], []
    for item in placed:
        counts = [item.pages.count(n) for n in sorted(set(item.pages))]
        if len(counts) > 1:
            if counts[0] < 2:
                orphans.append(item.paragraph.text[:20])
            if counts[-1] < 2:
                widows.append(item.paragraph.text[:20])
    # A flow's last page: the document's last, or the one before a page break.
    flow_ends = {len(pages) - 1} | {
        item.pages[0] - 1 for item in placed if item.paragraph.page_break
    }
    short = []
    for number, lines in enumerate(pages):
        if number in flow_ends:
            continue
        # Full: the last line sits on the type area's last grid line …
        if not BOTTOM - PITCH < lines[-1].bottom <= BOTTOM + 1:
            short.append(f"page {number + 1} ends at {lines[-1].bottom:.1f} pt")
        # … and a page without a 版头 starts on the first: 22 lines, none blank.
        if number > 0 or TOP - 1 <= lines[0].top < TOP + PITCH:
            slots = round((lines[-1].bottom - lines[0].bottom) / PITCH) + 1
            if slots != 22 or not TOP - 1 <= lines[0].top < TOP + PITCH:
                short.append(f"page {number + 1}: {slots} lines")
    return Findings(widows, orphans, short)


@pytest.mark.parametrize("name", [*_example_documents(), *STRESS])
def test_no_widow_no_orphan_and_22_lines_on_every_full_page(
    rendered: dict[str, tuple[bytes, Path]], name: str
) -> None:
    data, pdf = rendered[name]
    found = inspect(data, pdf)
    assert found == Findings([], [], []), found
    assert len(body_pages(pdf)) >= 2


def test_the_reports_without_the_pass_have_widows_or_orphans(
    rendered: dict[str, tuple[bytes, Path]],
) -> None:
    """The check above can fail: the same stress reports, unadjusted, break its rules."""
    bad = 0
    for name in STRESS:
        found = inspect(*rendered[f"{name}-off"])
        bad += len(found.widows) + len(found.orphans) + len(found.short_pages)
    assert bad >= 3


def test_adjusted_paragraphs_are_few_and_slight(rendered: dict[str, tuple[bytes, Path]]) -> None:
    """Only some paragraphs change, each by a fraction of a point (26 to 29 characters a
    line instead of 28): the writer gives body runs no spacing of their own otherwise."""
    total = 0
    for name in [*_example_documents(), *STRESS]:
        data, pdf = rendered[name]
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            root = etree.fromstring(zf.read("word/document.xml"))
        body = [p for p in root.iter(f"{W}p") if p.getparent().tag == f"{W}body"]
        grid = [p for p in body if p.find(f"{W}pPr/{W}spacing") is None]  # not the 版头
        changed = [p for p in grid if p.find(f"{W}r/{W}rPr/{W}spacing") is not None]
        values = {s.get(f"{W}val") for p in changed for s in p.iterfind(f"{W}r/{W}rPr/{W}spacing")}
        assert len(changed) <= len(body_pages(pdf)), name  # at most one a page
        assert values <= {"-22", "0", "5", "12"}, (name, values)
        total += len(changed)
    assert total > 0
