"""Run one LibreOffice conversion for reportgen, and never let it outlive reportgen.

``python -I soffice_guard.py PARENT_PID PROFILE_DIR COMMAND...`` (started by
reportgen/render/pdf.py in a session of its own). COMMAND runs in a new process group;
when this process is told to stop (SIGTERM from reportgen on Ctrl-C, a stop signal or a
timeout; from the kernel when reportgen dies, even by kill -9: PR_SET_PDEATHSIG on Linux,
a watchdog thread elsewhere) it kills that whole group (soffice starts soffice.bin below
itself) and removes PROFILE_DIR, the throw-away LibreOffice profile, on every exit path.
Standard library only: it runs isolated (-I), outside the package.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from types import FrameType


def _stop(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def _die_with(parent: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(1, int(signal.SIGTERM), 0, 0, 0) == 0:  # PR_SET_PDEATHSIG
                if os.getppid() != parent:
                    raise SystemExit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True).start()


def main(argv: list[str]) -> int:
    parent, profile, command = int(argv[1]), argv[2], argv[3:]
    for name in ("SIGTERM", "SIGHUP", "SIGINT"):
        signal.signal(getattr(signal, name), _stop)
    child: subprocess.Popen[bytes] | None = None
    code = 1
    try:
        _die_with(parent)
        child = subprocess.Popen(command, cwd=profile, start_new_session=True)
        if hasattr(os, "waitid"):
            # Wait without reaping: the zombie keeps its group id from being reused below.
            os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)
    finally:
        for s in ("SIGTERM", "SIGHUP", "SIGINT"):
            signal.signal(getattr(signal, s), signal.SIG_IGN)  # finish the cleaning
        if child is not None:
            with contextlib.suppress(OSError):
                os.killpg(child.pid, signal.SIGKILL)  # also soffice.bin, if still there
            with contextlib.suppress(OSError):
                code = child.wait()
        shutil.rmtree(profile, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
