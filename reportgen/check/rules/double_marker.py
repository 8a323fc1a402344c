"""编号后多了标点，或“一”后用了点号、逗号：（一）、 一. 一， 1.、

“一、”之后直接写文字；带括号的（一）（1）之后不再加任何标点。
可以用 --fix 自动修正。

错误示例::

    （一）、抓队伍
    一.工作情况

正确示例::

    （一）抓队伍
    一、工作情况
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Finding, TextUnit
from reportgen.check.rules._text import heading_marker, marker_fix
from reportgen.core.numbering import Family, marker
from reportgen.problem import Level

CODE = "O008"
ID = "double-marker"
LEVEL = Level.ERROR
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    found = heading_marker(unit)
    if found is None or found.family is Family.INLINE:  # 一是，… is usual
        return
    fixed = marker(found.family, found.number)
    if found.double:
        base = found.text[:-1]
        if found.family is Family.ARABIC and base[-1] in ")）":
            fixed = base
        yield marker_fix(
            found, fixed, f"编号“{found.text}”后多了一个“{found.text[-1]}”，应写作“{fixed}”。"
        )
    elif found.family is Family.CHAPTER and not found.canonical:
        yield marker_fix(
            found, fixed, f"编号“{found.text}”应写作“{fixed}”：一级标题的序号后用顿号“、”。"
        )
