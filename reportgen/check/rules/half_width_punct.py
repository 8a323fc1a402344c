"""中文里用了半角标点：, ; : ? ! ( ) 以及句末的 .

中文行文用全角标点（，；：？！（））。紧挨汉字或全角标点的半角标点就是从网页、
聊天软件或英文输入法带进来的；句末的“.”在汉字或全角的）”》之后也算。可以用 --fix 修正；数字之间的“,”“:”“.”（1,000、
10:30、1.5）和网址里的不算。

错误示例::

    本季度召开专题会议3次,研究部署开学安全工作(含幼儿园).

正确示例::

    本季度召开专题会议3次，研究部署开学安全工作（含幼儿园）。
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Edit, Finding, TextUnit, has_han, is_cjk, is_han
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "T001"
ID = "half-width-punct"
LEVEL = Level.ERROR
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

# A unit without any of these characters cannot have a finding (the runner skips the rule).
NEEDS = frozenset(",;:?!.()")
FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。", "(": "（", ")": "）"}
_CANDIDATES = lazy(r"[,;:?!.]")
_PARENS = lazy(r"[()]")
# A sentence may end right after a closing bracket or quote: …（含夜查）. …“一键报警”.
_CLOSERS = "）”’》」』】〕"
# An address starts where a run of its characters starts (the look-behind): tried from
# every character of a long run, ``[\w.+-]+@`` read the rest of the run each time, and a
# paragraph of 80,000 characters (Han characters are ``\w``) took 18 s instead of 0.1.
_URL = lazy(r"(?:https?://|www\.)[\x21-\x7e]+")
_EMAIL = lazy(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+")


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _spaces(text: str, i: int, step: int) -> int:
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return j - step


def _after_han_figure(text: str, i: int) -> bool:
    """合格率达96%! — the mark follows a figure that follows Chinese (end of a sentence)."""
    j = i - 1
    while j >= 0 and (text[j].isdigit() or text[j] in "%％.‰"):
        j -= 1
    return j < i - 1 and j >= 0 and is_han(text[j]) and text[i] in "!?;"


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    text = unit.text
    if not has_han(text):
        return
    skip = set(range(unit.marker_len))
    for pattern in (_URL, _EMAIL) if "@" in text else (_URL,):
        for m in pattern.finditer(text):
            skip.update(range(m.start(), m.end()))
    yield from _parens(text, skip)
    for m in _CANDIDATES.finditer(text):
        i, ch = m.start(), m.group()
        if i in skip:
            continue
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if ch == ".":
            tight_after = text[i + 1] if i + 1 < len(text) else ""
            tight_before = text[i - 1] if i else ""
            if not (
                (is_han(tight_before) or tight_before in _CLOSERS)
                and (tight_after in ("", " ", "\n") or is_cjk(tight_after))
            ):
                continue
        elif not (is_cjk(before) or is_cjk(after) or _after_han_figure(text, i)):
            continue
        if ch in ",:" and i and text[i - 1].isdigit() and text[i + 1 : i + 2].isdigit():
            continue
        start = _spaces(text, i, -1) if is_cjk(before) else i
        end = _spaces(text, i, 1) + 1 if (is_cjk(after) or not after) else i + 1
        yield Finding(
            f"中文里用了半角“{ch}”，应为全角“{FULL[ch]}”。",
            offset=i,
            edits=(Edit(start, end, FULL[ch]),),
        )


def _parens(text: str, skip: set[int]) -> Iterator[Finding]:
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    lone: list[int] = []
    for m in _PARENS.finditer(text):
        i, ch = m.start(), m.group()
        if i in skip:
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")":
            if stack:
                pairs.append((stack.pop(), i))
            else:
                lone.append(i)
    lone += stack
    for a, b in pairs:
        inside = text[a + 1 : b]
        outside = (text[a - 1] if a else "") + (text[b + 1] if b + 1 < len(text) else "")
        if has_han(inside) or any(is_cjk(c) for c in outside):
            yield Finding(
                "中文里用了半角括号“( )”，应为全角“（ ）”。",
                offset=a,
                edits=(Edit(a, a + 1, "（"), Edit(b, b + 1, "）")),
            )
    for i in sorted(lone):
        near = (text[i - 1] if i else "") + (text[i + 1] if i + 1 < len(text) else "")
        if any(is_cjk(c) for c in near):
            yield Finding(
                f"中文里用了半角“{text[i]}”，且找不到与之配对的括号；请手工改正。", offset=i
            )
