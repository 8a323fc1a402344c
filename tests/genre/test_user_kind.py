"""A kind with a new role, added from a temporary --templates folder: render, check, import
and the batch roll-up all know it, exactly as they know the built-in kinds."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run

KIND = """\
label: 述职报告
description: 个人或班子述职：履职情况、存在的问题、下一步打算。
title: "{{ org }}{{ period }}{{ topic }}报告"
lead: >-
  {{ period }}，{{ self_name }}按照岗位职责，认真履行各项工作职责。现将履职情况报告如下：
closing: 以上报告，请审议。
title_words: [述职]
priority: 40
parts:
  - role: duty
    heading: 履职情况
    required: true
  - role: problems
    heading: 存在的不足
  - role: next-steps
    heading: 今后努力方向
"""

ROLES = """\
roles:
  duty:
    label: 履职情况
    short: 履职
    order: 15
    keywords: [履职情况, 履行职责情况]
    holds_work: true
    rollup: true
"""

REPORT = """\
kind: duty-report
org: 青山县实验小学校长办公室
self_name: 本人
topic: 述职
period: 2025年
parts:
  - role: duty
    items:
      - heading: 抓课堂，提升教学质量
        text: 全年听课86节，组织教研活动24次。
      - heading: 抓安全，守住校园底线
        text: 每月开展隐患排查，完成应急疏散演练4次。
  - role: problems
    points:
      - 课后服务课程还不够丰富
      - 家校沟通渠道有待拓宽
  - role: next-steps
    items:
      - heading: 完善课后服务
        text: 新开设科技、书法两类社团。
