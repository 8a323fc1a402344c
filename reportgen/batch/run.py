"""`reportgen batch`: many reports at once — plan, name, run workers, convert, roll up, summarise.

Returns a BatchResult and prints nothing; progress goes to the Progress object it is given.
Order of work: collect inputs → name every output and find clashes (nothing written yet)
→ lock OUTDIR, read the state (batch_state) and skip what is unchanged → render in worker
processes, each output journalled as it is written → PDFs in a few soffice calls → state
file → roll-up and summary. Ctrl-C, SIGTERM and SIGHUP stop it anywhere with the state saved
(batch_signals).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportgen import codes
from reportgen.batch.names import (
    DEFAULT_PATTERN,
    check_pattern,
    collision_key,
    find_collisions,
    output_stem,
)
from reportgen.batch.outdir import LOCK_NAME, clean_stale, locked, make_scratch
from reportgen.batch.plan import collect, report_jobs, roster_jobs
from reportgen.batch.pool import make_pdfs, run_pool
from reportgen.batch.report import Progress, Silent, summary_file, summary_rows, totals_line
from reportgen.batch.signals import signal_number, stop_on_signals
from reportgen.batch.state import (
    JOURNAL_NAME,
    STATE_NAME,
    State,
    job_key,
    load_state,
    replay_journal,
    save_state,
    shared_digest,
    tree_digest,
    unchanged,
)
from reportgen.batch.work import (
    Defaults,
    Job,
    Mode,
    Outcome,
    RunContext,
    Stats,
    Status,
)
from reportgen.errors import OutputError, ReportgenError, UsageError
from reportgen.output import atomic_write, check_output_places, make_dir
from reportgen.problem import Level, Problem
from reportgen.render.formats import FORMATS, for_path, suffix_list


@dataclass
class BatchResult:
    entries: list[tuple[Job, Outcome]] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # about the run (roster columns)
    rollup: Path | None = None
    summary: Path | None = None
    elapsed: float = 0.0

    def count(self, status: Status) -> int:
        return sum(1 for _, o in self.entries if o.status == status)

    @property
    def failed(self) -> bool:
        return self.count(Status.FAILED) > 0

    def counts(self) -> dict[Status, int]:
        return {s: self.count(s) for s in Status}

    def totals(self) -> str:
        return totals_line(self.counts(), self.elapsed)


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C, SIGTERM or SIGHUP: running reports were finished, pending ones cancelled;
    carries what was done and the signal (the command exits 128 + ``signum``)."""

    def __init__(self, result: BatchResult, signum: int = 2) -> None:
        super().__init__()
        self.result = result
        self.signum = signum


# The format batch makes after the workers, from their DOCX files, many per LibreOffice
# start (pool.make_pdfs). Every other format, one made from another included, the worker
# writes through the format registry.
BULK = "pdf"
# One stem for every format: capped to leave room for the longest ending.
LONGEST_SUFFIX = max((f.suffix for f in FORMATS.values()), key=len)


