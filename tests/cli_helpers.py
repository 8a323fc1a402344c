"""Running the CLI as users see it (through main() and its exit-code mapping), and reading
its findings back as (code, line, column)."""

from __future__ import annotations

import re
import sys

from click.testing import CliRunner

from reportgen.cli import main


def run(args: list[str]) -> tuple[int, str, str]:
    """Run through main() so the exit-code mapping is exercised as users see it."""
    runner = CliRunner()
    result = runner.invoke(_Main(), args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


class _Main:
    """Adapts main(argv) -> int to what CliRunner.invoke expects."""

    name = "reportgen"

    def main(self, args: list[str], prog_name: str | None = None, **_: object) -> None:
        sys.exit(main(list(args)))


def _problems(output: str) -> list[tuple[str, int, int]]:
    """(code, line, col) of every problem line, in render's form and check's -f parsable form."""
    found = []
    for line in output.splitlines():
        m = re.match(r"^.*?(?::(\d+):(\d+))?: (?:error|warning) (\w+) \[", line) or re.match(
            r"^.*?(?::(\d+):(\d+))?: \[(?:error|warning)\] .*\((\w+)/[\w-]+\)$", line
        )
        if m:
            found.append((m[3], int(m[1] or 0), int(m[2] or 0)))
    return found
