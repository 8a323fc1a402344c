"""Signals in a batch: SIGTERM and SIGHUP stop a run as Ctrl-C does; workers die with their parent.

The parent turns SIGTERM/SIGHUP into :class:`Stopped` (a KeyboardInterrupt), so the one
Ctrl-C path records what finished, prints the summary and exits 128 + the signal.
Workers leave every stop signal to the parent (a signal sent to the whole process group,
as a terminal or a service manager does, lets each finish the report it is writing), but
exit at once when the parent is gone, even after kill -9: on Linux the kernel tells them
(PR_SET_PDEATHSIG), elsewhere a watchdog thread notices the new parent process id.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from types import FrameType

STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Stopped(KeyboardInterrupt):
    """A stop signal other than Ctrl-C reached the parent."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class ParentGone(SystemExit):
    """Raised in a worker whose parent died: unwinds (removing a half-written temp file)."""


def signal_number(exc: BaseException) -> int:
    return exc.signum if isinstance(exc, Stopped) else int(signal.SIGINT)


# While the parent waits on its process pool, a stop is only recorded: an exception raised
# by a signal handler inside concurrent.futures' lock and condition code can leave a lock
# released twice ("release unlocked lock", an internal error instead of a clean stop).
# The waiting loop asks :func:`raise_pending` between its short waits.
_deferring = False
_pending: int | None = None


@contextlib.contextmanager
def deferred_stops() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP are recorded, not raised, inside the block."""
    global _deferring, _pending
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def record(signum: int, _frame: FrameType | None) -> None:
        global _pending
        _pending = _pending or signum

    signals = (signal.SIGINT, *STOP_SIGNALS)
    previous = {s: signal.signal(s, record) for s in signals}
    _deferring, _pending = True, None
    try:
        yield
    finally:
        _deferring = False
        for s, handler in previous.items():
            signal.signal(s, handler)


def raise_pending() -> None:
    """Raise the stop recorded by :func:`deferred_stops`, if there is one."""
    global _pending
    signum, _pending = _pending, None
    if signum is None:
        return
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Stopped(signum)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """While running: SIGTERM and SIGHUP raise :class:`Stopped` in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: FrameType | None) -> None:
        raise Stopped(signum)

    previous = {s: signal.signal(s, stop) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


# ---------------------------------------------------------------- in a worker

_PARENT = 0
busy = False  # a worker is writing a report (set by batch_work.run_chunk)


def parent_gone() -> bool:
    return _PARENT != 0 and os.getppid() != _PARENT


def worker_signals(parent: int) -> None:
    """Pool initializer part: ignore stop signals while the parent lives; die with it."""
    global _PARENT
    _PARENT = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def on_stop(_signum: int, _frame: FrameType | None) -> None:
        if not parent_gone():
            return
        if not busy:
            os._exit(1)  # between reports: nothing to clean (the pool would swallow a raise)
        threading.Timer(5, os._exit, (1,)).start()  # should the raise be swallowed after all
        raise ParentGone(1)  # unwinds the report being written, removing its temp file

    for s in STOP_SIGNALS:
        signal.signal(s, on_stop)
    if not STOP_SIGNALS:  # Windows: the pool's own pipes tell its workers
        return
    if not _kernel_tells_us():
        threading.Thread(target=_watch, name="reportgen-parent-watch", daemon=True).start()
    if parent_gone() or (parent != _PARENT and not _alive(parent)):  # died before we got here
        os._exit(1)


def _kernel_tells_us() -> bool:
    """Linux: SIGTERM when the parent dies (PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        return int(libc.prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch() -> None:
    while not parent_gone():
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)  # handled in the main thread, which unwinds


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
