"""Where templates come from, and the one Jinja environment that renders them.

Built-ins ship inside the package (reportgen/templates); ``--templates DIR`` folders come
first. Every template runs in Jinja's sandbox with StrictUndefined: a user template may
not reach Python internals, and a misspelt variable is an error rather than a blank.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from reportgen.errors import TemplateError


@cache
def builtin_dir() -> Path:
    """The built-in templates: package data when installed, the top-level templates/ folder
    when running from a source checkout (where reportgen.templates is not a package)."""
    from importlib.resources import files

    try:
        return Path(str(files("reportgen.templates")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "templates"


def search_path(template_dirs: tuple[Path, ...] = ()) -> list[Path]:
    return [*template_dirs, builtin_dir()]


@cache
def environment(template_dirs: tuple[Path, ...] = ()) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path(template_dirs)]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def _describe(exc: Exception) -> str:
    if isinstance(exc, jinja2.UndefinedError):
        return f"模板用到了不存在的变量（{exc.message}）"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"模板语法错误（第 {exc.lineno} 行：{exc.message}）"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"模板试图访问不允许的内容（{exc}）"
    return f"模板出错（{type(exc).__name__}: {exc}）"


@cache
def _compiled(source: str, template_dirs: tuple[Path, ...]) -> jinja2.Template:
    # Kinds' formulas are a handful of short strings used for every report of a batch.
    return environment(template_dirs).from_string(source)


def render_string(
    source: str, context: dict[str, Any], where: str, template_dirs: tuple[Path, ...] = ()
) -> str:
    """Render a formula from a kind file (title, lead, closing)."""
    try:
        return _compiled(source, template_dirs).render(context)
    except Exception as exc:  # any failure inside a user's template is the template's fault
        raise TemplateError(f"{where}：{_describe(exc)}") from None


def render_template(
    name: str, context: dict[str, Any], template_dirs: tuple[Path, ...] = ()
) -> str:
    try:
        template = environment(template_dirs).get_template(name)
    except jinja2.TemplateNotFound:
        raise TemplateError(
            f"找不到模板 {name}（查找位置：{', '.join(map(str, search_path(template_dirs)))}）"
        ) from None
    except Exception as exc:
        raise TemplateError(f"模板 {name}：{_describe(exc)}") from None
    try:
        return template.render(context)
    except Exception as exc:
        raise TemplateError(f"模板 {template.filename or name}：{_describe(exc)}") from None
