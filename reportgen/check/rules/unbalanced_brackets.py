"""括号、引号、书名号不配对：（）“”‘’《》〔〕【】「」。

报告没有配对的那一个的位置。

错误示例::

    印发《青山县中小学校安全工作考核办法的通知，（含幼儿园

正确示例::

    印发《青山县中小学校安全工作考核办法》的通知（含幼儿园）
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Finding, TextUnit
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "T002"
ID = "unbalanced-brackets"
LEVEL = Level.ERROR
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

PAIRS = {"（": "）", "“": "”", "‘": "’", "《": "》", "〔": "〕", "【": "】", "「": "」", "〈": "〉"}
CLOSERS = {v: k for k, v in PAIRS.items()}
NEEDS = frozenset(PAIRS) | frozenset(CLOSERS)  # no bracket, nothing to balance
_BRACKETS = lazy("[" + re.escape("".join(NEEDS)) + "]")


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    text = unit.text
    stack: list[tuple[str, int]] = []
    # How many of each opener the stack holds: asking "is there one further out?" by
    # scanning the stack made a paragraph of unclosed brackets quadratic.
    held = dict.fromkeys(PAIRS, 0)
    for m in _BRACKETS.finditer(text):
        i, ch = m.start(), m.group()
        if ch in PAIRS:
            stack.append((ch, i))
            held[ch] += 1
        elif ch in CLOSERS:
            if ch == "’" and i and text[i - 1].isascii() and text[i - 1].isalpha():
                continue  # an apostrophe in English: it’s
            if stack and stack[-1][0] == CLOSERS[ch]:
                held[stack.pop()[0]] -= 1
            elif held[CLOSERS[ch]]:
                # The closer matches an outer opener: the inner ones were never closed.
                while stack[-1][0] != CLOSERS[ch]:
                    open_, at = stack.pop()
                    held[open_] -= 1
                    yield Finding(f"“{open_}”没有对应的“{PAIRS[open_]}”。", offset=at)
                held[stack.pop()[0]] -= 1
            else:
                yield Finding(f"多了一个“{ch}”：前面没有对应的“{CLOSERS[ch]}”。", offset=i)
    for open_, at in stack:
        yield Finding(f"“{open_}”没有对应的“{PAIRS[open_]}”。", offset=at)
