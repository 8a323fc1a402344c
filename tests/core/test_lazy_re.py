"""A pattern compiled on first use answers exactly as ``re.compile`` would, compiles once,
and keeps its source for the screen proofs (tests/screen_helpers.py)."""

from __future__ import annotations

import re

import pytest

from reportgen.core.lazy_re import LazyPattern, lazy

PATTERN = r"(\d{4})年(\d{1,2})月"
TEXT = "2024年7月至2024年10月，共开展演练3次"


def test_nothing_is_compiled_until_a_match_is_asked_for() -> None:
    pattern = lazy(PATTERN)
    assert pattern._compiled is None
    assert (pattern.pattern, pattern.flags) == (PATTERN, 0)
    pattern.search(TEXT)
    compiled = pattern.compiled
    pattern.findall(TEXT)
    assert pattern.compiled is compiled  # once


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("search", (TEXT,)),
        ("search", (TEXT, 3)),
        ("search", (TEXT, 0, 5)),
        ("match", (TEXT,)),
        ("match", (TEXT, 1)),
        ("fullmatch", ("2024年7月",)),
        ("findall", (TEXT,)),
        ("sub", (r"\2/\1", TEXT)),
        ("sub", (lambda m: m.group(1), TEXT, 1)),
        ("subn", ("", TEXT)),
        ("split", (TEXT,)),
        ("split", (TEXT, 1)),
    ],
)
def test_it_answers_as_the_compiled_pattern(method: str, args: tuple[object, ...]) -> None:
    expected = getattr(re.compile(PATTERN), method)(*args)
    got = getattr(lazy(PATTERN), method)(*args)
    if isinstance(expected, re.Match):
        assert isinstance(got, re.Match)
        assert (got.span(), got.groups()) == (expected.span(), expected.groups())
    else:
        assert got == expected


def test_finditer_and_flags() -> None:
    pattern = LazyPattern(r"^end$", re.IGNORECASE | re.MULTILINE)
    assert [m.span() for m in pattern.finditer("x\nEND\nEnd")] == [(2, 5), (6, 9)]
    assert pattern.flags & re.IGNORECASE
