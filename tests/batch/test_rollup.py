"""The bureau's roll-up: items re-levelled under each school's name, counted per role, checked."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.batch.rollup import count_points
from reportgen.batch.run import run_batch
from reportgen.batch.work import Status
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


def test_items_are_relevelled_and_labelled_whatever_their_family(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "一中.report.yaml").write_text(NESTED, encoding="utf-8")
    rollup = tmp_path / "汇总.md"
    run_batch([src], tmp_path / "out", formats="md", rollup=rollup, jobs=1)
    text = rollup.read_text(encoding="utf-8")
    assert "| 青山县第一中学 | 2 | 2 | 2 | 3 | " in text  # first-level items; points
    assert text[text.index("## 二、工作情况") :] == (
        "## 二、工作情况\n\n"
        "### （一）工作情况\n\n"  # the two work parts keep their headings: two groups
        "**1.抓队伍（青山县第一中学）**。开会3次。\n\n"
        "**（1）建制度**。制度5项。\n\n"
        "晨检制度。每日晨检。\n\n"  # below （1） there is no marker left: a paragraph
        "**（2）强培训**。培训2次。\n\n"
        "### （二）专项工作\n\n"
        "**1.查隐患（青山县第一中学）**。隐患9处。\n\n"
        "## 三、工作成效\n\n"  # one group: the items directly under the part
        "**（一）零事故（青山县第一中学）**。未发生事故。\n\n"
        "**（二）获表彰（青山县第一中学）**。获县级表彰。\n\n"
        "## 四、存在的问题\n\n"
        "**（一）设施老化（青山县第一中学）**。洗消间盖板破损。\n\n"
        "**1.排水沟**。盖板2处。\n\n"
        "**（二）培训不足（青山县第一中学）**。实操少。\n\n"
        "## 五、下一步工作打算\n\n"
        "青山县第一中学：下一步主要做好以下工作：一是完善台账；二是加强演练；三是补齐设施。\n"
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
        "| 青山县实验小学 | 21 | — | 3 | 4 ",  # 存在的问题: 一是 items; no results part: —
        "| 青山县教育局 | 5 | — | 4 | 4 ",  # 存在的问题: intro + four points
        "| 青山县教育局 | 4 | — | 3 | 2 ",  # the 上行文; its attachment page counts for nothing
        "| 青山县第二中学 | 7 | — | 5 | 5 ",  # 存在的问题: numbering "1."
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
    rows = [line.split(" | ")[0] for line in text.splitlines() if line.startswith("| 第")]
    assert rows == ["| 第1小学", "| 第2小学", "| 第10小学", "| 第11小学"]
    # The same item of four schools is one item naming them in that order.
    assert "**1.抓队伍（第1小学、第2小学、第10小学、第11小学等4个单位）**。开会3次。" in text


def test_a_bureau_rollup_of_the_examples_with_one_missing_and_one_failing(tmp_path: Path) -> None:
    """The issue's scenario: the example schools, two schools sending the table example
    (one with other figures), a school copying another's report, one failing, one missing."""
    import shutil

    from reportgen.check.config import default_config
    from reportgen.check.runner import check_one

    src = tmp_path / "in"
    src.mkdir()
    for example in EXAMPLES:
        if "上行文" not in example.name:  # the bureau's second report would count twice
            shutil.copy(example, src / example.name)
    tables = EXAMPLES[0].parent / "tables"
    shutil.copy(tables / "各年级学生数.xlsx", src)
    base = (tables / "青山县实验小学-2024秋季学期-安全工作-含表格.report.yaml").read_text("utf-8")
    (src / "东关小学.report.yaml").write_text(
        base.replace("org: 青山县实验小学", "org: 青山县东关小学"), encoding="utf-8"
    )
    (src / "西关小学.report.yaml").write_text(
        base.replace("org: 青山县实验小学", "org: 青山县西关小学").replace(
            "[消防设施, 14, 13, 总务处]", "[消防设施, 10, 10, 总务处]"
        ),
        encoding="utf-8",
    )
    second = next(p for p in EXAMPLES if "第二中学" in p.name).read_text("utf-8")
    (src / "三中.report.yaml").write_text(
        second.replace("青山县第二中学", "青山县第三中学"), encoding="utf-8"
    )
    (src / "四中.report.yaml").write_text("org: 青山县第四中学\ntopic: [\n", encoding="utf-8")
    expected = tmp_path / "应报送.csv"
    names = ["青山县实验小学", "青山县教育局", "青山县第二中学", "青山县第三中学", "四中"]
    names += ["青山县东关小学", "青山县西关小学", "青山县第五中学"]
    expected.write_text("单位\n" + "\n".join(names) + "\n", encoding="utf-8")
    rollup = tmp_path / "汇总.md"
    result = run_batch([src], tmp_path / "out", formats="md", rollup=rollup, expected=expected)
    assert result.count(Status.FAILED) == 1
    text = rollup.read_text(encoding="utf-8")
    assert (
        "应报送8个单位，汇入6个单位的报告。未报送（1个）：青山县第五中学。"
        "未汇入（1个，报告有错误，未能生成）：四中（第3行这里缺少内容）。"
    ) in text
    assert (
        "经比对，以下单位的报告有与其他单位完全相同的段落，请核实是否照抄："
        "青山县第二中学与青山县第三中学（19段）；青山县西关小学与青山县东关小学（3段）。"
    ) in text
    assert (
        "| 单位 | 排查数 | 整改数 | 整改率 |\n"
        "| :---: | ---: | ---: | ---: |\n"
        "| 青山县东关小学 | 38 | 35 | 92.1% |\n"
        "| 青山县西关小学 | 34 | 32 | 94.1% |\n"
        "| 合计 | 72 | 67 | 93.1% |\n"
    ) in text
    # The same problem of the two 中学: one item naming both.
    assert "**（一）晨检记录不够规范（青山县第三中学、青山县第二中学）**" in text
    # The summary's theme parts stay, each item labelled with its school.
    assert "### （三）强化党建引领，凝聚发展合力" in text
    assert "**1.落实党组织领导的校长负责制（青山县实验小学）**" in text
    assert check_one(str(rollup), default_config()).problems == []
    docx = tmp_path / "汇总.docx"
    run_batch([src], tmp_path / "out", formats="md", rollup=docx, expected=expected)
    assert check_one(str(docx), default_config()).problems == []


