"""日期的月、日前补了零：2024年01月05日、2025年01月、01月05日。

公文日期用阿拉伯数字，年份写全，月、日不编虚位（GB/T 15835）。有年有月（2025年01月）、
有月有日（01月05日）的都算。可以用 --fix 修正。

错误示例::

    2024年01月05日
    计划于2025年01月开展培训

正确示例::

    2024年1月5日
    计划于2025年1月开展培训
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Finding, TextUnit
from reportgen.check.rules._text import replacements
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "C007"
ID = "date-padding"
LEVEL = Level.ERROR
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

NEEDS = frozenset("0０")  # a padded month or day starts with a zero
# Year and month, month and day, or all three; a month alone (03月) is not taken for a date.
_DATE = lazy(r"(?<![0-9])(\d{4}年)?(0?\d|1[0-2])月(?:(0?\d|[12]\d|3[01])日)?")


def _unpadded(m: re.Match[str]) -> str | None:
    year, month, day = m.group(1), m.group(2), m.group(3)
    if not (year or day) or not (month.startswith("0") or (day or "").startswith("0")):
        return None
    return f"{year or ''}{int(month)}月" + (f"{int(day)}日" if day else "")


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    if "月" not in unit.text:  # every date it finds has a month: no scan of the unit
        return
    yield from replacements(
        _DATE, unit.text, _unpadded, "日期“{found}”的月、日前不补零，应写作“{fixed}”。"
    )
