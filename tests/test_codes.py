"""Every code a call site uses is in the one registry (reportgen/codes.py), under the same name."""

from __future__ import annotations

import re
from pathlib import Path

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
    registry = {code: entry[0] for code, entry in {**INPUT_CODES, **IMPORT_CODES}.items()}
    uses = _uses()
    assert uses, "the pattern finds no call site: it has gone stale"
    wrong = sorted((code, name) for code, name in uses if registry.get(code) != name)
    assert wrong == []


def test_every_import_note_is_explained_by_rules() -> None:
    runner = CliRunner()
    for code, (name, _level, what) in IMPORT_CODES.items():
        result = runner.invoke(cli, ["rules", code])
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"{code} {name}\n")
        assert what in result.output
    table = runner.invoke(cli, ["rules"]).output
    assert all(code in table for code in IMPORT_CODES)
