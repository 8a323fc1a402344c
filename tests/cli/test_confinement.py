"""Confinement (issue 16): reportgen reads only the files it is given and writes nothing a
spreadsheet would run — formulas in the summary CSV, symlinks out of a template folder,
style files outside the report's folder, and a sandbox that cannot take the machine."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import _problems, run

from reportgen.batch.report import HEADER, csv_cell, summary_csv
from reportgen.errors import TemplateError

from conftest import MINIMAL, ROOT

# ---------------------------------------------------------------- summary CSV


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+2", "'=1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("=cmd|' -C calc'!A0", "'=cmd|' -C calc'!A0"),
        ("+86 123", "'+86 123"),
        ("-1", "'-1"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("青山县=一中", "青山县=一中"),  # only the first character matters
        ("—", "—"),  # the dash of an empty count is not a minus
        ("", ""),
        ("12", "12"),
    ],
)
def test_csv_cell_escapes_formulas(cell: str, written: str) -> None:
    assert csv_cell(cell) == written
    rows = list(csv.reader(io.StringIO(summary_csv([[cell] * 9]).decode("utf-8-sig"))))
    assert rows == [list(HEADER), [written] * 9]


def test_batch_summary_csv_carries_no_formula(tmp_path: Path) -> None:
    reports = tmp_path / "in"
    reports.mkdir()
    orgs = ["=1+2", "@SUM(A1)", "=cmd|' -C calc'!A0", "-2+3"]
    for i, org in enumerate(orgs):
        text = MINIMAL.replace("青山县教育局", json.dumps(org, ensure_ascii=False))
        (reports / f"{i}.report.yaml").write_text(text, encoding="utf-8")
    summary = tmp_path / "汇总表.csv"
    status, _, err = run(
        [
            *("batch", str(reports), "-o", str(tmp_path / "out"), "-f", "md", "-j", "1"),
            # --draft: "=1+2" as an org is code residue (C011) to the render gate.
            *("-q", "--name", "{org}", "--summary", str(summary), "--draft"),
        ]
    )
    assert status == 0, err
    rows = list(csv.reader(io.StringIO(summary.read_text(encoding="utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["'=1+2", "'@SUM(A1)", "'=cmd_' -C calc'!A0", "'-2+3"]
    assert [r[3] for r in rows[1:]] == [
        "'=1+2.md",
        "'@SUM(A1).md",
        "'=cmd_' -C calc'!A0.md",
        "'-2+3.md",
    ]
    cells = [c for r in rows for c in r]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


# ---------------------------------------------------------------- templates


def _template_folder(tmp: Path, include: str) -> Path:
    folder = tmp / "tpl"
    (folder / "markdown").mkdir(parents=True)
    builtin = (ROOT / "templates" / "markdown" / "report.md.j2").read_text(encoding="utf-8")
    (folder / "markdown" / "report.md.j2").write_text(
        f'{{% include "{include}" %}}\n{builtin}', encoding="utf-8"
    )
    return folder


def test_symlink_out_of_templates_is_refused_naming_the_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密：口令 hunter2\n", encoding="utf-8")
    folder = _template_folder(tmp_path, "markdown/leak.j2")
    link = folder / "markdown" / "leak.j2"
    link.symlink_to(secret)
    report = tmp_path / "r.report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "r.md"
    status, stdout, err = run(["render", str(report), "--templates", str(folder), "-o", str(out)])
    assert status == 1
    assert "hunter2" not in stdout + err and not out.exists()
    assert err.startswith(
        f"{link}: error I038 [outside-folder] 模板目录 {folder} 里的 {link} 是指向目录之外（{secret}）的符号链接；"
    )
    assert _problems(err) == [("I038", 0, 0)]


@pytest.mark.parametrize("name", ["/etc/passwd", "../secret.txt", "markdown/../../secret.txt"])
def test_include_cannot_name_a_file_outside_the_folders(tmp_path: Path, name: str) -> None:
    (tmp_path / "secret.txt").write_text("机密：口令 hunter2\n", encoding="utf-8")
    folder = _template_folder(tmp_path, name)
    report = tmp_path / "r.report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    status, stdout, err = run(["render", str(report), "--templates", str(folder)])
    assert status == 1
    assert "hunter2" not in stdout + err and "root:" not in stdout + err
    assert _problems(err) == [("I025", 0, 0)]


def test_symlink_inside_templates_is_fine(tmp_path: Path) -> None:
    folder = _template_folder(tmp_path, "markdown/shared.j2")
    (folder / "parts").mkdir()
    (folder / "parts" / "note.j2").write_text("<!-- 内部链接 -->\n", encoding="utf-8")
    (folder / "markdown" / "shared.j2").symlink_to(folder / "parts" / "note.j2")
    report = tmp_path / "r.report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    status, stdout, err = run(["render", str(report), "--templates", str(folder)])
    assert status == 0, err
    assert stdout.startswith("<!-- 内部链接 -->\n# 关于")


def test_loader_refuses_a_link_made_after_the_folder_was_checked(tmp_path: Path) -> None:
    from reportgen.render.templating import render_template

    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "ok.j2").write_text("好", encoding="utf-8")
    assert render_template("ok.j2", {}, (folder,)) == "好"
    (tmp_path / "secret.txt").write_text("机密", encoding="utf-8")
    (folder / "late.j2").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(TemplateError) as caught:
        render_template("late.j2", {}, (folder,))
    assert caught.value.problem is not None and caught.value.problem.code == "I038"


# ---------------------------------------------------------------- style files


def _style_case(tmp: Path, value: str) -> Path:
    (tmp / "reports" / "sub").mkdir(parents=True)
    (tmp / "outside.yaml").write_text("body_font: 仿宋\n秘密: 口令hunter2\n", encoding="utf-8")
    (tmp / "reports" / "sub" / "inner.yaml").write_text("body_font: 仿宋\n", encoding="utf-8")
    (tmp / "reports" / "link.yaml").symlink_to(tmp / "outside.yaml")
    report = tmp / "reports" / "r.report.yaml"
    report.write_text(f"style: {value}\n" + MINIMAL, encoding="utf-8")
    return report


@pytest.mark.parametrize(
    ("value", "exit_code", "expect"),
    [
        ("{tmp}/outside.yaml", 1, [("I038", 1, 8)]),  # an absolute path
        ("../outside.yaml", 1, [("I038", 1, 8)]),
        ("link.yaml", 1, [("I038", 1, 8)]),  # a symlink beside the report, leading out
        ("/etc/passwd", 1, [("I038", 1, 8)]),  # never read, so never echoed
        ("sub/inner.yaml", 0, []),
        ("sub/../sub/inner.yaml", 0, []),
        ("sub/missing.yaml", 1, [("I024", 1, 8)]),
    ],
)
@pytest.mark.parametrize("command", ["render", "check"])
def test_style_outside_the_report_folder_needs_the_environment_variable(
    tmp_path: Path, command: str, value: str, exit_code: int, expect: list[tuple[str, int, int]]
) -> None:
    report = _style_case(tmp_path, value.format(tmp=tmp_path))
    args = (
        [command, str(report)] if command == "render" else ["check", "-f", "parsable", str(report)]
    )
    status, stdout, err = run(args)
    assert status == exit_code, stdout + err
    assert _problems(stdout + err) == expect
    assert "hunter2" not in stdout + err and "root:" not in stdout + err
    if expect and expect[0][0] == "I038":
        assert "REPORTGEN_ALLOW_STYLE_OUTSIDE=1" in stdout + err


def test_style_outside_is_read_when_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _style_case(tmp_path, "../outside.yaml")
    monkeypatch.setenv("REPORTGEN_ALLOW_STYLE_OUTSIDE", "1")
    status, _, err = run(["render", str(report)])
    assert status == 1  # now read: its unknown field is reported, in the style file
    assert _problems(err) == [("I003", 2, 1)] and str(tmp_path / "outside.yaml") in err


def test_batch_shared_style_is_confined_to_the_defaults_folder(tmp_path: Path) -> None:
    """A style named in --defaults is relative to, and must stay in, the defaults' folder,
    which need not contain the reports."""
    (tmp_path / "共用").mkdir()
    (tmp_path / "共用" / "版式.yaml").write_text("body_font: 仿宋\n", encoding="utf-8")
    (tmp_path / "outside.yaml").write_text("body_font: 仿宋\n", encoding="utf-8")
    (tmp_path / "各校").mkdir()
    (tmp_path / "各校" / "一中.report.yaml").write_text(MINIMAL, encoding="utf-8")
    good = tmp_path / "共用" / "good.yaml"
    good.write_text("style: 版式.yaml\n", encoding="utf-8")
    bad = tmp_path / "共用" / "bad.yaml"
    bad.write_text("style: ../outside.yaml\n", encoding="utf-8")
    base = ["batch", str(tmp_path / "各校"), "-f", "md", "-j", "1", "-q", "--defaults"]
    status, _, err = run([*base, str(good), "-o", str(tmp_path / "o1")])
    assert status == 0, err
    status, _, err = run([*base, str(bad), "-o", str(tmp_path / "o2")])
    assert status == 1
    assert (
        f"{bad}:1:8: error I038 [outside-folder] style: 版式文件 {tmp_path / 'outside.yaml'}" in err
    )


# ---------------------------------------------------------------- the sandbox

HOSTILE = [
    ('{{ "x" * 10**9 }}', "相乘得到的字符（或元素）有 1,000,000,000 个"),
    ("{{ range(10**9)|join }}", "数值 1,000,000,000 太大"),
    ('{{ "x"|center(10**9) }}', "数值 1,000,000,000 太大"),
    ('{{ "{:>999999999}".format(1) }}', "格式中的宽度 999999999 太大"),
    ('{{ "%0999999999d"|format(1) }}', "格式中的宽度 999999999 太大"),
    ('{{ "%0999999999d" % 1 }}', "格式中的宽度 999999999 太大"),
    ('{% set s = "x" * 6000000 %}{{ "%s%s" % (s, s) }}', "格式化得到的字符有 12,000,004 个"),
    ("{{ 10 ** 100000 }}", "乘方结果的位数"),
    ("{{ lipsum(10**8) }}", "数值 100,000,000 太大"),
    ("{% macro f(n) %}{{ f(n+1) }}{% endmacro %}{{ f(0) }}", "调用嵌套超过 64 层"),
    (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "range() 一共产生的数有",
    ),
    (
        "{% for i in range(100000) %}{% for j in range(1000) %}xxxxxxxxxx{% endfor %}{% endfor %}",
        "输出的字符有 10,000,010 个",
    ),
    (
        '{% set ns = namespace(s="x") %}{% for i in range(100) %}{% set ns.s = ns.s ~ ns.s %}'
        "{% endfor %}{{ ns.s }}",
        "用 ~ 连接得到的字符有 16,777,216 个",
    ),
    ('{{ ([("x" * 10000000)] * 1000)|join }}', "模板占用的内存超过上限（1 GB）"),
    ('{{ ("x" * 10000000)|replace("x", "xx" * 500) }}', "模板占用的内存超过上限（1 GB）"),
]


def _evil_kind(tmp: Path, title: str) -> list[str]:
    kinds = tmp / "tpl" / "kinds"
    kinds.mkdir(parents=True)
    (kinds / "evil.yaml").write_text(
        f"label: 坏\ntitle: {json.dumps(title, ensure_ascii=False)}\nlead: 现将有关情况报告如下：\n"
        "parts:\n  - {role: work, heading: 工作}\n",
        encoding="utf-8",
    )
    report = tmp / "r.report.yaml"
    report.write_text("kind: evil\n" + MINIMAL, encoding="utf-8")
    return ["render", str(report), "--templates", str(tmp / "tpl")]


@pytest.mark.parametrize(("title", "needle"), HOSTILE, ids=[t for t, _ in HOSTILE])
def test_sandbox_stops_hostile_templates_with_i025_quickly(
    tmp_path: Path, title: str, needle: str
) -> None:
    args = _evil_kind(tmp_path, title)
    started = time.perf_counter()
    status, _, err = run(args)
    elapsed = time.perf_counter() - started
    assert status == 1, err
    assert _problems(err) == [("I025", 0, 0)] and needle in err, err
    assert elapsed < 5, f"{elapsed:.1f} s"


@pytest.mark.skipif(sys.platform != "linux", reason="/proc/self/clear_refs and VmHWM")
def test_sandbox_limits_hold_memory_down(tmp_path: Path) -> None:
    """All the hostile templates, one after another in one process: its peak stays small
    (before: 3.9 GB for the first one alone)."""
    commands = []
    for i, (title, _) in enumerate(HOSTILE):
        commands.append(_evil_kind(tmp_path / str(i), title))
    # The peak is read from VmHWM after resetting it: ru_maxrss of a child started from a large
    # process (pytest, late in the suite) starts at the parent's size, whatever the child uses.
    script = (
        "import json, re, sys\n"
        "with open('/proc/self/clear_refs', 'w') as f: f.write('5')\n"
        "from reportgen.cli import main\n"
        "codes = [main(args) for args in json.loads(sys.argv[1])]\n"
        "with open('/proc/self/status') as f: status = f.read()\n"
        "print(json.dumps([codes, int(re.search(r'VmHWM:\\s+(\\d+)', status).group(1))]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(commands)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    codes, peak_kb = json.loads(done.stdout.splitlines()[-1])
    assert codes == [1] * len(HOSTILE), done.stderr
    assert peak_kb < 200 * 1024, f"peak {peak_kb // 1024} MB"


def test_ordinary_templates_are_not_limited(tmp_path: Path) -> None:
    args = _evil_kind(
        tmp_path,
        "关于{{ topic }}{{ '、' ~ period if false else '' }}的报告{{ '！' * 0 }}"
        "{% for i in range(3) %}{{ i }}{% endfor %}{{ '{:0>3}'.format(7) }}"
        "{% macro m(n) %}{{ n }}{% endmacro %}{{ m(150000000) }}{{ 250000000|string }}",
    )
    status, out, err = run(args)
    assert status == 0, err
    assert out.startswith(
        "---\nkind: evil\n---\n\n# 关于校园安全工作的报告012007150000000250000000\n"
    )


# ---------------------------------------------------------------- the README's promise


def test_readme_promises_only_what_is_true() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "任何输入都不会让 reportgen 读写命令行所给路径以外的文件" not in readme
    assert "REPORTGEN_ALLOW_STYLE_OUTSIDE" in readme


def test_batch_refuses_a_template_link_before_reading_it(tmp_path: Path) -> None:
    """batch hashes the template folders for its incremental state: that walk is the
    checked one too, so a link out is refused before its target is read."""
    secret = tmp_path / "secret.txt"
    secret.write_text("机密", encoding="utf-8")
    folder = tmp_path / "tpl" / "markdown"
    folder.mkdir(parents=True)
    (folder / "x.j2").symlink_to(secret)
    report = tmp_path / "r.report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", str(report), "-o", str(out), "-f", "md", "-q", "--templates"]
    status, _, err = run([*args, str(tmp_path / "tpl")])
    assert status == 1
    assert _problems(err) == [("I038", 0, 0)] and f"{folder / 'x.j2'}: error I038" in err
    assert not (out / "r.md").exists()


@pytest.mark.parametrize(
    ("text", "too_big"),
    [
        ("%5.2f %s %% %-+ #08.3f", False),
        ("%9999999d", False),
        ("%10000001d", True),
        ("%0999999999d", True),
        ("%.999999999f", True),
        ("%-+ #099999999.3f", True),
        ("%.00000000005f", False),  # leading zeros: precision 5
        # adversarial and long: checked in linear time
        ("%" + "0" * 1_000_000, False),
        ("%%" * 500_000, False),
        ("%1" * 500_000, False),
        ("%" + "-" * 1_000_000 + "1" * 1_000_000, True),
        ("%" + "0" * 1_000_000 + ".1", False),
    ],
    ids=lambda v: v[:24] if isinstance(v, str) else str(v),
)
def test_percent_widths_are_checked_in_linear_time(text: str, too_big: bool) -> None:
    from reportgen.render.sandbox_limits import LimitExceeded, check_percent_format

    started = time.perf_counter()
    if too_big:
        with pytest.raises(LimitExceeded):
            check_percent_format(text)
    else:
        check_percent_format(text)
    assert time.perf_counter() - started < 1.5


@pytest.mark.parametrize(
    ("text", "too_big"),
    [
        ("{0:>10}{1:.3f}{name}", False),
        ("{:>999999999}", True),
        ("{:." + "9" * 100 + "}", True),
        ("{" + "1" * 1_000_000, False),  # broken: format() itself refuses it
        ("{}" * 500_000, False),
    ],
    ids=lambda v: v[:24] if isinstance(v, str) else str(v),
)
def test_brace_widths_are_checked_in_linear_time(text: str, too_big: bool) -> None:
    from reportgen.render.sandbox_limits import LimitExceeded, check_brace_format

    started = time.perf_counter()
    if too_big:
        with pytest.raises(LimitExceeded):
            check_brace_format(text)
    else:
        check_brace_format(text)
    assert time.perf_counter() - started < 1.5


def test_summary_of_a_file_name_that_is_not_utf8_is_written() -> None:
    """Python holds such a name as lone surrogates: the summary shows U+FFFD, never crashes."""
    from reportgen.batch.report import summary_markdown

    name = b"\xe4\xb8\x80\xff\xe4\xb8\xad".decode("utf-8", "surrogateescape")  # 一?中
    rows = list(csv.reader(io.StringIO(summary_csv([[name] * 9]).decode("utf-8-sig"))))
    assert rows[1] == ["一\ufffd中"] * 9
    assert "| 一\ufffd中 |" in summary_markdown([[name] * 9]).decode("utf-8")
