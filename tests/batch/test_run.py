"""`reportgen batch`: planning, isolation, naming, defaults, summary, roll-up, incremental runs."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import reports, run, school
from click.testing import CliRunner

from reportgen.batch.run import run_batch
from reportgen.batch.state import STATE_NAME
from reportgen.batch.work import Status, merge_defaults
from reportgen.cli import cli
from reportgen.errors import InputError, OutputError, UsageError


def is_docx(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        return zf.testzip() is None and "word/document.xml" in zf.namelist()


# ---------------------------------------------------------------- defaults


@pytest.mark.parametrize(
    ("report", "defaults", "merged", "taken"),
    [
        ({"org": "一中"}, {"period": "2024年"}, {"org": "一中", "period": "2024年"}, [("period",)]),
        ({"period": "自己的"}, {"period": "共用的"}, {"period": "自己的"}, []),
        (
            {"recipient": None},
            {"recipient": "县教育局"},
            {"recipient": "县教育局"},
            [("recipient",)],
        ),
        ({"closing": ""}, {"closing": "特此报告。"}, {"closing": ""}, []),
        (
            {"style": {"body_size": 16}},
            {"style": {"body_size": 15, "line_spacing": 28}},
            {"style": {"body_size": 16, "line_spacing": 28}},
            [("style", "line_spacing")],
        ),
        ({"style": "自己的.yaml"}, {"style": {"body_size": 15}}, {"style": "自己的.yaml"}, []),
        (
            {"parts": [{"role": "work"}]},
            {"parts": [{"role": "problems"}]},
            {"parts": [{"role": "work"}]},
            [],
        ),
    ],
)
def test_merge_rule(
    report: dict[str, Any],
    defaults: dict[str, Any],
    merged: dict[str, Any],
    taken: list[tuple[str, ...]],
) -> None:
    assert merge_defaults(report, defaults) == taken
    assert report == merged


def test_defaults_fill_missing_fields_and_report_wins(tmp_path: Path) -> None:
    src = reports(
        tmp_path / "in",
        {
            "一中.report.yaml": school("青山县第一中学", period=None),
            "二中.report.yaml": school("青山县第二中学", period="2024年春季学期"),
        },
    )
    defaults = tmp_path / "共用.yaml"
    defaults.write_text("period: 2024年秋季学期\nrecipient: 青山县教育局\n", encoding="utf-8")
    result = run_batch([src], tmp_path / "out", formats="md", defaults=defaults, jobs=1)
    assert not result.failed
    one = (tmp_path / "out" / "一中.md").read_text(encoding="utf-8")
    two = (tmp_path / "out" / "二中.md").read_text(encoding="utf-8")
    assert "关于2024年秋季学期校园安全工作情况的报告" in one
    assert "青山县教育局：" in one
    assert "关于2024年春季学期校园安全工作情况的报告" in two


def test_an_error_in_a_default_points_at_the_defaults_file(tmp_path: Path) -> None:
    src = reports(tmp_path / "in", {"一中.report.yaml": school("一中", period=None)})
    defaults = tmp_path / "共用.yaml"
    defaults.write_text("recipient: 县教育局\nperiod:\n  year: 1800\n", encoding="utf-8")
    # A shared value no report could take stops the run before anything, with every
    # mistake of the file listed (as an unknown key does).
    with pytest.raises(InputError) as caught:
        run_batch([src], tmp_path / "out", formats="md", defaults=defaults, jobs=1)
    (problem,) = [p for p in caught.value.problems if p.path.startswith("period")]
    assert (problem.file, problem.line) == (str(defaults), 3)  # at the year itself
    assert not (tmp_path / "out").exists()


def test_defaults_with_an_unknown_field_stop_before_anything(tmp_path: Path) -> None:
    src = reports(tmp_path / "in", {"一中.report.yaml": school("一中")})
    defaults = tmp_path / "共用.yaml"
    defaults.write_text("perod: 2024年\n", encoding="utf-8")
    with pytest.raises(InputError, match="perod"):
        run_batch([src], tmp_path / "out", defaults=defaults)
    assert not (tmp_path / "out").exists()


def test_manifest_lists_reports_and_defaults_relative_to_itself(tmp_path: Path) -> None:
    reports(tmp_path / "学校" / "城区", {"一中.report.yaml": school("一中", period=None)})
    reports(tmp_path / "学校", {"二中.report.yaml": school("二中", period=None)})
    manifest = tmp_path / "秋季.batch.yaml"
    manifest.write_text(
        "defaults:\n  period: 2024年秋季学期\nreports:\n  - 学校/城区\n  - 学校/二中.report.yaml\n",
        encoding="utf-8",
    )
    cli_defaults = tmp_path / "d.yaml"
    cli_defaults.write_text("recipient: 县教育局\n", encoding="utf-8")
    result = run_batch([manifest], tmp_path / "out", formats="md", defaults=cli_defaults, jobs=1)
    assert [j.stem for j, _ in result.entries] == ["一中", "二中"]
    assert not result.failed
    text = (tmp_path / "out" / "二中.md").read_text(encoding="utf-8")
    assert "2024年秋季学期" in text and "县教育局：" in text


def test_a_manifest_inside_a_manifest_is_named_as_such(tmp_path: Path) -> None:
    reports(tmp_path, {"一中.report.yaml": school("一中")})
    (tmp_path / "城区.batch.yaml").write_text("reports:\n  - 一中.report.yaml\n", encoding="utf-8")
    manifest = tmp_path / "全县.batch.yaml"
    manifest.write_text("reports:\n  - 一中.report.yaml\n  - 城区.batch.yaml\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        run_batch([manifest], tmp_path / "out")
    (problem,) = caught.value.problems
    assert (problem.code, problem.line, problem.column) == ("B001", 3, 5)
    assert problem.message == (
        "“城区.batch.yaml”是另一份清单：清单不能嵌套；请把它的 reports 列在这里，"
        "或在命令行上把两份清单都写上。"
    )


def test_a_pattern_in_a_manifest_leaves_manifests_out(tmp_path: Path) -> None:
    reports(tmp_path, {"一中.report.yaml": school("一中"), "二中.report.yaml": school("二中")})
    manifest = tmp_path / "全县.batch.yaml"
    manifest.write_text("reports:\n  - '*.yaml'\n", encoding="utf-8")
    result = run_batch([manifest], tmp_path / "out", formats="md", jobs=1)
    assert [j.stem for j, _ in result.entries] == ["一中", "二中"]


# ---------------------------------------------------------------- naming


def test_default_names_follow_the_input_stem(tmp_path: Path) -> None:
    src = reports(tmp_path / "in", {"一中.report.yaml": school("青山县第一中学")})
    run_batch([src], tmp_path / "out", formats="docx,md", jobs=1)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        STATE_NAME,
        "一中.docx",
        "一中.md",
    ]
    assert is_docx(tmp_path / "out" / "一中.docx")


def test_name_pattern_uses_report_fields_and_is_made_safe(tmp_path: Path) -> None:
    src = reports(tmp_path / "in", {"a.report.yaml": school("青山县/第一中学")})
    run_batch([src], tmp_path / "out", formats="md", name="{org}-{period}", jobs=1)
    assert (tmp_path / "out" / "青山县_第一中学-2024年秋季学期.md").is_file()
    assert not (tmp_path / "青山县").exists()


def test_collisions_are_found_before_anything_is_written(tmp_path: Path) -> None:
    src = reports(
        tmp_path / "in",
        {"a.report.yaml": school("同一所学校"), "b.report.yaml": school("同一所学校")},
    )
    with pytest.raises(OutputError) as caught:
        run_batch([src], tmp_path / "out", formats="docx", name="{org}", jobs=1)
    assert "a.report.yaml" in str(caught.value) and "b.report.yaml" in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_names_differing_only_in_case_collide(tmp_path: Path) -> None:
    a = reports(tmp_path / "x", {"School.report.yaml": school("甲")})
    b = reports(tmp_path / "y", {"school.report.yaml": school("乙")})
    code, err = run(["batch", str(a), str(b), "-o", str(tmp_path / "out"), "-j1"])
    assert code == 1
    assert "School.report.yaml" in err and "school.report.yaml" in err
    assert not (tmp_path / "out").exists()


def test_refuses_to_write_over_an_input(tmp_path: Path) -> None:
    src = reports(tmp_path, {"一中.report.yaml": school("一中")})
    shared = tmp_path / "一中.md"  # the defaults file happens to be named like an output
    shared.write_text("recipient: 县教育局\n", encoding="utf-8")
    with pytest.raises(OutputError, match="输入文件"):
        run_batch([src / "一中.report.yaml"], tmp_path, formats="md", defaults=shared)
    assert shared.read_text(encoding="utf-8") == "recipient: 县教育局\n"


def test_an_existing_file_not_made_by_batch_needs_force(tmp_path: Path) -> None:
    src = reports(tmp_path / "in", {"一中.report.yaml": school("一中")})
    out = tmp_path / "out"
    out.mkdir()
    (out / "一中.md").write_text("手工修改过的稿子", encoding="utf-8")
    with pytest.raises(OutputError, match="--force"):
        run_batch([src], out, formats="md", jobs=1)
    assert (out / "一中.md").read_text(encoding="utf-8") == "手工修改过的稿子"
    run_batch([src], out, formats="md", jobs=1, force=True)
    assert (out / "一中.md").read_text(encoding="utf-8").startswith("# ")


def test_usage_errors(tmp_path: Path) -> None:
    src = reports(tmp_path / "in", {"一中.report.yaml": school("一中")})
    with pytest.raises(UsageError, match="xls"):
        run_batch([src], tmp_path / "out", formats="docx,xls")
    with pytest.raises(UsageError, match="school"):
        run_batch([src], tmp_path / "out", name="{school}")
    with pytest.raises(UsageError, match=r"\.csv"):
        run_batch([src], tmp_path / "out", summary=tmp_path / "s.txt")
    with pytest.raises(UsageError):
        run_batch([tmp_path / "missing"], tmp_path / "out")


# ---------------------------------------------------------------- isolation, fail-fast


BROKEN = "org: 坏学校\ntopic: [未闭合\n"


def test_one_broken_report_does_not_stop_the_others(tmp_path: Path) -> None:
    texts = {f"{i:02d}.report.yaml": school(f"学校{i}") for i in range(6)}
    texts["03.report.yaml"] = BROKEN
    src = reports(tmp_path / "in", texts)
    code, err = run(["batch", str(src), "-o", str(tmp_path / "out"), "-j2", "-f", "md"])
    assert code == 1
    broken = src / "03.report.yaml"
    # The same Problem lines `render` prints for the broken file.
    assert f"{broken}:3:1: error I001 [yaml-syntax]" in err and "error I001 [yaml-syntax]" in err
    assert "共 6 份：成功 5，失败 1，跳过 0" in err
    made = sorted(p.name for p in (tmp_path / "out").glob("*.md"))
    assert made == ["00.md", "01.md", "02.md", "04.md", "05.md"]


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path) -> None:
    texts = {f"{i:02d}.report.yaml": school(f"学校{i}") for i in range(5)}
    texts["01.report.yaml"] = BROKEN
    src = reports(tmp_path / "in", texts)
    result = run_batch([src], tmp_path / "out", formats="md", jobs=1, fail_fast=True)
    statuses = [o.status for _, o in result.entries]
    assert statuses == [Status.OK, Status.FAILED, Status.NOT_RUN, Status.NOT_RUN, Status.NOT_RUN]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.md")) == ["00.md"]


def test_fail_fast_in_a_pool_leaves_the_rest_unrun(tmp_path: Path) -> None:
    texts = {f"{i:03d}.report.yaml": school(f"学校{i}") for i in range(60)}
    texts["000.report.yaml"] = BROKEN
    src = reports(tmp_path / "in", texts)
    result = run_batch([src], tmp_path / "out", formats="md", jobs=2, fail_fast=True)
    statuses = [o.status for _, o in result.entries]
    assert statuses[0] is Status.FAILED and Status.NOT_RUN in statuses
    assert result.failed


# ---------------------------------------------------------------- summary, roll-up


def test_summary_csv_has_a_bom_and_one_row_per_report(tmp_path: Path) -> None:
    src = reports(tmp_path / "in", {"一中.report.yaml": school("一中"), "坏.report.yaml": BROKEN})
    summary = tmp_path / "汇总表.csv"
    result = run_batch([src], tmp_path / "out", formats="docx,md", summary=summary, jobs=1)
    raw = summary.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["报告", "输入", "状态", "输出", "部分", "条目", "字数", "检查问题", "说明"]
    by_stem = {r[0]: r for r in rows[1:]}
    assert by_stem["一中"][2:6] == ["成功", "一中.docx、一中.md", "3", "2"]
    assert int(by_stem["一中"][6]) > 100
    assert by_stem["坏"][2] == "失败" and by_stem["坏"][8]
    assert by_stem["一中"][7] == "0"
    assert result.failed


def test_summary_counts_check_findings(tmp_path: Path) -> None:
    src = reports(
        tmp_path / "in", {"一中.report.yaml": school("一中").replace("抓队伍", "抓××队伍")}
    )
    summary = tmp_path / "汇总表.csv"
    result = run_batch([src], tmp_path / "out", formats="md", summary=summary, jobs=1)
    rows = list(csv.reader(io.StringIO(summary.read_bytes().decode("utf-8-sig"))))
    # The placeholder (C003, an error) stops this report: the gate, as for `render`.
    assert rows[1][:4] == ["一中", str(src / "一中.report.yaml"), "失败", ""]
    assert rows[1][7] == "1" and rows[1][8] == "占位符“××”没有替换成实际内容。"
    assert result.failed and not (tmp_path / "out" / "一中.md").exists()
    # --draft writes it, marked, and says so in the summary; exit code 0 (not failed).
    result = run_batch([src], tmp_path / "out", formats="md", summary=summary, jobs=1, draft=True)
    rows = list(csv.reader(io.StringIO(summary.read_bytes().decode("utf-8-sig"))))
    assert rows[1][2:4] == ["草稿", "一中.md"] and rows[1][7] == "1"
    assert rows[1][8] == "1 个错误未改正，按 --draft 生成，文件上标有“草稿”"
    assert not result.failed
    text = (tmp_path / "out" / "一中.md").read_text(encoding="utf-8")
    assert text.startswith("> **草稿：还有 1 个问题没有改正，不能作为正式文件报送**\n\n# ")
    # A draft is not recorded as done: the next run without --draft checks it again.
    assert run_batch([src], tmp_path / "out", formats="md", jobs=1).failed


def test_summary_markdown(tmp_path: Path) -> None:
    src = reports(tmp_path / "in", {"一中.report.yaml": school("一|中")})
    summary = tmp_path / "汇总表.md"
    run_batch([src], tmp_path / "out", formats="md", summary=summary, jobs=1)
    lines = summary.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "| 报告 | 输入 | 状态 | 输出 | 部分 | 条目 | 字数 | 检查问题 | 说明 |"
    assert lines[2].startswith("| 一中 | ") and "| 成功 | 一中.md | 3 | 2 |" in lines[2]
    assert lines[-1].startswith("共 1 份：成功 1，失败 0，跳过 0")


def test_rollup_gathers_every_school_by_role(tmp_path: Path) -> None:
    src = reports(
        tmp_path / "in",
        {
            "一中.report.yaml": school("青山县第一中学"),
            "二中.report.yaml": school("青山县第二中学").replace("抓队伍", "抓教研"),
            "坏.report.yaml": BROKEN,
        },
    )
    defaults = tmp_path / "d.yaml"
    defaults.write_text("recipient: 青山县教育局\n", encoding="utf-8")
    rollup = tmp_path / "汇总.md"
    run_batch([src], tmp_path / "out", formats="md", rollup=rollup, defaults=defaults, jobs=1)
    text = rollup.read_text(encoding="utf-8")
    assert text.startswith("# 2024年秋季学期各单位校园安全工作报告汇总（草稿）\n")
    assert (
        "| 单位 | 工作情况 | 工作成效 | 存在问题 | 下一步打算 | 全文字数 |\n"
        "| :---: | ---: | ---: | ---: | ---: | ---: |\n"
        "| 青山县第一中学 | 1 | — | 2 | 1 | "  # the problems part has two points
    ) in text
    assert "共收到3份报告，汇入2份。未汇入（1个，报告有错误，未能生成）：坏（" in text
    work = text.index("## 二、工作情况")
    problems = text.index("## 三、存在的问题")
    steps = text.index("## 四、下一步工作打算")
    # Every item labelled with its school; the same problem of two schools is one.
    assert (
        "**（一）抓队伍，强化组织领导（青山县第一中学）**。本季度召开专题会议3次。"
        in text[work:problems]
    )
    assert "**（二）抓教研，强化组织领导（青山县第二中学）**" in text[work:problems]
    assert "青山县第一中学、青山县第二中学：一是隐患排查还不够细" in text[problems:steps]
    assert "青山县第二中学与青山县第一中学（1段）" in text  # the copied paragraph is flagged
    assert "坏学校" not in text
    assert text.rstrip().endswith("青山县教育局")


def test_rollup_docx_has_a_real_table(tmp_path: Path) -> None:
    import docx

    src = reports(
        tmp_path / "in",
        {
            "一中.report.yaml": school("青山县第一中学"),
            "二中.report.yaml": school("青山县第二中学"),
        },
    )
    rollup = tmp_path / "汇总.docx"
    run_batch([src], tmp_path / "out", formats="md", rollup=rollup, jobs=1)
    (table,) = docx.Document(str(rollup)).tables
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["单位", "工作情况", "工作成效", "存在问题", "下一步打算", "全文字数"]
    assert [row[:5] for row in cells[1:]] == [
        ["青山县第一中学", "1", "—", "2", "1"],
        ["青山县第二中学", "1", "—", "2", "1"],
        ["合计", "2", "—", "4", "2"],
    ]


def test_rollup_docx_goes_through_the_docx_back_end(tmp_path: Path) -> None:
    src = reports(tmp_path / "in", {"一中.report.yaml": school("一中")})
    rollup = tmp_path / "汇总.docx"
    result = run_batch([src], tmp_path / "out", formats="md", rollup=rollup, jobs=1)
    assert result.rollup == rollup and is_docx(rollup)


# ---------------------------------------------------------------- incremental


def test_unchanged_reports_are_skipped(tmp_path: Path) -> None:
    src = reports(
        tmp_path / "in", {"一中.report.yaml": school("一中"), "二中.report.yaml": school("二中")}
    )
    out = tmp_path / "out"
    first = run_batch([src], out, formats="md", jobs=1)
    assert first.counts()[Status.OK] == 2
    state = json.loads((out / STATE_NAME).read_text(encoding="utf-8"))
    assert sorted(state["reports"]) == ["一中", "二中"]

    second = run_batch([src], out, formats="md", jobs=1)
    assert [o.status for _, o in second.entries] == [Status.SKIPPED, Status.SKIPPED]
    assert second.entries[0][1].stats.parts == 3  # figures come from the state file

    (src / "二中.report.yaml").write_text(school("二中").replace("3次", "4次"), encoding="utf-8")
    third = run_batch([src], out, formats="md", jobs=1)
    assert [o.status for _, o in third.entries] == [Status.SKIPPED, Status.OK]

    (out / "一中.md").unlink()
    fourth = run_batch([src], out, formats="md", jobs=1)
    assert [o.status for _, o in fourth.entries] == [Status.OK, Status.SKIPPED]

    changed_defaults = tmp_path / "d.yaml"
    changed_defaults.write_text("recipient: 县教育局\n", encoding="utf-8")
    fifth = run_batch([src], out, formats="md", jobs=1, defaults=changed_defaults)
    assert [o.status for _, o in fifth.entries] == [Status.OK, Status.OK]

    forced = run_batch([src], out, formats="md", jobs=1, defaults=changed_defaults, force=True)
    assert [o.status for _, o in forced.entries] == [Status.OK, Status.OK]

    other_format = run_batch([src], out, formats="md,docx", jobs=1, defaults=changed_defaults)
    assert [o.status for _, o in other_format.entries] == [Status.OK, Status.OK]


def test_skipped_reports_still_reach_the_rollup_and_summary(tmp_path: Path) -> None:
    src = reports(tmp_path / "in", {"一中.report.yaml": school("青山县第一中学")})
    out = tmp_path / "out"
    run_batch([src], out, formats="md", jobs=1)
    rollup, summary = tmp_path / "r.md", tmp_path / "s.md"
    result = run_batch([src], out, formats="md", jobs=1, rollup=rollup, summary=summary)
    assert result.entries[0][1].status is Status.SKIPPED
    assert "（青山县第一中学）**" in rollup.read_text(encoding="utf-8")
    assert "| 跳过 |" in summary.read_text(encoding="utf-8")


def test_cli_prints_progress_and_summary(tmp_path: Path) -> None:
    src = reports(tmp_path / "in", {"一中.report.yaml": school("一中")})
    code, err = run(["batch", str(src), "-o", str(tmp_path / "out"), "-f", "md"])
    assert code == 0
    assert err.startswith("生成：共 1 份\n")
    assert "一中  成功  md" in err
    code, err = run(["batch", str(src), "-o", str(tmp_path / "out"), "-f", "md", "-q"])
    assert (code, err) == (0, "")


def test_cli_help_is_chinese() -> None:
    result = CliRunner().invoke(cli, ["batch", "--help"])
    assert result.exit_code == 0
    assert "用法：" in result.stdout and "--roster" in result.stdout and "名单" in result.stdout


@pytest.mark.slow  # runs LibreOffice
def test_rollup_takes_the_shared_style_and_can_be_a_pdf(tmp_path: Path) -> None:
    import docx

    from reportgen.render.pdf import find_soffice

    src = reports(tmp_path / "in", {"一中.report.yaml": school("青山县第一中学")})
    defaults = tmp_path / "d.yaml"
    defaults.write_text("style:\n  body_font: 仿宋\n", encoding="utf-8")
    rollup = tmp_path / "汇总.docx"
    run_batch([src], tmp_path / "out", formats="md", rollup=rollup, defaults=defaults, jobs=1)
    styles = docx.Document(str(rollup)).styles.element.xml
    assert (
        'w:eastAsia="仿宋"' in styles
    )  # the body font from the shared style (default: 仿宋_GB2312)
    if find_soffice() is None:
        pytest.skip("LibreOffice 未安装：跳过 PDF 汇总稿")
    pdf = tmp_path / "汇总.pdf"
    run_batch([src], tmp_path / "out2", formats="md", rollup=pdf, jobs=1)
    assert pdf.read_bytes().startswith(b"%PDF")
