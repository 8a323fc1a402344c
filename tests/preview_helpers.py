"""`reportgen preview` run in a thread of the test process, stopped however the test ends."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from queue import Queue


@contextmanager
def running_preview(report: Path) -> Iterator[str]:
    """The preview of ``report``; yields the URL it announces."""
    from reportgen.preview import preview

    urls: Queue[str] = Queue()
    stop = threading.Event()
    thread = threading.Thread(
        target=preview,
        args=(report,),
        kwargs={"open_browser": False, "announce": urls.put, "stop": stop},
    )
    thread.start()
    try:
        yield urls.get(timeout=10)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive(), "preview did not stop"
