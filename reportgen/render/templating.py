"""Where templates come from, and the one Jinja environment that renders them.

Built-ins ship inside the package (reportgen/templates); ``--templates DIR`` folders come
first. Every template runs in Jinja's sandbox with StrictUndefined: a user template may
not reach Python internals, and a misspelt variable is an error rather than a blank. The
sandbox is also bounded (reportgen.render.sandbox_limits): output size, sizes of values, nesting.
A template folder is read only inside itself: a symlink that leads out of it is refused.
Compiled templates are kept in the user's cache folder (reportgen.cache), keyed by their
text: compiling the Markdown template took about a tenth of a Markdown render's start-up.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from reportgen import codes
from reportgen.cache import cache_dir
from reportgen.errors import ReportgenError, TemplateError, UsageError, cannot_read, os_reason
from reportgen.render import sandbox_limits
from reportgen.render.sandbox_limits import LimitedSandbox, render_limited


@cache
def builtin_dir() -> Path:
    """The built-in templates: package data when installed, the top-level templates/ folder
    when running from a source checkout (where reportgen.templates is not a package)."""
    from importlib.util import find_spec  # not importlib.resources: ~5 ms of imports at start

    spec = find_spec("reportgen.templates")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parents[2] / "templates"  # reportgen/render/ → root


def search_path(template_dirs: tuple[Path, ...] = ()) -> list[Path]:
    """The user's folders (checked: see :func:`template_files`), then the built-ins."""
    for folder in template_dirs:
        _checked(folder)
    return [*template_dirs, builtin_dir()]


# ---------------------------------------------------------------- confinement


def outside_folder(path: Path, folder: Path, target: str) -> TemplateError:
    """I038: a file in a template folder is a symlink to somewhere outside it (exit 1)."""
    return TemplateError(
        f"模板目录 {folder} 里的 {path} 是指向目录之外（{target}）的符号链接；"
        "为免把别处的文件带进报告，模板目录只读取目录自身里的文件。请把文件复制进来，不要用链接。",
        code=codes.OUTSIDE_FOLDER,
        file=path,
    )


def template_files(folder: Path) -> Iterator[Path]:
    """Every regular file under a ``--templates`` folder, in name order, after checking each
    entry: a symlink leading out of the folder is I038 (exit 1); a dangling or looping link,
    a device, pipe or socket, or a file that cannot be opened is I037 (exit 2)."""
    try:
        root = Path(os.path.realpath(folder, strict=True))
    except (OSError, RuntimeError) as exc:
        if isinstance(exc, FileNotFoundError):
            return  # a folder that does not exist holds no templates (the built-ins serve)
        raise cannot_read(folder, "模板目录", os_reason(exc)) from None
    if not root.is_dir():
        raise UsageError(f"--templates 应是目录：{folder}")
    for dirpath, dirnames, filenames in os.walk(folder, onerror=_walk_error):
        dirnames.sort()
        for name in [*dirnames, *sorted(filenames)]:
            path = Path(dirpath) / name
            if _entry_is_file(path, root, folder):
                yield path


def _walk_error(exc: OSError) -> None:
    raise cannot_read(exc.filename, "模板目录", os_reason(exc))


def _entry_is_file(path: Path, root: Path, folder: Path) -> bool:
    """Check one entry of a template folder; True for a regular file to read."""
    if path.is_symlink():
        try:
            target = os.path.realpath(path, strict=True)
        except (OSError, RuntimeError) as exc:
            reason = (
                "符号链接指向的位置不存在" if isinstance(exc, FileNotFoundError) else os_reason(exc)
            )
            raise cannot_read(path, "模板", reason) from None
        if not Path(target).is_relative_to(root):
            raise outside_folder(path, folder, target)
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise cannot_read(path, "模板", os_reason(exc)) from None
    if stat.S_ISDIR(mode):
        return False
    if not stat.S_ISREG(mode):
        raise cannot_read(path, "模板", "不是普通文件（是设备、管道或套接字）")
    try:  # as root a permission check says yes to everything; opening is the real test
        os.close(
            os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        )
    except OSError as exc:
        raise cannot_read(path, "模板", os_reason(exc)) from None
    return True


@cache  # per process: a batch's workers check each folder once, not once per report
def _checked(folder: Path) -> tuple[Path, ...]:
    return tuple(template_files(folder))


