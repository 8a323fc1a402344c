"""Benchmark `reportgen preview`: start-up, one re-render, and save → browser event.

    python bench/preview_bench.py [--runs 5] [--renders 50]

For the examples in examples/ (copied to a temporary folder, nothing written elsewhere):
  * start-up: `python -m reportgen preview X --no-browser` as a user starts it, timed from
    the process start to the URL printed ("ready") and to the first page served (GET /);
  * re-render: one round of what a save triggers, in-process (load, validate, build the
    document, run `check`, render the page-look HTML, place the findings), median and
    slowest of --renders rounds after one warm-up;
  * save → event: an in-process preview server and an event-stream client; the time from
    writing the file to the update arriving on the stream (watcher + re-render + send).
Wall-clock times; the machine's load average is printed with them, since a busy machine
stretches every figure.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from queue import Queue

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.report.yaml"))


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def start_up(report: Path, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Wall time to the URL and to the first page; CPU time of the whole run (start to exit)."""
    ready, served, cpu = [], [], []
    # As an installed reportgen starts: with its compiled .pyc files (pip writes them at
    # install time). A development shell may set PYTHONDONTWRITEBYTECODE, which would make
    # every start compile reportgen from source; the first, untimed run writes the caches.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for run in range(runs + 1):
        cpu_before = _child_cpu()
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "reportgen", "preview", str(report), "--no-browser"],
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
        )
        assert proc.stderr is not None
        url = ""
        while not url:
            line = proc.stderr.readline()
            if not line:
                raise SystemExit(f"preview did not start: {proc.wait()}")
            m = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            url = m.group(1) if m else ""
        url_at = time.perf_counter() - started
        urllib.request.urlopen(url).read()
        page_at = time.perf_counter() - started
        proc.send_signal(2)  # SIGINT, as Ctrl-C
        proc.wait(timeout=10)
        if run:
            ready.append(url_at)
            served.append(page_at)
            cpu.append(_child_cpu() - cpu_before)
    return ready, served, cpu


def re_render(report: Path, renders: int) -> tuple[list[float], list[float]]:
    """Wall and CPU time of one round (no other thread runs here)."""
    from reportgen.preview.build import Builder

    builder = Builder(report)
    builder.build()  # warm-up: imports, kinds, check rules
    wall, cpu = [], []
    for _ in range(renders):
        started, cpu_started = time.perf_counter(), time.process_time()
        builder.build()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return wall, cpu


def save_to_event(report: Path, saves: int) -> list[float]:
    from reportgen.preview import preview

    urls: Queue[str] = Queue()
    stop = threading.Event()
    thread = threading.Thread(
        target=preview,
        args=(report,),
        kwargs={"open_browser": False, "announce": urls.put, "stop": stop},
    )
    thread.start()
    where = urllib.parse.urlsplit(urls.get(timeout=10))
    time.sleep(0.6)  # let the watcher settle
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
    conn.request("GET", "/events?since=1")
    response = conn.getresponse()
    original = report.read_text(encoding="utf-8")
    times = []
    try:
        for n in range(saves):
            text = original.replace("。", "；", 1) if n % 2 == 0 else original
            started = time.perf_counter()
            report.write_text(text, encoding="utf-8")
            while not response.readline().startswith(b"data: "):
                pass
            times.append(time.perf_counter() - started)
            time.sleep(0.1)
    finally:
        conn.close()
        stop.set()
        thread.join(timeout=10)
    return times


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms (slowest {max(values) * 1000:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="start-ups per example")
    parser.add_argument("--renders", type=int, default=50, help="re-renders per example")
    parser.add_argument("--saves", type=int, default=10, help="saves per example")
    args = parser.parse_args()
    print(
        f"load average before: {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
    )
    print()
    print(
        "| example | start: URL printed | start: first page served | start: CPU | "
        "re-render | re-render: CPU | save → event |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="reportgen-preview-bench-") as tmp:
        for example in EXAMPLES:
            report = Path(tmp) / example.name
            shutil.copy(example, report)
            ready, served, start_cpu = start_up(report, args.runs)
            renders, render_cpu = re_render(report, args.renders)
            saves = save_to_event(report, args.saves)
            name = example.name.removesuffix(".report.yaml")
            print(
                f"| {name} | {ms(ready)} | {ms(served)} | {ms(start_cpu)} | {ms(renders)} "
                f"| {ms(render_cpu)} | {ms(saves)} |"
            )
    print()
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
