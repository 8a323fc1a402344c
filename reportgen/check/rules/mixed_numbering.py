"""同一部分同一级的条目混用了不同的编号样式。

不同部分可以用不同的样式（一部分用（一），另一部分用 1.），但同一部分里
同一级只能用一种。

错误示例::

    一、工作情况
    （一）抓队伍
    二是抓排查

正确示例::

    一、工作情况
    （一）抓队伍
    （二）抓排查
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CheckContext, Finding
from reportgen.check.rules._outline import family_runs, groups, shown
from reportgen.core.blocks import Document
from reportgen.problem import Level

CODE = "O007"
ID = "mixed-numbering"
LEVEL = Level.ERROR
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    for group in groups(document.blocks):
        runs = family_runs(group)
        if len(runs) > 1:
            first, block = group[0], runs[1][0]
            assert first.family is not None  # groups() holds numbered headings only
            yield Finding(
                f"{shown(block)}与同级的{shown(first)}编号样式不同；同一级请统一用"
                f"“{first.family.value}”一种样式。",
                block=block,
            )
