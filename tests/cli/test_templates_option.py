"""A ``--templates`` folder that does not exist is a usage error (exit 2) in every command that
takes one: a misspelt folder must not fall back to the built-in kinds in silence."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run

from conftest import MINIMAL


@pytest.mark.parametrize(
    "command",
    [
        ["kinds"],
        ["render", "{report}", "-o", "{out}/r.md"],
        ["check", "{report}"],
        ["import", "{report}", "-o", "{out}/i.report.yaml"],
        ["batch", "{folder}", "-o", "{out}/batch"],
        ["new", "-o", "{out}/n.report.yaml"],
    ],
    ids=lambda c: c[0],
)
def test_a_missing_templates_folder_is_a_usage_error(tmp_path: Path, command: list[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    report = folder / "r.report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    names = {"report": report, "folder": folder, "out": out}
    args = [part.format(**names) for part in command]
    status, stdout, stderr = run([*args, "--templates", str(tmp_path / "模版")])
    assert status == 2, stdout + stderr
    assert f"错误：取值不对：“--templates”：目录“{tmp_path / '模版'}”不存在。" in stderr
    assert sorted(p.name for p in out.iterdir()) == []
