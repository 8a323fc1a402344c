"""The command line through click's CliRunner: exit codes and output together."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run

from reportgen.cli import cli
from reportgen.render.formats import FORMATS

from conftest import MINIMAL


def test_render_markdown_to_stdout(write) -> None:
    code, out, err = run(["render", str(write(MINIMAL))])
    assert code == 0, err
    assert out.startswith(
        "# 关于2024年第三季度校园安全工作情况的报告\n\n2024年第三季度，我局认真落实上级"
    )
    assert "\n## 一、工作情况\n\n**（一）抓队伍，强化组织领导**。本季度召开专题会议3次。\n" in out
    assert err == ""


def test_render_to_file_reports_path(write, tmp_path: Path) -> None:
    target = tmp_path / "out" / "报告.md"
    code, out, err = run(["render", str(write(MINIMAL)), "-o", str(target)])
    assert (code, out, err) == (0, "", f"已生成 {target}\n")
    assert target.read_text(encoding="utf-8").startswith("# 关于")
    assert [p.name for p in target.parent.iterdir()] == ["报告.md"]  # no temporary file left


def test_invalid_input_exit_1_lists_problems_and_writes_nothing(write, tmp_path: Path) -> None:
    source = write(MINIMAL.replace("topic: 校园安全工作\n", "topc: 校园安全工作\n"))
    target = tmp_path / "报告.md"
    code, out, err = run(["render", str(source), "-o", str(target)])
    assert code == 1
    assert out == ""
    assert err == (
        f"{source}:1:1: error I005 [missing-field] topic: 缺少必填字段“topic”（报告的主题，用于生成标题和导语，如“校园安全工作”“教师培训工作”）。\n"
        f"{source}:2:1: error I003 [unknown-field] topc: 不认识的字段“topc”。是否想写“topic”？\n"
        "共 2 个错误，未生成任何文件。\n"
    )
    assert not target.exists()


def test_invalid_input_lists_the_text_rules_findings_in_the_same_round(
    write, tmp_path: Path
) -> None:
    """A misspelt field and a placeholder: render lists both at once, as check does, so
    one round of fixes is enough (the gate's text rules do not wait for a valid report)."""
    source = write(
        MINIMAL.replace("topic: 校园安全工作\n", "topc: 校园安全工作\n").replace(
            "本季度召开专题会议3次。", "本季度召开XX会议3次,"
        )
    )
    code, out, err = run(["render", str(source), "-o", str(tmp_path / "报告.md")])
    assert (code, out) == (1, "")
    assert [line.split(": ", 1)[1].split(" ", 2)[:2] for line in err.splitlines()[:-1]] == [
        ["error", "I005"],
        ["error", "I003"],
        ["error", "C003"],
        ["error", "T001"],
    ]
    assert err.endswith("共 4 个错误，未生成任何文件。\n")
    _, out, _ = run(["check", "-f", "parsable", str(source)])
    assert len(out.splitlines()) == 4  # the same four


def test_batch_lists_the_text_rules_findings_of_an_invalid_report(write, tmp_path: Path) -> None:
    from reportgen.batch.run import run_batch

    source = write(
        MINIMAL.replace("topic: 校园安全工作\n", "topc: 校园安全工作\n").replace(
            "本季度召开专题会议3次。", "本季度召开XX会议3次。"
        )
    )
    result = run_batch([source], tmp_path / "out", jobs=1)
    ((_, outcome),) = result.entries
    assert [p.code for p in outcome.problems] == ["I005", "I003", "C003"]


def test_failed_render_keeps_existing_output(write, tmp_path: Path) -> None:
    target = tmp_path / "报告.md"
    target.write_text("上一次的结果", encoding="utf-8")
    code, _, _ = run(["render", str(write("org: [\n")), "-o", str(target)])
    assert code == 1
    assert target.read_text(encoding="utf-8") == "上一次的结果"


def test_refuses_to_overwrite_input(write) -> None:
    source = write(MINIMAL, "r.md")
    code, _, err = run(["render", str(source), "-o", str(source)])
    assert code == 1
    assert "就是输入文件" in err
    assert source.read_text(encoding="utf-8") == MINIMAL


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["render"], "缺少参数"),
        (["render", "x.report.yaml", "--bogus"], "没有这个选项"),
        (["render", "{missing}"], "找不到文件"),
        (["render", "{dir}"], "这是一个目录"),
        (["render", "{ok}", "-o", "x.xyz"], "无法从文件名 x.xyz 判断输出格式"),
        (["render", "{ok}", "--format", "docx"], "DOCX 不能输出到终端"),
        (["render", "{ok}", "--format", "odt"], "取值不对"),
        (["new", "no-such-kind"], "没有名为“no-such-kind”的文种"),
        (["schema", "no-such-kind"], "没有名为“no-such-kind”的文种"),
        (["frobnicate"], "没有这个命令"),
    ],
)
def test_usage_errors_exit_2(args: list[str], needle: str, write, tmp_path: Path) -> None:
    ok = write(MINIMAL)
    args = [a.format(missing=tmp_path / "nope.report.yaml", dir=tmp_path, ok=ok) for a in args]
    code, out, err = run(args)
    assert code == 2, (out, err)
    assert needle in err
    assert "Traceback" not in err


