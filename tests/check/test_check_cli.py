"""`reportgen check` and `reportgen rules` end to end: formats, exit codes, config, --fix."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.check.rules import RULES
from reportgen.cli import main
from reportgen.codes import INPUT_CODES
from reportgen.pipeline import prepare, render_bytes

from conftest import EXAMPLES, ROOT

DATA = ROOT / "tests" / "data" / "check"


class _Main:
    name = "reportgen"

    def main(self, args: list[str], prog_name: str | None = None, **_: object) -> None:
        sys.exit(main(list(args)))


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(_Main(), list(args), input=stdin, catch_exceptions=False)  # type: ignore[arg-type]
    return result.exit_code, result.output


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("bad.report.yaml", "good.report.yaml", "web-pasted.md", "base.md"):
        shutil.copy(DATA / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


# ---------------------------------------------------------------- exit codes


def test_exit_codes(files: Path) -> None:
    assert run("check", "good.report.yaml", "base.md")[0] == 0
    assert run("check", "bad.report.yaml")[0] == 1
    assert run("check", "missing.md")[0] == 2
    assert run("check", "--format", "nope", "base.md")[0] == 2


def test_warnings_only_pass_unless_strict(files: Path) -> None:
    (files / "w.md").write_text(
        (DATA / "base.md").read_text(encoding="utf-8").replace("（二）加强培训", "（二）完善机制"),
        encoding="utf-8",
    )
    code, out = run("check", "w.md")
    assert code == 0 and "C002" in out
    assert run("check", "--strict", "w.md")[0] == 1


def test_broken_yaml_is_a_finding_not_a_crash(files: Path) -> None:
    code, out = run("check", "-f", "parsable", "-", stdin="org: [\n")
    assert code == 1
    assert out.startswith("stdin:2:1: [error]") and "(I001/yaml-syntax)" in out


def test_validation_problems_are_findings(files: Path) -> None:
    (files / "v.report.yaml").write_text("org: 青山县教育局\ntitel: x\n", encoding="utf-8")
    code, out = run("check", "-f", "parsable", "v.report.yaml")
    assert code == 1 and "I003/unknown-field" in out


def test_directory_is_searched_recursively_skipping_hidden(files: Path) -> None:
    (files / "sub").mkdir()
    (files / ".hidden").mkdir()
    shutil.copy(DATA / "bad.report.yaml", files / "sub" / "x.report.yaml")
    shutil.copy(DATA / "bad.report.yaml", files / ".hidden" / "y.report.yaml")
    (files / "notes.txt").write_text("x", encoding="utf-8")
    code, out = run("check", "-f", "json", ".")
    names = {Path(f["file"]).as_posix() for f in json.loads(out)["files"]}
    assert "sub/x.report.yaml" in names and not any(".hidden" in n for n in names)
    assert code == 1


def test_a_folder_without_reports_is_an_error_not_a_pass(files: Path) -> None:
    """Nothing checked must not look like everything passed (a CI given the wrong folder)."""
    (files / "empty" / ".hidden").mkdir(parents=True)
    shutil.copy(DATA / "base.md", files / "empty" / ".hidden" / "r.md")
    (files / "empty" / "notes.txt").write_text("x", encoding="utf-8")
    code, out = run("check", "empty")
    assert code == 2
    assert out == (
        "错误：目录 empty 里没有要检查的报告文件：check 查找 *.report.yaml、*.md、*.docx"
        "（隐藏目录除外）。请检查路径。\n"
    )
    (files / ".reportgen.yaml").write_text("ignore: ['empty/**']\n", encoding="utf-8")
    shutil.copy(DATA / "base.md", files / "empty" / "r.md")
    code, out = run("check", "empty")
    assert code == 2 and "（1 个被配置的 ignore 排除）" in out
    (files / ".reportgen.yaml").unlink()
    assert run("check", "empty") == (0, "检查了 1 个文件：没有发现问题。\n")  # a clean report


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("a.txt", "不能检查 a.txt：不支持 .txt 文件。"),
        ("a.doc", "；.doc 请先在 Word 里另存为 .docx。"),
        ("README", "不能检查 README：不支持没有扩展名的文件。"),
    ],
)
def test_a_named_file_of_another_type_is_a_clear_error(files: Path, name: str, said: str) -> None:
    (files / name).write_text("x", encoding="utf-8")
    code, out = run("check", name, "base.md")
    assert code == 2 and said in out and "check 支持 *.report.yaml" in out


def test_examples_folder_passes() -> None:
    """examples/README.md is not a report: found by searching the folder, it is skipped
    with a note (named on the command line it would be checked)."""
    code, out = run("check", str(ROOT / "examples"))
    readme = ROOT / "examples" / "README.md"
    assert (code, out) == (
        0,
        f"跳过 1 个不像报告的文件（没有“一、二、”各部分）：{readme}\n检查了 5 个文件：没有发现问题。\n",
    )


# ---------------------------------------------------------------- formats


def test_standard_groups_by_file(files: Path) -> None:
    _code, out = run("check", "-f", "standard", "bad.report.yaml")
    lines = out.splitlines()
    assert lines[0] == "bad.report.yaml"
    assert lines[1].split()[:2] == ["8:10", "错误"]
    assert lines[1].endswith("(T001/half-width-punct)")
    assert "个错误" in lines[-1]


def test_parsable(files: Path) -> None:
    _, out = run("check", "-f", "parsable", "bad.report.yaml")
    assert out.splitlines()[0] == (
        "bad.report.yaml:8:10: [error] 中文里用了半角“,”，应为全角“，”。 (T001/half-width-punct)"
    )


def test_github(files: Path) -> None:
    _, out = run("check", "-f", "github", "bad.report.yaml")
    lines = out.splitlines()
    assert lines[0] == "::group::bad.report.yaml"
    assert lines[1].startswith(
        "::error file=bad.report.yaml,line=8,col=10,title=T001 half-width-punct::"
    )
    assert lines[-1] == "::endgroup::"


def test_auto_is_github_under_actions(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run("check", "bad.report.yaml")[1].startswith("::group::")


def test_json(files: Path) -> None:
    _, out = run("check", "-f", "json", "bad.report.yaml", "good.report.yaml")
    data = json.loads(out)
    first = data["files"][0]["problems"][0]
    assert first["line"] == 8 and first["column"] == 10 and first["code"] == "T001"
    assert data["files"][1]["problems"] == []


SARIF_SUBSET = {
    # The parts of the SARIF 2.1.0 schema (OASIS) that a consumer relies on, written out
    # here because the official schema cannot be fetched offline.
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "$schema": {"type": "string", "format": "uri"},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string"},
                                    "informationUri": {"type": "string", "format": "uri"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "name": {"type": "string"},
                                                "shortDescription": {"$ref": "#/$defs/message"},
                                                "fullDescription": {"$ref": "#/$defs/message"},
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "properties": {
                                                        "level": {"$ref": "#/$defs/level"}
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["message"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": -1},
                                "level": {"$ref": "#/$defs/level"},
                                "message": {"$ref": "#/$defs/message"},
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "properties": {
                                                    "artifactLocation": {
                                                        "type": "object",
                                                        "properties": {"uri": {"type": "string"}},
                                                    },
                                                    "region": {
                                                        "type": "object",
                                                        "properties": {
                                                            "startLine": {
                                                                "type": "integer",
                                                                "minimum": 1,
                                                            },
                                                            "startColumn": {
                                                                "type": "integer",
                                                                "minimum": 1,
                                                            },
                                                        },
                                                    },
                                                },
                                            }
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
    "$defs": {
        "level": {"enum": ["none", "note", "warning", "error"]},
        "message": {
            "type": "object",
            "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
            "properties": {"text": {"type": "string"}},
        },
    },
}


def test_sarif(files: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    _, out = run("check", "-f", "sarif", "bad.report.yaml", "web-pasted.md")
    log = json.loads(out)
    jsonschema.validate(log, SARIF_SUBSET)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    first = run_["results"][0]["locations"][0]["physicalLocation"]
    assert first["region"] == {"startLine": 8, "startColumn": 10}


def test_junit(files: Path) -> None:
    _, out = run("check", "-f", "junit", "bad.report.yaml", "good.report.yaml")
    root = ET.fromstring(out.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "2" and suite.get("failures") == "1"
    cases = suite.findall("testcase")
    assert cases[0].find("failure") is not None and cases[1].find("failure") is None
    assert "T001" in (cases[0].find("failure").text or "")  # type: ignore[union-attr]


# ---------------------------------------------------------------- config


def test_config_levels_and_options(files: Path) -> None:
    (files / ".reportgen.yaml").write_text(
        "extends: relaxed\nrules:\n  placeholder: off\n  title-length: {max: 10, level: error}\n",
        encoding="utf-8",
    )
    code, out = run("check", "-f", "parsable", "bad.report.yaml", "base.md")
    assert "C003" not in out
    assert "[warning]" in out and "(T001/half-width-punct)" in out
    assert "base.md:1:1: [error]" in out and "C004/title-length" in out
    assert code == 1


def test_config_found_walking_up(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (files / ".reportgen.yaml").write_text("rules:\n  T001: off\n", encoding="utf-8")
    (files / "deep").mkdir()
    monkeypatch.chdir(files / "deep")
    assert "T001" not in run("check", "../bad.report.yaml")[1]


def test_config_ignore(files: Path) -> None:
    (files / "c.yaml").write_text("ignore: |\n  bad.*\n  web-*.md\n", encoding="utf-8")
    code, out = run("check", "-c", "c.yaml", "-f", "json", ".")
    names = [Path(f["file"]).name for f in json.loads(out)["files"]]
    assert sorted(names) == ["base.md", "good.report.yaml"] and code == 0


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("rules:\n  nosuch: error\n", "rules.nosuch"),
        ("rules:\n  placeholder: fatal\n", "rules.placeholder"),
        ("rules:\n  title-length: {maxx: 3}\n", "rules.title-length.maxx"),
        ("rules:\n  title-length: {max: many}\n", "rules.title-length.max"),
        ("extends: nowhere.yaml\n", "extends"),
        ("colour: red\n", "colour"),
    ],
)
def test_bad_config_exits_2_naming_file_and_key(files: Path, text: str, key: str) -> None:
    (files / "bad-config.yaml").write_text(text, encoding="utf-8")
    code, out = run("check", "-c", "bad-config.yaml", "base.md")
    assert code == 2
    assert "bad-config.yaml" in out and key in out


def test_inline_disable_yaml(files: Path) -> None:
    text = (files / "bad.report.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "        text: 建立隐患台账，计划XX月前完成。",
        "        # reportgen-disable-line placeholder\n        text: 建立隐患台账，计划XX月前完成。",
    )
    text = text.replace("lead:", "# reportgen-disable T001 straight-quotes\nlead:")
    text = text.replace("parts:", "# reportgen-enable\nparts:")
    (files / "bad.report.yaml").write_text(text, encoding="utf-8")
    out = run("check", "-f", "parsable", "bad.report.yaml")[1]
    assert "C003" not in out and "T003" not in out
    t001 = [line for line in out.splitlines() if "T001" in line]
    assert t001 and not any(line.startswith("bad.report.yaml:9:") for line in t001)


def test_inline_disable_markdown(files: Path) -> None:
    text = (DATA / "web-pasted.md").read_text(encoding="utf-8")
    text = "<!-- reportgen-disable web-junk space-in-chinese half-width-punct -->\n" + text
    (files / "w.md").write_text(text, encoding="utf-8")
    out = run("check", "-f", "parsable", "w.md")[1]
    assert "C011" not in out and "T008" not in out and "T001" not in out
    assert "C003" in out


# ---------------------------------------------------------------- --templates

_BRIEFING = """label: 情况简报
title: 关于{{ topic }}的简报
lead: 现将{{ topic }}情况简报如下：
lead_formula: 简报如下[：:]$
parts:
  - {role: work, heading: 主要工作, required: true}
  - {role: problems, heading: 存在的问题, required: true}
