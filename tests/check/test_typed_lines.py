"""Typed numbering in a YAML text block (check/typed_lines.py): a block that starts with
“1、” has its number 1, the findings stand at the lines inside the block, and the rendered
report reads the same way."""

from __future__ import annotations

from pathlib import Path

from reportgen.check.config import default_config
from reportgen.check.runner import check_one
from reportgen.cli import main

from conftest import MINIMAL

HINT = "（这是 text 里手写的编号：分条写的内容请改用 items，每条写“- heading: 内容”，编号会按顺序自动生成。）"
# Line 9 is ``text: |``; the block's lines are 10 and 11, their text from column 11.
BLOCK = "        text: |\n          {one}组织教师参与课后服务。\n          {two}聘请校外专家5名。\n"
POINTS = "        points:\n          - 开设社团12个\n          - 学生参与率95%\n"


def report(one: str, two: str, points: bool = False) -> str:
    text = BLOCK.format(one=one, two=two) + (POINTS if points else "")
    return MINIMAL.replace("        text: 本季度召开专题会议3次。\n", text)


def outline(tmp_path: Path, text: str) -> list[tuple[int, int, str, str]]:
    path = tmp_path / "r.report.yaml"
    path.write_text(text, encoding="utf-8")
    problems = check_one(str(path), default_config()).problems
    return [(p.line, p.column, p.code, p.message) for p in problems if p.code.startswith("O")]


WRONG_FORM = (
    10,
    11,
    "O009",
    "这一组编号有 2 个写法不规范（“1、”“2、”），应写作“1.”“2.”。" + HINT,
)


def test_a_block_starting_with_1_is_one_wrong_form_not_a_gap(tmp_path: Path) -> None:
    assert outline(tmp_path, report("1、", "2、")) == [WRONG_FORM]


def test_points_after_the_block_keep_the_findings_at_their_lines(tmp_path: Path) -> None:
    assert outline(tmp_path, report("1、", "2、", points=True)) == [WRONG_FORM]
    # A real gap is reported at the line of “3.”, not at ``text: |`` (9:15).
    assert outline(tmp_path, report("1.", "3.", points=True)) == [
        (
            11,
            11,
            "O006",
            "“3.聘请校外专家5名。一是开…”编号不连续：跳号（缺少“2.”）；这里应是“2.”。" + HINT,
        )
    ]
    assert outline(tmp_path, report("1.", "2.", points=True)) == []


def test_the_rendered_report_has_the_first_line_as_its_own_paragraph(tmp_path: Path) -> None:
    """Run into the heading, “1、” would vanish inside it and the DOCX read back would
    miss its number 1 as the YAML check did."""
    path = tmp_path / "r.report.yaml"
    path.write_text(report("1、", "2、", points=True), encoding="utf-8")
    assert main(["render", str(path), "-o", str(tmp_path / "r.md")]) == 0
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert (
        "**（一）抓队伍，强化组织领导**。\n\n1、组织教师参与课后服务。\n\n"
        "2、聘请校外专家5名。一是开设社团12个；二是学生参与率95%。\n"
    ) in md
    found = check_one(str(tmp_path / "r.md"), default_config()).problems
    assert [(p.code, p.line) for p in found if p.code.startswith("O")] == [("O009", 9)]