def test_kind_option_overrides(write) -> None:
    code, out, _ = run(["render", str(write(MINIMAL)), "--kind", "self-inspection"])
    assert code == 0
    assert out.startswith("# 关于2024年第三季度校园安全工作自查情况的报告\n")


def test_warnings_go_to_stderr_and_render_still_happens(write) -> None:
    text = MINIMAL.replace(
        "  - role: work\n", "  - role: problems\n    points: [先写问题]\n  - role: work\n", 1
    )
    code, out, err = run(["render", str(write(text))])
    assert code == 0
    assert "warning I017 [part-order]" in err
    assert out.startswith("# ")


def test_new_writes_starter_and_schema_and_it_renders(tmp_path: Path) -> None:
    target = tmp_path / "本季度.report.yaml"
    code, _, err = run(["new", "summary", "-o", str(target)])
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=reportgen.schema.json\n")
    assert "kind: summary" in text
    # The schema serves every report in the folder: a later `new` of another kind beside it
    # (the schema is not rewritten) must not be flagged by the editor.
    kinds = json.loads((tmp_path / "reportgen.schema.json").read_text(encoding="utf-8"))[
        "properties"
    ]["kind"]["enum"]
    assert {"summary", "工作总结", "work-report", "工作报告", "self-inspection"} <= set(kinds)
    # Its placeholders stop the render (the gate); --draft renders it, marked as a draft.
    code, out, err = run(["render", str(target)])
    assert (code, out) == (1, "")
    assert f"{target}:10:6: error C003 [placeholder] org: 占位符“××”没有替换成实际内容。\n" in err
    assert err.endswith(
        "共 28 个错误、0 个警告，未生成任何文件。改正后重新生成；如需先生成草稿看看效果，加 --draft。\n"
    )
    code, out, err = run(["render", str(target), "--draft"])
    assert code == 0, err
    assert out.startswith(
        "> **草稿：还有 28 个问题没有改正，不能作为正式文件报送**\n\n"
        "# ××县教育局2024年第三季度××工作总结\n"
    )
    code, _, err = run(["new", "-o", str(target)])
    assert code == 2 and "已存在" in err


@pytest.mark.parametrize("kind", ["work-report", "summary", "self-inspection", "analysis"])
def test_every_starter_renders(kind: str, tmp_path: Path) -> None:
    target = tmp_path / "s.report.yaml"
    assert run(["new", kind, "-o", str(target)])[0] == 0
    code, _, err = run(["render", str(target)])
    assert code == 1 and "error C003 [placeholder]" in err, err
    assert [line for line in err.splitlines() if " error " in line and "C003" not in line] == []
    code, out, err = run(["render", str(target), "--draft"])
    assert code == 0 and out.startswith("> **草稿："), err


def test_schema_is_draft07_with_chinese() -> None:
    code, out, _ = run(["schema"])
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in out and "#/definitions/Part" in out
    assert "报告期" in schema["properties"]["period"]["description"]
    assert "报告期" in out  # ensure_ascii=False
    assert schema["properties"]["kind"]["enum"] == [
        "analysis",
        "self-inspection",
        "summary",
        "work-report",
        "分析研判报告",
        "自查报告",
        "工作总结",
        "工作报告",
        "分析研判",
        "研判报告",
        "自查情况报告",
        "情况汇报",
    ]


def test_kinds_lists_builtins() -> None:
    code, out, _ = run(["kinds"])
    assert code == 0
    assert "work-report     工作报告：工作情况*、工作成效、存在的问题*、下一步工作打算*" in out


