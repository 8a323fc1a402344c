"""The bureau's roll-up: items re-levelled under each school's name, counted per role, checked."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.batch import run_batch
from reportgen.batch_rollup import count_points
from reportgen.cli import main

from conftest import EXAMPLES

NESTED = """\
org: 青山县第一中学
topic: 校园安全工作
period: 2024年秋季学期
date: 2024-10-08
parts:
  - role: work
    items:
      - heading: 抓队伍
        text: 开会3次。
        items:
          - heading: 建制度
            text: 制度5项。
            items:
              - heading: 晨检制度
                text: 每日晨检。
          - heading: 强培训
            text: 培训2次。
  - role: work
    heading: 专项工作
    numbering: "1."
    items:
      - heading: 查隐患
        text: 隐患9处。
  - role: results
    numbering: "（1）"
    items:
      - heading: 零事故
        text: 未发生事故。
      - heading: 获表彰
        text: 获县级表彰。
  - role: problems
    numbering: "1."
    items:
      - heading: 设施老化
        text: 洗消间盖板破损。
        items:
          - heading: 排水沟
            text: 盖板2处。
      - heading: 培训不足
        text: 实操少。
  - role: next-steps
    intro: 下一步主要做好以下工作
    points: [完善台账, 加强演练, 补齐设施]
"""


class _Main:
    name = "reportgen"

    def main(self, args: list[str], prog_name: str | None = None, **_: object) -> None:
        sys.exit(main(list(args)))


def check(path: Path) -> tuple[int, list[str]]:
    """`reportgen check` on ``path``: the exit code and the error lines."""
    result = CliRunner().invoke(
        _Main(),  # type: ignore[arg-type]
        ["check", "--format", "parsable", str(path)],
        catch_exceptions=False,
    )
    return result.exit_code, [line for line in result.output.splitlines() if "[error]" in line]


def test_items_are_relevelled_under_the_school_whatever_their_family(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "一中.report.yaml").write_text(NESTED, encoding="utf-8")
    rollup = tmp_path / "汇总.md"
    run_batch([src], tmp_path / "out", formats="md", rollup=rollup, jobs=1)
    text = rollup.read_text(encoding="utf-8")
    assert "| 青山县第一中学 | 2 | 2 | 2 | 3 | " in text  # first-level items; points
    assert text[text.index("## 二、工作情况") :] == (
        "## 二、工作情况\n\n"
        "### （一）青山县第一中学\n\n"
        "**1.抓队伍**。开会3次。\n\n"
        "**（1）建制度**。制度5项。\n\n"
        "晨检制度。每日晨检。\n\n"  # below （1） there is no marker left: a paragraph
        "**（2）强培训**。培训2次。\n\n"
        "**2.查隐患**。隐患9处。\n\n"  # the second work part numbers on
        "## 三、工作成效\n\n"
        "### （一）青山县第一中学\n\n"
        "**1.零事故**。未发生事故。\n\n"
        "**2.获表彰**。获县级表彰。\n\n"
        "## 四、存在的问题\n\n"
        "### （一）青山县第一中学\n\n"
        "**1.设施老化**。洗消间盖板破损。\n\n"
        "**（1）排水沟**。盖板2处。\n\n"
        "**2.培训不足**。实操少。\n\n"
        "## 五、下一步工作打算\n\n"
        "### （一）青山县第一中学\n\n"
        "下一步主要做好以下工作：一是完善台账；二是加强演练；三是补齐设施。\n"
    )
    assert check(rollup) == (0, [])


@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_the_rollup_of_the_examples_checks_without_errors(tmp_path: Path, suffix: str) -> None:
    rollup = tmp_path / f"汇总{suffix}"
    result = run_batch(EXAMPLES, tmp_path / "out", formats="md", rollup=rollup, jobs=1)
    assert not result.failed
    assert check(rollup) == (0, [])


def test_the_examples_figures_count_every_listed_item(tmp_path: Path) -> None:
    rollup = tmp_path / "汇总.md"
    run_batch(EXAMPLES, tmp_path / "out", formats="md", rollup=rollup, jobs=1)
    rows = [line for line in rollup.read_text(encoding="utf-8").splitlines() if "| 青山县" in line]
    assert [row.rsplit("|", 2)[0] for row in rows] == [
        "| 青山县实验小学 | 21 | 0 | 3 | 4 ",  # 存在的问题: 一是 items
        "| 青山县教育局 | 5 | 0 | 4 | 4 ",  # 存在的问题: intro + four points
        "| 青山县教育局 | 4 | 0 | 3 | 2 ",  # the 上行文; its attachment page counts for nothing
        "| 青山县第二中学 | 7 | 0 | 5 | 5 ",  # 存在的问题: numbering "1."
    ]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("主要有：一是隐患多；二是演练少；三是设施旧。", 3),
        ("一是隐患多，二是演练少。", 2),
        ("一是隐患多；三是演练少。", 1),  # out of order: not a point
        ("这是唯一是非题。", 0),  # 一是 inside a word
        ("没有分点。", 0),
        ("十是", 0),
    ],
)
def test_count_points(text: str, count: int) -> None:
    assert count_points(text) == count


def test_schools_keep_their_natural_order(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for n in (1, 2, 10, 11):
        (src / f"第{n}小学.report.yaml").write_text(
            NESTED.replace("青山县第一中学", f"第{n}小学"), encoding="utf-8"
        )
    rollup = tmp_path / "汇总.md"
    result = run_batch([src], tmp_path / "out", formats="md", rollup=rollup, jobs=1)
    assert [job.stem for job, _ in result.entries] == ["第1小学", "第2小学", "第10小学", "第11小学"]
    text = rollup.read_text(encoding="utf-8")
    work = text[text.index("## 二、工作情况") : text.index("## 三、工作成效")]
    assert [line for line in work.splitlines() if line.startswith("###")] == [
        "### （一）第1小学",
        "### （二）第2小学",
        "### （三）第10小学",
        "### （四）第11小学",
    ]
