"""Benchmark start-up against yamllint on the same file (issue #10's start-up targets).

    python bench/startup_bench.py [--runs 21]

One synthetic report (bench/batch_bench.py's first, about 4,600 characters) in a temporary
folder; hyperfine-like: each command is run --runs times, the three interleaved so a busy
moment of the machine hits them alike, after one warm-up run each:
  * `yamllint FILE` (pip install yamllint);
  * `python -m reportgen render FILE -o FILE.md` (a Markdown render, render gate included);
  * `python -m reportgen check FILE`.
Wall time (median and fastest) and CPU time (user + system, median) per command, and each
reportgen command's ratio to yamllint. reportgen is byte-compiled first (compileall), as a
pip install does for yamllint: a checkout run under PYTHONDONTWRITEBYTECODE=1 would
otherwise compile every module from source on each start.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from batch_bench import synthetic_report  # noqa: E402  (bench/ is not a package)


def _time(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: findings (yamllint's line length …), still a run
        raise SystemExit(f"{command[:4]} exited {done.returncode}: {done.stderr[-400:]!r}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args(argv)
    yamllint = shutil.which("yamllint") or str(Path(sys.executable).with_name("yamllint"))
    if not Path(yamllint).exists():
        raise SystemExit("需要 yamllint 作比较：pip install yamllint")
    import reportgen

    compileall.compile_dir(Path(reportgen.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory(prefix="reportgen-startup-") as tmp:
        report = Path(tmp) / "school.report.yaml"
        report.write_text(
            yaml.safe_dump(synthetic_report(0), allow_unicode=True, sort_keys=False), "utf-8"
        )
        py = sys.executable
        commands = {
            "yamllint": [yamllint, str(report)],
            "render (Markdown)": [py, "-m", "reportgen", "render", str(report), "-o",
                                  str(Path(tmp) / "school.md")],
            "check": [py, "-m", "reportgen", "check", str(report)],
        }  # fmt: skip
        for command in commands.values():
            _time(command)  # warm-up: the file cache, not the measurement
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                wall, cpu = _time(command)
                walls[name].append(wall)
                cpus[name].append(cpu)
    base_wall = statistics.median(walls["yamllint"])
    base_cpu = statistics.median(cpus["yamllint"])
    print(
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}; {args.runs} runs each"
    )
    print(
        "| command | wall median (ms) | fastest (ms) | CPU median (ms) | ÷ yamllint (wall / CPU) |"
    )
    print("|---|---:|---:|---:|---:|")
    for name in commands:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        ratio = "—" if name == "yamllint" else f"{wall / base_wall:.1f}× / {cpu / base_cpu:.1f}×"
        print(
            f"| {name} | {wall * 1000:.0f} | {min(walls[name]) * 1000:.0f} | "
            f"{cpu * 1000:.0f} | {ratio} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
