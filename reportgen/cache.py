"""The user's cache folder (``$XDG_CACHE_HOME/reportgen``, else ``~/.cache/reportgen``).

It holds start-up shortcuts only (compiled templates, the validated genre), each kind in a
sub-folder named by a fingerprint of the code that made it, so an upgrade or an edited
checkout never reads what an older one wrote. Nothing in it is needed: a folder that cannot
be made or is not safely the user's own means no cache, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
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
    if not stat.S_ISDIR(info.st_mode):
        return False
    if not hasattr(os, "getuid"):  # Windows: the mode bits say nothing of who may write
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def fingerprint(*sources: Path) -> str:
    """A short hash of reportgen's version, Python's and the text of ``sources`` (the modules
    whose code decides what is cached)."""
    digest = hashlib.sha1(f"{__version__}|{sys.version}".encode())
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir(name: str, *sources: Path) -> Path | None:
    """``NAME-FINGERPRINT`` (of ``sources``, see :func:`fingerprint`) inside the user's cache
    folder, made (owner-only) if missing; None when there is no usable one."""
    root = _root()
    if root is None:
        return None
    try:
        folder = root / f"{name}-{fingerprint(*sources)}"
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        return folder if _private(root) and _private(folder) else None
    except OSError:
        return None


def read_pickle(folder: Path | None, key: str) -> object | None:
    """What :func:`write_pickle` kept under ``key``; None when there is nothing (or nothing
    readable: a truncated or corrupt file, one of an older layout) — never an error."""
    if folder is None:
        return None
    try:
        with open(folder / f"{key}.pickle", "rb") as f:
            kept: object = pickle.load(f)
    except Exception:  # any broken cache file is just no cache
        return None
    return kept


def write_pickle(folder: Path | None, key: str, value: object) -> None:
    """Keep ``value`` under ``key`` (written whole, then renamed: a reader never sees half a
    file); a cache that cannot be written is skipped."""
    if folder is None:
        return
    import tempfile  # only when the cache is written

    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{key}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(temporary, folder / f"{key}.pickle")
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return
