"""The output folder of a batch: one batch at a time, and no leftovers of runs that were killed.

A lock file (``.reportgen-batch.lock``, flock) keeps a second batch out of OUTDIR while one
runs: two runs would write the same outputs and lose each other's state. While it holds
the lock, a run removes what a killed run left: scratch folders (``.reportgen-scratch-*``)
and the temporary files of interrupted atomic writes.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from reportgen.errors import OutputError, UsageError

LOCK_NAME = ".reportgen-batch.lock"
SCRATCH_PREFIX = ".reportgen-scratch-"
# Earlier versions named their scratch folders so; they are removed as well.
_STALE_PREFIXES = (SCRATCH_PREFIX, ".reportgen-tmp-", ".reportgen-pdf-")
_TEMP_FILE = re.compile(r"\.(.+)\.[0-9a-f]{8}\.tmp")  # output.atomic_write's names


@contextlib.contextmanager
def locked(outdir: Path) -> Iterator[None]:
    """Hold OUTDIR's batch lock, or raise UsageError (exit 2) when another batch has it.

    The lock belongs to the open file, so worker processes forked meanwhile hold it too,
    and the kernel drops it when the last of them exits, however it exits. The lock file
    is removed at the end (while still locked); a run that locked a file removed meanwhile
    by the previous one tries again, so two runs never hold two different files.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no lock
        yield
        return
    path = outdir / LOCK_NAME
    for _ in range(100):
        fd = _open_lock(path, outdir)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise UsageError(
                f"另一个 reportgen batch 正在向 {outdir} 输出（锁文件 {LOCK_NAME}）；"
                "为免两批互相覆盖，本次没有写入任何文件。请等那一批结束后再运行，或换一个输出目录。"
            ) from None
        except OSError as exc:
            os.close(fd)
            raise OutputError(f"无法锁定输出目录 {outdir}：{exc.strerror}") from None
        if _same(fd, path):
            break
        os.close(fd)  # removed by the run that just ended: lock the new one
    else:
        raise OutputError(f"无法锁定输出目录 {outdir}。")
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


def _open_lock(path: Path, outdir: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        raise OutputError(
            f"无法在输出目录 {outdir} 中创建锁文件 {LOCK_NAME}：{exc.strerror}"
        ) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UsageError(f"{path} 不是普通文件；请删除它后再运行。")
    return fd


def _same(fd: int, path: Path) -> bool:
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    now = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (now.st_dev, now.st_ino)


def make_scratch(outdir: Path) -> Path:
    """A scratch folder in OUTDIR (same file system: PDFs are renamed into place)."""
    return Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-", dir=outdir))


def clean_stale(outdir: Path, names: Iterable[str]) -> list[str]:
    """With the lock held, nothing else writes here: remove scratch folders and the temp
    files of ``names`` (outputs, state) that a killed run left. Returns what was removed."""
    wanted = set(names)
    removed: list[str] = []
    try:
        entries = list(os.scandir(outdir))
    except OSError:
        return removed
    for entry in entries:
        try:
            if entry.name.startswith(_STALE_PREFIXES) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(entry.name)
                continue
            match = _TEMP_FILE.fullmatch(entry.name)
            if match and match.group(1) in wanted and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(entry.name)
        except OSError:
            continue
    return removed
