"""The Markdown back-end: golden files, and CommonMark structure read back with markdown-it-py.

Regenerate the golden files with REPORTGEN_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reportgen.pipeline import prepare
from reportgen.render.markdown import md, md_para, render_markdown

from conftest import EXAMPLES

DATA = Path(__file__).parent.parent / "data"
GOLDEN = Path(__file__).parent.parent / "golden"
SOURCES = [DATA / "structure.report.yaml", *EXAMPLES]


def _golden_name(source: Path) -> str:
    return source.name.replace(".report.yaml", ".md")


@pytest.mark.parametrize("source", SOURCES, ids=[p.name for p in SOURCES])
def test_golden(source: Path) -> None:
    text = render_markdown(prepare(source).document)
    golden = GOLDEN / _golden_name(source)
    if os.environ.get("REPORTGEN_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}; run with REPORTGEN_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")


def _structure(text: str) -> list[tuple[str, str]]:
    """(block type, inline text) for each top-level block as a CommonMark parser sees it."""
    tokens = MarkdownIt("commonmark").parse(text)
    out = []
    for i, tok in enumerate(tokens):
        if tok.type in ("heading_open", "paragraph_open"):
            kind = tok.tag
            inline = tokens[i + 1]
            plain = "".join(
                c.content for c in inline.children or [] if c.type in ("text", "softbreak")
            )
            strong = any(c.type == "strong_open" for c in inline.children or [])
            out.append((kind + ("+strong" if strong else ""), plain))
        elif tok.type in (
            "bullet_list_open",
            "ordered_list_open",
            "blockquote_open",
            "table_open",
            "html_block",
            "code_block",
            "fence",
        ):
            out.append((tok.type, ""))
    return out


def test_commonmark_structure() -> None:
    text = render_markdown(prepare(DATA / "structure.report.yaml").document)
    structure = _structure(text)
    kinds = [k for k, _ in structure]
    assert kinds.count("h1") == 1
    assert kinds.count("h2") == 4
    assert not any(
        k in kinds
        for k in (
            "bullet_list_open",
            "ordered_list_open",
            "blockquote_open",
            "html_block",
            "code_block",
        )
    )
    assert (
        "p+strong",
        "（一）抓队伍，强化组织领导。本季度召开专题会议3次，研究部署开学安全工作。",
    ) in structure
    assert ("h4", "1.完善隐患排查机制") in structure
    assert ("p", "# 不是标题 *也不是强调* 1. 不是列表 | 不是表格 <b>不是HTML</b>") in structure
    assert structure[-1] == ("p", "2024年10月8日")


@pytest.mark.parametrize(
    "text",
    [
        "# 标题",
        "- 列表",
        "+ 列表",
        "1. 列表",
        "2) 列表",
        "> 引用",
        "| a | b |",
        "<div>html</div>",
        "    缩进代码",
        "*强调* _强调_ `代码` [链接](x) ![图](y)",
        "&amp; &#35;",
        "a\\b",
        "=====",
        "~~删除~~",
    ],
)
def test_escaped_text_is_one_plain_paragraph(text: str) -> None:
    tokens = MarkdownIt("commonmark").parse(md_para(text.strip()) + "\n")
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    inline = tokens[1]
    assert [c.type for c in inline.children or []] == ["text"]
    assert inline.children[0].content == text.strip()


def test_full_width_punctuation_untouched() -> None:
    text = "（一）“双减”——落实；《通知》……【附】：！？"
    assert md(text) == text


def test_table_is_a_gfm_pipe_table_with_escaped_cells() -> None:
    from reportgen.core.blocks import Block, BlockKind, Document

    doc = Document(
        "汇总",
        [
            Block(BlockKind.TITLE, "汇总"),
            Block(BlockKind.TABLE, "", rows=(("单位", "条数"), ("二|中", "*4*"))),
        ],
    )
    assert (
        render_markdown(doc) == "# 汇总\n\n| 单位 | 条数 |\n| --- | --- |\n| 二\\|中 | \\*4\\* |\n"
    )
