"""Stopping `python -m reportgen batch` from outside: SIGTERM, SIGHUP, kill -9, and in the PDF phase.

Each stop is followed by a plain re-run that must exit 0 and render only what the stopped
run did not finish (no --force), with no worker, soffice, scratch folder or profile left.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportgen.batch.state import JOURNAL_NAME, STATE_NAME

from conftest import MINIMAL

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="process groups, /proc")

TOTALS = re.compile(r"共 (\d+) 份：成功 (\d+)，失败 (\d+)，跳过 (\d+)")


def long_report(org: str, items: int = 30) -> str:
    part = "".join(
        f"      - heading: 第{i}项工作\n        text: {'按要求落实各项措施，' * 20}完成。\n"
        for i in range(items)
    )
    text = MINIMAL.replace(
        "  - role: problems\n", "  - role: work\n    items:\n" + part + "  - role: problems\n", 1
    )
    return text.replace("青山县教育局", org)


def make_inputs(tmp_path: Path, count: int, items: int = 30) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(count):
        (src / f"{i:03d}.report.yaml").write_text(long_report(f"学校{i}", items), "utf-8")
    return src


def command(src: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "reportgen", "batch", str(src), "-o", str(out), *extra]


def start(cmd: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: we can look for what is left of it
        env=env,
    )


def wait_for(predicate: object, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while not predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def group_members(pgid: int) -> list[str]:
    """Live (not zombie) processes in process group ``pgid``, as 'pid command'."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            found.append(f"{entry.name} {stat[: stat.rindex(')') + 1]}")
    return found


