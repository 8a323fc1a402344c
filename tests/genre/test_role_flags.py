"""What a role means to the commands is data: a user's roles.yaml that makes a new role the
default (the role of a part whose heading names none), repeatable, an umbrella and the
roll-up's opening part is followed by render, check, import and batch --rollup alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run

from reportgen.errors import InputError
from reportgen.genre.registry import genre_for

KIND = """\
label: 述职报告
title: "{{ org }}{{ period }}{{ topic }}报告"
lead: >-
  {{ period }}，{{ self_name }}按照岗位职责，认真履行各项工作职责。现将履职情况报告如下：
closing: 以上报告，请审议。
title_words: [述职]
priority: 40
parts:
  - role: profile
    heading: 个人基本情况
  - role: duty
    heading: 履职情况
    required: true
  - role: problems
    heading: 存在的不足
  - role: next-steps
    heading: 今后努力方向
"""

# duty takes the default flag from the built-in work role, profile the umbrella and the
# roll-up's opening part from the built-in overview.
ROLES = """\
roles:
  profile:
    label: 个人基本情况
    order: 5
    keywords: [个人基本情况, 个人简况]
    holds_work: true
    umbrella: true
    rollup_opening: true
  duty:
    label: 履职情况
    order: 15
    keywords: [履职情况, 履行职责情况]
    holds_work: true
    default: true
    repeat: true
    rollup: true
"""

REPORT = """\
kind: duty-report
org: 青山县实验小学校长办公室
self_name: 本人
topic: 述职
period: 2025年
date: 2025-12-20
parts:
  - heading: 个人基本情况
    intro: 本人2019年起任校长，分管教学和安全工作。
  - heading: 抓课堂，提升教学质量
    items:
      - heading: 深入课堂听课
        text: 全年听课86节，组织教研活动24次。
  - heading: 抓安全，守住校园底线
    items:
      - heading: 开展隐患排查
        text: 每月开展隐患排查，完成应急疏散演练4次。
  - role: problems
    points:
      - 课后服务课程还不够丰富
      - 家校沟通渠道有待拓宽
