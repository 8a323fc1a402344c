"""Bounds on what a template may compute: Jinja's sandbox stops attribute access, not size.

Without them one expression (``{{ "x" * 10**9 }}``) wrote 1 GB using 3.9 GB of memory. Every
limit is checked *before* the value is made, so a hostile template stops at once, small:
- a value made by ``*``, ``+``, ``~``, ``%`` or ``**`` (string, list, number) has at most
  MAX_SIZE elements (digits: MAX_INT_DIGITS);
- a number passed to any call or filter (``center(10**9)``, ``lipsum(10**9)``,
  ``slice(10**9)``) or written as a width in a format string is at most MAX_SIZE;
- ranges together hold at most MAX_LOOP items per render (nested loops multiply);
- calls (macros calling macros) nest at most MAX_DEPTH deep;
- one render writes at most MAX_SIZE characters and, when user templates are in play, takes
  at most MAX_MEMORY more memory.
Format strings and their widths are scanned in linear time (a hostile one must not hang).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
from collections.abc import Callable, Iterator, Sized
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

MAX_SIZE = 10_000_000  # characters (or items): a 5 MB report renders to about 2 million
MAX_INT_DIGITS = 4_300  # Python's own int-to-text limit
MAX_LOOP = 10_000_000
MAX_DEPTH = 64
MAX_MEMORY = 1 << 30  # bytes a render may add to the process

_BITS_PER_DIGIT = 3.33
# A %-conversion ("%-08.3f") whose width or precision has 8 digits or more: the only ones
# that can pass the limit. The flags are taken atomically (a lookahead and a backreference:
# Python 3.10 has no possessive quantifiers), so matching stays linear in the text.
_CONVERSION = re.compile(r"%(?=([-#0 +]*))\1(?=\d{8}|\d*\.\d{8})(\d*)(?:\.(\d*))?")
_RUN = re.compile(r"\d+")


class LimitExceeded(SecurityError):
    """A template asked for more than the sandbox allows; the message says which limit."""


def _too_big(what: str, size: int, limit: int = MAX_SIZE) -> LimitExceeded:
    return LimitExceeded(f"{what}有 {size:,} 个，超过上限 {limit:,}")


def _check_number(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
        raise LimitExceeded(f"数值 {_short(value)} 太大，超过上限 {MAX_SIZE:,}")


def _short(value: int) -> str:
    if value.bit_length() > 64:
        return f"约 2 的 {value.bit_length()} 次方"
    return f"{value:,}"


def _check_digits(digits: str) -> None:
    """A width or precision written in a format string: at most MAX_SIZE."""
    digits = digits.lstrip("0")
    if len(digits) > len(str(MAX_SIZE)) or (digits and int(digits) > MAX_SIZE):
        shown = digits if len(digits) <= 20 else f"{digits[:20]}…（{len(digits)} 位）"
        raise LimitExceeded(f"格式中的宽度 {shown} 太大，超过上限 {MAX_SIZE:,}")


def check_percent_format(text: str) -> None:
    """Widths and precisions of ``text % args`` ("%0999999999d")."""
    for conversion in _CONVERSION.finditer(text):
        _check_digits(conversion.group(2))
        _check_digits(conversion.group(3) or "")


def check_brace_format(text: str) -> None:
    """Widths and precisions in the fields of ``text.format(...)`` ("{:>999999999}")."""
    import string

    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # format() itself will refuse it
    for _literal, _name, spec, _conversion in fields:
        for run in _RUN.finditer(spec or ""):
            _check_digits(run.group())


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would exceed the limits, before it is computed."""
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            sequence = isinstance(seq, Sized) and not isinstance(seq, dict)
            if sequence and isinstance(times, int) and len(seq) * times > MAX_SIZE:
                raise _too_big("相乘得到的字符（或元素）", len(seq) * times)
        if isinstance(left, int) and isinstance(right, int):
            digits = int((left.bit_length() + right.bit_length()) / _BITS_PER_DIGIT)
            if digits > MAX_INT_DIGITS:
                raise _too_big("乘积的位数", digits, MAX_INT_DIGITS)
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
            digits = int(right * left.bit_length() / _BITS_PER_DIGIT)
            if digits > MAX_INT_DIGITS:
                raise _too_big("乘方结果的位数", digits, MAX_INT_DIGITS)
    elif operator == "+":
        both = isinstance(left, Sized) and isinstance(right, Sized)
        if both and len(left) + len(right) > MAX_SIZE:
            raise _too_big("相加得到的字符（或元素）", len(left) + len(right))
    elif operator == "%" and isinstance(left, str):
        check_percent_format(left)
        args = right if isinstance(right, tuple) else (right,)
        for arg in args:
            _check_number(arg)
        # An upper bound: each conversion writes at most its argument (or a number's digits).
        size = len(left) + sum(len(a) if isinstance(a, Sized) else 64 for a in args)
        if size > MAX_SIZE:
            raise _too_big("格式化得到的字符", size)


