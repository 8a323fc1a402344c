"""`reportgen batch`: many reports at once — plan, name, run workers, convert, roll up, summarise.

Returns a BatchResult and prints nothing; progress goes to the Progress object it is given.
Order of work: collect inputs → name every output and find clashes (nothing written yet)
→ skip what is unchanged → render in worker processes → PDFs in a few soffice calls →
roll-up → state file and summary.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportgen.batch_names import (
    DEFAULT_PATTERN,
    check_pattern,
    collision_key,
    find_collisions,
    output_stem,
)
from reportgen.batch_plan import collect, report_jobs, roster_jobs
from reportgen.batch_pool import make_pdfs, run_pool
from reportgen.batch_report import Progress, Silent, summary_file, summary_rows, totals_line
from reportgen.batch_state import (
    STATE_NAME,
    job_key,
    load_state,
    save_state,
    tree_digest,
    unchanged,
)
from reportgen.batch_work import (
    Context,
    Defaults,
    Job,
    Outcome,
    Stats,
)
from reportgen.errors import OutputError, UsageError
from reportgen.output import atomic_write
from reportgen.pipeline import FORMATS
from reportgen.problem import Problem


@dataclass
class BatchResult:
    entries: list[tuple[Job, Outcome]] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # about the run (roster columns)
    rollup: Path | None = None
    summary: Path | None = None
    elapsed: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for _, o in self.entries if o.status == status)

    @property
    def failed(self) -> bool:
        return self.count("failed") > 0

    def counts(self) -> dict[str, int]:
        return {s: self.count(s) for s in ("ok", "failed", "skipped", "not-run")}

    def totals(self) -> str:
        return totals_line(self.counts(), self.elapsed)


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C: running reports were finished, pending ones cancelled; carries what was done."""

    def __init__(self, result: BatchResult) -> None:
        super().__init__()
        self.result = result


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


@dataclass
class Plan:
    """What a run will do, decided before anything is written."""

    jobs: list[Job]  # every input, in order
    named: list[Job]  # those still to be written, with their output names
    context: Context
    formats: tuple[str, ...]
    inputs: list[Path]  # every file the run reads: never to be written over
    state: dict[str, dict[str, Any]]
    keys: dict[int, str]  # per job: the hash of everything its outputs depend on
    todo: list[Job] = field(default_factory=list)
    final: dict[int, Outcome] = field(default_factory=dict)  # failed early, or skipped

    @property
    def by_index(self) -> dict[int, Job]:
        return {job.index: job for job in self.named}