def test_user_templates_override_kinds(tmp_path: Path, write) -> None:
    kinds = tmp_path / "tpl" / "kinds"
    kinds.mkdir(parents=True)
    (kinds / "brief.yaml").write_text(
        "label: 简报\ntitle: '{{ org }}{{ topic }}简报'\nlead: 现将有关情况报告如下：\nparts:\n"
        "  - {role: work, heading: 主要工作, required: true}\n",
        encoding="utf-8",
    )
    source = write(MINIMAL.replace("org:", "kind: brief\norg:"))
    code, out, err = run(["render", str(source), "--templates", str(tmp_path / "tpl")])
    assert code == 0, err
    # The title does not name the user's kind: a front matter does, for check and import.
    assert out.startswith(
        "---\nkind: brief\n---\n\n"
        "# 青山县教育局校园安全工作简报\n\n现将有关情况报告如下：\n\n## 一、主要工作\n"
    )


def test_user_template_errors_are_reported_not_raised(tmp_path: Path, write) -> None:
    kinds = tmp_path / "tpl" / "kinds"
    kinds.mkdir(parents=True)
    (kinds / "bad.yaml").write_text(
        "label: 坏\ntitle: '{{ org.__class__.__mro__ }}'\nlead: '{{ nosuch }}'\nparts:\n  - {role: work, heading: 工作}\n",
        encoding="utf-8",
    )
    source = write(MINIMAL.replace("org:", "kind: bad\norg:"))
    code, _, err = run(["render", str(source), "--templates", str(tmp_path / "tpl")])
    assert code == 1
    assert "模板" in err and "Traceback" not in err


def test_help_is_chinese() -> None:
    code, out, _ = run(["--help"])
    assert code == 0
    assert out.startswith("用法：reportgen [选项] 命令 [参数]...\n")
    assert "选项" in out and "命令" in out and "render" in out
    code, out, _ = run(["render", "--help"])
    assert code == 0 and "-o, --output" in out and "输出文件" in out


def test_version() -> None:
    from reportgen import __version__

    assert run(["--version"]) == (0, f"reportgen {__version__}\n", "")


def test_unexpected_exception_exit_3(monkeypatch, write) -> None:
    import reportgen.pipeline

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("意外")

    monkeypatch.setattr(reportgen.pipeline, "prepare_loaded", boom)
    code, _, err = run(["render", str(write(MINIMAL))])
    assert code == 3
    assert err.startswith("内部错误：RuntimeError: 意外\n这是 reportgen 的缺陷")
    assert "--debug" in err and "Traceback" not in err


def test_python_dash_m(write) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reportgen", "render", str(write(MINIMAL))],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode("utf-8").startswith("# 关于2024年第三季度")


def test_markdown_render_does_not_import_docx(write) -> None:
    code = (
        "import sys; from reportgen.cli import main; rc = main(['render', sys.argv[1]]);"
        "bad = [m for m in ('docx', 'lxml', 'markdown_it') if m in sys.modules];"
        "sys.stderr.write(repr(bad)); sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(write(MINIMAL))], capture_output=True, check=False
    )
    assert result.returncode == 0
    assert result.stderr.decode() == "[]"


assert cli.name  # the group is importable on its own (used by docs)


def test_docx_render_notes_missing_fonts(write, tmp_path: Path, monkeypatch) -> None:
    import reportgen.render.docx.fonts as fonts

    monkeypatch.setattr(fonts, "missing_fonts", lambda style: ["方正小标宋简体"])
    code, _, err = run(["render", str(write(MINIMAL)), "-o", str(tmp_path / "r.docx")])
    assert code == 0
    assert err.startswith(f"已生成 {tmp_path / 'r.docx'}\n提示：本机没有安装 方正小标宋简体；")
    monkeypatch.setattr(fonts, "missing_fonts", lambda style: [])
    code, _, err = run(["render", str(write(MINIMAL)), "-o", str(tmp_path / "r.docx")])
    assert (code, err) == (0, f"已生成 {tmp_path / 'r.docx'}\n")


