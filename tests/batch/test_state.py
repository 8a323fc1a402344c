"""Batch state under faults: failed-then-fixed reports, format switches, a full disk, an input
edited during a run, two batches at once, leftovers of killed runs, hostile state files.

Each fault is followed by a plain re-run (no --force) that exits 0 and renders only what changed.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_helpers import reports, run, school

from reportgen.batch import work as batch_work
from reportgen.batch.outdir import LOCK_NAME, locked
from reportgen.batch.run import run_batch
from reportgen.batch.state import JOURNAL_NAME, STATE_NAME
from reportgen.batch.work import Status

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files and signals")


def statuses(src: Path, out: Path, *args: str) -> tuple[int, dict[str, str], str]:
    """Run the CLI; the exit code, each report's status by name, and stderr."""
    summary = out.parent / "summary.csv"
    code, err = run(["batch", str(src), "-o", str(out), *args, "--summary", str(summary)])
    rows: dict[str, str] = {}
    if summary.exists():
        for line in summary.read_text("utf-8-sig").splitlines()[1:]:
            cells = line.split(",")
            rows[Path(cells[0]).name.split(".")[0]] = cells[2]
        summary.unlink()
    return code, rows, err


def two_schools(tmp_path: Path) -> Path:
    return reports(
        tmp_path / "in", {"一中.report.yaml": school("一中"), "二中.report.yaml": school("二中")}
    )


def test_a_report_that_failed_once_is_rendered_when_fixed(tmp_path: Path) -> None:
    src, out = two_schools(tmp_path), tmp_path / "out"
    assert statuses(src, out, "-f", "docx,md")[:2] == (0, {"一中": "成功", "二中": "成功"})
    good = (src / "一中.report.yaml").read_text("utf-8")
    (src / "一中.report.yaml").write_text(good.replace("org: 一中", "org: [一中"), "utf-8")
    assert statuses(src, out, "-f", "docx,md")[:2] == (1, {"一中": "失败", "二中": "跳过"})
    # Fixed to new content: rendered (its old files are still batch's own: no --force).
    (src / "一中.report.yaml").write_text(good.replace("3次", "4次"), "utf-8")
    assert statuses(src, out, "-f", "docx,md")[:2] == (0, {"一中": "成功", "二中": "跳过"})
    assert "4次" in (out / "一中.md").read_text("utf-8")
    assert statuses(src, out, "-f", "docx,md")[:2] == (0, {"一中": "跳过", "二中": "跳过"})


def test_a_failure_that_wrote_nothing_keeps_the_report_fresh(tmp_path: Path) -> None:
    src, out = two_schools(tmp_path), tmp_path / "out"
    assert statuses(src, out, "-f", "md")[0] == 0
    good = (src / "一中.report.yaml").read_text("utf-8")
    (src / "一中.report.yaml").write_text(good.replace("org: 一中", "org: [一中"), "utf-8")
    assert statuses(src, out, "-f", "md")[0] == 1
    (src / "一中.report.yaml").write_text(good, "utf-8")  # back as it was: its .md is right
    assert statuses(src, out, "-f", "md")[:2] == (0, {"一中": "跳过", "二中": "跳过"})


def test_format_switches_keep_every_file_owned(tmp_path: Path) -> None:
    src, out = two_schools(tmp_path), tmp_path / "out"
    assert statuses(src, out, "-f", "docx,md")[:2] == (0, {"一中": "成功", "二中": "成功"})
    # Both files still match their input: dropping a format re-renders nothing.
    assert statuses(src, out, "-f", "docx")[:2] == (0, {"一中": "跳过", "二中": "跳过"})
    assert statuses(src, out, "-f", "md")[:2] == (0, {"一中": "跳过", "二中": "跳过"})
    (src / "一中.report.yaml").write_text(school("一中").replace("3次", "5次"), "utf-8")
    assert statuses(src, out, "-f", "docx")[:2] == (0, {"一中": "成功", "二中": "跳过"})
    # 一中.md still holds the old text: rendered again, without --force.
    assert statuses(src, out, "-f", "md")[:2] == (0, {"一中": "成功", "二中": "跳过"})
    assert "5次" in (out / "一中.md").read_text("utf-8")
    assert statuses(src, out, "-f", "docx,md")[:2] == (0, {"一中": "跳过", "二中": "跳过"})


