"""Helpers shared by the text rules: find-and-replace findings and heading markers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from reportgen.check.core import Edit, Finding, TextUnit
from reportgen.core.lazy_re import AnyPattern
from reportgen.core.numbering import MarkerMatch, parse_marker


def replacements(
    pattern: AnyPattern,
    text: str,
    fixed: str | Callable[[re.Match[str]], str | None],
    message: str | Callable[[re.Match[str]], str],
) -> Iterator[Finding]:
    """A fixable finding for each match of ``pattern`` in ``text``.

    ``fixed`` is the replacement, or a function of the match giving it (None: the match
    is fine after all). A match that is already what it should be is not a finding.
    ``message`` is formatted with ``found`` (the match, stripped) and ``fixed``, or is a
    function of the match.
    """
    for m in pattern.finditer(text):
        new = fixed if isinstance(fixed, str) else fixed(m)
        if new is None or new == m.group():
            continue
        said = (
            message.format(found=m.group().strip(), fixed=new)
            if isinstance(message, str)
            else message(m)
        )
        yield Finding(
            said,
            offset=m.start(),
            edits=(Edit(m.start(), m.end(), new),),
        )


def heading_marker(unit: TextUnit) -> MarkerMatch | None:
    """The marker a heading unit starts with (None for any other unit)."""
    return parse_marker(unit.text) if unit.marker_len else None


def marker_fix(found: MarkerMatch, fixed: str, message: str) -> Finding:
    """A finding that rewrites the marker at the start of a heading as ``fixed``."""
    return Finding(message, edits=(Edit(0, found.length, fixed),))