def test_expected_needs_a_rollup_and_is_read_first(tmp_path: Path) -> None:
    from reportgen.errors import UsageError

    src = tmp_path / "in"
    src.mkdir()
    (src / "一中.report.yaml").write_text(NESTED, encoding="utf-8")
    with pytest.raises(UsageError, match="请同时写 --rollup"):
        run_batch([src], tmp_path / "out", formats="md", expected=tmp_path / "x.csv")
    with pytest.raises(UsageError, match="找不到"):
        run_batch(
            [src],
            tmp_path / "out",
            formats="md",
            rollup=tmp_path / "r.md",
            expected=tmp_path / "x.csv",
        )
    assert not (tmp_path / "out").exists()  # nothing was rendered


def test_a_unit_with_two_reports_is_named_once_in_the_receipt_and_warned(tmp_path: Path) -> None:
    """An old draft left beside the new one: both are summed in (nothing is dropped), the
    receipt counts the unit once, and B005 points at the second file's org."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a-一中.report.yaml").write_text(NESTED, encoding="utf-8")
    (src / "b-一中改稿.report.yaml").write_text(NESTED.replace("开会3次", "开会4次"), "utf-8")
    units = tmp_path / "应报送.csv"
    units.write_text("单位\n青山县第一中学\n青山县第二中学\n", encoding="utf-8")
    rollup = tmp_path / "汇总.md"
    result = run_batch([src], tmp_path / "out", formats="md", rollup=rollup, jobs=1, expected=units)
    assert [p.format() for p in result.warnings] == [
        f"{src / 'b-一中改稿.report.yaml'}:1:6: warning B005 [duplicate-unit] org: "
        f"“青山县第一中学”在本批已有一份报告（{src / 'a-一中.report.yaml'}），这一份"
        "也汇入了汇总稿，汇总稿里这个单位会出现两次；如果其中一份是旧稿，请把它移出本批后再运行。"
    ]
    text = rollup.read_text(encoding="utf-8")
    assert "应报送2个单位，汇入1个单位的报告。未报送（1个）：青山县第二中学。" in text
    assert "本稿根据1个单位报送的报告自动汇集" in text
    assert "开会3次" in text and "开会4次" in text


def test_units_with_different_names_are_not_warned(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "一中.report.yaml").write_text(NESTED, encoding="utf-8")
    (src / "二中.report.yaml").write_text(NESTED.replace("第一中学", "第二中学"), "utf-8")
    result = run_batch([src], tmp_path / "out", formats="md", rollup=tmp_path / "汇总.md", jobs=1)
    assert result.warnings == []