"""


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "tpl"
    (folder / "kinds").mkdir(parents=True)
    (folder / "kinds" / "duty-report.yaml").write_text(KIND, encoding="utf-8")
    (folder / "roles.yaml").write_text(ROLES, encoding="utf-8")
    return folder


def _report(tmp_path: Path, name: str = "述职.report.yaml", text: str = REPORT) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_render_knows_the_new_kind_and_role(tmp_path: Path, templates: Path) -> None:
    code, out, err = run(["render", str(_report(tmp_path)), "--templates", str(templates)])
    assert code == 0, err
    # The title names the kind (述职), so no front matter is needed.
    assert out.startswith("# 青山县实验小学校长办公室2025年述职报告\n\n2025年，本人按照岗位职责")
    assert "\n## 一、履职情况\n" in out and "\n## 二、存在的不足\n" in out
    # Without the folder the role and the kind are unknown: an error, not a crash.
    code, _, err = run(["render", str(_report(tmp_path))])
    assert code == 1 and "I015" in err and "I008" in err and "“duty”" in err


def test_a_required_part_of_the_new_role_is_validated(tmp_path: Path, templates: Path) -> None:
    source = _report(tmp_path, text=REPORT.replace("  - role: duty\n", "  - heading: 工作\n"))
    code, _, err = run(["render", str(source), "--templates", str(templates)])
    assert code == 1
    assert "I016 [missing-part] parts: 述职报告应有“履职情况”部分（role: duty），这里没有。" in err


def test_check_reports_the_missing_part_in_a_finished_copy(tmp_path: Path, templates: Path) -> None:
    code, out, err = run(["render", str(_report(tmp_path)), "--templates", str(templates)])
    assert code == 0, err
    whole = tmp_path / "whole.md"
    whole.write_text(out, encoding="utf-8")
    assert run(["check", "-f", "parsable", "--templates", str(templates), str(whole)]) == (
        0,
        "",
        "",
    )
    # The same copy without its 履职情况 part (the 一、 heading and its two items).
    lines = out.splitlines(keepends=True)
    start = lines.index("## 一、履职情况\n")
    end = lines.index("## 二、存在的不足\n")
    cut = tmp_path / "cut.md"
    cut.write_text(
        "".join(lines[:start] + lines[end:])
        .replace("## 二、", "## 一、")
        .replace("## 三、", "## 二、"),
        encoding="utf-8",
    )
    code, out, _ = run(["check", "-f", "parsable", "--templates", str(templates), str(cut)])
    # Nothing left holds any work: the kind's own work part is missing, an error (O001),
    # as a work report without 工作情况 is.
    assert (code, out.split(": ", 1)[1]) == (
        1,
        "[error] 没有写履职情况的部分：各部分都是问题或打算，缺少“履职情况”。 (O001/missing-work-part)\n",
    )
    # Built-ins only: the title names no kind known there, the work report's rules apply.
    _, out, _ = run(["check", "-f", "parsable", str(cut)])
    assert "述职报告" not in out


def test_import_recognises_the_kind_and_renders_again(tmp_path: Path, templates: Path) -> None:
    rendered = tmp_path / "述职.docx"
    code, _, err = run(
        ["render", str(_report(tmp_path)), "-o", str(rendered), "--templates", str(templates)]
    )
    assert code == 0, err
    target = tmp_path / "导入.report.yaml"
    code, _, err = run(["import", str(rendered), "-o", str(target), "--templates", str(templates)])
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert "\nkind: duty-report\n" in text  # named by the DOCX category, so no # 请核对
    assert "role: duty" in text
    assert "M007" not in err
    again = tmp_path / "again.md"
    code, _, err = run(["render", str(target), "-o", str(again), "--templates", str(templates)])
    assert code == 0, err
    assert "## 一、履职情况" in again.read_text(encoding="utf-8")


def test_import_guesses_the_kind_from_the_title_words(tmp_path: Path, templates: Path) -> None:
    source = tmp_path / "述职.md"
    source.write_text(
        "# 青山县实验小学校长办公室2025年述职报告\n\n"
        "2025年，本人按照岗位职责，认真履行各项工作职责。现将履职情况报告如下：\n\n"
        "## 一、履职情况\n\n**（一）抓课堂**。全年听课86节。\n\n"
        "## 二、存在的不足\n\n一是课后服务课程还不够丰富；二是家校沟通渠道有待拓宽。\n",
        encoding="utf-8",
    )
    code, out, err = run(["import", str(source), "--templates", str(templates)])
    assert code == 0, err
    assert "\nkind: duty-report  # 由标题中的“述职”推断\n" in out
    assert "\ntopic: 述职  # 请核对：由标题推断\n" in out
    assert "    role: duty  # " in out


def test_a_front_matter_names_the_kind(tmp_path: Path, templates: Path) -> None:
    """A Markdown report whose title names no kind says which it is in a front matter."""
    source = tmp_path / "a.md"
    source.write_text(
        "---\nkind: duty-report\n---\n\n# 青山县实验小学2025年工作回顾\n\n"
        "2025年，本人认真履行各项工作职责。现将履职情况报告如下：\n\n"
        "## 一、存在的不足\n\n一是课后服务课程还不够丰富；二是家校沟通渠道有待拓宽。\n",
        encoding="utf-8",
    )
    code, out, _ = run(["check", "-f", "parsable", "--templates", str(templates), str(source)])
    assert "a.md:9:1: [error] 没有写履职情况的部分" in out
    code, out, err = run(["import", str(source), "--templates", str(templates)])
    assert code == 0 and "\nkind: duty-report\n" in out, err


def test_the_rollup_gathers_the_new_role(tmp_path: Path, templates: Path) -> None:
    first = _report(tmp_path, "甲.report.yaml")
    second = _report(
        tmp_path,
        "乙.report.yaml",
        REPORT.replace("实验小学", "第二中学").replace("全年听课86节", "全年听课64节"),
    )
    rollup = tmp_path / "汇总.md"
    code, _, err = run(
        [
            "batch",
            str(first),
            str(second),
            "-o",
            str(tmp_path / "out"),
            "-f",
            "md",
            "--rollup",
            str(rollup),
            "--templates",
            str(templates),
            "-j",
            "1",
        ]
    )
    assert code == 0, err
    text = rollup.read_text(encoding="utf-8")
    # The figures table has a column for the new role, and the role is a part of its own,
    # in its order (15: before the work), with every school's items.
    assert "| 单位 | 履职情况 | 工作情况 | 工作成效 | 存在问题 | 下一步打算 | 全文字数 |" in text
    assert text.index("、履职情况\n") < text.index("、存在的问题\n")
    assert "全年听课86节" in text and "全年听课64节" in text


@pytest.mark.parametrize(
    ("where", "text", "expected"),
    [
        ("kinds/duty-report.yaml", KIND.replace("priority: 40", "priority: [40"), "I029"),
        ("kinds/duty-report.yaml", KIND + "colour: red\n", "I029"),
        ("kinds/duty-report.yaml", KIND.replace("role: duty", "role: dutty"), "I031"),
        ("roles.yaml", ROLES.replace("    label: 履职情况\n", ""), "I030"),
        ("roles.yaml", ROLES.replace("order: 15", "order: 第一"), "I030"),
        ("roles.yaml", ROLES + "weights: 3\n", "I030"),
        ("roles.yaml", ROLES.replace("  duty:", "  Duty:"), "I030"),
        ("words.yaml", "closing_starts: ['(以上']\n", "I030"),
    ],
)
def test_a_malformed_genre_file_is_a_coded_error(
    tmp_path: Path, templates: Path, where: str, text: str, expected: str
) -> None:
    (templates / where).write_text(text, encoding="utf-8")
    for command in (["render", str(_report(tmp_path))], ["check", str(_report(tmp_path))]):
        code, out, err = run([*command, "--templates", str(templates)])
        assert code == 1, (out, err)
        line = next(x for x in (out + err).splitlines() if expected in x)
        assert line.startswith(str(templates / where) + ":")
        assert "Traceback" not in err


def test_positions_and_messages_of_genre_errors(tmp_path: Path, templates: Path) -> None:
    (templates / "kinds" / "duty-report.yaml").write_text(
        KIND.replace("role: duty", "role: dutty"), encoding="utf-8"
    )
    code, _, err = run(["render", str(_report(tmp_path)), "--templates", str(templates)])
    kind_file = templates / "kinds" / "duty-report.yaml"
    assert code == 1
    assert (
        f"{kind_file}:10:11: error I031 [genre-conflict] parts[0].role: 没有名为“dutty”的作用（role）："
        in err
    )
    (templates / "kinds" / "duty-report.yaml").write_text(KIND, encoding="utf-8")
    (templates / "roles.yaml").write_text(ROLES.replace("order: 15", "order: 第一"), "utf-8")
    code, _, err = run(["render", str(_report(tmp_path)), "--templates", str(templates)])
    assert code == 1
    assert (
        f"{templates / 'roles.yaml'}:5:12: error I030 [bad-role-file] roles.duty.order: "
        "这里应是整数，实际是“第一”。"
    ) in err


def test_the_readme_example_kind_works(tmp_path: Path) -> None:
    """The kind file and role entry the README shows, as written there."""
    import re

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    files = {
        m.group(1): m.group(0)
        for m in re.finditer(r"# 模板目录/([\w./-]+)[^\n]*\n.*?(?=```)", readme, re.S)
    }
    assert set(files) == {"kinds/duty-report.yaml", "roles.yaml"}
    folder = tmp_path / "模板目录"
    (folder / "kinds").mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    code, out, err = run(["render", str(_report(tmp_path)), "--templates", str(folder)])
    assert code == 0, err
    assert out.startswith("# 青山县实验小学校长办公室2025年述职报告\n")
    assert "\n## 一、履职情况\n" in out


def test_batch_reports_a_malformed_genre_file_once_before_any_work(
    tmp_path: Path, templates: Path
) -> None:
    (templates / "roles.yaml").write_text(ROLES + "weights: 3\n", encoding="utf-8")
    reports = [_report(tmp_path, f"{n}.report.yaml") for n in "甲乙"]
    out = tmp_path / "out"
    code, _, err = run(
        ["batch", *map(str, reports), "-o", str(out), "-f", "md", "--templates", str(templates)]
    )
    assert code == 1
    assert err.count("I030 [bad-role-file]") == 1
    assert f"{templates / 'roles.yaml'}:9:1: error I030 [bad-role-file] weights:" in err
    assert not out.exists()


RESEARCH = """\
label: 调研报告
title: "关于{{ topic }}的调研报告"
lead: >-
  {{ period }}，{{ self_name }}就{{ topic }}开展了专题调研。现将调研情况报告如下：