class _Budget:
    """What the render in progress has used (one render at a time per process)."""

    loop = 0
    depth = 0


def _guard_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose number arguments are checked first (``center(10**9)``)."""

    # The value filtered comes first (after the context or environment, when Jinja passes
    # one); its size was checked where it was made. Only the parameters are looked at.
    skip = 2 if hasattr(func, "jinja_pass_arg") else 1

    @functools.wraps(func)  # keeps jinja_pass_arg, so Jinja passes the same arguments
    def guarded(*args: Any, **kwargs: Any) -> Any:
        for value in (*args[skip:], *kwargs.values()):
            _check_number(value)
        return func(*args, **kwargs)

    return guarded


class _Generator(CodeGenerator):
    """Jinja's code generator with ``a ~ b`` sent through the environment, where its size is
    checked: the sandbox does not intercept it, and ``s ~ s`` in a loop doubles each time."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.concat_limited((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class LimitedSandbox(SandboxedEnvironment):
    """Jinja's sandbox with the size, loop and depth limits of this module."""

    code_generator_class = _Generator

    # Intercepted operators are also no longer folded at compile time, where
    # {{ "x" * 10**9 }} would be computed before rendering began.
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters = {name: _guard_filter(f) for name, f in self.filters.items()}
        self.filters["format"] = _guard_filter(_format_filter)

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(
        __self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any
    ) -> Any:
        if not isinstance(__obj, jinja2.runtime.Macro):  # a macro's body is checked itself
            for value in (*args, *kwargs.values()):
                _check_number(value)
        if _Budget.depth >= MAX_DEPTH:
            raise LimitExceeded(f"调用嵌套超过 {MAX_DEPTH} 层（宏是否在无限地调用自己？）")
        _Budget.depth += 1
        try:
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            _Budget.depth -= 1
        if isinstance(result, range):
            _Budget.loop += len(result)
            if _Budget.loop > MAX_LOOP:
                raise _too_big("range() 一共产生的数", _Budget.loop, MAX_LOOP)
        return result

    def concat_limited(self, values: tuple[Any, ...]) -> str:
        texts = [str(v) for v in values]  # what Jinja's str_join does (no autoescape here)
        size = sum(map(len, texts))
        if size > MAX_SIZE:
            raise _too_big("用 ~ 连接得到的字符", size)
        return "".join(texts)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:  # value is a str's (or Markup's) format or format_map
            check_brace_format(str(value.__self__))
        return wrapped


def _format_filter(value: str, *args: Any, **kwargs: Any) -> str:
    """Jinja's ``format`` filter (``"%s-%s"|format(a, b)``) with its widths checked."""
    from jinja2.filters import do_format

    if isinstance(value, str):
        check_percent_format(value)
    return do_format(value, *args, **kwargs)


def render_limited(template: jinja2.Template, context: dict[str, Any], *, user: bool = True) -> str:
    """``template.render(context)``, stopped once the output passes MAX_SIZE characters, in
    at most MAX_MEMORY more memory (where the system lets a process cap its own) when the
    templates may be the ``user``'s: the built-ins alone are trusted with memory."""
    _Budget.loop = _Budget.depth = 0
    pieces: list[str] = []
    written = 0
    with memory_ceiling() if user else contextlib.nullcontext():
        for piece in template.generate(context):
            written += len(piece)
            if written > MAX_SIZE:
                raise _too_big("输出的字符", written)
            pieces.append(piece)
        return "".join(pieces)


@contextlib.contextmanager
def memory_ceiling(extra: int = MAX_MEMORY) -> Iterator[None]:
    """Cap the process's address space at its current size plus ``extra`` while the block
    runs: what the checks above do not foresee (``[s] * 1000 | join``) is a MemoryError,
    not gigabytes. Linux only; elsewhere, or under a tighter limit already, nothing changes."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as fh:
            size = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):
        yield
        return
    ceiling = size + extra
    unlimited = resource.RLIM_INFINITY
    if (soft != unlimited and soft <= ceiling) or (hard != unlimited and hard < ceiling):
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