def run_batch(
    inputs: list[Path],
    outdir: Path,
    *,
    formats: str = "docx",
    jobs: int | None = None,
    name: str = DEFAULT_PATTERN,
    defaults: Path | None = None,
    fail_fast: bool = False,
    summary: Path | None = None,
    force: bool = False,
    rollup: Path | None = None,
    kind: str | None = None,
    template_dirs: tuple[Path, ...] = (),
    roster: Path | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    """Render every report under ``inputs`` into ``outdir``; see the module docstring."""
    started = time.monotonic()
    progress = progress or Silent()
    workers = max(1, jobs or default_jobs())
    _check_side_files(summary, rollup)
    result = BatchResult(summary=summary)
    plan = _plan(
        inputs,
        outdir,
        formats,
        name,
        defaults,
        roster,
        kind,
        template_dirs,
        force,
        fail_fast,
        workers,
        progress,
        result,
        (summary, rollup),
    )
    try:
        _execute(plan, outdir, workers, fail_fast, rollup is not None, progress)
    except KeyboardInterrupt:
        _finish(result, plan, outdir, started)
        _write_summary(result, plan.inputs)
        raise BatchInterrupted(result) from None
    if plan.todo and hasattr(os, "sync"):
        os.sync()  # the outputs were written without one fsync each; make them durable once
    _finish(result, plan, outdir, started)
    if rollup is not None:
        result.rollup = _write_rollup(
            rollup, result, plan.inputs, template_dirs, plan.context.defaults
        )
    _write_summary(result, plan.inputs)
    return result


def _plan(
    inputs: list[Path],
    outdir: Path,
    formats: str,
    name: str,
    defaults: Path | None,
    roster: Path | None,
    kind: str | None,
    template_dirs: tuple[Path, ...],
    force: bool,
    fail_fast: bool,
    workers: int,
    progress: Progress,
    result: BatchResult,
    side_files: tuple[Path | None, Path | None],
) -> Plan:
    """Collect the jobs, name their outputs, refuse collisions and overwrites, skip the
    unchanged: everything that can fail does so here, before the first write."""
    fmts = parse_formats(formats)
    pattern_fields = check_pattern(name)
    if roster is not None:
        if len(inputs) != 1 or not inputs[0].is_file():
            raise UsageError("用 --roster 时只给一份基础报告（INPUT），名单的每一行生成一份报告。")
        from reportgen.batch_plan import Sources, load_defaults

        sources = Sources(reports=[inputs[0]])
        if defaults is not None:
            sources.defaults = load_defaults(defaults)
        job_list, result.warnings = roster_jobs(inputs[0], roster, sources.defaults)
    else:
        sources = collect(inputs, defaults)
        job_list = report_jobs(sources.reports)
    context = Context(sources.defaults, kind, template_dirs)
    final: dict[int, Outcome] = {}
    if set(pattern_fields) - {"stem"}:
        # Only for --name patterns that use report fields: read every report first.
        fields: dict[int, Outcome] = {}
        progress.start("读取", len(job_list))
        run_pool(job_list, "fields", context, workers, fail_fast, False, progress, fields)
        progress.finish()
        final = {i: o for i, o in fields.items() if o.status == "failed"}
        readable = [j for j in job_list if j.index in fields and j.index not in final]
        named = _name_outputs([] if final and fail_fast else readable, fields, name, fmts, outdir)
    else:
        named = _name_outputs(job_list, {}, name, fmts, outdir)
    all_inputs = [*sources.reports, *sources.manifests, *(p for p in (defaults, roster) if p)]
    _guard(named, all_inputs, outdir, *side_files)
    outdir.mkdir(parents=True, exist_ok=True)
    state = load_state(outdir)
    _refuse_foreign(named, state, force)
    shared = {
        "defaults": context.defaults.data,
        "kind": kind,
        "templates": tree_digest(template_dirs),
        "formats": sorted(fmts),
    }
    keys = {job.index: job_key(_read(job.source), shared, job.row) for job in named}
    todo, skipped = _split_unchanged(named, state, keys, force)
    final.update(skipped)
    if "pdf" in fmts and todo:
        from reportgen.render.pdf import find_soffice

        if find_soffice() is None:
            raise OutputError(
                "未找到 LibreOffice（soffice），无法生成 PDF；请先安装，或去掉 pdf 格式。"
            )
    return Plan(job_list, named, context, fmts, all_inputs, state, keys, todo, final)


def _execute(
    plan: Plan, outdir: Path, workers: int, fail_fast: bool, rollup: bool, progress: Progress
) -> None:
    """Render the planned jobs (PDFs last, in a scratch folder), recording each outcome."""
    scratch = (
        Path(tempfile.mkdtemp(prefix=".reportgen-tmp-", dir=outdir))
        if "pdf" in plan.formats
        else None
    )
    try:
        plan.todo = [_with_pdf(job, scratch, plan.formats) for job in plan.todo]
        progress.start("生成", len(plan.todo))
        run_pool(
            plan.todo, "render", plan.context, workers, fail_fast, rollup, progress, plan.final
        )
        progress.finish()
        if rollup:
            # Skipped reports are not rendered again, but the roll-up needs their items.
            skipped = [
                j
                for j in plan.named
                if plan.final.get(j.index) and plan.final[j.index].status == "skipped"
            ]
            extracted: dict[int, Outcome] = {}
            run_pool(skipped, "extract", plan.context, workers, False, True, Silent(), extracted)
            for index, outcome in extracted.items():
                plan.final[index].contribution = outcome.contribution
        if scratch is not None:
            make_pdfs(plan.todo, plan.final, outdir, workers, progress)
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
    if rollup is not None and rollup.suffix.lower() not in (".docx", ".md", ".pdf", ".html"):
        raise UsageError(f"--rollup 的文件应以 .docx、.md、.pdf 或 .html 结尾：{rollup}")


def _name_outputs(
    jobs: list[Job], outcomes: dict[int, Outcome], pattern: str, fmts: tuple[str, ...], outdir: Path
) -> list[Job]:
    """Each job with its output paths; a report that failed to load keeps none."""
    named = []
    for job in jobs:
        if job.index in outcomes and outcomes[job.index].status == "failed":
            continue
        fields = outcomes[job.index].fields if job.index in outcomes else {"stem": job.stem}
        stem = output_stem(pattern, fields, ".docx")
        targets = tuple(outdir / f"{stem}.{f}" for f in fmts)
        named.append(replace(job, stem=stem, targets=targets))
    return named


def _guard(jobs: list[Job], inputs: list[Path], outdir: Path, *side: Path | None) -> None:
    """Before anything is written: no clash, no escape, no output over an input."""
    owners = [(t.name, job.label) for job in jobs for t in job.targets]
    owners += [(STATE_NAME, "批量状态文件")]
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


def _refuse_foreign(jobs: list[Job], state: dict[str, dict[str, Any]], force: bool) -> None:
    """An existing file batch did not make here is not overwritten without --force."""
    if force:
        return
    ours = {collision_key(n) for entry in state.values() for n in entry.get("outputs", [])}
    foreign = [
        t for job in jobs for t in job.targets if t.exists() and collision_key(t.name) not in ours
    ]
    if foreign:
        listed = "、".join(t.name for t in foreign[:5]) + ("等" if len(foreign) > 5 else "")
        raise OutputError(
            f"输出目录里已有 {len(foreign)} 个同名文件不是 reportgen batch 生成的（{listed}）；"
            "未写入任何文件。确认可以覆盖请加 --force，或换一个输出目录。"
        )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""  # the worker reports the unreadable file with the usual message


def _split_unchanged(
    jobs: list[Job], state: dict[str, dict[str, Any]], keys: dict[int, str], force: bool
) -> tuple[list[Job], dict[int, Outcome]]:
    todo: list[Job] = []
    skipped: dict[int, Outcome] = {}
    for job in jobs:
        entry = state.get(collision_key(job.stem))
        if not force and unchanged(entry, keys[job.index], list(job.targets)):
            assert entry is not None
            stats = Stats(**entry.get("stats", {}))
            skipped[job.index] = Outcome(
                job.index,
                "skipped",
                stats=stats,
                outputs=list(job.targets),
                note="未变化",
                deps=entry.get("deps", {}),
            )
        else:
            todo.append(job)
    return todo, skipped


def _with_pdf(job: Job, scratch: Path | None, fmts: tuple[str, ...]) -> Job:
    """Split a job's targets: .md/.docx are written by the worker, the PDF comes later."""
    targets = tuple(t for t in job.targets if t.suffix != ".pdf")
    pdf_docx = None
    if scratch is not None and "docx" not in fmts:
        pdf_docx = scratch / f"{job.stem}.docx"
    return replace(job, targets=targets, pdf_docx=pdf_docx, label=job.label)


# ---------------------------------------------------------------- finishing


def _finish(result: BatchResult, plan: Plan, outdir: Path, started: float) -> None:
    """Fill the result in input order and record what succeeded in the state file."""
    by_index = plan.by_index
    for job in plan.jobs:
        outcome = plan.final.get(job.index) or Outcome(job.index, "not-run", note="已停止，未处理")
        named = by_index.get(job.index, job)
        result.entries.append((named, outcome))
        if outcome.status == "ok" and job.index in plan.keys:
            plan.state[collision_key(named.stem)] = {
                "key": plan.keys[job.index],
                "input": str(job.source),
                "outputs": sorted(p.name for p in outcome.outputs),
                "deps": outcome.deps,
                "stats": vars(outcome.stats),
            }
        elif outcome.status == "failed":
            plan.state.pop(collision_key(named.stem), None)
    result.elapsed = time.monotonic() - started
    save_state(outdir, plan.state)


def _write_rollup(
    path: Path,
    result: BatchResult,
    inputs: list[Path],
    template_dirs: tuple[Path, ...],
    defaults: Defaults,
) -> Path | None:
    from reportgen.batch_rollup import build_rollup
    from reportgen.pipeline import Prepared, format_for, load_style, render_bytes

    contributions = [
        o.contribution
        for _, o in result.entries
        if o.contribution is not None and o.status != "failed"
    ]
    if not contributions:
        return None
    document = build_rollup(contributions)
    # The bureau's draft takes the shared layout (--defaults / the manifest's style), if any.
    style_value = defaults.data.get("style")
    origin = defaults.origins.get(("style",))
    style = load_style(style_value, Path(origin[0]) if origin else path) if style_value else None
    prepared = Prepared(document, style)
    atomic_write(
        path, render_bytes(prepared, format_for(path, None), template_dirs=template_dirs), inputs
    )
    return path
