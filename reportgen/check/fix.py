"""`--fix`: apply the safe edits rules propose, in place, in the YAML or Markdown text.

An edit is applied only when every character it replaces maps to exactly that character
in the file (or to its ``\\`` escape in a double-quoted YAML string), so nothing inside
markup or an escape sequence is ever rewritten by guess. Edits of one finding (a pair of
quotes, a pair of brackets) go in together or not at all; overlapping ones wait for the
next run. A YAML file that would no longer parse is left untouched.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.check.core import Edit, Finding, TextUnit


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
        if piece != ch and piece != "\\" + ch:
            return None
    first, last = chosen[0], chosen[-1]
    assert first is not None and last is not None
    # The characters must be contiguous in the file (no markup between them).
    covered = sum(len(p) for p in pieces)
    if last[1] - first[0] != covered:
        return None
    return SourceEdit(first[0], last[1], edit.new)


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


def yaml_still_valid(text: str) -> bool:
    import yaml

    from reportgen.load import _Loader

    try:
        yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return False
    return True
