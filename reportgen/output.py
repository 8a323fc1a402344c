"""Writing outputs safely: never a partial file, never over an input."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from reportgen.errors import OutputError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def guard_inputs(target: Path, inputs: Iterable[Path]) -> None:
    for source in inputs:
        if _same_file(target, source) or target.resolve() == source.resolve():
            raise OutputError(f"输出文件 {target} 就是输入文件；为免覆盖原文，请换一个输出文件名。")


def atomic_write(
    target: Path, data: bytes, inputs: Iterable[Path] = (), *, durable: bool = True
) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it into place.

    A crash or Ctrl-C leaves either the old file or the new one, never half of one.
    ``durable=False`` skips the fsync (the rename is still atomic); the caller then syncs once.
    """
    guard_inputs(target, inputs)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"无法在 {target.parent} 中写文件：{exc.strerror}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:  # batch writes thousands of files and syncs once at the end instead
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise OutputError(f"无法写入 {target}：{exc.strerror}") from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
