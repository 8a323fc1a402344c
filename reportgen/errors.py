"""Error families. The CLI turns each into an exit code in one place (cli/__init__.py)."""

from __future__ import annotations

import errno
from pathlib import Path

from reportgen import codes
from reportgen.problem import Level, Problem


class ReportgenError(Exception):
    """Base of every expected failure; ``exit_code`` is what the CLI returns.

    A failure about one file can carry a stable code (``code=``, from reportgen.codes): it is
    then printed as one problem line, ``file: error I036 [cannot-write] …``, like input problems.
    """

    exit_code = 1

    def __init__(
        self, message: str = "", *, code: codes.Code | None = None, file: object = ""
    ) -> None:
        self.problem: Problem | None = None
        if code is not None:
            self.problem = Problem.of(str(file), 0, 0, Level.ERROR, code, message)
            message = self.problem.format()
        super().__init__(message)


class InputError(ReportgenError):
    """The report (or another input the user wrote) is invalid; carries every problem found."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__("\n".join(p.format() for p in self.problems))


class UsageError(ReportgenError):
    """The command was called wrongly: bad option, unreadable or missing file, unknown kind."""

    exit_code = 2


class TemplateError(ReportgenError):
    """A built-in or user template failed to load or render."""

    exit_code = 1


class OutputError(ReportgenError):
    """An output could not be written (permissions, would overwrite an input, converter missing)."""

    exit_code = 1


# What the operating system said, in the user's language. strerror is English (and differs
# between systems); these are the failures a user can meet with ordinary paths.
_REASON_BY_NAME = {
    "EACCES": "没有权限",
    "EPERM": "操作不被允许",
    "EROFS": "所在的文件系统是只读的",
    "ENOTDIR": "路径中有一段不是目录",
    "EISDIR": "这是一个目录",
    "EEXIST": "已有同名的文件或目录",
    "ENOENT": "不存在",
    "ELOOP": "符号链接循环（链接最终指回自己）",
    "ENAMETOOLONG": "文件名太长",
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "超出了磁盘配额",
    "EFBIG": "文件超过了允许的大小",
    "EIO": "读写设备出错",
    "EMFILE": "打开的文件太多",
    "ENFILE": "打开的文件太多",
    "EBUSY": "文件或设备正忙",
    "ETXTBSY": "文件正在使用中",
    "EXDEV": "不能跨文件系统改名",
    "EINVAL": "名称或参数无效",
    "ENXIO": "设备不存在",
    "ENODEV": "设备不存在",
}
# Not every system has every errno (Windows lacks EDQUOT, ETXTBSY …).
_REASONS = {getattr(errno, n): text for n, text in _REASON_BY_NAME.items() if hasattr(errno, n)}


def os_reason(exc: BaseException) -> str:
    """Why an OSError happened, in Chinese (the English strerror when the errno is unusual).
    pathlib's RuntimeError for a symlink loop (Python < 3.13) counts as ELOOP."""
    if isinstance(exc, RuntimeError):
        return _REASON_BY_NAME["ELOOP"]
    number = getattr(exc, "errno", None)
    if isinstance(number, int) and number in _REASONS:
        return _REASONS[number]
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def cannot_write(path: Path | str, what: str, reason: str) -> OutputError:
    """I036: an output file or folder could not be created or written (exit 1)."""
    return OutputError(f"无法{what} {path}：{reason}。", code=codes.CANNOT_WRITE, file=path)


def cannot_read(path: Path | str, what: str, reason: str) -> UsageError:
    """I037: a file reportgen must read (a template, a style file) cannot be read (exit 2)."""
    return UsageError(f"无法读取{what} {path}：{reason}。", code=codes.CANNOT_READ, file=path)
