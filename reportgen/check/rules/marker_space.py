"""编号后多了空格：2. 加强管理、（一） 抓队伍。

编号之后直接写文字（“一、工作情况”“（一）抓队伍”“1.消防演练”），不加空格；
空格多是从网页、Word 的自动编号或 Markdown 列表带进来的。同段的小标题可以用 --fix
删去空格；单独成行的小标题读入时空格已被去掉，只报告，请手工删去。

错误示例::

    （一） 抓队伍
    2. 加强管理

正确示例::

    （一）抓队伍
    2.加强管理
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Edit, Finding, TextUnit
from reportgen.check.rules._text import heading_marker
from reportgen.problem import Level

CODE = "O011"
ID = "marker-space"
LEVEL = Level.WARNING
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

SPACES = " \u3000\u00a0\t"


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    found = heading_marker(unit)
    end = unit.marker_len
    if found is None or not end or not unit.text[end:].strip(SPACES):
        return
    text = unit.text
    stop = end
    while stop < len(text) and text[stop] in SPACES:
        stop += 1
    marker = text[:end]
    if stop > end:
        yield Finding(
            f"编号“{marker}”后多了空格：编号之后直接写文字。",
            offset=end,
            edits=(Edit(end, stop, ""),),
        )
    elif _dropped_space(unit, end):
        yield Finding(
            f"编号“{marker}”后多了空格：编号之后直接写文字；"
            "--fix 不改单独成行的标题，请手工删去这个空格。",
            offset=end,
        )


def _dropped_space(unit: TextUnit, end: int) -> bool:
    """Whether the file has a space between the marker and the text that reading dropped.

    A heading on its own line is read without the spaces around its text, so only the
    file shows them (markup such as ``**`` between the two does not count).
    """
    if unit.spans is None or unit.index is None or end >= len(unit.spans):
        return False
    last, first = unit.spans[end - 1], unit.spans[end]
    if last is None or first is None:
        return False
    gap = unit.index.text[last[1] : first[0]].replace("*", "").replace("_", "")
    return bool(gap) and not gap.strip(SPACES)