"""


def test_templates_user_kind_for_yaml(files: Path) -> None:
    kinds = files / "tpl" / "kinds"
    kinds.mkdir(parents=True)
    (kinds / "briefing.yaml").write_text(_BRIEFING, encoding="utf-8")
    good = (files / "good.report.yaml").read_text(encoding="utf-8")
    (files / "b.report.yaml").write_text(
        good.replace("kind: work-report", "kind: briefing"), encoding="utf-8"
    )
    code, out = run("check", "-f", "parsable", "b.report.yaml")
    assert code == 1 and "(I015/unknown-kind)" in out
    assert run("check", "-f", "parsable", "--templates", "tpl", "b.report.yaml") == (0, "")
    # The kind's lead formula (C006) and required parts (I016) come from the user's file.
    briefing = good.replace("kind: work-report", "kind: briefing")
    (files / "b.report.yaml").write_text(
        briefing + "lead: 本季度开展安全检查。现将有关情况报告如下：\n", encoding="utf-8"
    )
    code, out = run("check", "-f", "parsable", "--templates", "tpl", "b.report.yaml")
    assert (code, out.count("\n")) == (0, 1) and "[warning]" in out and "(C006/lead-formula)" in out
    (files / "b.report.yaml").write_text(briefing.split("  - role: problems")[0], encoding="utf-8")
    code, out = run("check", "-f", "parsable", "--templates", "tpl", "b.report.yaml")
    assert code == 1 and "情况简报应有“存在的问题”部分" in out and "(I016/missing-part)" in out


def test_templates_override_a_built_in_kind_for_markdown(files: Path) -> None:
    # The user's work-report: no problems part required, another lead formula.
    kinds = files / "tpl" / "kinds"
    kinds.mkdir(parents=True)
    (kinds / "work-report.yaml").write_text(
        _BRIEFING.replace("情况简报", "工作报告").replace(
            "{role: problems, heading: 存在的问题, required: true}",
            "{role: next-steps, heading: 下一步工作打算, required: true}",
        ),
        encoding="utf-8",
    )
    lines = (DATA / "base.md").read_text(encoding="utf-8").splitlines(keepends=True)
    (files / "two.md").write_text(
        "".join(lines[:12] + lines[16:]).replace("三、下一步", "二、下一步"), encoding="utf-8"
    )
    code, out = run("check", "-f", "parsable", "two.md")
    assert (code, out) == (
        0,
        "two.md:13:1: [warning] 工作报告通常应有“存在的问题”部分，这里没有找到。 (O002/missing-part)\n",
    )
    code, out = run("check", "-f", "parsable", "--templates", "tpl", "two.md")
    assert (code, out.count("\n")) == (0, 1) and "two.md:5:1: [warning]" in out
    assert "(C006/lead-formula)" in out


# ---------------------------------------------------------------- --fix


def test_fix_yaml_keeps_comments_and_is_idempotent(files: Path) -> None:
    before = (files / "bad.report.yaml").read_text(encoding="utf-8")
    code, out = run("check", "--fix", "bad.report.yaml")
    after = (files / "bad.report.yaml").read_text(encoding="utf-8")
    assert "已自动修正 7 处" in out and code == 1  # the XX placeholder is left to a person
    assert "# 行尾注释" in after and "# 注释要保留" in after
    assert "本季度，我局坚持“安全第一”，开展安全检查186次。" in after
    assert "抓队伍，强化组织领导" in after and "3次（含视频会议）" in after and "负责人……" in after
    assert len(after.splitlines()) == len(before.splitlines())
    assert run("check", "--fix", "bad.report.yaml")[1].count("已自动修正") == 0
    assert (files / "bad.report.yaml").read_text(encoding="utf-8") == after
    prepare(files / "bad.report.yaml")  # still a valid report


def test_fix_markdown(files: Path) -> None:
    run("check", "--fix", "web-pasted.md")
    after = (files / "web-pasted.md").read_text(encoding="utf-8")
    assert "（一）健全工作机制" in after and "1.完善心理辅导室建设" in after
    assert "坚持“健康第一”" in after and "2024年7月10日" in after
    snapshot = after
    run("check", "--fix", "web-pasted.md")
    assert (files / "web-pasted.md").read_text(encoding="utf-8") == snapshot


def test_fix_markdown_bold_heading_with_the_stop_inside(files: Path) -> None:
    text = (files / "base.md").read_text(encoding="utf-8")
    text = text.replace("**（一）抓队伍，强化组织领导**。", "**（一）、抓队伍，强化组织领导。**")
    (files / "b.md").write_text(text.replace("销号管理。", "销号管理。。"), encoding="utf-8")
    code, out = run("check", "-f", "parsable", "b.md")
    assert code == 1
    assert "b.md:9:3: [error] 编号“（一）、”后多了一个“、”，应写作“（一）”。" in out
    assert "b.md:19:" in out and "(T010/doubled-punct)" in out
    assert "O006" not in out  # （二） follows （一）
    code, out = run("check", "--fix", "b.md")
    assert code == 0 and "已自动修正 2 处" in out
    after = (files / "b.md").read_text(encoding="utf-8")
    assert "**（一）抓队伍，强化组织领导。**本季度" in after and "销号管理。\n" in after


def test_fix_does_not_guess_odd_quotes(files: Path) -> None:
    (files / "q.md").write_text('# 关于工作的报告\n\n坚持"安全第一的理念。\n', encoding="utf-8")
    _code, out = run("check", "--fix", "q.md")
    assert "奇数" in out and '"' in (files / "q.md").read_text(encoding="utf-8")


def test_fix_refuses_stdin(files: Path) -> None:
    assert run("check", "--fix", "-", stdin="org: x\n")[0] == 2


# ---------------------------------------------------------------- examples and renders


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_and_their_renders_pass(tmp_path: Path, path: Path) -> None:
    prepared = prepare(path)
    shutil.copy(path, tmp_path / path.name)
    (tmp_path / "r.md").write_bytes(render_bytes(prepared, "md"))
    (tmp_path / "r.docx").write_bytes(render_bytes(prepared, "docx"))
    code, out = run("check", "-f", "parsable", str(tmp_path))
    assert "[error]" not in out and code == 0, out


def test_hand_typed_docx(tmp_path: Path) -> None:
    from docx_helpers import hand_typed_docx

    (tmp_path / "hand.docx").write_bytes(hand_typed_docx())
    code, out = run("check", "-f", "parsable", str(tmp_path / "hand.docx"))
    assert code == 1
    # Once per list, with the count (issue 11).
    assert (
        "hand.docx:5:1: [warning] 这一组编号有 2 个写法不规范（“(一)”“(二)”），"
        "应写作“（一）”“（二）”。 (O009/marker-form)"
    ) in out
    assert out.count("O009/marker-form") == 2
    assert "hand.docx:6:" in out and "C003/placeholder" in out
    assert "O002/missing-part" in out and "存在的问题" in out
    assert "(O009/marker-form)" in out.split("hand.docx:7:")[1]


def test_yaml_check_does_not_import_docx(tmp_path: Path) -> None:
    shutil.copy(DATA / "good.report.yaml", tmp_path / "g.report.yaml")
    code = (
        "import sys; from reportgen.cli import main\n"
        "rc = main(['check', sys.argv[1]])\n"
        "print(rc, sorted(m for m in ('docx', 'lxml') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "g.report.yaml")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip().splitlines()[-1] == "0 []"


# ---------------------------------------------------------------- rules


def test_rules_lists_every_rule() -> None:
    code, out = run("rules")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("O001  missing-work-part")
    assert sum(1 for line in lines if re.match(r"^[OCT]\d{3}  ", line)) == len(RULES)
    assert sum(1 for line in lines if re.match(r"^I\d{3}  ", line)) == len(
        INPUT_CODES
    )  # listed after


def test_rules_explains_an_input_code() -> None:
    code, out = run("rules", "I002")
    assert (code, out) == (
        0,
        "I002 duplicate-key\n默认级别：错误（error），不能关闭\n\n同一字段写了两次。\n",
    )


@pytest.mark.parametrize("name", ["T001", "half-width-punct", "t001"])
def test_rules_explains_one(name: str) -> None:
    code, out = run("rules", name)
    assert code == 0 and out.startswith("T001 half-width-punct")
    assert "错误示例" in out and "可以用 --fix 自动修正" in out


def test_rules_unknown() -> None:
    code, out = run("rules", "nosuch")
    assert code == 2 and "nosuch" in out


def test_one_report_with_a_missing_style_does_not_stop_the_others(tmp_path: Path) -> None:
    shutil.copy(DATA / "good.report.yaml", tmp_path / "a.report.yaml")
    bad = (DATA / "good.report.yaml").read_text(encoding="utf-8") + "style: 没有.yaml\n"
    (tmp_path / "b.report.yaml").write_text(bad, encoding="utf-8")
    code, out = run(
        "check", "-f", "parsable", str(tmp_path / "a.report.yaml"), str(tmp_path / "b.report.yaml")
    )
    assert code == 1
    assert "b.report.yaml:" in out and "(I024/missing-style-file)" in out
    assert "a.report.yaml" not in out  # checked, and clean


def test_stdin_resolves_a_style_path_from_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "版式.yaml").write_text("body_font: 仿宋\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = (DATA / "good.report.yaml").read_text(encoding="utf-8") + "style: 版式.yaml\n"
    code, out = run("check", "-f", "parsable", "-", stdin=text)
    assert code == 0, out
    assert "reportgen-check-" not in out
