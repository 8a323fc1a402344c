"""Reading an input file: the one place where bytes come in, with the size limit enforced first.

Every input — report YAML, Markdown, text, roster CSV/XLSX, a .docx, the check config, kind
files — is read by :func:`read_file`. It refuses a file over its limit with I012 before a
byte is decoded, so no reader is ever handed the first few megabytes of a longer file (a
cut that ``check --fix`` would write back, an ``import`` that silently ends early). It
opens without blocking and reads only regular files: a FIFO or a device named ``x.md`` is
a usage error, never a hang or an endless read.

Zip containers (.docx, .xlsx) are limited by what they unpack to: :func:`zip_too_large` counts
the declared sizes of the XML parts (what the readers parse) separately from pictures and
other media (which are only carried along), before anything is inflated.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reportgen import codes
from reportgen.errors import InputError, UsageError
from reportgen.problem import Level, Problem

if TYPE_CHECKING:
    import zipfile

MB = 1024 * 1024
TEXT_ENV = "REPORTGEN_MAX_INPUT_MB"
ZIP_ENV = "REPORTGEN_MAX_DOCX_MB"
TEXT_MB = 5.0  # report YAML, Markdown, text, roster CSV, config, kind files (~100 KB is long)
ZIP_XML_MB = 50.0  # .docx / .xlsx: unpacked XML parts (the text the readers parse)
ZIP_SUFFIXES = (".docx", ".xlsx", ".xlsm")


def _env_mb(env: Mapping[str, str], name: str, default: float) -> float:
    try:
        value = float(env.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class ZipLimits:
    """What a .docx or .xlsx may hold: the file itself, its XML unpacked, its media unpacked."""

    xml: int
    file: int  # the zip on disk: pictures are stored, so twice the XML allowance
    media: int  # pictures and other parts, unpacked (python-docx holds them in memory)


def text_limit(environ: Mapping[str, str] | None = None) -> int:
    """The byte limit for text inputs (``REPORTGEN_MAX_INPUT_MB`` raises it)."""
    return int(_env_mb(os.environ if environ is None else environ, TEXT_ENV, TEXT_MB) * MB)


def zip_limits(environ: Mapping[str, str] | None = None) -> ZipLimits:
    """The limits for .docx/.xlsx (``REPORTGEN_MAX_DOCX_MB`` raises all three together)."""
    xml = int(_env_mb(os.environ if environ is None else environ, ZIP_ENV, ZIP_XML_MB) * MB)
    return ZipLimits(xml=xml, file=2 * xml, media=4 * xml)


def limit_for(path: Path) -> tuple[int, str]:
    """(byte limit, environment variable raising it) for the file ``path`` names."""
    if path.suffix.lower() in ZIP_SUFFIXES:
        return zip_limits().file, ZIP_ENV
    return text_limit(), TEXT_ENV


def _mb(n: int) -> str:
    return f"{n / MB:.1f}".removesuffix(".0")


def too_large(
    source: str, size: int | None, limit: int, env: str, *, what: str = "文件"
) -> Problem:
    """The I012 problem for an input of ``size`` bytes (None: not known) over ``limit``."""
    has = "" if size is None or _mb(size) == _mb(limit) else f"有 {_mb(size)} MB，"
    return Problem.of(
        source,
        1,
        1,
        Level.ERROR,
        codes.TOO_LARGE,
        f"{what}{has}超过 {_mb(limit)} MB 的上限，没有读取（也没有改动）；"
        f"请确认选对了文件。确需处理更大的文件，可设环境变量 {env}（单位 MB）。",
    )


def read_file(
    path: Path, limit: int | None = None, env: str | None = None, *, what: str = "文件"
) -> bytes:
    """All bytes of the regular file ``path``, or an error; never a part of it.

    Over ``limit`` (by default the limit for the file's kind, see :func:`limit_for`):
    InputError I012. Missing, a directory, a FIFO or device, unreadable: UsageError.
    """
    if limit is None or env is None:
        default_limit, default_env = limit_for(path)
        limit = default_limit if limit is None else limit
        env = default_env if env is None else env
    # O_NONBLOCK: opening a FIFO without a writer must not wait; regular files ignore it.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UsageError(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise UsageError(f"这是一个目录，不是文件：{path}") from None
    except OSError as exc:
        raise UsageError(f"无法读取文件 {path}：{exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UsageError(f"这是一个目录，不是文件：{path}")
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(not_regular(path))
        if info.st_size > limit:
            raise InputError([too_large(str(path), info.st_size, limit, env, what=what)])
        # One byte past the limit: a file that grew since fstat is refused too.
        data = _read_all(fd, limit + 1)
    except OSError as exc:
        raise UsageError(f"无法读取文件 {path}：{exc.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise InputError([too_large(str(path), len(data), limit, env, what=what)])
    return data


def _read_all(source: BinaryIO | int, most: int) -> bytes:
    """Up to ``most`` bytes of a stream or file descriptor, to its end."""
    chunks: list[bytes] = []
    left = most
    while left > 0:
        size = min(left, 1 << 20)
        chunk = os.read(source, size) if isinstance(source, int) else source.read(size)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_stream(stream: BinaryIO, source: str, limit: int | None = None) -> bytes:
    """All of ``stream`` (standard input), refused with I012 past the text limit."""
    limit = text_limit() if limit is None else limit
    data = _read_all(stream, limit + 1)
    if len(data) > limit:
        raise InputError([too_large(source, None, limit, TEXT_ENV, what="标准输入")])
    return data


def not_regular(path: Path) -> str:
    """The message for a path that is a FIFO, socket or device rather than a file."""
    return (
        f"{path} 不是普通文件（是命名管道、套接字或设备）：reportgen 只读取普通文件，"
        "请给出报告文件本身。"
    )


def is_regular(path: Path) -> bool:
    """Whether ``path`` is a regular file (following symlinks); False when it cannot be seen."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def is_xml_part(name: str) -> bool:
    """Parts the readers parse (XML and relationships) as opposed to carried media."""
    return name.lower().endswith((".xml", ".rels", ".vml"))


def zip_sizes(infos: list[zipfile.ZipInfo]) -> tuple[int, int]:
    """(XML parts, other parts) of a zip, unpacked, by the sizes it declares.

    :mod:`zipfile` never inflates a member past its declared size, so these bound memory.
    """
    xml = sum(i.file_size for i in infos if is_xml_part(i.filename))
    return xml, sum(i.file_size for i in infos) - xml


def zip_too_large(infos: list[zipfile.ZipInfo], what: str) -> str | None:
    """Why a zip's unpacked size is refused (a message naming the limit), or None."""
    limits = zip_limits()
    xml, media = zip_sizes(infos)
    for size, limit, part in (
        (xml, limits.xml, "文字部分（XML）"),
        (media, limits.media, "图片等其他部分"),
    ):
        if size > limit:
            return (
                f"{what}的{part}解压后共 {_mb(size)} MB，超过 {_mb(limit)} MB 的上限，拒绝打开"
                f"（可能是压缩炸弹）；确需处理更大的文件，可设环境变量 {ZIP_ENV}（单位 MB）。"
            )
    return None
