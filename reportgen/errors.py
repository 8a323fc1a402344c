"""Error families. The CLI turns each into an exit code in one place (cli.py)."""

from __future__ import annotations

from reportgen.problem import Problem


class ReportgenError(Exception):
    """Base of every expected failure; ``exit_code`` is what the CLI returns."""

    exit_code = 1


class InputError(ReportgenError):
    """The report (or another input the user wrote) is invalid; carries every problem found."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__("\n".join(p.format() for p in self.problems))


class UsageError(ReportgenError):
    """The command was called wrongly: bad option, unreadable or missing file, unknown kind."""

    exit_code = 2


class TemplateError(ReportgenError):
    """A built-in or user template failed to load or render."""

    exit_code = 1


class OutputError(ReportgenError):
    """An output could not be written (permissions, would overwrite an input, converter missing)."""

    exit_code = 1
