"""A kind's numbering family per level (``numbering: [一、, （一）, （1）]``): render (Markdown,
DOCX, HTML), check and import follow it; the single value of old (the items' family) still
works; a wrong list is I029 at its place in the kind file."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from cli_helpers import run

from reportgen.core.numbering import STANDARD, Family, Ladder

# A 情况通报 whose sub-items are （1） right under （一） (1. skipped), as some offices write.
KIND = """\
label: 情况通报
title: "关于{{ period }}{{ topic }}情况的通报"
lead: >-
  {{ period }}，{{ self_name }}对{{ topic }}情况进行了检查。现将有关情况通报如下：
closing: ""
title_words: [通报]
priority: 40
numbering: [一、, （一）, （1）]
parts:
  - role: work
    heading: 检查情况
    required: true
  - role: next-steps
    heading: 下一步工作要求
"""

REPORT = """\
kind: notice
org: 青山县教育局
topic: 校园食堂检查
period: 2025年春季学期
date: 2025-06-20
parts:
  - role: work
    items:
      - heading: 食材进货查验
        items:
          - heading: 台账齐全
            text: 全县32所学校食堂进货台账齐全。
          - heading: 索证规范
            text: 供货单位资质证明均已留存。
      - heading: 从业人员管理
        text: 从业人员均持有效健康证明上岗。
  - role: next-steps
    items:
      - heading: 持续开展抽查
        text: 每月随机抽查食堂不少于5所。
"""


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "tpl"
    (folder / "kinds").mkdir(parents=True)
    (folder / "kinds" / "notice.yaml").write_text(KIND, encoding="utf-8")
    return folder


def _source(tmp_path: Path, text: str = REPORT) -> Path:
    path = tmp_path / "通报.report.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_ladder() -> None:
    ladder = Ladder.of(["一、", "（一）", "（1）"])
    assert (ladder.items, ladder.below(Family.SECTION)) == (Family.SECTION, Family.PAREN_ARABIC)
    # A part numbered otherwise (numbering: 1.) goes on by GB/T 9704.
    assert ladder.below(Family.ARABIC) is Family.PAREN_ARABIC
    assert Ladder.of("1.") == Ladder((Family.CHAPTER, Family.ARABIC))
    assert Ladder.of("1.").below(Family.ARABIC) is Family.PAREN_ARABIC
    assert Ladder.of(["一、", "1.", "一是"]).below(Family.ARABIC) is Family.INLINE
    assert STANDARD.below(Family.SECTION) is Family.ARABIC


def test_markdown_and_html_number_each_level_by_the_kind(tmp_path: Path, templates: Path) -> None:
    code, out, err = run(["render", str(_source(tmp_path)), "--templates", str(templates)])
    assert code == 0, err
    assert "\n## 一、检查情况\n" in out
    assert "**（一）食材进货查验**" in out
    assert "**（1）台账齐全**。全县32所学校" in out and "**（2）索证规范**。" in out
    assert "**（二）从业人员管理**。" in out and "1." not in out.split("## 二、")[0]
    html = tmp_path / "通报.html"
    code, _, err = run(
        ["render", str(_source(tmp_path)), "-o", str(html), "--templates", str(templates)]
    )
    assert code == 0, err
    page = html.read_text(encoding="utf-8")
    assert '<span class="marker">（1）</span>台账齐全' in page
    assert '<span class="marker">1.</span>' not in page
    # Heading ranks follow the outline's depth, not the families' standard levels: （1）
    # right under （一） is one rank below it (aria-level 4 under 3), no rank skipped.
    ranks = re.findall(r'aria-level="(\d)"><span class="marker">([^<]+)</span>', page)
    assert ranks[:3] == [("3", "（一）"), ("4", "（1）"), ("4", "（2）")]


def test_docx_numbers_each_level_by_the_kind(tmp_path: Path, templates: Path) -> None:
    target = tmp_path / "通报.docx"
    code, _, err = run(
        ["render", str(_source(tmp_path)), "-o", str(target), "--templates", str(templates)]
    )
    assert code == 0, err
    texts = [p.text for p in docx.Document(str(target)).paragraphs if p.text.strip()]
    starts = [t.split("。")[0] for t in texts]
    at = starts.index("一、检查情况")
    assert starts[at : at + 5] == [
        "一、检查情况",
        "（一）食材进货查验",
        "（1）台账齐全",
        "（2）索证规范",
        "（二）从业人员管理",
    ]


def test_the_single_value_is_the_items_family(tmp_path: Path, templates: Path) -> None:
    (templates / "kinds" / "notice.yaml").write_text(
        KIND.replace("numbering: [一、, （一）, （1）]", 'numbering: "1."'), encoding="utf-8"
    )
    code, out, err = run(["render", str(_source(tmp_path)), "--templates", str(templates)])
    assert code == 0, err
    assert "**1.食材进货查验**" in out and "**（1）台账齐全**" in out


def test_check_takes_the_kinds_skip_as_no_skip(tmp_path: Path, templates: Path) -> None:
    code, out, err = run(["render", str(_source(tmp_path)), "--templates", str(templates)])
    assert code == 0, err
    copy = tmp_path / "通报.md"
    copy.write_text(out, encoding="utf-8")
    assert run(["check", "-f", "parsable", "--templates", str(templates), str(copy)]) == (
        0,
        "",
        "",
    )
    # Read as a built-in kind (the folder not given), （1） under （一） skips 1.: O004.
    code, out, _ = run(["check", "-f", "parsable", str(copy)])
    assert "（1）台账齐全”直接写在“（一）食材进货查验”之下，跳过了中间的层次；应先用1.一级。" in out
    # Under the kind, a skip it does not make is still reported, with the kind's level.
    (templates / "kinds" / "notice.yaml").write_text(
        KIND.replace("[一、, （一）, （1）]", "[一、, 1., （1）]"), encoding="utf-8"
    )
    deeper = tmp_path / "deeper.md"
    deeper.write_text(
        out.replace("**（一）食材进货查验**", "**1.食材进货查验**")
        .replace("**（二）从业人员管理**", "**2.从业人员管理**")
        .replace("**（一）持续开展抽查**", "**1.持续开展抽查**"),
        encoding="utf-8",
    )
    code, out, _ = run(["check", "-f", "parsable", "--templates", str(templates), str(deeper)])
    assert "O004" not in out


def test_import_writes_no_numbering_the_kind_gives(tmp_path: Path, templates: Path) -> None:
    rendered = tmp_path / "通报.docx"
    code, _, err = run(
        ["render", str(_source(tmp_path)), "-o", str(rendered), "--templates", str(templates)]
    )
    assert code == 0, err
    code, out, err = run(["import", str(rendered), "--templates", str(templates)])
    assert code == 0, err
    assert "\nkind: notice\n" in out
    assert "numbering" not in out and "M004" not in err
    target = tmp_path / "again.report.yaml"
    target.write_text(out, encoding="utf-8")
    code, again, err = run(["render", str(target), "--templates", str(templates)])
    assert code == 0, err
    assert "**（1）台账齐全**" in again
    # Imported as a built-in kind, the （1） items will be numbered 1.: M004 says so.
    code, out, err = run(["import", str(rendered), "--kind", "work-report"])
    assert code == 0
    assert "M004" in err and "“（一）”下一级用了“（1）”；生成时用“1.”" in err


def test_import_writes_a_parts_own_family(tmp_path: Path, templates: Path) -> None:
    """A part numbered otherwise than the kind's level 2 gets its own ``numbering``."""
    (templates / "kinds" / "notice.yaml").write_text(
        KIND.replace("[一、, （一）, （1）]", "[一、, 1., （1）]"), encoding="utf-8"
    )
    source = tmp_path / "a.md"
    source.write_text(
        "# 关于2025年春季学期校园食堂检查情况的通报\n\n现将有关情况通报如下：\n\n"
        "## 一、检查情况\n\n**1.食材进货查验**。台账齐全。\n\n**2.从业人员管理**。持证上岗。\n\n"
        "## 二、下一步工作要求\n\n**（一）持续开展抽查**。每月抽查。\n",
        encoding="utf-8",
    )
    code, out, err = run(["import", str(source), "--templates", str(templates)])
    assert code == 0, err
    assert "\nkind: notice  # " in out
    assert out.count("numbering") == 1 and "    numbering: （一）\n" in out


