"""The README stays true: its rule and error-code tables match the code, its commands exist."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from reportgen.check.rules import RULES
from reportgen.cli import cli
from reportgen.codes import BATCH_CODES, INPUT_CODES, Code

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
LEVEL = {"error": "错误", "warning": "警告"}


def _rows(prefix: str) -> dict[str, list[str]]:
    rows = {}
    for line in README.splitlines():
        m = re.match(rf"\| ({prefix}\d{{3}}) \| (.*) \|$", line)
        if m:
            rows[m[1]] = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", m[2])]
    return rows


def test_rule_table_matches_reportgen_rules() -> None:
    rows = {**_rows("O"), **_rows("C"), **_rows("T")}
    assert list(rows) == list(RULES)
    for code, rule in RULES.items():
        assert rows[code] == [
            rule.name,
            LEVEL[rule.level],
            "是" if rule.fixable else "",
            rule.summary,
        ], code
    listing = CliRunner().invoke(cli, ["rules"]).output
    for code, rule in RULES.items():
        assert re.search(rf"^{code}\s+{re.escape(rule.name)}\s", listing, re.M), code


@pytest.mark.parametrize(("family", "table"), [("I", INPUT_CODES), ("B", BATCH_CODES)])
def test_code_tables_match_the_code(family: str, table: dict[str, Code]) -> None:
    rows = _rows(family)
    assert list(rows) == list(table)
    for code, entry in table.items():
        assert rows[code] == [entry.name, LEVEL[entry.level], entry.meaning], code


def test_commands_in_the_command_table_exist() -> None:
    documented = set(re.findall(r"^\| `reportgen (\w+)", README, re.M))
    assert documented == set(cli.commands) - {"rules"} | {"check"}


def test_the_report_example_in_the_readme_renders(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reportgen.pipeline import prepare

    blocks = re.findall(r"```yaml\n(.*?)```", README, re.S)
    # Blocks headed "# 模板目录/…" are a kind file and a role table (tests/genre runs them).
    reports = [b for b in blocks if "\nparts:" in b and not b.startswith("# 模板目录/")]
    assert reports, "the README shows a report"
    for i, text in enumerate(reports):
        path = tmp_path / f"readme{i}.report.yaml"
        path.write_text(text, encoding="utf-8")
        prepared = prepare(path)
        assert prepared.warnings == []
        assert prepared.document.title == "关于2024年第三季度校园安全工作情况的报告"