"""


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "tpl"
    (folder / "kinds").mkdir(parents=True)
    (folder / "kinds" / "duty-report.yaml").write_text(KIND, encoding="utf-8")
    (folder / "roles.yaml").write_text(ROLES, encoding="utf-8")
    return folder


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_flags_move_to_the_users_roles(templates: Path) -> None:
    table = genre_for((templates,)).roles
    assert table.default == "duty" and not table.roles["work"].default
    assert table.rollup_opening == "profile" and not table.roles["overview"].rollup_opening
    assert {r for r, s in table.roles.items() if s.umbrella} == {"profile", "overview", "results"}
    builtin = genre_for(()).roles
    assert (builtin.default, builtin.rollup_opening) == ("work", "overview")


def test_render_takes_topical_parts_as_the_users_default_role(
    tmp_path: Path, templates: Path
) -> None:
    source = _write(tmp_path, "述职.report.yaml", REPORT)
    code, out, err = run(["render", str(source), "--templates", str(templates)])
    # The two topical parts are duty parts (default: true), so the required 履职情况 is there,
    # and two of them are no repeated part (repeat: true).
    assert (code, err) == (0, "")
    assert "\n## 二、抓课堂，提升教学质量\n" in out
    # With duty an ordinary role, the topical parts are work: the kind's 履职情况 is missing.
    plain = ROLES.replace("    default: true\n", "").replace("    repeat: true\n", "")
    (templates / "roles.yaml").write_text(plain, encoding="utf-8")
    code, _, err = run(["render", str(source), "--templates", str(templates)])
    assert code == 1
    assert "I016 [missing-part] parts: 述职报告应有“履职情况”部分（role: duty），这里没有。" in err


def test_a_repeated_default_part_is_no_warning_only_while_the_role_says_repeat(
    tmp_path: Path, templates: Path
) -> None:
    source = _write(tmp_path, "述职.report.yaml", REPORT)
    (templates / "roles.yaml").write_text(ROLES.replace("    repeat: true\n", ""), "utf-8")
    code, _, err = run(["render", str(source), "--templates", str(templates)])
    assert code == 0
    assert "I019 [repeated-part]" in err and "“履职情况”（duty）出现了不止一次" in err


def test_check_names_the_users_default_role(tmp_path: Path, templates: Path) -> None:
    source = _write(tmp_path, "述职.report.yaml", REPORT)
    code, out, err = run(["render", str(source), "--templates", str(templates)])
    assert code == 0, err
    whole = _write(tmp_path, "whole.md", out)
    assert run(["check", "-f", "parsable", "--templates", str(templates), str(whole)]) == (
        0,
        "",
        "",
    )
    # Only the problems: no part holds the work, and the message names the default role.
    lines = out.splitlines(keepends=True)
    start, end = lines.index("## 一、个人基本情况\n"), lines.index("## 四、存在的不足\n")
    cut = _write(
        tmp_path, "cut.md", "".join(lines[:start] + lines[end:]).replace("## 四、", "## 一、")
    )
    code, out, _ = run(["check", "-f", "parsable", "--templates", str(templates), str(cut)])
    assert code == 1
    assert "[error] 没有写履职情况的部分：各部分都是问题或打算，缺少“履职情况”。 (O001/" in out


def test_import_follows_the_users_default_and_umbrella(tmp_path: Path, templates: Path) -> None:
    # No 一、 headings: the whole text goes into one part headed by the default role's label.
    flat = _write(
        tmp_path,
        "flat.md",
        "# 青山县实验小学校长办公室2025年述职报告\n\n"
        "2025年，本人认真履行各项工作职责。现将履职情况报告如下：\n\n"
        "全年听课86节，组织教研活动24次。\n",
    )
    code, out, err = run(["import", str(flat), "--templates", str(templates)])
    assert code == 0, err
    assert "\n  - heading: 履职情况\n" in out
    # An umbrella first part (个人基本情况) of a report without a duty part holds the work.
    umbrella = _write(
        tmp_path,
        "umbrella.md",
        "# 青山县实验小学校长办公室2025年述职报告\n\n"
        "2025年，本人认真履行各项工作职责。现将履职情况报告如下：\n\n"
        "## 一、个人基本情况\n\n本人2019年起任校长。全年听课86节。\n\n"
        "## 二、存在的不足\n\n一是课后服务课程还不够丰富；二是家校沟通渠道有待拓宽。\n",
    )
    code, out, err = run(["import", str(umbrella), "--templates", str(templates)])
    assert code == 0, err
    assert "    role: duty  # “profile”式的总括部分，写的是履职情况\n" in out
    # A topical part is the default role: no role is written for it.
    source = _write(tmp_path, "述职.report.yaml", REPORT)
    rendered = tmp_path / "述职.md"
    code, _, err = run(["render", str(source), "-o", str(rendered), "--templates", str(templates)])
    assert code == 0, err
    code, out, err = run(["import", str(rendered), "--templates", str(templates)])
    assert code == 0, err
    assert "  - heading: 抓课堂，提升教学质量\n    items:" in out
    assert "role: duty" not in out and "role: work" not in out


def test_the_rollup_opens_with_the_users_opening_role(tmp_path: Path, templates: Path) -> None:
    first = _write(tmp_path, "甲.report.yaml", REPORT)
    second = _write(
        tmp_path,
        "乙.report.yaml",
        REPORT.replace("实验小学", "第二中学").replace("2019年起任校长", "2021年起任校长"),
    )
    rollup = tmp_path / "汇总.md"
    code, _, err = run(
        [
            *("batch", str(first), str(second), "-o", str(tmp_path / "out"), "-f", "md"),
            *("--rollup", str(rollup), "--templates", str(templates), "-j", "1"),
        ]
    )
    assert code == 0, err
    text = rollup.read_text(encoding="utf-8")
    # The first part (words.yaml rollup.overview: 基本情况) gathers the schools' profile parts,
    # before the duty part that gathers their topical parts.
    opening = text.index("## 一、基本情况\n")
    duty = text.index("、履职情况\n")
    assert opening < text.index("2019年起任校长") < text.index("2021年起任校长") < duty
    assert duty < text.index("全年听课86节")
    assert "| 单位 | 履职情况 | 工作情况 |" in text


@pytest.mark.parametrize(
    ("roles", "position", "message"),
    [
        (
            ROLES.replace("    umbrella: true\n", "    umbrella: true\n    default: true\n"),
            "15:5",
            "roles.duty.default: default: true 只能写在一个作用上，这里已有“profile”。",
        ),
        (
            ROLES.replace("    holds_work: true\n    umbrella", "    umbrella"),
            "6:5",
            "roles.profile.umbrella: 总括部分承载工作，要同时写 holds_work: true。",
        ),
        (
            ROLES.replace("    holds_work: true\n    default", "    default"),
            "13:5",
            "roles.duty.default: 默认的作用写的是工作，要同时写 holds_work: true。",
        ),
        (
            ROLES.replace("rollup_opening: true\n", "rollup_opening: true\n    rollup: true\n"),
            "8:5",
            "roles.profile.rollup_opening: 汇总的第一部分已经汇集这一作用，不能再写 rollup: true。",
        ),
        (
            # work replaced by id without its flag, and no other default: none is left.
            ROLES.replace("    default: true\n", "")
            + "  work:\n    label: 工作情况\n    order: 20\n    holds_work: true\n",
            "1:1",
            "roles: 没有默认的作用：请在一个作用上写 default: true（标题说不出作用的部分用它）。",
        ),
    ],
)
def test_a_wrong_flag_is_a_coded_error(
    tmp_path: Path, templates: Path, roles: str, position: str, message: str
) -> None:
    path = templates / "roles.yaml"
    path.write_text(roles, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        genre_for((templates,))
    shown = [f"{p.file}:{p.line}:{p.column}: {p.path}: {p.message}" for p in caught.value.problems]
    assert shown == [f"{path}:{position}: {message}"]
    source = _write(tmp_path, "述职.report.yaml", REPORT)
    code, _, err = run(["check", str(source), "--templates", str(templates)])
    assert code == 1 and f"{path}:{position}: error I030" in err


def test_weak_yields_and_rollup_named_are_read_from_the_roles(templates: Path) -> None:
    from reportgen.batch.rollup import contribution
    from reportgen.genre.registry import settle_roles, using
    from reportgen.read.markdown import read_markdown

    # 加强问题学生帮扶 names problems by a weak word only; a duty (default) part follows it.
    heads, found = ["加强问题学生帮扶", "抓课堂，提升教学质量"], ["problems", "duty"]
    with using((templates,)):
        assert settle_roles(heads, found) == ["duty", "duty"]
    problems = "  problems:\n    label: 存在的问题\n    order: 50\n    weak: [问题]\n"
    (templates / "roles.yaml").write_text(ROLES + problems, encoding="utf-8")
    with using((templates,)):
        assert settle_roles(heads, found) == found
    # 主要工作及履职情况 is a work part; with duty's rollup_named its items count for duty too.
    text = "# 述职报告\n\n## 一、主要工作及履职情况\n\n**（一）听课**。听课86节。\n\n**（二）教研**。教研24次。\n"
    named = ROLES.replace("    rollup: true\n", "    rollup: true\n    rollup_named: true\n")
    for roles, figures in ((ROLES, {"work": 2}), (named, {"work": 2, "duty": 2})):
        (templates / "roles.yaml").write_text(roles, encoding="utf-8")
        with using((templates,)):
            found_figures = contribution(read_markdown(text, "a.md"), {}).figures
        assert {k: v for k, v in found_figures.items() if k != "chars"} == figures
