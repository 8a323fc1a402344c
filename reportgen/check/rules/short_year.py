"""年份只写了后两位：24年3月。

公文里的年份要写全（2024年），不能简写。无法确定世纪，所以不自动修正。

错误示例::

    24年3月召开专题会议

正确示例::

    2024年3月召开专题会议
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Finding, TextUnit
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "C008"
ID = "short-year"
LEVEL = Level.WARNING
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

NEEDS = frozenset("年")  # a finding always holds 年
_SHORT = lazy(r"(?<![0-9０-９])(\d{2})年(?=\d{1,2}月)|(?<![0-9])['’‘](\d{2})年")


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    for m in _SHORT.finditer(unit.text):
        yield Finding(
            f"年份“{m.group()}”只写了两位，请写全（如 20{m.group(1) or m.group(2)}年）。",
            offset=m.start(),
        )
