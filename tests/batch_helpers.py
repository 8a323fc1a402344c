"""Batch inputs (one school's report, a folder of them) and running `reportgen batch`."""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from reportgen.cli import main

from conftest import MINIMAL


def school(org: str, *, period: str | None = "2024年秋季学期", extra: str = "") -> str:
    text = MINIMAL.replace("青山县教育局", org)
    if period is None:
        text = text.replace("period: 2024年第三季度\n", "")
    else:
        text = text.replace("2024年第三季度", period)
    return text + extra


def reports(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(args: list[str]) -> tuple[int, str]:
    runner = CliRunner()

    class _Main:
        name = "reportgen"

        def main(self, args: list[str], prog_name: str | None = None, **_: object) -> None:
            sys.exit(main(list(args)))

    result = runner.invoke(_Main(), args, catch_exceptions=False)  # type: ignore[arg-type]
    return result.exit_code, result.stderr