def _limit_file_size(size: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


@pytest.mark.slow  # three batches in subprocesses
def test_a_full_disk_leaving_the_md_without_its_docx(tmp_path: Path) -> None:
    src = reports(tmp_path / "in", {"一中.report.yaml": school("一中")})
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "reportgen", "batch", str(src), "-o", str(out), "-f", "md,docx"]
    # The .md (~1 KB), the journal and the state fit under 8 KB; the .docx does not.
    full = subprocess.run(cmd, capture_output=True, preexec_fn=lambda: _limit_file_size(8192))
    err = full.stderr.decode("utf-8")
    assert full.returncode == 1, err
    assert "无法写入" in err and "一中.docx" in err
    assert (out / "一中.md").is_file() and not (out / "一中.docx").exists()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert json.loads((out / STATE_NAME).read_text("utf-8"))["owned"] == ["一中.md"]
    again = subprocess.run(cmd, capture_output=True)
    assert again.returncode == 0, again.stderr.decode("utf-8")
    assert "一中  成功  md、docx" in again.stderr.decode("utf-8")
    assert statuses(src, out, "-f", "md,docx")[:2] == (0, {"一中": "跳过"})


def test_an_input_edited_and_reverted_during_a_run_is_never_skipped_wrongly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = reports(tmp_path / "in", {"一中.report.yaml": school("一中")})
    path, out = src / "一中.report.yaml", tmp_path / "out"
    original = path.read_bytes()
    real_read = batch_work.read_input

    def edited_just_before_the_worker_reads(p: Path, *args: object) -> bytes:
        path.write_bytes(original.replace("3次".encode(), "9次".encode()))
        return real_read(p, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(batch_work, "read_input", edited_just_before_the_worker_reads)
    run_batch([src], out, formats="md", jobs=1)
    monkeypatch.undo()
    assert "9次" in (out / "一中.md").read_text("utf-8")  # the edited bytes were rendered
    path.write_bytes(original)  # reverted: the bytes the plan had hashed
    result = run_batch([src], out, formats="md", jobs=1)
    assert result.entries[0][1].status is Status.OK  # not skipped: the state holds the edited key
    assert "3次" in (out / "一中.md").read_text("utf-8")


def test_a_second_batch_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    src, out = two_schools(tmp_path), tmp_path / "out"
    out.mkdir()
    with locked(out):
        code, _, err = statuses(src, out, "-f", "md")
    assert code == 2
    assert f"另一个 reportgen batch 正在向 {out} 输出" in err
    assert sorted(p.name for p in out.iterdir()) == []  # nothing written, lock file gone
    assert statuses(src, out, "-f", "md")[:2] == (0, {"一中": "成功", "二中": "成功"})
    assert not (out / LOCK_NAME).exists()


@pytest.mark.slow  # three batches of 40 reports in subprocesses
def test_two_concurrent_batches(tmp_path: Path) -> None:
    src = reports(tmp_path / "in", {f"{i:02d}.report.yaml": school(f"学校{i}") for i in range(40)})
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "reportgen", "batch", str(src), "-o", str(out), "-j1", "-f", "md"]
    first = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    time.sleep(0.05)
    second = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    errors = [p.communicate(timeout=60)[1].decode("utf-8") for p in (first, second)]
    codes = sorted((first.returncode, second.returncode))
    assert codes == [0, 2], errors
    assert any("另一个 reportgen batch 正在向" in e for e in errors)
    state = json.loads((out / STATE_NAME).read_text("utf-8"))
    assert len(state["reports"]) == 40  # the run that had the folder recorded all of it
    rerun = subprocess.run(cmd, capture_output=True)
    assert rerun.returncode == 0
    assert "成功 0，失败 0，跳过 40" in rerun.stderr.decode("utf-8")


