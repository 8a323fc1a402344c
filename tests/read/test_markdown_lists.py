"""Markdown list numbers after nested lists reach the outline as written."""

from __future__ import annotations

from reportgen.read.markdown import markdown_paragraphs, read_markdown

# ---------------------------------------------------------------- 3. Markdown lists


def test_ordered_item_after_a_nested_list_keeps_its_number() -> None:
    text = "1. 完善机制\n   - 细则\n2. 加强协同\n   1. 家访\n3. 开展培训\n"
    assert [p.text for p in markdown_paragraphs(text)] == [
        "1.完善机制",
        "细则",
        "2.加强协同",
        "1.家访",
        "3.开展培训",
    ]


def test_bullet_item_after_a_nested_ordered_list_gets_no_number() -> None:
    text = "- 完善机制\n  1. 细则\n- 加强协同\n"
    assert [p.text for p in markdown_paragraphs(text)] == ["完善机制", "1.细则", "加强协同"]


def test_nested_list_numbers_reach_the_outline() -> None:
    text = "# 关于工作的报告\n\n一、工作情况\n\n1. 完善机制。\n   - 细则\n2. 加强协同。\n"
    doc = read_markdown(text, "r.md")
    items = [b for b in doc.headings() if b.level == 3]
    assert [(b.number, b.body) for b in items] == [(1, "完善机制。"), (2, "加强协同。")]
