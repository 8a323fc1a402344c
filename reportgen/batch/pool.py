"""The work of a batch: reports in a process pool, then their PDFs in a few soffice calls.

Failures are isolated per report; a stop (--fail-fast, Ctrl-C) cancels what has not started
and lets running chunks finish, so no output is left half-written.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path

from reportgen.batch.report import Progress
from reportgen.batch.signals import deferred_stops, raise_pending
from reportgen.batch.work import (
    Job,
    Mode,
    Outcome,
    RunContext,
    Status,
    init_worker,
    run_chunk,
    run_job,
)
from reportgen.errors import OutputError, ReportgenError

PDF_CHUNK = 50  # files per soffice call: one start (~1 s) is shared, a failure costs little


def chunks(jobs: list[Job], size: int) -> Iterator[list[Job]]:
    for i in range(0, len(jobs), size):
        yield jobs[i : i + size]


def run_pool(
    jobs: list[Job],
    mode: Mode,
    context: RunContext,
    done: dict[int, Outcome],
    *,
    workers: int,
    progress: Progress,
    fail_fast: bool = False,
    want_contribution: bool = False,
) -> None:
    """Run ``jobs`` into ``done``; with one worker in this process, otherwise in a process pool.

    The pool keeps only a few chunks in flight, so memory does not grow with the batch and
    a stop (--fail-fast, Ctrl-C) cancels everything not yet started; running chunks finish,
    so no output is left half-written.
    """
    labels = {job.index: job.label for job in jobs}

    def record(outcome: Outcome) -> bool:
        done[outcome.index] = outcome
        progress.advance(outcome, labels[outcome.index])
        return fail_fast and outcome.status is Status.FAILED

    if not jobs:
        return
    try:
        if workers == 1 or len(jobs) == 1:
            for n, job in enumerate(jobs):
                if record(run_job(job, mode, context, want_contribution)):
                    break
                if n == 0:
                    gc.freeze()  # what the first report imported and built (see _pool)
            return
        _pool(jobs, mode, context, done, workers, want_contribution, record)
    finally:
        gc.unfreeze()  # a library caller's objects are collectable again


def _pool(
    jobs: list[Job],
    mode: Mode,
    context: RunContext,
    done: dict[int, Outcome],
    workers: int,
    want_contribution: bool,
    record: Callable[[Outcome], bool],
) -> None:
    """The jobs in a process pool; ``record`` takes each outcome and says whether to stop."""
    workers = min(workers, len(jobs))
    size = max(1, min(16, len(jobs) // (workers * 8)))  # small chunks: smooth progress, quick stop
    pending_chunks = chunks(jobs, size)
    stop = False
    if mode is not Mode.FIELDS:
        warm_up(context)
    # Keep what is loaded by now (modules, classes, compiled patterns, the DOCX base) out of
    # the garbage collector's scans: none of it is garbage, and every full collection of a
    # long batch walked all of it again (1.4 → 0.6–0.9 ms of collection a report, measured
    # in process); forked before, the workers share these pages and never scan them either.
    gc.freeze()
    with (
        deferred_stops(),
        ProcessPoolExecutor(workers, initializer=init_worker, initargs=(context,)) as pool,
    ):
        running: set[Future[list[Outcome]]] = set()
        try:
            while True:
                raise_pending()  # a stop signal, raised here rather than inside the pool's locks
                while not stop and len(running) < workers * 3:
                    chunk = next(pending_chunks, None)
                    if chunk is None:
                        break
                    running.add(pool.submit(run_chunk, chunk, mode, want_contribution))
                if not running:
                    break
                finished, running = wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in finished:
                    for outcome in future.result():
                        stop = record(outcome) or stop
        except BaseException:
            for future in running:
                future.cancel()
            # Workers ignore SIGINT: wait for their current chunk so nothing is half-written.
            with contextlib.suppress(Exception):
                for future in running:
                    if not future.cancelled():
                        for outcome in future.result():
                            done[outcome.index] = outcome
            raise


def warm_up(context: RunContext) -> None:
    """Import the back-ends and build the default DOCX base once, before the workers fork.

    Forked workers share both instead of each spending ~0.4 s on them; with spawn (macOS,
    Windows) this only costs the parent a moment.
    """
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        return
    from reportgen.core.blocks import Block, BlockKind, Document
    from reportgen.pipeline import Prepared, render_bytes

    warm = Document(title="", blocks=[Block(BlockKind.PARAGRAPH, "")])
    with contextlib.suppress(Exception):  # only an optimisation: the workers do the real work
        render_bytes(Prepared(warm), "docx", template_dirs=context.template_dirs)
        import reportgen.core.document
        import reportgen.core.validate  # noqa: F401


def make_pdfs(
    jobs: list[Job],
    outcomes: dict[int, Outcome],
    outdir: Path,
    workers: int,
    progress: Progress,
    journal: Path | None = None,
) -> None:
    """Convert every successful report's DOCX in a few soffice calls, then move PDFs into place.

    A stop (Ctrl-C, SIGTERM, SIGHUP) kills the running soffice processes at once; the
    scratch folder goes on every exit path (a kill -9 leaves it to the next run).
    """
    from concurrent.futures import ThreadPoolExecutor

    from reportgen.batch.outdir import make_scratch
    from reportgen.batch.state import journal_done, journal_own
    from reportgen.render.pdf import docx_to_pdf, stop_conversions

    ready = [j for j in jobs if outcomes.get(j.index) and outcomes[j.index].status is Status.OK]
    if not ready:
        return
    scratch = make_scratch(outdir)
    stopping = threading.Event()

    def place(job: Job, made: Path) -> None:
        target = outdir / made.name
        if journal is not None:
            journal_own(journal, job.stem, target.name)
        try:
            os.replace(made, target)  # same folder tree: an atomic rename
        except OSError as exc:
            raise OutputError(f"无法写入 {target}：{exc.strerror}") from None
        outcomes[job.index].outputs.append(target)
        if journal is not None:
            journal_done(journal, job.stem, outcomes[job.index].entry(job.source))

    def convert(chunk: list[Job]) -> tuple[list[Job], str]:
        if stopping.is_set():
            return chunk, ""
        sources = [j.pdf_docx or outdir / f"{j.stem}.docx" for j in chunk]
        where = scratch / f"{chunk[0].index}"
        try:
            docx_to_pdf(sources, where)
            message = ""
        except OutputError as exc:
            message = str(exc)
        for job in chunk:
            made = where / f"{job.stem}.pdf"
            outcome = outcomes[job.index]
            if stopping.is_set():
                continue  # left OK without its PDF: batch marks it not done
            try:
                if not made.is_file():
                    raise OutputError(message or "LibreOffice 没有生成这份 PDF。")
                place(job, made)
            except ReportgenError as exc:
                outcome.status, outcome.message = Status.FAILED, str(exc)
        return chunk, message

    try:
        progress.start("转换 PDF", len(ready))
        batches = list(chunks(ready, PDF_CHUNK))
        with ThreadPoolExecutor(max(1, min(workers, len(batches)))) as pool:
            try:
                for chunk, _ in pool.map(convert, batches):
                    for job in chunk:
                        progress.advance(outcomes[job.index], job.label)
            except BaseException:
                stopping.set()
                pool.shutdown(wait=False, cancel_futures=True)
                stop_conversions()
                raise
        progress.finish()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
