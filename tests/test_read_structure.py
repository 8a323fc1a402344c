"""Readers: our own renders read back exactly; hand-typed DOCX and web-pasted Markdown by markers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reportgen.blocks import BlockKind, Document, Origin
from reportgen.pipeline import prepare, render_bytes
from reportgen.read.docx import read_docx
from reportgen.read.markdown import read_markdown

from conftest import EXAMPLES, ROOT

DATA = ROOT / "tests" / "data" / "check"
SOURCES = [*EXAMPLES, ROOT / "tests" / "data" / "structure.report.yaml"]


def outline(doc: Document) -> list[tuple[int, str, str]]:
    return [(b.level, b.marker, b.text) for b in doc.headings()]


def shape(doc: Document) -> list[tuple[object, ...]]:
    return [(b.kind, b.level, b.marker, b.text, b.body, b.run_in, b.items) for b in doc.blocks]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_markdown_render_reads_back(path: Path) -> None:
    prepared = prepare(path)
    doc = read_markdown(render_bytes(prepared, "md").decode("utf-8"), "r.md")
    assert outline(doc) == outline(prepared.document)
    assert [b.kind for b in doc.blocks] == [b.kind for b in prepared.document.blocks]
    assert shape(doc) == shape(prepared.document)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_docx_render_reads_back(path: Path) -> None:
    prepared = prepare(path)
    doc = read_docx(render_bytes(prepared, "docx"), "r.docx")
    assert outline(doc) == outline(prepared.document)
    assert [b.kind for b in doc.blocks] == [b.kind for b in prepared.document.blocks]
    assert shape(doc) == shape(prepared.document)


def test_docx_origins_are_paragraph_numbers_with_heading_paths() -> None:
    prepared = prepare(ROOT / "tests" / "data" / "structure.report.yaml")
    doc = read_docx(render_bytes(prepared, "docx"), "r.docx")
    item = next(b for b in doc.blocks if b.marker == "（二）")
    assert item.origin.line == 10 and item.origin.column == 0
    assert item.origin.path == "一、工作情况"
    body = next(b for b in doc.blocks if b.text == "各校均明确了分管负责人。")
    assert body.origin == Origin(9, 0, "一、工作情况 > （一）抓队伍，强化组织领导")


def hand_typed_docx() -> bytes:
    """A report typed in Word: no heading styles, typed markers, wrong forms, a missing part."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    title = d.add_paragraph("关于2024年秋季学期教师培训工作情况的报告")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("县教育局：")
    d.add_paragraph("本学期，我校围绕教师专业发展开展系列培训。现将有关情况报告如下：")
    d.add_paragraph("一、工作情况")
    p = d.add_paragraph()
    p.add_run("(一)抓师德师风建设。").bold = True
    p.add_run("组织全体教师学习师德规范，开展专题讨论4次。")
    d.add_paragraph("(二)抓业务能力提升。组织青年教师参加县级培训××人次。")
    d.add_paragraph("1、开展集体备课。各学科组每周集体备课1次。")
    d.add_paragraph("2、开展听评课活动。本学期听评课120节。")
    d.add_paragraph("二、下一步工作打算")
    d.add_paragraph("（一）完善培训制度。修订教师培训管理办法。")
    d.add_paragraph("特此报告。")
    d.add_paragraph("青山县第一小学")
    d.add_paragraph("2024年12月20日")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_hand_typed_docx_outline() -> None:
    doc = read_docx(hand_typed_docx(), "hand.docx")
    assert doc.title == "关于2024年秋季学期教师培训工作情况的报告"
    assert outline(doc) == [
        (1, "一、", "工作情况"),
        (2, "(一)", "抓师德师风建设。"),
        (2, "(二)", "抓业务能力提升。"),
        (3, "1、", "开展集体备课。"),
        (3, "2、", "开展听评课活动。"),
        (1, "二、", "下一步工作打算"),
        (2, "（一）", "完善培训制度。"),
    ]
    kinds = [b.kind for b in doc.blocks]
    assert kinds[:3] == [BlockKind.TITLE, BlockKind.RECIPIENT, BlockKind.LEAD]
    assert kinds[-3:] == [BlockKind.CLOSING, BlockKind.SIGNATURE, BlockKind.DATE]
    first = doc.headings()[1]
    assert first.run_in and first.body.startswith("组织全体教师")
    assert first.origin.line == 5 and first.origin.path == "一、工作情况"
    assert [b.role for b in doc.headings() if b.level == 1] == ["work", "next-steps"]


def test_web_pasted_markdown_outline() -> None:
    doc = read_markdown((DATA / "web-pasted.md").read_text(encoding="utf-8"), "w.md")
    assert doc.title.startswith("关于2024年上半年")
    assert outline(doc) == [
        (1, "一、", "工作情况"),
        (2, "(一)", "健全工作机制。"),
        (2, "（二）", "加强队伍建设。"),
        (2, "(四)", "开展筛查干预。"),
        (1, "二、", "下一步工作打算"),
        (3, "1、", "完善心理辅导室建设。"),
        (3, "2、", "加强家校协同。"),
    ]
    kinds = {b.kind for b in doc.blocks}
    assert {BlockKind.RECIPIENT, BlockKind.CLOSING, BlockKind.SIGNATURE, BlockKind.DATE} <= kinds
    assert doc.headings()[1].origin.line == 10


def test_lines_without_blank_lines_are_paragraphs() -> None:
    text = "关于工作情况的报告\n一、工作情况\n（一）抓队伍。本季度开会3次。\n（二）抓排查。排查隐患。\n"
    doc = read_markdown(text, "x.md")
    assert outline(doc) == [
        (1, "一、", "工作情况"),
        (2, "（一）", "抓队伍。"),
        (2, "（二）", "抓排查。"),
    ]
    assert [b.origin.line for b in doc.headings()] == [2, 3, 4]