def test_leftovers_of_a_killed_run_are_removed_at_start(tmp_path: Path) -> None:
    src, out = two_schools(tmp_path), tmp_path / "out"
    assert statuses(src, out, "-f", "md")[0] == 0
    (out / ".reportgen-scratch-99999-abc").mkdir()
    (out / ".reportgen-scratch-99999-abc" / "一中.docx").write_bytes(b"x")
    (out / ".reportgen-pdf-xyz").mkdir()  # an older version's name
    (out / ".一中.md.0123abcd.tmp").write_bytes(b"half")
    (out / f".{STATE_NAME}.89abcdef.tmp").write_bytes(b"half")
    (out / ".notes.txt.0123abcd.tmp").write_bytes(b"not ours")  # no output of this batch
    assert statuses(src, out, "-f", "md")[:2] == (0, {"一中": "跳过", "二中": "跳过"})
    assert sorted(p.name for p in out.iterdir()) == [
        ".notes.txt.0123abcd.tmp",
        STATE_NAME,
        "一中.md",
        "二中.md",
    ]


def test_the_journal_of_a_killed_run_is_replayed(tmp_path: Path) -> None:
    src, out = two_schools(tmp_path), tmp_path / "out"
    assert statuses(src, out, "-f", "md")[0] == 0
    state = json.loads((out / STATE_NAME).read_text("utf-8"))
    (out / STATE_NAME).unlink()  # as if the first run had been killed before compacting
    lines = [
        json.dumps({"own": "一中.md", "stem": "一中"}),
        json.dumps({"done": "一中", "entry": state["reports"]["一中"]}),
        json.dumps({"own": "二中.md", "stem": "二中"}),  # written, not recorded done
        '{"done": "二',  # cut by the kill
    ]
    (out / JOURNAL_NAME).write_text("\n".join(lines), "utf-8")
    code, rows, err = statuses(src, out, "-f", "md")
    assert (code, rows) == (0, {"一中": "跳过", "二中": "成功"})
    assert "I032" not in err  # a torn last line is normal after a crash
    assert not (out / JOURNAL_NAME).exists()