def test_never_writes_over_the_reference_doc_or_the_style_file(write, tmp_path: Path) -> None:
    import docx

    ref = tmp_path / "ref.docx"
    docx.Document().save(str(ref))
    before = ref.read_bytes()
    code, _, err = run(["render", str(write(MINIMAL)), "--reference-doc", str(ref), "-o", str(ref)])
    assert code == 1 and "就是输入文件" in err
    assert ref.read_bytes() == before
    style = tmp_path / "版式.docx"  # a (strangely named) style file the report points at
    style.write_text("body_font: 仿宋\n", encoding="utf-8")
    source = write(MINIMAL + "style: 版式.docx\n")
    code, _, err = run(["render", str(source), "-o", str(style)])
    assert code == 1 and "就是输入文件" in err
    assert style.read_text(encoding="utf-8") == "body_font: 仿宋\n"


def test_missing_style_file_points_at_the_field(write, tmp_path: Path) -> None:
    source = write(MINIMAL + "style: 没有的版式.yaml\n")
    code, _, err = run(["render", str(source)])
    assert code == 1
    assert err.startswith(f"{source}:16:8: error I024 [missing-style-file] style: 找不到版式文件 ")


def test_unknown_field_in_a_style_file_suggests_the_style_field(write, tmp_path: Path) -> None:
    (tmp_path / "版式.yaml").write_text("body_fnt: 仿宋\n", encoding="utf-8")
    code, _, err = run(["render", str(write(MINIMAL + "style: 版式.yaml\n"))])
    assert code == 1
    assert (
        "版式.yaml:1:1: error I003 [unknown-field] body_fnt: 不认识的字段“body_fnt”。是否想写“body_font”？"
        in err
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["render", "{ok}", "-o", "{dir}"],
            "错误：取值不对：“-o”/“--output”：文件“{dir}”是一个目录。",
        ),
        (
            ["batch", "{ok}", "-o", "{out}", "-j", "0"],
            "错误：取值不对：“-j”/“--jobs”：0 不在允许的范围内 x>=1。",
        ),
        (["render", "{ok}", "--bogus"], "错误：没有这个选项“--bogus”。"),
        (["rendr"], "错误：没有这个命令“rendr”。是否想写“render”？"),
        (["render", "{ok}", "b.yaml"], "错误：多余的参数：b.yaml。"),
        (["render", "{ok}", "b.yaml", "c.yaml"], "错误：多余的参数：b.yaml c.yaml。"),
        (["render", "{ok}", "-o"], "错误：选项“-o”需要一个值。"),
        (
            ["render", "{ok}", "-f", "x"],
            # The choices are the registry's (an added format joins them without an edit here).
            f"错误：取值不对：“-f”/“--format”：“x”不是可选值之一{'、'.join(f'“{n}”' for n in FORMATS)}。",
        ),
    ],
)
def test_click_messages_are_chinese(args: list[str], expected: str, write, tmp_path: Path) -> None:
    ok = write(MINIMAL)
    subs = {"ok": str(ok), "dir": str(tmp_path), "out": str(tmp_path / "out")}
    code, _, err = run([a.format(**subs) for a in args])
    assert code == 2
    assert err.splitlines()[-1] == expected.format(**subs)


def test_format_and_suffix_must_agree(write, tmp_path: Path) -> None:
    code, _, err = run(["render", str(write(MINIMAL)), "-f", "md", "-o", str(tmp_path / "x.docx")])
    assert (code, err.splitlines()[-1]) == (
        2,
        "错误：--format md 与输出文件名 x.docx 不一致（它是 .docx 文件）；请改正其中一个。",
    )
    assert not (tmp_path / "x.docx").exists()


def test_a_kind_file_whose_name_differs_from_its_file_name(tmp_path: Path, write) -> None:
    kinds = tmp_path / "tpl" / "kinds"
    kinds.mkdir(parents=True)
    (kinds / "brief.yaml").write_text(
        "name: briefing\nlabel: 简报\ntitle: '{{ org }}简报'\nlead: 现将有关情况报告如下：\nparts:\n"
        "  - {role: work, heading: 主要工作, required: true}\n",
        encoding="utf-8",
    )
    code, _, err = run(
        [
            "render",
            str(write(MINIMAL.replace("org:", "kind: brief\norg:"))),
            "--templates",
            str(tmp_path / "tpl"),
        ]
    )
    assert code == 1
    assert (
        f"{kinds / 'brief.yaml'}:1:7: error I029 [bad-kind-file] name: 文种文件里的 name（briefing）应与文件名（brief）一致"
        in err
    )
