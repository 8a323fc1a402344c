"""The one finding type shared by loading, validation and `check`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportgen.codes import Code


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding: where it is, how bad it is, a stable code and a message for people.

    ``line`` and ``column`` are 1-based; 0 means "unknown" (for instance a whole-file
    problem). ``path`` is the field path inside the report (``parts[1].items[3].heading``)
    or, for finished documents, the heading path; it may be empty.
    """

    file: str
    line: int
    column: int
    level: Level
    code: str
    name: str
    message: str
    path: str = ""

    @classmethod
    def of(
        cls,
        file: str,
        line: int,
        column: int,
        level: Level,
        code: Code,
        message: str,
        path: str = "",
    ) -> Problem:
        """A problem with a registered code (reportgen.codes): its id and name from there."""
        return cls(file, line, column, level, code.id, code.name, message, path)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column or 1}"
        return self.file

    def format(self) -> str:
        """``file:line:col: error I003 [unknown-field] path: message`` — the standard one-liner."""
        where = f" {self.path}:" if self.path else ""
        return (
            f"{self.location()}: {self.level.value} {self.code} [{self.name}]{where} {self.message}"
        )


def has_errors(problems: list[Problem]) -> bool:
    return any(p.level is Level.ERROR for p in problems)


def error(file: str, line: int, column: int, code: Code, message: str) -> Problem:
    """An error about a whole file or a place in it (no field path)."""
    return Problem.of(file, line, column, Level.ERROR, code, message)