@pytest.mark.parametrize(
    ("numbering", "at", "message"),
    [
        (
            "[一、, （一）, 1、]",
            "8:22",
            "numbering[2]: “1、”不是编号样式：可选 一、 （一） 1. （1） 一是。",
        ),
        (
            "[一、, 1., （一）]",
            "8:21",
            "numbering[2]: “（一）”不能写在“1.”之下：层次序数由高到低是 一、（一）1.（1），"
            "只能向下用，最多跳过一级（如一、之下直接用 1.）。",
        ),
        (
            "[一、, （一）, 1., （1）, 一是]",
            "8:31",
            "numbering[4]: 编号最多四级（一、（一）1.（1））。",
        ),
        (
            "[一、, （1）]",
            "8:17",
            "numbering[1]: “（1）”直接写在“一、”之下跳过了两级：层次序数由高到低是 一、（一）1.（1），"
            "只能向下用，最多跳过一级（如一、之下直接用 1.）。",
        ),
        (
            "[一、, 一是, 1.]",
            "8:17",
            "numbering[1]: “一是”的条目是一段话，其下不能再分级：只能写在最后一级。",
        ),
        (
            "[（一）, 1.]",
            "8:13",
            "numbering[0]: 按层级写的编号从第 1 级（部分，“一、”）写起，至少写到条目一级，"
            "如 [一、, （一）, 1., （1）]；只写条目的样式时写一个值，如 numbering: （一）。",
        ),
        (
            "一、",
            "8:12",
            "numbering: “一、”不是条目的编号样式：“一、”是部分的编号；一个值写条目（第 2 级）的样式，"
            "可选 （一）、1.、（1）、一是；要写每一级时写成列表，如 [一、, （一）, 1., （1）]。",
        ),
        (
            "{level: 2}",
            "8:12",
            "numbering: 取值不对（numbering 写一种编号样式（条目一级，如“（一）”），"
            "或按层级写一个列表（如 [一、, （一）, 1., （1）]））。",
        ),
    ],
)
def test_a_wrong_numbering_is_a_coded_error_at_its_place(
    tmp_path: Path, templates: Path, numbering: str, at: str, message: str
) -> None:
    kind = templates / "kinds" / "notice.yaml"
    kind.write_text(KIND.replace("[一、, （一）, （1）]", numbering), encoding="utf-8")
    code, _, err = run(["render", str(_source(tmp_path)), "--templates", str(templates)])
    assert code == 1
    assert f"{kind}:{at}: error I029 [bad-kind-file] {message}" in err, err
    assert "Traceback" not in err
