"""Every code a call site uses is in the one registry (reportgen/codes.py), under the same name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.codes import IMPORT_CODES, INPUT_CODES

PACKAGE = Path(__file__).resolve().parent.parent / "reportgen"
# A call site names a code and then its name: Problem(..., "I012", "too-large", ...).
_USE = re.compile(r'"([IM]\d{3})",\s*"([a-z][a-z-]*)"')


def _uses() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name == "codes.py":
            continue
        found.update(_USE.findall(path.read_text("utf-8")))
    return found


def test_every_code_used_is_registered_under_its_name() -> None:
    registry = {code: entry.name for code, entry in {**INPUT_CODES, **IMPORT_CODES}.items()}
    uses = _uses()
    assert uses, "the pattern finds no call site: it has gone stale"
    wrong = sorted((code, name) for code, name in uses if registry.get(code) != name)
    assert wrong == []


def test_every_import_note_is_explained_by_rules() -> None:
    runner = CliRunner()
    for code, entry in IMPORT_CODES.items():
        result = runner.invoke(cli, ["rules", code])
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"{code} {entry.name}\n")
        assert entry.meaning in result.output
    table = runner.invoke(cli, ["rules"]).output
    assert all(code in table for code in IMPORT_CODES)


def test_one_registry_holds_every_family() -> None:
    from reportgen.check.rules import RULES
    from reportgen.codes import all_codes, rule_codes

    everything = all_codes()
    assert len(everything) == len(RULES) + len(INPUT_CODES) + len(IMPORT_CODES)
    assert {c.family for c in everything.values()} == {"O", "C", "T", "I", "M"}
    for code, rule in RULES.items():
        assert rule_codes()[code].name == rule.name and rule_codes()[code].level == rule.level
    assert all(c.level in ("error", "warning") and c.meaning for c in everything.values())


@pytest.mark.parametrize(
    ("asked", "head"),
    [
        ("I012", "I012 too-large\n默认级别：错误（error），不能关闭\n"),
        ("i012", "I012 too-large\n"),
        ("too-large", "I012 too-large\n"),
        ("M001", "M001 junk-dropped\n级别：警告（warning），reportgen import 的提示\n"),
        ("M010", "M010 empty-import\n级别：错误（error），"),
        ("placeholder", "C003 placeholder\n"),  # the rule, not the import note M003
    ],
)
def test_rules_explains_each_family(asked: str, head: str) -> None:
    result = CliRunner().invoke(cli, ["rules", asked])
    assert result.exit_code == 0 and result.output.startswith(head), result.output
