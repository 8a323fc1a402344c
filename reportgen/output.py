"""Writing outputs safely: never a partial file, never over an input."""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from reportgen.errors import OutputError, cannot_write, os_reason


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def guard_inputs(target: Path, inputs: Iterable[Path]) -> None:
    resolved = resolve_output(target)
    for source in inputs:
        if _same_file(target, source) or resolved == _resolve_or_self(source):
            raise OutputError(f"输出文件 {target} 就是输入文件；为免覆盖原文，请换一个输出文件名。")


def _resolve_or_self(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def why_not_writable(path: Path, exc: BaseException, *, folder: bool = False) -> str:
    """The reason ``path`` (a file, or a ``folder``, to create) cannot be made: the part of the
    path to blame when there is one, else what the system said."""
    return blocker(path, folder=folder) or os_reason(exc)


def blocker(path: Path, *, folder: bool = False) -> str | None:
    """What stands in the way of creating ``path``: a file where a folder should be, a
    dangling or looping symlink; None when nothing does (permissions are not looked at)."""
    parts = [p for p in reversed(path.parents) if str(p) not in (".", "/", "")]
    for part in [*parts, path]:
        last = part == path
        try:
            if part.is_symlink() and not part.exists():
                if _loops(part):
                    return f"{part} 是循环的符号链接（最终指回自己）"
                if not last or folder:
                    return f"{part} 是符号链接，指向的 {os.readlink(part)} 不存在"
            elif part.exists() and not part.is_dir() and (not last or folder):
                return f"{part} 是文件，不是目录"
        except (OSError, RuntimeError):
            return f"{part} 是循环的符号链接（最终指回自己）"
    return None


def _loops(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def resolve_output(path: Path) -> Path:
    """``path`` with symlinks resolved; I036 (exit 1) for a symlink loop on the way."""
    try:
        return path.resolve()
    except (OSError, RuntimeError) as exc:
        raise cannot_write(path, "写入", why_not_writable(path, exc)) from None


def make_dir(path: Path) -> None:
    """Create the output folder ``path`` (and its parents); I036 (exit 1) when it cannot be:
    a file on the way, a read-only file system, no permission, a dangling or looping link."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError) as exc:
        raise cannot_write(path, "创建目录", why_not_writable(path, exc, folder=True)) from None


def check_output_place(path: Path, *, folder: bool = False) -> None:
    """Before any work: I036 when ``path`` (an output file, or a ``folder``) can never be
    created because a part of it is a file, a dangling symlink or a symlink loop."""
    reason = blocker(path, folder=folder)
    if reason:
        raise cannot_write(path, "创建目录" if folder else "写入", reason)
    if not folder:
        refuse_special(path)
    elif _in_dev_or_proc(path / "output"):
        raise cannot_write(path, "创建目录", _NOT_IN_DEV)


def check_output_places(outdir: Path, *files: Path | None) -> None:
    """:func:`check_output_place` for an output folder and the files written beside it."""
    check_output_place(outdir, folder=True)
    for path in files:
        if path is not None:
            check_output_place(path)


def atomic_write(
    target: Path, data: bytes, inputs: Iterable[Path] = (), *, durable: bool = True
) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it into place.

    A crash or Ctrl-C leaves either the old file or the new one, never half of one.
    ``durable=False`` skips the fsync (the rename is still atomic); the caller then syncs once.
    The new file is ``0o644`` less the umask, as any file the user's programs create.
    A file system that refuses (read-only, full, no permission) is I036 (exit 1).
    """
    guard_inputs(target, inputs)
    make_dir(target.parent)
    refuse_special(target)
    _replace(target, data, 0o644, durable=durable)


_NOT_IN_DEV = "设备和进程的文件（/dev、/proc）不能作为输出"


def _in_dev_or_proc(target: Path) -> bool:
    """A name directly in /dev or anywhere in /proc, as written or after symlinks
    (/dev/stdout → /proc/self/fd/1); /dev/shm and other file systems under /dev are fine."""
    try:
        real = Path(os.path.realpath(target))
    except (OSError, RuntimeError):
        real = target
    return any(
        p.parent == Path("/dev") or p.parts[1:2] == ("proc",) for p in (target.absolute(), real)
    )


def refuse_special(target: Path) -> None:
    """I036 when ``target`` exists and is not a regular file: renaming over ``-o /dev/null``
    (as root) would replace the device itself; a pipe or socket is never a report."""
    if _in_dev_or_proc(target):
        raise cannot_write(target, "写入", _NOT_IN_DEV)
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return  # absent (or unreachable: the write itself will say why)
    if stat.S_ISDIR(mode):
        raise cannot_write(target, "写入", "这是一个目录")
    if not stat.S_ISREG(mode):
        raise cannot_write(
            target, "写入", "它不是普通文件（是设备、管道或套接字），reportgen 只写普通文件"
        )


class UnencodableError(OutputError):
    """Raised by :func:`rewrite_in_place` when the new text cannot be written in the file's
    own encoding (GBK has no code for it); the file is left as it was."""


_BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
}


def rewrite_in_place(path: Path, text: str, encoding: str = "utf-8", bom: bool = False) -> None:
    """Replace the contents of an existing file with ``text``, keeping what the file was.

    The file written is the one ``path`` names after following symlinks (the link stays a
    link), with the same permission bits (and owner and group, where allowed), in
    ``encoding`` with a BOM if ``bom`` (as :func:`reportgen.core.load.decode_detail` found them).
    ``text`` keeps its line endings as they are. The write is atomic, as :func:`atomic_write`.
    """
    target = Path(os.path.realpath(path))
    try:
        data = (_BOMS[encoding] if bom else b"") + text.encode(encoding)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        name = encoding.upper()
        raise UnencodableError(
            f"这个文件是 {name} 编码，改正后的字符“{char}”（U+{ord(char):04X}）无法用 {name} 表示；"
            "为免改变文件的编码，没有修改这个文件。请手工改正，或把文件另存为 UTF-8 后再用 --fix"
        ) from None
    try:
        st = os.stat(target)
    except OSError as exc:
        raise cannot_write(path, "写入", os_reason(exc)) from None
    _replace(target, data, stat.S_IMODE(st.st_mode), owner=(st.st_uid, st.st_gid))


def _replace(
    target: Path,
    data: bytes,
    mode: int,
    *,
    durable: bool = True,
    owner: tuple[int, int] | None = None,
) -> None:
    """Write ``data`` to a new file beside ``target`` and rename it over ``target``.

    Without ``owner`` the new file is created with ``mode`` less the umask (the kernel
    applies it: reading the umask would mean setting it, which races with other threads);
    with ``owner`` (an existing file's) it gets exactly ``mode`` and, where allowed, that owner.
    """
    made: list[Path] = []
    try:
        fd, tmp = _create_beside(target, mode if owner is None else 0o600, made)
    except OSError as exc:
        raise cannot_write(target, "写入", why_not_writable(target, exc)) from None
    except BaseException:  # a stop right after the file was created: it is not left behind
        for path in made:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    try:
        with os.fdopen(fd, "wb") as fh:
            if owner is not None and hasattr(os, "fchown"):
                st = os.fstat(fh.fileno())
                if (st.st_uid, st.st_gid) != owner:
                    # Only root may give a file away; a user may still set a group of theirs.
                    with contextlib.suppress(OSError):
                        os.fchown(fh.fileno(), *owner)
            if owner is not None:  # after fchown, which may clear setuid/setgid bits
                os.chmod(tmp, mode)
            fh.write(data)
            fh.flush()
            if durable:  # batch writes thousands of files and syncs once at the end instead
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise cannot_write(target, "写入", os_reason(exc)) from None
        raise


def _create_beside(target: Path, mode: int, made: list[Path] | None = None) -> tuple[int, Path]:
    """A new empty file ``.<name>.XXXXXXXX.tmp`` in ``target``'s directory, opened for writing.

    ``made`` gets the name before the file is created: a stop raised by a signal right
    after the creation (a batch worker whose parent died) still knows what to remove."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
        if made is not None:
            made[:] = [tmp]
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "没有可用的临时文件名", str(target.parent))
