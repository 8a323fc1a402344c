"""标题跳过了两级：一、之下直接是（1），或（一）之下直接是（1）。

层次序数是 一、 →（一）→ 1. →（1）。一、之下直接用 1.（跳过（一））是常见
且被接受的写法，不报告；跳过两级或（一）之下跳过 1. 给出提醒。文种文件按层级
写了编号（numbering: [一、, （一）, （1）]）时，按文种写的跳级也不提醒。

错误示例::

    一、工作情况
    （1）抓队伍

正确示例::

    一、工作情况
    （一）抓队伍          （或 1.抓队伍）
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CheckContext, Finding
from reportgen.check.rules._outline import numbered, shown
from reportgen.core.blocks import Document
from reportgen.core.numbering import LEVEL_OF, STANDARD, Family
from reportgen.problem import Level

CODE = "O004"
ID = "level-skip"
LEVEL = Level.WARNING
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    kind = ctx.kind
    ladder = kind.spec.ladder if kind is not None else STANDARD
    for block, parent in numbered(document.blocks):
        if parent is None or block.family is Family.INLINE or parent.family is None:
            continue
        expected = ladder.below(parent.family)  # what the kind puts below the parent
        if block.family is expected:
            continue
        gap = block.level - parent.level
        if gap >= 2 and not (parent.level == 1 and block.level == 3):
            between = LEVEL_OF.get(expected, block.level) < block.level
            first = expected.value if between else STANDARD.below(parent.family).value
            yield Finding(
                f"{shown(block)}直接写在{shown(parent)}之下，跳过了中间的层次；应先用{first}一级。",
                block=block,
            )
