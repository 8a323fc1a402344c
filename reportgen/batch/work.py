"""One report of a batch, as a worker process runs it: load, merge, fill, validate, render, write.

Everything here is picklable in and out: a Job goes to a worker, an Outcome comes back.
A failure never escapes as an exception; it becomes an Outcome with the same Problem
lines `render` prints.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from reportgen import codes
from reportgen.batch.state import file_digest, job_key, journal_done, journal_own
from reportgen.core.blocks import Document
from reportgen.core.load import Loaded, load_bytes, read_input
from reportgen.enums import StrEnum
from reportgen.errors import InputError, ReportgenError
from reportgen.problem import Level, Problem


class Mode(Enum):
    """How far a worker takes a report."""

    FIELDS = "fields"  # load and validate: the fields output names are made from
    RENDER = "render"  # the whole way: gate, then write the outputs
    EXTRACT = "extract"  # up to the roll-up's contribution, writing nothing (unchanged reports)


class Status(StrEnum):
    """What became of one report; the value is what `BatchResult.counts` is keyed by."""

    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"  # unchanged since the last run (the state file says so)
    NOT_RUN = "not-run"  # stopped (--fail-fast, Ctrl-C) before it was done


@dataclass
class Defaults:
    """Shared fields merged under every report, and where each one was written."""

    data: dict[str, Any] = field(default_factory=dict)
    # ("period",) or ("style", "font_size") → (file, line, column) of the value
    origins: dict[tuple[str, ...], tuple[str, int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class RunContext:
    """What every job of a run shares; handed to each worker once."""

    defaults: Defaults
    kind: str | None
    template_dirs: tuple[Path, ...]
    check: bool = True
    shared: str = ""  # the run-wide part of every job's key (batch_state.shared_digest)
    journal: Path | None = None  # where outputs are recorded as they are written
    parent: int = 0  # the batch process: workers exit when it is gone
    config: Any = None  # check.config.Config: the levels of the render gate (None: defaults)
    draft: bool = False  # --draft: a report with gate errors is written, marked as a draft


@dataclass(frozen=True)
class Job:
    index: int
    source: Path  # the report file (or the roster's base report)
    label: str  # how messages and the summary name this report
    stem: str
    row: dict[str, str] | None = None  # roster mode: this report's row
    row_line: int = 0
    targets: tuple[Path, ...] = ()  # .md / .docx / .html outputs to write
    pdf_docx: Path | None = None  # where to put the DOCX a PDF is made from, if not a target
    pdf: bool = False  # a PDF follows: the report is done only when the parent has made it


@dataclass
class Stats:
    parts: int = 0
    items: int = 0
    chars: int = 0
    findings: int | None = None  # `check` findings; None when not counted


@dataclass
class Outcome:
    index: int
    status: Status
    problems: list[Problem] = field(default_factory=list)  # errors (and the warnings beside them)
    message: str = ""  # a failure that is not about a position in a file
    warnings: list[Problem] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    stats: Stats = field(default_factory=Stats)
    outputs: list[Path] = field(default_factory=list)
    deps: dict[str, str] = field(default_factory=dict)  # extra files read (style) → sha256
    contribution: Any = None  # batch_rollup.Contribution when asked for
    note: str = ""  # why it was skipped or not run
    key: str = ""  # the digest of the bytes that were rendered (batch_state.job_key)
    draft: int = 0  # written as a draft (--draft) despite this many gate errors

    def entry(self, source: Path) -> dict[str, Any]:
        """The state record of a report whose outputs are all written.

        A draft is ours (may be overwritten) but never "unchanged": made again next time.
        """
        return {
            "key": ("draft:" if self.draft else "") + self.key,
            "input": str(source),
            "outputs": sorted(p.name for p in self.outputs),
            "deps": self.deps,
            "stats": vars(self.stats),
        }


# ---------------------------------------------------------------- worker process

_CONTEXT: RunContext | None = None


def init_worker(context: RunContext) -> None:
    """Pool initializer: the parent handles Ctrl-C, SIGTERM and SIGHUP; a worker finishes its
    reports and stops, and exits at once if the parent dies."""
    from reportgen.batch.signals import worker_signals

    global _CONTEXT
    _CONTEXT = context
    worker_signals(context.parent)


def run_chunk(jobs: list[Job], mode: Mode, want_contribution: bool) -> list[Outcome]:
    from reportgen.batch import signals as batch_signals

    assert _CONTEXT is not None, "init_worker was not called"
    batch_signals.busy = True
    try:
        return [run_job(job, mode, _CONTEXT, want_contribution) for job in jobs]
    except batch_signals.ParentGone:
        os._exit(1)  # the pool would catch it and wait for work that never comes
    finally:
        batch_signals.busy = False


# ---------------------------------------------------------------- one report


def run_job(job: Job, mode: Mode, context: RunContext, want_contribution: bool = False) -> Outcome:
    from reportgen.genre.registry import using

    try:
        # The whole job in the genre of --templates: validation, the gate, the contribution.
        with using(context.template_dirs):
            return _run(job, mode, context, want_contribution)
    except InputError as exc:
        return Outcome(job.index, Status.FAILED, problems=exc.problems)
    except ReportgenError as exc:  # a coded one (I036 …) is listed as the problem it is
        if exc.problem is not None:
            return Outcome(job.index, Status.FAILED, problems=[exc.problem])
        return Outcome(job.index, Status.FAILED, message=str(exc))
    except Exception as exc:  # a bug must not take the other reports down with it
        return Outcome(
            job.index,
            Status.FAILED,
            message=f"内部错误：{type(exc).__name__}: {exc}（这是 reportgen 的缺陷，请连同输入文件报告给开发者）",
        )


def merge_defaults(data: dict[str, Any], defaults: dict[str, Any]) -> list[tuple[str, ...]]:
    """Put ``defaults`` under ``data`` in place; returns the paths that came from the defaults.

    The report's own value wins. A key the report leaves empty (``recipient:`` with nothing
    after it) counts as not written. ``style`` is merged one level deep when both sides
    are mappings; any other value (and a style given as a file path) is taken whole.
    """
    taken: list[tuple[str, ...]] = []
    for key, value in defaults.items():
        mine = data.get(key)
        if mine is None:
            data[key] = copy.deepcopy(value)
            taken.append((key,))
        elif key == "style" and isinstance(mine, dict) and isinstance(value, dict):
            for sub, sub_value in value.items():
                if mine.get(sub) is None:
                    mine[sub] = copy.deepcopy(sub_value)
                    taken.append((key, sub))
    return taken


_FIRST = re.compile(r"[^.\[]+")


def _relocate(
    problems: list[Problem], taken: list[tuple[str, ...]], defaults: Defaults
) -> list[Problem]:
    """A problem in a value that came from the defaults points at the defaults file."""
    if not taken:
        return problems
    out = []
    for p in problems:
        head = _FIRST.match(p.path)
        key: tuple[str, ...] | None = None
        if head and (head.group(),) in taken:
            key = (head.group(),)
        elif head and head.group() == "style":
            rest = _FIRST.match(p.path[len("style.") :])
            if rest and ("style", rest.group()) in taken:
                key = ("style", rest.group())
        origin = defaults.origins.get(key) if key else None
        if origin:
            p = dataclasses.replace(p, file=origin[0], line=origin[1], column=origin[2])
        out.append(p)
    return out


def _fill_row(loaded: Loaded, job: Job) -> list[Problem]:
    from reportgen.batch.roster import fill

    assert job.row is not None
    loaded.data, empty = fill(loaded.data, job.row)
    return [
        loaded.problem(
            path,
            codes.ROSTER_EMPTY_CELL,
            f"名单第 {job.row_line} 行的“{column}”列是空的，无法填入 {{{{ {column} }}}}。",
        )
        for path, column in empty
    ]


def style_root(context: RunContext, taken: list[tuple[str, ...]]) -> Path | None:
    """A shared style file is confined to the folder of the file that named it."""
    shared = context.defaults.origins.get(("style",)) if ("style",) in taken else None
    return Path(shared[0]).parent if shared else None


def load_merged(
    job: Job, context: RunContext
) -> tuple[Loaded, list[tuple[str, ...]], list[Problem], str]:
    """The job's data with --kind, the defaults and the roster row applied, and its key.

    The file is read once: the bytes rendered are the bytes the key is made from, so a
    file edited while the batch runs is never recorded under the digest of other bytes.
    """
    raw = read_input(job.source)
    key = job_key(raw, context.shared, job.row)
    loaded = load_bytes(raw, str(job.source))
    taken: list[tuple[str, ...]] = []
    problems: list[Problem] = []
    if isinstance(loaded.data, dict):
        if context.kind:
            loaded.data["kind"] = context.kind
        taken = merge_defaults(loaded.data, context.defaults.data)
        if job.row is not None:
            problems = _fill_row(loaded, job)
    return loaded, taken, problems, key


def _run(job: Job, mode: Mode, context: RunContext, want_contribution: bool) -> Outcome:
    from reportgen.core.model import period_text
    from reportgen.pipeline import prepare_loaded, render_bytes

    loaded, taken, problems, key = load_merged(job, context)
    try:
        # A shared style file is confined to the folder of the file that named it.
        shared = context.defaults.origins.get(("style",)) if ("style",) in taken else None
        root = Path(shared[0]).parent if shared else None
        prepared = prepare_loaded(
            loaded, job.source, template_dirs=context.template_dirs, style_root=root
        )
    except InputError as exc:
        if context.check and job.row is None and not taken:
            # The text rules' findings in the same round (a roster row's text is checked
            # filled in, and values from the defaults in their file: only once it is valid).
            from reportgen.check.config import default_config
            from reportgen.check.gate import with_text_findings

            exc = with_text_findings(
                exc,
                context.config or default_config(),
                name=str(job.source),
                text=loaded.text,
                root=loaded.node,
                template_dirs=context.template_dirs,
            )
        failed = _relocate(
            sorted(problems + exc.problems, key=Problem.sort_key), taken, context.defaults
        )
        return Outcome(job.index, Status.FAILED, problems=failed)
    problems = _relocate(
        sorted(problems + prepared.warnings, key=Problem.sort_key), taken, context.defaults
    )
    if any(p.level is Level.ERROR for p in problems):  # an empty roster cell
        return Outcome(job.index, Status.FAILED, problems=problems)
    report, document = prepared.report, prepared.document
    assert report is not None
    prepared.warnings = problems
    outcome = Outcome(job.index, Status.OK, warnings=problems, key=key)
    outcome.fields = {
        "stem": job.stem,
        "org": report.org,
        "period": period_text(report.period),
        "kind": report.kind,
        "title": document.title,
        "topic": report.topic,
        "recipient": report.recipient or "",
    }
    if mode is Mode.FIELDS:
        return outcome
    outcome.stats = document_stats(document)  # the findings are the gate's, counted below
    gate = gate_job(job, loaded, prepared, context, taken) if context.check else None
    if gate is not None:
        outcome.stats.findings = len(gate.problems)  # the summary's count: the same findings
        outcome.warnings = sorted(problems + gate.warnings, key=Problem.sort_key)
        if mode is Mode.RENDER and gate.errors and not context.draft:
            failed = sorted(problems + gate.problems, key=Problem.sort_key)
            return Outcome(job.index, Status.FAILED, problems=failed, stats=outcome.stats)
        outcome.draft = len(gate.errors) if context.draft else 0
    if want_contribution:
        from reportgen.batch.rollup import contribution

        outcome.contribution = contribution(document, outcome.fields)
        outcome.contribution.where = (str(job.source), *loaded.position(("org",)))
    if mode is Mode.EXTRACT:
        return outcome
    if prepared.style_path is not None:
        outcome.deps[str(prepared.style_path)] = file_digest(prepared.style_path)
    for data in prepared.data_files:  # a table's CSV/XLSX: a change renders the report again
        outcome.deps[str(data)] = file_digest(data)
    try:
        _write_outputs(job, prepared, context, outcome, render_bytes)
    except ReportgenError as exc:  # the outputs already written stay listed (and owned)
        outcome.status = Status.FAILED
        if exc.problem is not None:  # a coded one (I036 …) is listed as the problem it is
            outcome.problems = [exc.problem]
        else:
            outcome.message = str(exc)
    return outcome


def _write_outputs(
    job: Job, prepared: Any, context: RunContext, outcome: Outcome, render: Any
) -> None:
    from reportgen.output import atomic_write
    from reportgen.pipeline import draft_note
    from reportgen.render.formats import for_path

    docx: bytes | None = None
    note = draft_note(outcome.draft) if outcome.draft else None
    for target in job.targets:
        fmt = for_path(target)
        assert fmt is not None  # the targets were named from the registry's suffixes
        data = render(prepared, fmt.name, template_dirs=context.template_dirs, draft=note)
        if fmt.name == "docx":
            docx = data
        if context.journal is not None:
            journal_own(context.journal, job.stem, target.name)
        atomic_write(target, data, [job.source], durable=False)
        outcome.outputs.append(target)
    if job.pdf_docx is not None:
        if docx is None:
            docx = render(prepared, "docx", template_dirs=context.template_dirs, draft=note)
        atomic_write(job.pdf_docx, docx, [job.source], durable=False)
    if context.journal is not None and not job.pdf:
        journal_done(context.journal, job.stem, outcome.entry(job.source))


def document_stats(document: Document) -> Stats:
    headings = document.headings()
    chars = sum(len("".join(b.full_text.split())) for b in document.blocks)
    return Stats(
        parts=sum(1 for b in headings if b.level == 1),
        items=sum(1 for b in headings if b.level >= 2),
        chars=chars,
    )


def gate_job(
    job: Job,
    loaded: Loaded,
    prepared: Any,
    context: RunContext,
    taken: list[tuple[str, ...]] | None = None,
) -> Any:
    """The render gate (check.gate) on one report: the file's YAML text, or for a roster row
    the filled-in document (the base file still holds ``{{ 列 }}``), at the base's positions."""
    from reportgen.check.config import default_config
    from reportgen.check.gate import defaults_units, run_gate, yaml_units

    config = context.config or default_config()
    name = str(job.source)
    if job.row is not None:
        found = run_gate(prepared.document, config, name=name, template_dirs=context.template_dirs)
        found.problems = [
            dataclasses.replace(p, message=f"名单第 {job.row_line} 行：{p.message}")
            for p in found.problems
        ]
        found.fixable = 0  # the row's text is in the roster, not in a file --fix edits
        return found
    units = None
    if taken and loaded.text is not None:  # values from the shared defaults: checked there
        units = yaml_units(loaded.text, name, loaded.node)
        units += defaults_units(context.defaults, taken)
    return run_gate(
        prepared.document,
        config,
        name=name,
        text=loaded.text,
        root=loaded.node,
        units=units,
        template_dirs=context.template_dirs,
    )


def error_lines(outcome: Outcome, label: str) -> list[str]:
    """What `render` would print for this report: the Problem lines, or one message."""
    if outcome.problems:
        return [p.format() for p in outcome.problems if p.level is Level.ERROR]
    return [f"{label}: {outcome.message}"] if outcome.message else []
