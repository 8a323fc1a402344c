"""The user's cache folder (``$XDG_CACHE_HOME/reportgen``, else ``~/.cache/reportgen``).

It holds start-up shortcuts only (compiled templates), each in a sub-folder named by a
fingerprint of the code that made it, so an upgrade or an edited checkout never reads what
an older one wrote. Nothing in it is needed: a folder that cannot be made or is not safely
the user's own means no cache, never an error.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path

from reportgen import __version__


def _root() -> Path | None:
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):  # the XDG spec: a relative value is ignored
        return Path(xdg) / "reportgen"
    home = os.path.expanduser("~")
    return Path(home) / ".cache" / "reportgen" if os.path.isabs(home) else None


def _private(folder: Path) -> bool:
    """The folder is a real directory of this user that nobody else may write to: cached
    code is run, so one another user could plant files in is not used."""
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def fingerprint(*sources: Path) -> str:
    """A short hash of reportgen's version, Python's and the text of ``sources`` (the modules
    whose code decides what is cached)."""
    digest = hashlib.sha1(f"{__version__}|{sys.version}".encode())
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir(name: str) -> Path | None:
    """``name`` inside the user's cache folder, made (owner-only) if missing; None when there
    is no usable one."""
    root = _root()
    if root is None:
        return None
    folder = root / name
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        return folder if _private(root) and _private(folder) else None
    except OSError:
        return None