title_words: [调研报告]
priority: 40
parts:
  - role: work
    heading: 基本情况
    required: true
  - role: next-steps
    heading: 对策建议
    required: true
"""

RESEARCH_REPORT = """\
kind: research
org: 青山县教育局
topic: 课后服务开展情况
period: 2025年春季学期
parts:
  - role: work
    items:
      - heading: 覆盖面逐步扩大
        text: 全县42所学校全部开展课后服务。
  - role: next-steps
    items:
      - heading: 丰富课程内容
        text: 引入科技、体育类课程。
"""


def test_a_kinds_own_headings_and_title_ending_are_read_back(tmp_path: Path) -> None:
    """对策建议 is no role's keyword and the kind lists no title_endings: check of the
    rendered report reads the part as next-steps (no O002/O003), and import gives it back
    its role and strips the title formula's ending (的调研报告) from the topic."""
    folder = tmp_path / "tpl"
    (folder / "kinds").mkdir(parents=True)
    (folder / "kinds" / "research.yaml").write_text(RESEARCH, encoding="utf-8")
    rendered = tmp_path / "调研.md"
    source = _report(tmp_path, "调研.report.yaml", RESEARCH_REPORT)
    code, _, err = run(["render", str(source), "-o", str(rendered), "--templates", str(folder)])
    assert code == 0, err
    assert "## 二、对策建议" in rendered.read_text(encoding="utf-8")
    code, out, _ = run(["check", "-f", "parsable", str(rendered), "--templates", str(folder)])
    assert (code, out) == (0, "")
    code, out, err = run(["import", str(rendered), "--templates", str(folder)])
    assert code == 0, err
    assert "\ntopic: 课后服务开展情况  # 请核对：由标题推断\n" in out
    assert "    role: next-steps" in out
