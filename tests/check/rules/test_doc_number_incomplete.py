"""C012 doc-number-incomplete: a 发文字号 with its year or serial number left blank"""

from __future__ import annotations

from pathlib import Path

import pytest
from rule_helpers import check, findings, report

from reportgen.check.config import default_config
from reportgen.check.runner import check_one
from reportgen.cli import main
from reportgen.core.blocks import BlockKind
from reportgen.read.markdown import read_markdown

from conftest import MINIMAL

EXAMPLE = "发文字号写作“机关代字〔年份〕序号号”，如“青教发〔2025〕12号”。"


def test_doc_number_incomplete() -> None:
    # The 文号 line above the title of a finished report: read as the 发文字号, reported.
    check("青教发〔2024〕15号\n\n" + report(), C012=None)
    check("青教发〔 〕号\n\n" + report(), C012=(1, 1), T008=None)
    # Under the title, as hand-typed files put it.
    under = report().replace("报告\n\n市教育局", "报告\n\n青教发〔2024〕号\n\n市教育局", 1)
    check(under, C012=(3, 1))
    # Quoted in a sentence: at the bracket.
    check("按照青教发〔2024〕15号文件要求。\n", C012=None)
    check("按照青教发〔2024〕号文件要求。\n", C012=(1, 6))
    check("按照青教发[ ]号文件要求。\n", C012=(1, 6))
    check("按照青教发〔 〕号文件要求。\n", C012=(1, 6), T008=None)
    check("按照青教发〔20XX〕○号文件要求。\n", C012=(1, 6))
    # Not a 发文字号: round brackets without a year, a year without 号.
    check("教学楼（1）号门、（2025）年度。\n", C012=None)


# (doc_number as written, what the message says after “不完整：”)
CASES = [
    ("青三小〔 〕号", "缺少年份和序号"),
    ("青三小〔〕号", "缺少年份和序号"),
    ("青三小〔　〕号", "缺少年份和序号"),
    ("青三小〔 年〕号", "缺少年份和序号"),
    ("青三小〔2025〕号", "缺少序号"),
    ("青三小〔2025〕第号", "缺少序号"),
    ("青三小〔〕12号", "缺少年份"),
    ("青三小12号", "缺少年份"),
    ("〔2025〕12号", "缺少机关代字"),
    ("青三小〔2025〕12", "序号后缺少“号”字"),
    ("青三小[ ]号", "缺少年份和序号；年份的括号“[]”应为六角括号“〔〕”"),
    ("青三小( )号", "缺少年份和序号；年份的括号“()”应为六角括号“〔〕”"),
    ("青三小(2025)号", "缺少序号；年份的括号“()”应为六角括号“〔〕”"),
    ("青三小〔XXXX〕号", "缺少序号；年份应为四位数字，这里是“XXXX”"),
    ("青三小〔20XX〕X号", "年份应为四位数字，这里是“20XX”；序号应为数字，这里是“X”"),
    ("青三小〔2025〕○号", "序号应为数字，这里是“○”"),
    ("青三小〔○○○○〕×号", "年份应为四位数字，这里是“○○○○”；序号应为数字，这里是“×”"),
]


def yaml_report(doc_number: str) -> str:
    # doc_number on line 5, its value from column 13.
    return MINIMAL.replace("date: 2024-10-08\n", f"date: 2024-10-08\ndoc_number: {doc_number}\n")


@pytest.mark.parametrize(("number", "what"), CASES)
def test_each_unfinished_number_in_a_report_yaml(number: str, what: str, tmp_path: Path) -> None:
    path = tmp_path / "r.report.yaml"
    path.write_text(yaml_report(number), encoding="utf-8")
    problems = check_one(str(path), default_config()).problems
    found = [(p.line, p.column, p.path, p.message) for p in problems if p.code == "C012"]
    assert found == [(5, 13, "doc_number", f"发文字号“{number}”不完整：{what}。{EXAMPLE}")]
    # The blank's spaces are the number left to write, not spaces to delete (T008).
    assert [p for p in problems if p.code == "T008"] == []


@pytest.mark.parametrize(
    "number", ["青三小〔2025〕12号", "青政办发〔2025〕3号", "青教发[2024]15号"]
)
def test_finished_numbers_pass(number: str, tmp_path: Path) -> None:
    path = tmp_path / "r.report.yaml"
    path.write_text(yaml_report(number), encoding="utf-8")
    assert [
        p.code for p in check_one(str(path), default_config()).problems if p.code == "C012"
    ] == []


def test_render_stops_and_fix_leaves_the_blank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.report.yaml"
    path.write_text(yaml_report("青三小〔 〕号"), encoding="utf-8")
    assert main(["render", str(path), "-o", str(tmp_path / "r.md")]) == 1
    assert not (tmp_path / "r.md").exists()
    err = capsys.readouterr().err
    assert "r.report.yaml:5:13: error C012 [doc-number-incomplete] doc_number: " in err
    assert main(["check", "--fix", str(path)]) == 1
    assert "doc_number: 青三小〔 〕号\n" in path.read_text(encoding="utf-8")


def test_a_draft_read_back_has_it_above_the_title(tmp_path: Path) -> None:
    """Rendered as a draft, the unfinished line is still the 发文字号 (not taken for the
    title), and check of the Markdown reports it at its line."""
    path = tmp_path / "r.report.yaml"
    path.write_text(yaml_report("青三小〔2025〕号"), encoding="utf-8")
    assert main(["render", "--draft", str(path), "-o", str(tmp_path / "r.md")]) == 0
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    blocks = read_markdown(text, "r.md").blocks
    kinds = [b.kind for b in blocks if b.kind in (BlockKind.DOC_NUMBER, BlockKind.TITLE)]
    assert kinds == [BlockKind.DOC_NUMBER, BlockKind.TITLE]
    title = next(b for b in blocks if b.kind is BlockKind.TITLE)
    assert title.text == "关于2024年第三季度校园安全工作情况的报告"
    line = text.splitlines().index("青三小〔2025〕号") + 1
    found = [(p.line, p.column, p.message) for p in findings(text) if p.code == "C012"]
    assert found == [(line, 1, f"发文字号“青三小〔2025〕号”不完整：缺少序号。{EXAMPLE}")]


def test_a_docx_read_back_reports_it(tmp_path: Path) -> None:
    path = tmp_path / "r.report.yaml"
    path.write_text(yaml_report("青三小〔 〕号"), encoding="utf-8")
    assert main(["render", "--draft", str(path), "-o", str(tmp_path / "r.docx")]) == 0
    problems = check_one(str(tmp_path / "r.docx"), default_config()).problems
    assert [(p.line, p.column, p.code) for p in problems if p.code in ("C012", "T008")] == [
        (1, 1, "C012")
    ]


def test_in_a_sentence_the_message_quotes_the_number_from_its_bracket() -> None:
    found = [p for p in findings("按照青教发〔 年〕12号文件要求。\n") if p.code == "C012"]
    assert [(p.line, p.column, p.message) for p in found] == [
        (1, 6, f"发文字号里的“〔 年〕12号”不完整：缺少年份。{EXAMPLE}")
    ]
