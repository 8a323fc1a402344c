"""省略号写法不对：... 。。。 或单个 …

省略号是两个“…”（U+2026）：……。可以用 --fix 修正。

错误示例::

    开展消防、防溺水、交通安全教育...

正确示例::

    开展消防、防溺水、交通安全教育……
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Finding, TextUnit, has_han
from reportgen.check.rules._text import replacements
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "T004"
ID = "ellipsis"
LEVEL = Level.ERROR
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

NEEDS = frozenset(".。·…")  # a finding always holds one of these
_WRONG = lazy(r"\.{3,}|。{3,}|·{3,}|…{3,}|(?<!…)…(?!…)")


# Each match of _WRONG holds one of these: a unit without them is not scanned at all.
_SIGNS = ("...", "。。。", "···", "…")


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    if not any(sign in unit.text for sign in _SIGNS) or not has_han(unit.text):
        return
    yield from replacements(_WRONG, unit.text, "……", "省略号“{found}”应写作“……”（两个 U+2026）。")
