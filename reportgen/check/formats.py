"""Output formats of `reportgen check`: small static functions from a result to text.

``standard`` is for people (grouped by file, like yamllint); ``parsable`` one line per
problem for editors; ``github`` workflow commands (annotations in pull requests);
``json``; ``sarif`` 2.1.0 (GitHub code scanning, GitLab); ``junit`` XML (GitLab test
reports, Jenkins). ``auto`` is github under GitHub Actions, else standard.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping

from reportgen import __version__
from reportgen.check.runner import CheckResult
from reportgen.problem import Level, Problem

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/reportgen/reportgen"
_LEVEL_CN = {Level.ERROR: "错误", Level.WARNING: "警告"}


def _where(p: Problem) -> str:
    return f"{p.line}:{p.column}" if p.line else "-"


def standard(result: CheckResult) -> str:
    out: list[str] = []
    for f in result.files:
        if f.fixed:
            out.append(f"{f.name}：已自动修正 {len(f.fixed)} 处")
        if not f.problems:
            continue
        out.append(f.name)
        width = max(len(_where(p)) for p in f.problems)
        for p in f.problems:
            where = f"  {_where(p):<{width}}  {_LEVEL_CN[p.level]}  "
            heading = f"〔{p.path}〕" if p.path and " > " in p.path else ""
            out.append(f"{where}{p.message}{heading}  ({p.code}/{p.name})")
        out.append("")
    problems = result.problems
    errors = sum(p.level is Level.ERROR for p in problems)
    warnings = len(problems) - errors
    if problems:
        out.append(f"检查了 {len(result.files)} 个文件：{errors} 个错误，{warnings} 个警告。")
    elif result.files:
        # A clerk who runs check by hand sees that it ran (pre-commit shows only failures).
        out.append(f"检查了 {len(result.files)} 个文件：没有发现问题。")
    return "\n".join(out) + ("\n" if out else "")


def parsable(result: CheckResult) -> str:
    lines = [
        f"{p.file}:{p.line}:{p.column}: [{p.level.value}] {p.message} ({p.code}/{p.name})"
        for p in result.problems
    ]
    return "".join(line + "\n" for line in lines)


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github(result: CheckResult) -> str:
    out = []
    for f in result.files:
        if not f.problems:
            continue
        out.append(f"::group::{_gh_escape(f.name)}")
        for p in f.problems:
            props = [f"file={_gh_escape(p.file, True)}"]
            if p.line:
                props += [f"line={p.line}", f"col={p.column or 1}"]
            props.append(f"title={_gh_escape(f'{p.code} {p.name}', True)}")
            out.append(f"::{p.level.value} {','.join(props)}::{_gh_escape(p.message)}")
        out.append("::endgroup::")
    return "".join(line + "\n" for line in out)


def _as_dict(p: Problem) -> dict[str, object]:
    return {
        "file": p.file,
        "line": p.line,
        "column": p.column,
        "level": p.level.value,
        "code": p.code,
        "name": p.name,
        "message": p.message,
        "path": p.path,
    }


def json_format(result: CheckResult) -> str:
    data = {
        "version": __version__,
        "files": [
            {
                "file": f.name,
                "problems": [_as_dict(p) for p in f.problems],
                "fixed": [_as_dict(p) for p in f.fixed],
            }
            for f in result.files
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _sarif_rules() -> list[dict[str, object]]:
    from reportgen.check.rules import RULES

    return [
        {
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc},
            "defaultConfiguration": {"level": rule.level.value},
        }
        for code, rule in RULES.items()
    ]


def sarif(result: CheckResult) -> str:
    rules = _sarif_rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for p in result.problems:
        location: dict[str, object] = {"artifactLocation": {"uri": p.file.replace(os.sep, "/")}}
        if p.line:
            location["region"] = {"startLine": p.line, "startColumn": max(p.column, 1)}
        entry: dict[str, object] = {
            "ruleId": p.code,
            "level": p.level.value,
            "message": {"text": p.message},
            "locations": [{"physicalLocation": location}],
        }
        if p.code in index:
            entry["ruleIndex"] = index[p.code]
        if p.path:
            entry["properties"] = {"path": p.path, "name": p.name}
        results.append(entry)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "reportgen",
                        "version": __version__,
                        "informationUri": INFO_URI,
                        "rules": rules,
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def junit(result: CheckResult) -> str:
    # Imported here: xml.sax.saxutils imports urllib.request (http, email, sockets …), a
    # good part of the start-up of every `check` that prints no JUnit.
    from xml.sax.saxutils import escape, quoteattr

    failing = sum(any(p.level is Level.ERROR for p in f.problems) for f in result.files)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="reportgen check" tests="{len(result.files)}" failures="{failing}">',
        f'  <testsuite name="reportgen check" tests="{len(result.files)}" failures="{failing}" errors="0">',
    ]
    for f in result.files:
        out.append(f'    <testcase classname="reportgen.check" name={quoteattr(f.name)}>')
        file_errors = [p for p in f.problems if p.level is Level.ERROR]
        if file_errors:
            text = "\n".join(p.format() for p in file_errors)
            out.append(
                f'      <failure message={quoteattr(f"{len(file_errors)} 个错误")} type="reportgen">'
                f"{escape(text)}</failure>"
            )
        warnings = [p for p in f.problems if p.level is Level.WARNING]
        if warnings:
            text = "\n".join(p.format() for p in warnings)
            out.append(f"      <system-out>{escape(text)}</system-out>")
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out) + "\n"


FORMATS: Mapping[str, Callable[[CheckResult], str]] = {
    "standard": standard,
    "parsable": parsable,
    "github": github,
    "json": json_format,
    "sarif": sarif,
    "junit": junit,
}


def pick(name: str, environ: Mapping[str, str] | None = None) -> Callable[[CheckResult], str]:
    """The formatter for ``name``; ``auto`` is github under GitHub Actions, else standard."""
    env = os.environ if environ is None else environ
    if name == "auto":
        name = "github" if env.get("GITHUB_ACTIONS") == "true" else "standard"
    return FORMATS[name]
