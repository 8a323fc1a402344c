"""编号的写法不规范：半角括号 (一) (1)、顿号 1、、全角点 1．、全角数字（１）。

（一）（1）用全角括号，阿拉伯数字序号后用半角点“1.”。这些写法在实际报告里
很常见，所以是提醒；除“1)”“1）”（说不清是 1. 还是（1））外都可以用 --fix 修正。

错误示例::

    (一)抓队伍
    1、消防演练

正确示例::

    （一）抓队伍
    1.消防演练
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Finding, TextUnit
from reportgen.check.rules._text import heading_marker, marker_fix
from reportgen.numbering import Family, marker

CODE = "O009"
ID = "marker-form"
TYPE = "text"
LEVEL = "warning"
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    found = heading_marker(unit)
    if found is None or found.canonical or found.double or found.family is Family.CHAPTER:
        return
    fixed = marker(found.family, found.number)
    if found.family is Family.ARABIC and found.text[-1] in ")）":
        yield Finding(
            f"编号“{found.text}”不规范：应写作“{fixed}”或“（{found.number}）”，请手工改正。"
        )
        return
    yield marker_fix(found, fixed, f"编号“{found.text}”应写作“{fixed}”。")
