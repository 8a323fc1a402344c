"""Every code a call site uses comes from the one registry (reportgen/codes.py) as a constant,
and every registered code is used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen import codes
from reportgen.cli import cli
from reportgen.codes import BATCH_CODES, IMPORT_CODES, INPUT_CODES

PACKAGE = Path(__file__).resolve().parent.parent / "reportgen"
# A code typed by hand: "I012" (tools/code_constants.py rewrites it as codes.TOO_LARGE).
_TYPED = re.compile(r'["\']([IMB]\d{3})["\']')
_CONSTANT = re.compile(r"\bcodes\.([A-Z][A-Z0-9_]*)\b")


def _sources() -> dict[Path, str]:
    return {
        path: path.read_text("utf-8")
        for path in PACKAGE.rglob("*.py")
        if path != PACKAGE / "codes.py"
    }


def test_no_call_site_types_a_code_by_hand() -> None:
    typed = [
        f"{path.relative_to(PACKAGE)}:{text[: m.start()].count(chr(10)) + 1}: {m[1]}"
        for path, text in _sources().items()
        for m in _TYPED.finditer(text)
    ]
    assert typed == []


def test_every_constant_used_is_a_registered_code() -> None:
    used = {name for text in _sources().values() for name in _CONSTANT.findall(text)}
    assert len(used) > 50, "the pattern finds no call site: it has gone stale"
    registered = {*INPUT_CODES.values(), *BATCH_CODES.values(), *IMPORT_CODES.values()}
    registered |= set(codes.ALIASES)
    wrong = sorted(n for n in used if getattr(codes, n, None) not in registered)
    assert wrong == []


def test_every_registered_code_is_used_somewhere() -> None:
    used = {name for text in _sources().values() for name in _CONSTANT.findall(text)}
    ids = {getattr(codes, name).id for name in used}
    tables = {**INPUT_CODES, **BATCH_CODES, **IMPORT_CODES}
    assert sorted(set(tables) - ids) == [], "documented but never raised"


def test_each_constant_is_named_after_its_code() -> None:
    for name, code in vars(codes).items():
        if isinstance(code, codes.Code):
            expected = code.name.upper().replace("-", "_")
            assert name == ("NOTE_" + expected if code.family == "M" else expected)
    for table in (INPUT_CODES, BATCH_CODES, IMPORT_CODES):
        assert all(code.id == key for key, code in table.items())


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
    tables = (RULES, INPUT_CODES, BATCH_CODES, IMPORT_CODES)
    assert len(everything) == sum(map(len, tables))
    assert {c.family for c in everything.values()} == {"O", "C", "T", "I", "B", "M"}
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
        ("B003", "B003 roster-missing-column\n默认级别：错误（error），不能关闭\n"),
        ("bad-manifest", "B001 bad-defaults\n"),  # B001's second name
    ],
)
def test_rules_explains_each_family(asked: str, head: str) -> None:
    result = CliRunner().invoke(cli, ["rules", asked])
    assert result.exit_code == 0 and result.output.startswith(head), result.output