def processes_mentioning(text: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (
                (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            )
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmdline and state != "Z":
            found.append(f"{entry.name}: {cmdline[:200]}")
    return found


def rerun_totals(cmd: list[str], env: dict[str, str] | None = None) -> tuple[int, int, int]:
    """A plain re-run: exit 0; returns (total, rendered, skipped)."""
    rerun = subprocess.run(cmd, capture_output=True, check=False, env=env)
    err = rerun.stderr.decode("utf-8", "replace")
    assert rerun.returncode == 0, err
    match = TOTALS.search(err)
    assert match, err
    total, ok, failed, skipped = map(int, match.groups())
    assert failed == 0
    return total, ok, skipped


def done_in_state(out: Path) -> int:
    """Reports recorded as done, from the journal of a run that could not fold it in."""
    journal = out / JOURNAL_NAME
    lines = journal.read_text("utf-8").splitlines() if journal.exists() else []
    return len({line for line in lines if '"done"' in line})


def no_temp_files(root: Path) -> None:
    assert not [p for p in root.rglob("*") if p.name.endswith(".tmp")]
    assert not [p for p in root.rglob(".reportgen-scratch-*")]


@pytest.mark.slow  # real batches stopped by real signals
@pytest.mark.parametrize(
    ("signum", "code", "said"), [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGHUP, 129, "SIGHUP")]
)
def test_sigterm_and_sighup_stop_like_ctrl_c(
    tmp_path: Path, signum: int, code: int, said: str
) -> None:
    src = make_inputs(tmp_path, 24, items=8)
    out = tmp_path / "out"
    cmd = command(src, out, "-j2", "-f", "docx,md")
    proc = start(cmd)
    wait_for(lambda: len(list(out.glob("*.md"))) >= 5)  # .md is written last
    proc.send_signal(signum)  # the parent only, as `kill` or a service manager does
    _, raw = proc.communicate(timeout=30)
    err = raw.decode("utf-8", "replace")
    assert proc.returncode == code, err
    assert f"已中断（收到 {said}）" in err
    match = TOTALS.search(err)  # the summary was printed
    assert match, err
    finished = int(match.group(2))
    assert 5 <= finished < 24
    state = (out / STATE_NAME).read_text("utf-8")
    assert state.count('"key"') == finished  # the state was saved, journal folded in
    assert not (out / JOURNAL_NAME).exists()
    assert not group_members(proc.pid), "a worker outlived the batch"
    no_temp_files(tmp_path)
    total, rendered, skipped = rerun_totals(cmd)
    assert (total, rendered, skipped) == (24, 24 - finished, finished)


@pytest.mark.slow  # timing-sensitive on a loaded machine: in the full run, not the fast loop
def test_kill_9_of_the_parent_leaves_no_worker_and_loses_no_file(tmp_path: Path) -> None:
    src = make_inputs(tmp_path, 24, items=8)
    out = tmp_path / "out"
    cmd = command(src, out, "-j2", "-f", "docx,md")
    proc = start(cmd)
    wait_for(lambda: len(list(out.glob("*.md"))) >= 5)  # .md is written last
    proc.kill()
    proc.wait()
    # Each worker learns of it at once (PR_SET_PDEATHSIG) and exits, even when idle.
    wait_for(lambda: not group_members(proc.pid), limit=5)
    no_temp_files(tmp_path)
    done = done_in_state(out)
    assert done >= 3  # each worker may have renamed its last .md but not recorded it done
    total, rendered, skipped = rerun_totals(cmd)
    assert (total, rendered, skipped) == (24, 24 - done, done)
    assert len(list(out.glob("*.docx"))) == len(list(out.glob("*.md"))) == 24


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGTERM", "kill -9"])
def test_a_stop_in_the_pdf_phase_kills_soffice_and_cleans_up(tmp_path: Path, how: str) -> None:
    src = make_inputs(tmp_path, 6, items=3)
    out = tmp_path / "out"
    temp = tmp_path / "temp"  # where LibreOffice's profiles go, watched on its own
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    cmd = command(src, out, "-j1", "-f", "pdf")
    proc = start(cmd, env)
    wait_for(lambda: processes_mentioning(str(temp)), limit=60)  # soffice is running
    if how == "SIGTERM":
        proc.send_signal(signal.SIGTERM)
        _, raw = proc.communicate(timeout=20)
        assert proc.returncode == 143, raw.decode("utf-8", "replace")
        assert "已停止，未生成 PDF" in raw.decode("utf-8")
        assert not [p.name for p in out.iterdir() if p.name.startswith(".reportgen-scratch")]
    else:
        proc.kill()
        proc.wait()
    wait_for(lambda: not processes_mentioning(str(temp)), limit=10)  # soffice is gone
    wait_for(lambda: not list(temp.iterdir()), limit=10)  # and its profile
    assert not list(out.glob("*.pdf"))
    total, rendered, skipped = rerun_totals(cmd, env)
    assert (total, rendered, skipped) == (6, 6, 0)
    assert len(list(out.glob("*.pdf"))) == 6
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [STATE_NAME]
    assert not list(temp.iterdir())


# ---------------------------------------------------------------- the soffice guard, without soffice

PARENT = """
import sys
from reportgen.render import pdf
pdf.find_soffice = lambda: sys.argv[1]  # a stand-in that runs until killed
pdf.docx_to_pdf([__import__("pathlib").Path(sys.argv[2])], __import__("pathlib").Path(sys.argv[3]))
"""


def test_the_soffice_guard_kills_its_group_and_profile_when_reportgen_is_killed(
    tmp_path: Path,
) -> None:
    fake = tmp_path / "fake-soffice"
    # Like soffice → oosplash → soffice.bin: a child that forks a grandchild, both long-lived.
    # The duration is this test run's own, so that other runs on the machine are not counted.
    marker = f"sleep 300.{os.getpid():07d}"
    fake.write_text(f"#!/bin/sh\n{marker} &\n{marker}\n", "utf-8")
    fake.chmod(0o755)
    (tmp_path / "a.docx").write_bytes(b"PK")
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    args = [str(fake), str(tmp_path / "a.docx"), str(tmp_path / "pdf")]
    parent = start([sys.executable, "-c", PARENT, *args], env)
    wait_for(lambda: len(processes_mentioning(marker)) == 2, limit=20)
    assert len(list(temp.iterdir())) == 1  # the profile
    parent.kill()
    parent.wait()
    wait_for(lambda: not processes_mentioning(marker), limit=5)
    wait_for(lambda: not list(temp.iterdir()), limit=5)


def test_stale_profiles_of_dead_processes_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportgen.render import pdf

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    dead_pid = int(dead.stdout)
    (tmp_path / f"reportgen-lo-{dead_pid}-abc" / "user").mkdir(parents=True)
    (tmp_path / f"reportgen-lo-{os.getpid()}-def").mkdir()  # this process: in use
    (tmp_path / "reportgen-lo-xyz").mkdir()  # no process id: not ours to judge
    assert pdf.clean_stale_profiles() == [f"reportgen-lo-{dead_pid}-abc"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"reportgen-lo-{os.getpid()}-def",
        "reportgen-lo-xyz",
    ]
