"""中文里用了直引号 "，应为弯引号“”。

--fix 按出现顺序把直引号两两配成“”；一段里直引号个数是奇数时说不清哪个是
开、哪个是闭，只报告，不修改。

错误示例::

    坚持"安全第一、预防为主"

正确示例::

    坚持“安全第一、预防为主”
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import RE_HAN, Edit, Finding, TextUnit

CODE = "T003"
ID = "straight-quotes"
TYPE = "text"
LEVEL = "error"
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


NEEDS = frozenset('"')


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    text = unit.text
    quotes = [i for i, ch in enumerate(text) if ch == '"' and i >= unit.marker_len]
    if not quotes or not RE_HAN.search(text):
        return
    if len(quotes) % 2:
        yield Finding(
            f'中文里用了直引号“"”（共 {len(quotes)} 个，是奇数，无法确定如何配对）；请手工改为“”。',
            offset=quotes[0],
        )
        return
    for a, b in zip(quotes[::2], quotes[1::2], strict=False):
        yield Finding(
            '中文里用了直引号“"”，应为弯引号“”。',
            offset=a,
            edits=(Edit(a, a + 1, "“"), Edit(b, b + 1, "”")),
        )
