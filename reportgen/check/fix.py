"""`--fix`: apply the safe edits rules propose, in place, in the YAML or Markdown text.

An edit is applied only when every character it replaces maps to exactly that character
in the file (or to an escape of it in a double-quoted YAML string, such as ``\\u200b``),
so nothing inside markup is ever rewritten by guess. Edits of one finding (a pair of
quotes, a pair of brackets) go in together or not at all; overlapping ones wait for the
next run. The edited file is read again before it is written: every text must come out
exactly as planned and nothing else may change (:func:`faithful`), so a file is never
corrupted — an edit that would turn into a comment, a null or a different outline is
not made, and the finding stays, saying so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reportgen.check.core import Edit, Finding, Source, SourceKind, TextUnit
from reportgen.check.sources import unescape
from reportgen.core.load import scalar_text


@dataclass(frozen=True)
class SourceEdit:
    start: int
    end: int
    new: str


def _source_edit(unit: TextUnit, edit: Edit, text: str) -> SourceEdit | None:
    spans = unit.spans
    if spans is None or edit.end > len(spans) or (edit.start >= edit.end and edit.new == ""):
        return None
    if edit.start == edit.end:  # pure insertion
        return None
    chosen = spans[edit.start : edit.end]
    if any(s is None for s in chosen):
        return None
    pieces = [text[s[0] : s[1]] for s in chosen if s is not None]
    for piece, ch in zip(pieces, unit.text[edit.start : edit.end], strict=False):
        if piece != ch and not (unit.quote == '"' and unescape(piece) == ch):
            return None
    first, last = chosen[0], chosen[-1]
    assert first is not None and last is not None
    # The characters must be contiguous in the file (no markup between them).
    covered = sum(len(p) for p in pieces)
    if last[1] - first[0] != covered:
        return None
    return SourceEdit(first[0], last[1], _written(edit.new, unit.quote))


def _written(new: str, quote: str) -> str:
    """``new`` as it must be written inside a quoted YAML scalar."""
    if quote == '"':
        return new.replace("\\", "\\\\").replace('"', '\\"')
    if quote == "'":
        return new.replace("'", "''")
    return new


def plan(
    findings: list[tuple[TextUnit, Finding]], text: str
) -> tuple[list[SourceEdit], list[Finding]]:
    """(edits to apply, findings whose edits could not be applied this time)."""
    chosen: list[SourceEdit] = []
    skipped: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for unit, finding in findings:
        edits = [_source_edit(unit, e, text) for e in finding.edits]
        if not edits or any(e is None for e in edits):
            skipped.append(finding)
            continue
        ok = [e for e in edits if e is not None]
        if any(
            a < t_end and t_start < b
            for e in ok
            for a, b in [(e.start, e.end)]
            for t_start, t_end in taken
        ):
            skipped.append(finding)
            continue
        chosen += ok
        taken += [(e.start, e.end) for e in ok]
    return sorted(chosen, key=lambda e: e.start), skipped


def apply(text: str, edits: list[SourceEdit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.new + text[edit.end :]
    return text


def expected_texts(applied: list[tuple[TextUnit, Finding]]) -> dict[int, str]:
    """id(unit) → the unit's text once the edits of its applied findings are made."""
    edits: dict[int, tuple[TextUnit, list[Edit]]] = {}
    for unit, finding in applied:
        edits.setdefault(id(unit), (unit, []))[1].extend(finding.edits)
    out = {}
    for key, (unit, mine) in edits.items():
        text = unit.text
        for e in sorted(mine, key=lambda e: e.start, reverse=True):
            text = text[: e.start] + e.new + text[e.end :]
        out[key] = text
    return out


def faithful(source: Source, new_text: str, applied: list[tuple[TextUnit, Finding]]) -> bool:
    """Whether ``new_text`` reads back as ``source`` with exactly the planned edits made."""
    expected = expected_texts(applied)
    if source.kind is SourceKind.YAML:
        return _yaml_faithful(source, new_text, expected)
    return _markdown_faithful(source, new_text, expected)


def _yaml_faithful(source: Source, new_text: str, expected: dict[int, str]) -> bool:
    at = {(u.line, u.column): expected[id(u)] for u in source.units if id(u) in expected}
    old, new = _yaml_nodes(source.text or ""), _yaml_nodes(new_text)
    if old is None or new is None or len(old) != len(new):
        return False
    for a, b in zip(old, new, strict=True):
        if type(a) is not type(b) or a.tag != b.tag:
            return False
        if not isinstance(a.value, str):
            if len(a.value) != len(b.value):
                return False
            continue
        want = at.get((a.start_mark.line + 1, a.start_mark.column + 1))
        if (scalar_text(b) != want) if want is not None else (b.value != a.value):
            return False
    return True


def _yaml_nodes(text: str) -> list[Any] | None:
    import yaml

    from reportgen.core.load import compose

    try:
        root = compose(text)
    except (yaml.YAMLError, RecursionError):
        return None
    return list(_walk(root)) if root is not None else []


def _walk(root: Any) -> Iterator[Any]:
    import yaml

    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias: the node was already walked where it is written
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, yaml.MappingNode):
            stack += [n for pair in reversed(node.value) for n in reversed(pair)]
        elif isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)


def _markdown_faithful(source: Source, new_text: str, expected: dict[int, str]) -> bool:
    from reportgen.read.markdown import read_markdown

    assert source.document is not None
    planned: dict[int, str] = {}
    cells: dict[int, dict[tuple[int, int], str]] = {}  # tables: one unit per cell
    for u in source.units:
        if id(u) in expected and u.block is not None:
            if u.cell is not None:
                cells.setdefault(id(u.block), {})[u.cell] = expected[id(u)]
            else:
                planned[id(u.block)] = expected[id(u)]
    new = read_markdown(new_text, source.name).blocks
    if len(new) != len(source.document.blocks):
        return False
    for a, b in zip(source.document.blocks, new, strict=True):
        if (a.kind, a.level, a.family, a.number) != (b.kind, b.level, b.family, b.number):
            return False
        if id(a) in cells:
            want = tuple(
                tuple(cells[id(a)].get((r, c), cell) for c, cell in enumerate(row))
                for r, row in enumerate(a.rows)
            )
            if b.rows != want:
                return False
        elif b.full_text != planned.get(id(a), a.full_text):
            return False
    return True
