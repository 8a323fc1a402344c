"""标题层次颠倒：（一）出现在 1. 之下，或一、出现在（一）之下。

层次序数由高到低是 一、 →（一）→ 1. →（1），只能向下用，不能颠倒。
一组编号从 1 开始、却紧跟在更低一级的标题之后，就是颠倒。

错误示例::

    一、工作情况
    1.抓队伍
    （一）抓排查

正确示例::

    一、工作情况
    （一）抓队伍
    1.组织领导
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CheckContext, Finding
from reportgen.check.rules._outline import shown
from reportgen.core.blocks import BlockKind, Document
from reportgen.core.numbering import Family
from reportgen.problem import Level

CODE = "O005"
ID = "level-inversion"
LEVEL = Level.ERROR
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    previous = None
    for block in document.blocks:
        if block.kind is BlockKind.GROUP:
            previous = None  # 一、 restarts in each 第X部分 block
            continue
        if block.kind is not BlockKind.HEADING or block.family in (None, Family.INLINE):
            continue
        if previous is not None and block.number == 1 and previous.level > block.level:
            yield Finding(
                f"{shown(block)}写在{shown(previous)}之下，层次颠倒了："
                f"“{block.marker}”一级应高于“{previous.marker}”一级。",
                block=block,
            )
        previous = block
