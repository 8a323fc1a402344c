"""Readers: our own renders read back exactly; hand-typed DOCX and web-pasted Markdown by markers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reportgen.core.blocks import BlockKind, Document, Origin
from reportgen.pipeline import prepare, render_bytes
from reportgen.read.docx import read_docx
from reportgen.read.markdown import read_markdown

from conftest import EXAMPLES, ROOT
from docx_helpers import hand_typed_docx

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


# ---------------------------------------------------------------- bug hunt: tables, bold, breaks

_TABLE_MD = (
    "# 关于各校安全工作情况的报告\n\n"
    "2024年第三季度，各校认真落实上级部署。现将有关情况报告如下：\n\n"
    "## 一、工作情况\n\n"
    "**（一）抓排查**。开展排查。\n\n"
    "| 学校 | 隐患（处） |\n"
    "| --- | --- |\n"
    "| 一中 | 100 |\n"
    "| 二中 | 3 |\n\n"
    "特此报告。\n\n青山县教育局\n\n2024年10月8日\n"
)


def test_markdown_table_is_a_table_block() -> None:
    doc = read_markdown(_TABLE_MD, "t.md")
    tables = [b for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert [t.rows for t in tables] == [(("学校", "隐患（处）"), ("一中", "100"), ("二中", "3"))]
    assert tables[0].origin == Origin(9, 1, "一、工作情况 > （一）抓排查")
    assert outline(doc) == [(1, "一、", "工作情况"), (2, "（一）", "抓排查。")]
    assert [b.kind for b in doc.blocks][-3:] == [
        BlockKind.CLOSING,
        BlockKind.SIGNATURE,
        BlockKind.DATE,
    ]
    # Without the table extension the delimiter row was a paragraph of its own.
    assert all("---" not in b.full_text for b in doc.blocks)


def test_table_of_figures_reads_back_from_our_render() -> None:
    from reportgen.core.blocks import Block
    from reportgen.render.markdown import render_markdown

    rows = (("单位", "问题（条）", "全文字数"), ("一中|分校", "2", "1200"), ("二中", "0", "980"))
    doc = Document(
        "各单位报告汇总",
        [
            Block(BlockKind.TITLE, "各单位报告汇总"),
            Block(BlockKind.LEAD, "现将有关情况汇总如下："),
            Block(BlockKind.TABLE, "", rows=rows),
            Block(BlockKind.PARAGRAPH, "以上数字由各校报告统计。"),
        ],
    )
    back = read_markdown(render_markdown(doc), "r.md")
    assert [(b.kind, b.rows) for b in back.blocks if b.kind is BlockKind.TABLE] == [
        (BlockKind.TABLE, rows)
    ]


def test_a_table_is_never_title_lead_or_signature() -> None:
    doc = read_markdown("| 1 | 2 |\n|---|---|\n| 3 | 4 |\n\n| 青山县 |\n|---|\n", "t.md")
    assert [b.kind for b in doc.blocks] == [BlockKind.TABLE, BlockKind.TABLE]


@pytest.mark.parametrize(
    "line",
    ["**（一）抓落实。**开展检查。", "**（一）抓落实**。开展检查。", "**（一）抓落实。**"],
)
def test_bold_run_in_heading_with_the_stop_inside(line: str) -> None:
    """CommonMark leaves ``**…。**开展`` as text (no closing after punctuation before a
    hanzi); it is still the common way to write a bold run-in heading."""
    text = f"关于工作情况的报告\n\n一、工作情况\n\n{line}\n\n**（二）抓排查。**组织排查。\n"
    heads = read_markdown(text, "x.md").headings()
    assert [(h.marker, h.text) for h in heads[1:]] == [
        ("（一）", "抓落实。"),
        ("（二）", "抓排查。"),
    ]
    assert [h.body for h in heads[1:]] == ["开展检查。" if "开展" in line else "", "组织排查。"]


def test_escaped_asterisks_are_not_bold() -> None:
    doc = read_markdown("关于工作情况的报告\n\n\\*\\*（一）抓落实。\\*\\*开展检查。\n", "x.md")
    assert doc.headings() == []  # asterisks the writer meant as asterisks stay text
    assert doc.blocks[-1].text == "**（一）抓落实。**开展检查。"


def _docx_with_break(after_break: str, first: str = "（一）抓队伍。本季度开会3次。") -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("关于2024年第三季度校园安全工作情况的报告")
    d.add_paragraph("一、工作情况")
    run = d.add_paragraph().add_run(first)
    run.add_break()  # Shift+Enter
    run.add_text(after_break)
    d.add_paragraph("特此报告。")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


@pytest.mark.parametrize("indent", ["\u3000\u3000", "", "  "])
def test_docx_line_break_in_body_is_a_paragraph_break(indent: str) -> None:
    doc = read_docx(_docx_with_break(f"{indent}（二）抓排查。组织排查。"), "b.docx")
    assert [(h.marker, h.text, h.body, h.origin.line) for h in doc.headings()[1:]] == [
        ("（一）", "抓队伍。", "本季度开会3次。", 3),
        ("（二）", "抓排查。", "组织排查。", 3),
    ]
    assert all("\u3000" not in b.full_text for b in doc.blocks)


def test_docx_line_break_stays_in_title_and_attachment_note() -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    title = d.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("关于2024年第三季度校园安全")
    run.add_break()
    run.add_text("工作情况的报告")
    d.add_paragraph("一、工作情况")
    d.add_paragraph("本季度开会3次。")
    run = d.add_paragraph().add_run("附件：1.隐患台账")
    run.add_break()
    run.add_text("\u3000\u3000\u30002.培训名单")
    d.add_paragraph("青山县教育局")
    out = io.BytesIO()
    d.save(out)
    doc = read_docx(out.getvalue(), "t.docx")
    assert doc.title == "关于2024年第三季度校园安全工作情况的报告"
    assert [b.items for b in doc.blocks if b.kind is BlockKind.ATTACHMENTS] == [
        ("隐患台账", "培训名单")
    ]


def test_a_short_lead_with_the_formula_is_not_a_recipient() -> None:
    from reportgen.read.markdown import read_markdown

    doc = read_markdown(
        "# 关于安全工作情况的报告\n\n现将有关情况报告如下：\n\n## 一、工作情况\n\n开展了检查。\n",
        "r.md",
    )
    assert [b.kind.value for b in doc.blocks[:3]] == ["title", "lead", "heading"]


def test_bold_heading_sentence_after_a_typed_marker() -> None:
    from reportgen.read.markdown import read_markdown

    doc = read_markdown(
        "# 关于安全工作情况的报告\n\n## 一、工作情况\n\n（一）**抓队伍，强化组织领导**本季度召开专题会议3次。\n\n"
        "（二）**抓排查**组织排查。\n",
        "r.md",
    )
    rows = [(b.marker, b.text, b.body, b.run_in) for b in doc.headings() if b.level == 2]
    assert rows == [
        ("（一）", "抓队伍，强化组织领导", "本季度召开专题会议3次。", True),
        ("（二）", "抓排查", "组织排查。", True),
    ]
