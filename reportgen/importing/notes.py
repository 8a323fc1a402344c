"""The warnings `reportgen import` collects about one source file, and how they are worded."""

from __future__ import annotations

from collections.abc import Iterable

from reportgen.codes import Code
from reportgen.core.blocks import Block
from reportgen.problem import Level, Problem

CHECK = "请核对"
_CLAUSE_END = "。；，、,;. \u3000"


class Notes:
    """Warnings about one source file."""

    def __init__(self, source: str, table_stem: str = "") -> None:
        self.source = source
        self.problems: list[Problem] = []
        # Large tables go into CSV files beside the report file: their names start with
        # table_stem ("" when the YAML goes to the terminal: every table stays inline).
        self.table_stem = table_stem
        self.files: dict[str, bytes] = {}

    def add(self, line: int, col: int, code: Code, message: str) -> None:
        self.problems.append(Problem.of(self.source, line, col, Level.WARNING, code, message))

    def at(self, block: Block, code: Code, message: str) -> None:
        self.add(block.origin.line, block.origin.column, code, message)


def clause(text: str) -> str:
    """``text`` without the sentence end it may carry, to stand inside a longer sentence."""
    return text.strip().rstrip(_CLAUSE_END)


def join_clauses(texts: Iterable[str], sep: str = "；") -> str:
    """Sentences joined as clauses of one sentence (no end punctuation): A。 B。 → A；B."""
    return sep.join(c for c in map(clause, texts) if c)


def differing(before: str, after: str, context: int = 8) -> tuple[str, str]:
    """The part where ``before`` and ``after`` differ, with ``context`` characters around
    it and …… where either side was cut: what a note shows so that the two do not look
    the same (……完善制度。二是…… → ……完善制度；二是……)."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while (
        end < min(len(before), len(after)) - start
        and before[len(before) - 1 - end] == after[len(after) - 1 - end]
    ):
        end += 1
    lo = max(start - context, 0)

    def window(text: str) -> str:
        hi = min(len(text) - end + context, len(text))
        return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")

    return window(before), window(after)


def short(text: str, limit: int = 40) -> str:
    """``text`` on one line, cut to ``limit`` characters for quoting in a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
