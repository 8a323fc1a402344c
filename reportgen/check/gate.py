"""The render gate: `render` and `batch` run the check rules on what they are about to write.

The findings are those `reportgen check` gives for the same YAML (the same rules at the
levels of the same ``.reportgen.yaml``), so the user can run ``check --fix`` and get the same
list. An error stops the output unless a draft was asked for; a draft is marked as one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportgen.check.config import Config
from reportgen.check.core import Source, SourceKind, TextUnit
from reportgen.core.blocks import Document
from reportgen.errors import InputError
from reportgen.problem import Level, Problem


@dataclass
class Gate:
    """What the rules found in one report about to be written."""

    problems: list[Problem] = field(default_factory=list)
    fixable: int = 0  # findings `check --fix` can mend in the source file

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.WARNING]


def yaml_units(text: str, name: str, root: Any = None) -> list[TextUnit]:
    """The text units `check` builds for a report YAML (every string, exact positions);
    ``root``: the YAML node tree when the loader already composed it."""
    from reportgen.check.sources import _yaml_units

    return _yaml_units(text, name, root)


# Per defaults file (as it is now: a long-lived process may see it edited), once per process.
_DEFAULTS_UNITS: dict[tuple[str, int, int], list[TextUnit]] = {}


def defaults_units(defaults: Any, taken: Sequence[tuple[str, ...]]) -> list[TextUnit]:
    """Text units of the values a report took from shared defaults (batch_work.Defaults),
    at their place in the defaults file (or a manifest's ``defaults:``)."""
    from dataclasses import replace as copy

    from reportgen.core.load import decode, read_input

    out: list[TextUnit] = []
    for key in taken:
        origin = defaults.origins.get(key)
        if origin is None:
            continue
        file = origin[0]
        try:
            stat = Path(file).stat()
        except OSError:
            continue
        cached = (file, stat.st_mtime_ns, stat.st_size)
        if cached not in _DEFAULTS_UNITS:
            text, _ = decode(read_input(Path(file)), file)
            units = yaml_units(text, file) if text is not None else []
            _DEFAULTS_UNITS[cached] = [copy(u, file=file) for u in units]
        dotted = ".".join(key)
        for unit in _DEFAULTS_UNITS[cached]:
            path = unit.path.removeprefix("defaults.")
            if path == dotted or path.startswith((dotted + ".", dotted + "[")):
                out.append(unit)
    return out


def run_gate(
    document: Document | None,
    config: Config,
    *,
    name: str,
    text: str | None = None,
    root: Any = None,
    units: Sequence[TextUnit] | None = None,
    template_dirs: tuple[Path, ...] = (),
) -> Gate:
    """The findings for ``document`` built from the YAML ``text`` (positions in it).

    Without a document (the YAML did not validate) only the text rules run: their findings
    are listed with the validation errors, as `check` lists them, so one round of fixes
    is enough. ``units`` replaces the text units of ``text`` (a roster row's filled-in document: the
    base file's text still holds ``{{ 列 }}``); without either, the document's own blocks
    are checked at their YAML origins.
    """
    from reportgen.check.core import block_units
    from reportgen.check.runner import run_rules

    if units is None:
        if text is not None:
            units = yaml_units(text, name, root)
        else:
            units = block_units(document, None) if document is not None else []
    source = Source(name, SourceKind.YAML, text, document, list(units), template_dirs)
    found = list(run_rules(source, config))
    fixable = sum(1 for _, unit, f in found if f.edits and unit is not None and unit.spans)
    return Gate(sorted((p for p, _, _ in found), key=Problem.sort_key), fixable)


def with_text_findings(
    exc: InputError,
    config: Config,
    *,
    name: str,
    text: str | None,
    root: Any = None,
    template_dirs: tuple[Path, ...] = (),
) -> InputError:
    """``exc`` (a report that did not validate) with the text rules' findings added: a
    placeholder or a half-width comma is listed in the same round as a misspelt field."""
    if text is None:
        return exc
    found = run_gate(None, config, name=name, text=text, root=root, template_dirs=template_dirs)
    known = {(p.line, p.column, p.code) for p in exc.problems}
    extra = [p for p in found.problems if (p.line, p.column, p.code) not in known]
    return InputError(sorted([*exc.problems, *extra], key=Problem.sort_key))


def advice(gate: Gate, target: str, draft: bool) -> list[str]:
    """The closing lines: what stopped the output (or that a draft was written), and --fix."""
    lines = []
    errors, warnings = len(gate.errors), len(gate.warnings)
    if gate.fixable:
        lines.append(
            f"其中 {gate.fixable} 个可以自动修正：reportgen check --fix {target}，修正后重新生成。"
        )
    if errors and draft:
        lines.insert(
            0,
            f"共 {errors} 个错误、{warnings} 个警告；按 --draft 生成了草稿"
            "（文件上标有“草稿”字样），改正后重新生成正式文件。",
        )
    elif errors:
        lines.insert(
            0,
            f"共 {errors} 个错误、{warnings} 个警告，未生成任何文件。"
            "改正后重新生成；如需先生成草稿看看效果，加 --draft。",
        )
    elif warnings:
        lines.insert(0, f"共 {warnings} 个警告（不影响生成）。")
    return lines


class GateError(InputError):
    """Errors found by the gate: nothing was written; ``advice`` says what to do next."""

    def __init__(self, problems: list[Problem], advice: list[str]) -> None:
        super().__init__(problems)
        self.advice = advice


def relabel(problems: list[Problem], file: str) -> list[Problem]:
    return [replace(p, file=file) for p in problems]
