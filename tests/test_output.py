"""Atomic writes leave the process umask alone."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from reportgen.output import atomic_write

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and symlinks")


# ---------------------------------------------------------------- 2. umask


@posix_only
def test_atomic_write_leaves_the_process_umask_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = os.umask(0o027)
    try:

        def no_umask(mask: int) -> int:
            raise AssertionError("atomic_write changed the process umask")

        monkeypatch.setattr(os, "umask", no_umask)
        atomic_write(tmp_path / "out.md", b"x")
    finally:
        monkeypatch.undo()
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.md").stat().st_mode) == 0o640
