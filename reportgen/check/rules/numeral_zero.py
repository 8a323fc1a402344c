"""汉字数字年份里的零写成了 O、0、○ 或“零”：二O二四年。

汉字数字年份里的零用“〇”（U+3007）。可以用 --fix 修正。

错误示例::

    二O二四年十月八日

正确示例::

    二〇二四年十月八日
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Finding, TextUnit
from reportgen.check.rules._text import replacements
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "C010"
ID = "numeral-zero"
LEVEL = Level.ERROR
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

NEEDS = frozenset("年")  # only years are checked
_YEAR = lazy(r"[〇零一二三四五六七八九OoＯｏ○0]{4}(?=年)")
_ZEROS = "零OoＯｏ○0"


def _fixed(m: re.Match[str]) -> str | None:
    year = m.group()
    if not any(c in "一二三四五六七八九" for c in year) or not any(c in _ZEROS for c in year):
        return None
    return "".join("〇" if c in _ZEROS else c for c in year)


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    yield from replacements(
        _YEAR, unit.text, _fixed, "年份“{found}年”中的零应写作“〇”：“{fixed}年”。"
    )