class _ConfinedLoader(jinja2.FileSystemLoader):
    """FileSystemLoader that will not open a template whose real path is outside its folder
    (a symlink made after the folder was checked, or one in the built-in folder)."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        pieces = jinja2.loaders.split_template_path(template)
        for searchpath in self.searchpath:
            filename = os.path.join(searchpath, *pieces)
            if os.path.isfile(filename):
                real = os.path.realpath(filename)
                if not Path(real).is_relative_to(os.path.realpath(searchpath)):
                    raise outside_folder(Path(filename), Path(searchpath), real)
                break
        return super().get_source(environment, template)


# ---------------------------------------------------------------- rendering


class _Shortcut(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache as a shortcut only: a cache file that cannot be read (corrupt,
    truncated, unreadable) is a miss, one that cannot be written is skipped. Jinja checks each
    file against the template's text (a checksum), so an edited template is compiled anew."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # any broken cache file is just no cache
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@cache
def _bytecode_cache() -> _Shortcut | None:
    """The compiled templates of this reportgen: the sandbox's code generator and the
    environment's options shape the compiled code, so their modules' text keys the folder."""
    sources = (Path(__file__), Path(sandbox_limits.__file__ or ""))
    folder = cache_dir(f"jinja-{jinja2.__version__}", *sources)
    return None if folder is None else _Shortcut(str(folder))


@cache
def environment(template_dirs: tuple[Path, ...] = ()) -> SandboxedEnvironment:
    env = LimitedSandbox(
        loader=_ConfinedLoader([str(p) for p in search_path(template_dirs)]),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def _describe(exc: Exception) -> str:
    from reportgen.render.sandbox_limits import LimitExceeded

    if isinstance(exc, LimitExceeded):
        return f"模板超出了限制（{exc}）"
    if isinstance(exc, jinja2.UndefinedError):
        return f"模板用到了不存在的变量（{exc.message}）"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"模板语法错误（第 {exc.lineno} 行：{exc.message}）"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"模板试图访问不允许的内容（{exc}）"
    if isinstance(exc, MemoryError):
        return "模板占用的内存超过上限（1 GB）"
    if isinstance(exc, RecursionError):
        return "模板调用嵌套太深（宏是否在无限地调用自己？）"
    return f"模板出错（{type(exc).__name__}: {exc}）"


@cache
def _compiled(source: str, template_dirs: tuple[Path, ...]) -> jinja2.Template:
    # Kinds' formulas are a handful of short strings used for every report of a batch,
    # compiled once per process and kept in the bytecode cache as the template files are
    # (each under a name of its own text, so formulas do not evict one another).
    env = environment(template_dirs)
    kept = env.bytecode_cache
    if kept is None:
        return env.from_string(source)
    name = f"<formula {hashlib.sha1(source.encode()).hexdigest()}>"
    bucket = kept.get_bucket(env, name, None, source)
    if bucket.code is None:
        bucket.code = env.compile(source)
        kept.set_bucket(bucket)
    return env.template_class.from_code(env, bucket.code, env.make_globals(None))


def render_string(
    source: str, context: dict[str, Any], where: str, template_dirs: tuple[Path, ...] = ()
) -> str:
    """Render a formula from a kind file (title, lead, closing)."""
    try:
        return render_limited(_compiled(source, template_dirs), context, user=bool(template_dirs))
    except ReportgenError:
        raise
    except Exception as exc:  # any failure inside a user's template is the template's fault
        raise TemplateError(_describe(exc), code=codes.TEMPLATE_ERROR, file=where) from None


def render_template(
    name: str, context: dict[str, Any], template_dirs: tuple[Path, ...] = ()
) -> str:
    try:
        template = environment(template_dirs).get_template(name)
    except ReportgenError:
        raise
    except jinja2.TemplateNotFound:
        raise TemplateError(
            f"找不到模板 {name}（查找位置：{', '.join(map(str, search_path(template_dirs)))}）"
        ) from None
    except Exception as exc:
        raise TemplateError(
            _describe(exc), code=codes.TEMPLATE_ERROR, file=f"模板 {name}"
        ) from None
    try:
        return render_limited(template, context, user=bool(template_dirs))
    except ReportgenError:
        raise
    except Exception as exc:
        where = f"模板 {template.filename or name}"
        raise TemplateError(_describe(exc), code=codes.TEMPLATE_ERROR, file=where) from None