def parse_formats(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise UsageError(
            f"不支持的格式“{'、'.join(bad) or text}”；可选：{'、'.join(FORMATS)}，用逗号分隔。"
        )
    return chosen


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


@dataclass(frozen=True)
class BatchOptions:
    """The options of `reportgen batch`, one field per command-line option."""

    inputs: tuple[Path, ...]
    outdir: Path
    formats: str = "docx"
    jobs: int | None = None
    name: str = DEFAULT_PATTERN
    defaults: Path | None = None
    roster: Path | None = None
    fail_fast: bool = False
    summary: Path | None = None
    rollup: Path | None = None
    force: bool = False
    kind: str | None = None
    template_dirs: tuple[Path, ...] = ()
    expected: Path | None = None  # the units that should report, for the roll-up
    config: Any = None  # check.config.Config: the levels of the render gate (None: defaults)
    draft: bool = False  # write reports with gate errors, marked as drafts

    @property
    def workers(self) -> int:
        return max(1, self.jobs or default_jobs())


@dataclass
class Plan:
    """What a run will do, decided before anything is written."""

    jobs: list[Job]  # every input, in order
    named: list[Job]  # those still to be written, with their output names
    context: RunContext
    formats: tuple[str, ...]
    inputs: list[Path]  # every file the run reads: never to be written over
    state: State = field(default_factory=State)
    loaded: bool = False  # the state was read (and the lock taken): it may be saved
    todo: list[Job] = field(default_factory=list)
    final: dict[int, Outcome] = field(default_factory=dict)  # failed early, or skipped

    @property
    def by_index(self) -> dict[int, Job]:
        return {job.index: job for job in self.named}


def run_batch(
    inputs: list[Path], outdir: Path, *, progress: Progress | None = None, **options: Any
) -> BatchResult:
    """``run(BatchOptions(inputs, outdir, **options), progress)``."""
    return run(BatchOptions(tuple(inputs), outdir, **options), progress)


def run(options: BatchOptions, progress: Progress | None = None) -> BatchResult:
    """Render every report of ``options.inputs`` into ``options.outdir``; see the module docstring.

    SIGTERM and SIGHUP stop the run as Ctrl-C does: :class:`BatchInterrupted` carries what
    was done and the signal.
    """
    started = time.monotonic()
    progress = progress or Silent()
    _check_side_files(options.summary, options.rollup)
    check_output_places(options.outdir, options.summary, options.rollup)  # I036 before any work
    from reportgen.genre.registry import genre_for

    genre_for(options.template_dirs)  # a malformed kind or role file (I029–I031): once, first
    if options.expected is not None and options.rollup is None:
        raise UsageError(
            "--expected 列出应报送的单位，供汇总稿（--rollup）使用；请同时写 --rollup。"
        )
    units = expected_units(options.expected) if options.expected is not None else None
    result = BatchResult(summary=options.summary)
    with stop_on_signals():
        try:
            plan = _plan(options, progress, result)
            with locked(options.outdir):
                try:
                    _load_state(plan, options, result)
                    _execute(plan, options, progress)
                except KeyboardInterrupt as exc:
                    signum = signal_number(exc)
                    with contextlib.suppress(KeyboardInterrupt, ReportgenError):
                        _finish(result, plan, options.outdir, started)
                        _write_summary(result, plan.inputs)
                    raise BatchInterrupted(result, signum) from None
                _finish(result, plan, options.outdir, started)
            if options.rollup is not None:
                result.rollup = _write_rollup(
                    options.rollup,
                    result,
                    plan.inputs,
                    options.template_dirs,
                    plan.context.defaults,
                    units,
                )
            _write_summary(result, plan.inputs)
        except BatchInterrupted:
            raise
        except KeyboardInterrupt as exc:  # while planning (nothing written yet) or after the state
            raise BatchInterrupted(result, signal_number(exc)) from None
    return result


def _plan(options: BatchOptions, progress: Progress, result: BatchResult) -> Plan:
    """Collect the jobs, name their outputs, refuse collisions and writes over inputs:
    everything that can fail does so here, before the first write."""
    fmts = parse_formats(options.formats)
    pattern_fields = check_pattern(options.name)
    inputs, defaults, roster = list(options.inputs), options.defaults, options.roster
    if roster is not None:
        if len(inputs) != 1 or not inputs[0].is_file():
            raise UsageError("用 --roster 时只给一份基础报告（INPUT），名单的每一行生成一份报告。")
        from reportgen.batch.plan import Sources, load_defaults

        sources = Sources(reports=[inputs[0]])
        if defaults is not None:
            sources.defaults = load_defaults(defaults)
        job_list, result.warnings = roster_jobs(inputs[0], roster, sources.defaults)
    else:
        sources = collect(inputs, defaults)
        job_list = report_jobs(sources.reports)
    outdir = options.outdir
    shared = {
        "defaults": sources.defaults.data,
        "kind": options.kind,
        "templates": tree_digest(options.template_dirs),
        # The render gate's levels: a report that passed may fail under a stricter config.
        "gate": {c: r.level for c, r in options.config.rules.items()} if options.config else {},
    }
    context = RunContext(
        sources.defaults,
        options.kind,
        options.template_dirs,
        shared=shared_digest(shared),
        journal=outdir / JOURNAL_NAME,
        parent=os.getpid(),
        config=options.config,
        draft=options.draft,
    )
    final: dict[int, Outcome] = {}
    if set(pattern_fields) - {"stem"}:
        # Only for --name patterns that use report fields: read every report first.
        fields: dict[int, Outcome] = {}
        progress.start("读取", len(job_list))
        run_pool(
            job_list,
            Mode.FIELDS,
            context,
            fields,
            workers=options.workers,
            progress=progress,
            fail_fast=options.fail_fast,
        )
        progress.finish()
        final = {i: o for i, o in fields.items() if o.status is Status.FAILED}
        readable = [j for j in job_list if j.index in fields and j.index not in final]
        chosen = [] if final and options.fail_fast else readable
        named = _name_outputs(chosen, fields, options.name, fmts, outdir)
    else:
        named = _name_outputs(job_list, {}, options.name, fmts, outdir)
    all_inputs = [*sources.reports, *sources.manifests, *(p for p in (defaults, roster) if p)]
    _guard(named, all_inputs, outdir, options.summary, options.rollup)
    make_dir(outdir)  # I036 naming the part of the path to blame
    return Plan(job_list, named, context, fmts, all_inputs, final=final)


def _load_state(plan: Plan, options: BatchOptions, result: BatchResult) -> None:
    """With OUTDIR locked: the state of earlier runs, compacted; leftovers of crashed runs
    removed; foreign files refused; the unchanged skipped."""
    outdir = options.outdir
    plan.state = load_state(outdir)
    plan.loaded = True
    result.warnings += plan.state.warnings(outdir)
    _refuse_foreign(plan.named, plan.state, outdir, options.force)
    names = {t.name for job in plan.named for t in job.targets} | plan.state.owned
    clean_stale(outdir, names | {STATE_NAME, JOURNAL_NAME})
    save_state(outdir, plan.state)  # the journal of a killed run folded in, a bad state rebuilt
    keys = {j.index: job_key(_read(j.source), plan.context.shared, j.row) for j in plan.named}
    plan.todo, skipped = _split_unchanged(plan.named, plan.state, keys, options.force)
    plan.final.update(skipped)
    if BULK in plan.formats and plan.todo:
        from reportgen.render.pdf import clean_stale_profiles, find_soffice

        clean_stale_profiles()
        if find_soffice() is None:
            raise OutputError(
                "未找到 LibreOffice（soffice），无法生成 PDF；请先安装，或去掉 pdf 格式。"
            )


def _execute(plan: Plan, options: BatchOptions, progress: Progress) -> None:
    """Render the planned jobs (PDFs last, in a scratch folder), recording each outcome."""
    outdir, workers, rollup = options.outdir, options.workers, options.rollup is not None
    scratch = make_scratch(outdir) if BULK in plan.formats else None
    try:
        plan.todo = [_with_pdf(job, scratch, plan.formats) for job in plan.todo]
        progress.start("生成", len(plan.todo))
        run_pool(
            plan.todo,
            Mode.RENDER,
            plan.context,
            plan.final,
            workers=workers,
            progress=progress,
            fail_fast=options.fail_fast,
            want_contribution=rollup,
        )
        progress.finish()
        if rollup:
            # Skipped reports are not rendered again, but the roll-up needs their items.
            skipped = [
                j
                for j in plan.named
                if plan.final.get(j.index) and plan.final[j.index].status is Status.SKIPPED
            ]
            extracted: dict[int, Outcome] = {}
            run_pool(
                skipped,
                Mode.EXTRACT,
                plan.context,
                extracted,
                workers=workers,
                progress=Silent(),
                want_contribution=True,
            )
            for index, outcome in extracted.items():
                plan.final[index].contribution = outcome.contribution
        if scratch is not None:
            make_pdfs(plan.todo, plan.final, outdir, workers, progress, plan.context.journal)
        if plan.todo and hasattr(os, "sync"):
            os.sync()  # the outputs were written without one fsync each; make them durable once
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _write_summary(result: BatchResult, inputs: list[Path]) -> None:
    if result.summary is not None:
        rows = summary_rows(result.entries)
        atomic_write(result.summary, summary_file(result.summary, rows, result.totals()), inputs)


# ---------------------------------------------------------------- naming and guards


def _check_side_files(summary: Path | None, rollup: Path | None) -> None:
    if summary is not None and summary.suffix.lower() not in (".csv", ".md"):
        raise UsageError(f"--summary 的文件应以 .csv 或 .md 结尾：{summary}")
    if rollup is not None and for_path(rollup) is None:
        raise UsageError(f"--rollup 的文件应以 {suffix_list('docx')} 结尾：{rollup}")


def _name_outputs(
    jobs: list[Job], outcomes: dict[int, Outcome], pattern: str, fmts: tuple[str, ...], outdir: Path
) -> list[Job]:
    """Each job with its output paths; a report that failed to load keeps none."""
    named = []
    for job in jobs:
        if job.index in outcomes and outcomes[job.index].status is Status.FAILED:
            continue
        fields = outcomes[job.index].fields if job.index in outcomes else {"stem": job.stem}
        stem = output_stem(pattern, fields, LONGEST_SUFFIX)
        targets = tuple(outdir / f"{stem}{FORMATS[f].suffix}" for f in fmts)
        named.append(replace(job, stem=stem, targets=targets))
    return named


def _guard(jobs: list[Job], inputs: list[Path], outdir: Path, *side: Path | None) -> None:
    """Before anything is written: no clash, no escape, no output over an input."""
    owners = [(t.name, job.label) for job in jobs for t in job.targets]
    owners += [(n, "批量状态文件") for n in (STATE_NAME, JOURNAL_NAME, LOCK_NAME)]
    owners += [
        (p.name, "--summary/--rollup") for p in side if p and p.resolve().parent == outdir.resolve()
    ]
    clashes = find_collisions(owners)
    if clashes:
        lines = [f"  {n}：{a} 与 {b}" for n, a, b in clashes]
        raise OutputError(
            "以下报告会生成同名文件（Windows、macOS 不区分大小写），未写入任何文件；"
            "请改文件名或用 --name 加上区分的字段：\n" + "\n".join(lines)
        )
    root = outdir.resolve()
    resolved_inputs = {p.resolve(): p for p in inputs}
    for job in jobs:
        for target in job.targets:
            if target.resolve().parent != root:  # safe_stem makes this impossible; keep it so
                raise OutputError(f"输出文件 {target} 不在输出目录 {outdir} 里。")
            if target.resolve() in resolved_inputs:
                raise OutputError(
                    f"输出文件 {target} 就是输入文件；为免覆盖原文，请换一个输出目录。"
                )
    for p in side:
        if p is not None and p.resolve() in resolved_inputs:
            raise OutputError(f"{p} 是输入文件，不能用作汇总或汇总表的输出。")


def _refuse_foreign(jobs: list[Job], state: State, outdir: Path, force: bool) -> None:
    """An existing file batch did not make here is not overwritten without --force."""
    if force:
        return
    ours = state.owned_keys()
    foreign = [
        t for job in jobs for t in job.targets if t.exists() and collision_key(t.name) not in ours
    ]
    if foreign:
        listed = "、".join(t.name for t in foreign[:5]) + ("等" if len(foreign) > 5 else "")
        why = ""
        if state.problems:
            why = f"批量状态文件 {outdir / STATE_NAME} 无效（{'；'.join(state.problems)}），无法确认。"
        raise OutputError(
            f"输出目录里已有 {len(foreign)} 个同名文件不是 reportgen batch 生成的（{listed}）；{why}"
            "未写入任何文件。确认可以覆盖请加 --force，或换一个输出目录。"
        )


def _read(path: Path) -> bytes:
    """The bytes the skip decision hashes, read as the worker will read them."""
    from reportgen.core.load import read_input

    try:
        return read_input(path)
    except ReportgenError:
        return b""  # the worker reports the unreadable file with the usual message


def _split_unchanged(
    jobs: list[Job], state: State, keys: dict[int, str], force: bool
) -> tuple[list[Job], dict[int, Outcome]]:
    todo: list[Job] = []
    skipped: dict[int, Outcome] = {}
    for job in jobs:
        entry = state.reports.get(collision_key(job.stem))
        if not force and unchanged(entry, keys[job.index], list(job.targets)):
            assert entry is not None
            stats = Stats(**entry.get("stats", {}))
            skipped[job.index] = Outcome(
                job.index,
                Status.SKIPPED,
                stats=stats,
                outputs=list(job.targets),
                note="未变化",
                deps=entry["deps"],
                key=entry["key"],
            )
        else:
            todo.append(job)
    return todo, skipped


def _with_pdf(job: Job, scratch: Path | None, fmts: tuple[str, ...]) -> Job:
    """Split a job's targets: the worker writes every format but the PDF, which comes later
    (made from the DOCX, many per LibreOffice start)."""
    targets = tuple(t for t in job.targets if t.suffix != FORMATS[BULK].suffix)
    pdf_docx = None
    if scratch is not None and FORMATS[BULK].via not in fmts:
        pdf_docx = scratch / f"{job.stem}.docx"
    return replace(job, targets=targets, pdf_docx=pdf_docx, pdf=BULK in fmts)


# ---------------------------------------------------------------- finishing


def _finish(result: BatchResult, plan: Plan, outdir: Path, started: float) -> None:
    """Fill the result in input order; fold this run's journal into the state file.

    The journal already holds every output written and every report done (the workers
    wrote it as they went), so a run stopped anywhere records exactly what it made.
    """
    # A report a worker finished while the stop came is in the journal though its outcome
    # never reached this process: the summary counts it as done, as the state does.
    done = replay_journal(outdir, plan.state) if plan.loaded else set()
    by_index = plan.by_index
    result.entries = []
    for job in plan.jobs:
        outcome = plan.final.get(job.index)
        if outcome is None and collision_key(job.stem) in done:
            outcome = Outcome(job.index, Status.OK, outputs=[t for t in job.targets if t.exists()])
        outcome = outcome or Outcome(job.index, Status.NOT_RUN, note="已停止，未处理")
        pdf = BULK in plan.formats
        made = (p.suffix == FORMATS[BULK].suffix for p in outcome.outputs)
        if outcome.status is Status.OK and pdf and not any(made):
            outcome.status, outcome.note = Status.NOT_RUN, "已停止，未生成 PDF"
        result.entries.append((by_index.get(job.index, job), outcome))
    result.elapsed = time.monotonic() - started
    if plan.loaded:
        save_state(outdir, plan.state)


def _reason(outcome: Outcome) -> str:
    """Why a report failed, in a few words, for the roll-up's 未汇入 list."""
    errors = [p for p in outcome.problems if p.level is Level.ERROR]
    text = errors[0].message if errors else outcome.message
    # The first clause, without quotes and asides: a few words, cut without an ellipsis.
    text = re.split(r"[：，；。:,;]", re.sub(r"（[^（）]*）|[“”]", "", text))[0][:24]
    where = f"第{errors[0].line}行" if errors and errors[0].line else ""
    count = f"等{len(errors)}个错误" if len(errors) > 1 else ""
    return f"{where}{text}{count}" if text else ""


def expected_units(path: Path) -> list[str]:
    """The units that should report, from a list (.csv or .xlsx, the roster reader's
    formats): the column org, 单位, 单位名称 or 学校, else the first column."""
    from reportgen.batch.roster import read_roster

    roster = read_roster(path)
    column = next(
        (c for c in ("org", "单位", "单位名称", "学校", "name") if c in roster.columns),
        roster.columns[0],
    )
    return [row[column] for row in roster.rows if row.get(column)]


def _duplicate_units(entries: list[tuple[Job, Outcome]]) -> list[Problem]:
    """B005 at each later report of a unit that already has one in the roll-up: an old
    draft left beside the new one would otherwise be summed in as another unit."""
    first: dict[str, Job] = {}
    found = []
    for job, outcome in entries:
        c = outcome.contribution
        if c is None or outcome.status is Status.FAILED:
            continue
        unit = "".join(c.school.split())
        if unit not in first:
            first[unit] = job
            continue
        file, line, column = c.where
        found.append(
            Problem.of(
                file,
                line,
                column,
                Level.WARNING,
                codes.DUPLICATE_UNIT,
                f"“{c.school}”在本批已有一份报告（{first[unit].label}），这一份"
                "也汇入了汇总稿，汇总稿里这个单位会出现两次；如果其中一份是旧稿，请把它移出本批后再运行。",
                "org",
            )
        )
    return found


def _write_rollup(
    path: Path,
    result: BatchResult,
    inputs: list[Path],
    template_dirs: tuple[Path, ...],
    defaults: Defaults,
    expected: list[str] | None = None,
) -> Path | None:
    from reportgen.batch.rollup import build_rollup
    from reportgen.pipeline import Prepared, format_for, load_style, render_bytes

    contributions = [
        o.contribution
        for _, o in result.entries
        if o.contribution is not None and o.status is not Status.FAILED
    ]
    if not contributions:
        return None
    failed = [(job.stem, _reason(o)) for job, o in result.entries if o.status is Status.FAILED]
    result.warnings += _duplicate_units(result.entries)
    from reportgen.genre.registry import using

    with using(template_dirs):  # the user's roles are gathered too, in their order
        document = build_rollup(contributions, expected=expected or (), failed=failed)
    # The bureau's draft takes the shared layout (--defaults / the manifest's style), if any.
    style_value = defaults.data.get("style")
    origin = defaults.origins.get(("style",))
    style = load_style(style_value, Path(origin[0]) if origin else path) if style_value else None
    prepared = Prepared(document, style)
    atomic_write(
        path, render_bytes(prepared, format_for(path, None), template_dirs=template_dirs), inputs
    )
    return path