# ---------------------------------------------------------------- hostile state files


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail, instead of hanging the suite, if anything blocks on a FIFO."""

    def timeout(*_: object) -> None:
        raise TimeoutError("blocked")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _entry(out: Path, **changes: object) -> None:
    state = json.loads((out / STATE_NAME).read_text("utf-8"))
    state["reports"]["一中"].update(changes)
    (out / STATE_NAME).write_text(json.dumps(state), "utf-8")  # \u escapes: lone surrogates too


def _fifo(out: Path) -> None:
    os.mkfifo(out / "fifo")
    _entry(out, deps={str(out / "fifo"): "0" * 64})


def _replace(text: str | bytes) -> object:
    def write(out: Path) -> None:
        data = text.encode() if isinstance(text, str) else text
        (out / STATE_NAME).write_bytes(data)

    return write


def _huge(out: Path) -> None:
    with (out / STATE_NAME).open("r+b") as fh:
        fh.truncate(65 * 1024 * 1024)  # sparse: costs no disk


def _state_is_a_fifo(out: Path) -> None:
    (out / STATE_NAME).unlink()
    os.mkfifo(out / STATE_NAME)


def _state_is_a_link_to_a_device(out: Path) -> None:
    (out / STATE_NAME).unlink()
    (out / STATE_NAME).symlink_to("/dev/zero")


def _journal_is_a_fifo(out: Path) -> None:
    os.mkfifo(out / JOURNAL_NAME)


# What the next run does: render again ("成功": the file's ownership survived), skip ("跳过":
# only the journal was bad), or ask for --force (nothing says the existing file is batch's).
HOSTILE = {
    "invalid JSON": (_replace('{"format": 2, "reports": {'), "--force"),
    "not UTF-8": (_replace(b'{"format": 2, "reports": {"\xff": 1}}'), "--force"),
    "nested 100,000 deep": (_replace("[" * 100_000 + "]" * 100_000), "--force"),
    "a list at the top": (_replace("[1, 2, 3]"), "--force"),
    "reports of the wrong type": (_replace('{"format": 2, "reports": [], "owned": 7}'), "--force"),
    "entries of the wrong types": (lambda out: _entry(out, key=1, stats={"parts": "3"}), "成功"),
    "an output name with a path": (lambda out: _entry(out, outputs=["../../etc/passwd"]), "成功"),
    "huge": (_huge, "--force"),
    "deps at a FIFO": (_fifo, "成功"),
    "deps at /dev/zero": (lambda out: _entry(out, deps={"/dev/zero": "0" * 64}), "成功"),
    "deps outside, relative": (lambda out: _entry(out, deps={"../../x.yaml": "0" * 64}), "成功"),
    "deps with a NUL": (lambda out: _entry(out, deps={"/tmp/a\0b": "0" * 64}), "成功"),
    "the state is a FIFO": (_state_is_a_fifo, "--force"),
    "the state links to /dev/zero": (_state_is_a_link_to_a_device, "--force"),
    "the journal is a FIFO": (_journal_is_a_fifo, "跳过"),
}


@pytest.mark.usefixtures("alarm")
@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_state_is_ignored_with_a_warning_and_rebuilt(tmp_path: Path, case: str) -> None:
    spoil, expected = HOSTILE[case]
    src = reports(tmp_path / "in", {"一中.report.yaml": school("一中")})
    out = tmp_path / "out"
    assert statuses(src, out, "-f", "md")[0] == 0
    spoil(out)  # type: ignore[operator]
    code, rows, err = statuses(src, out, "-f", "md")
    if expected == "--force":  # as in a folder batch never wrote to, and says why
        assert code == 1, err
        assert "不是 reportgen batch 生成的（一中.md）" in err
        assert f"批量状态文件 {out / STATE_NAME} 无效（" in err
        code, rows, err = statuses(src, out, "-f", "md", "--force")
        expected = "成功"
    assert (code, rows) == (0, {"一中": expected}), err
    assert f"{out / STATE_NAME}: warning I032 [bad-batch-state]" in err
    assert "已忽略这部分，本次重新生成相应报告并重建状态文件" in err
    state = json.loads((out / STATE_NAME).read_text("utf-8"))  # rebuilt: regular and valid
    assert state["owned"] == ["一中.md"]
    assert sorted(state["reports"]) == ["一中"]
    assert not (out / JOURNAL_NAME).exists()
    assert statuses(src, out, "-f", "md")[:2] == (0, {"一中": "跳过"})


def test_bad_owned_names_are_dropped_and_the_good_kept(tmp_path: Path) -> None:
    src, out = two_schools(tmp_path), tmp_path / "out"
    assert statuses(src, out, "-f", "md")[0] == 0
    state = json.loads((out / STATE_NAME).read_text("utf-8"))
    state["reports"] = {}
    state["owned"] = ["一中.md", "二中.md", "../x", "", 5, "a/b"]
    (out / STATE_NAME).write_text(json.dumps(state, ensure_ascii=False), "utf-8")
    code, rows, err = statuses(src, out, "-f", "md")
    assert (code, rows) == (0, {"一中": "成功", "二中": "成功"}), err
    assert "批量状态文件的 owned 里有无效的文件名" in err
    assert json.loads((out / STATE_NAME).read_text("utf-8"))["owned"] == ["一中.md", "二中.md"]


def test_an_input_name_that_is_not_utf8_survives_the_state(tmp_path: Path) -> None:
    """A file name in another encoding (a GBK name copied from Windows) is a lone surrogate in
    Python: the state is ASCII JSON, so it is written, read back, and the re-run skips."""
    src = tmp_path / "in"
    src.mkdir()
    name = os.fsdecode(b"\xd2\xbb\xd6\xd0.report.yaml")  # 一中 in GBK
    (src / name).write_text(school("一中"), "utf-8")
    out = tmp_path / "out"
    code, rows, err = statuses(src, out, "-f", "md")
    assert code == 0, err
    assert list(rows.values()) == ["成功"]
    code, rows, err = statuses(src, out, "-f", "md")
    assert (code, list(rows.values())) == (0, ["跳过"]), err
