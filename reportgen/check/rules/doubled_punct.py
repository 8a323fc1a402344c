"""标点重复：。。 ，， ；； 、、 ：：（省略号 …… 除外）。

一句话只用一个句号、逗号或分号；连打两个多是输入时手误或删改时留下的。
可以用 --fix 修正（留下一个）。三个句号“。。。”是写错的省略号，见 T004。

错误示例::

    各校均已签订安全责任书。。

正确示例::

    各校均已签订安全责任书。
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Finding, TextUnit
from reportgen.check.rules._text import replacements
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "T010"
ID = "doubled-punct"
LEVEL = Level.ERROR
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

NEEDS = frozenset("。，、；：")  # a finding always holds one of these
# 。。。 and longer is a mistyped ellipsis (T004 says what it should be).
_DOUBLED = lazy(r"([，、；：])\1+|(?<!。)。。(?!。)")


# Each match of _DOUBLED holds one of these: a unit without them is not scanned at all.
_TWICE = tuple(mark * 2 for mark in "，、；：。")


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    if not any(twice in unit.text for twice in _TWICE):
        return
    yield from replacements(
        _DOUBLED,
        unit.text,
        lambda m: m.group()[0],
        "标点“{found}”重复了，应只写一个“{fixed}”。",
    )
