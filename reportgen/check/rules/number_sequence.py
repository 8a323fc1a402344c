"""同一级编号不连续：跳号、重号，或不从一开始。

编号按位置从 1 起连续排列（一、二、三；（一）（二）；1. 2.）。在 Word 里增删、
挪动条目后最容易出这种错。

错误示例::

    （一）抓队伍
    （三）抓排查          （缺少（二））

    （一）抓队伍
    （一）抓排查
    （一）抓演练          （整组都是（一）：只报告一次，请重新编号）

“一、”之上分了板块（第一部分、第二部分）时，每个板块的“一、”可以重新编号，
也可以接着上一个板块编下去（三、四、），两种都不报告。

正确示例::

    （一）抓队伍
    （二）抓排查
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CheckContext, Finding
from reportgen.check.rules._outline import family_runs, groups, shown
from reportgen.core.blocks import Block, Document
from reportgen.core.numbering import marker
from reportgen.problem import Level

CODE = "O006"
ID = "number-sequence"
LEVEL = Level.ERROR
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    last_part = 0  # the number of the last 一、 part: a block may go on from it
    for group in groups(document.blocks):
        # 第二部分 may restart at 一、 or go on from the block before (三、四、): both are seen.
        goes_on = group[0].level == 1 and last_part and group[0].number == last_part + 1
        if group[0].level == 1:
            last_part = group[-1].number
        # Each change of family is reported by mixed-numbering; numbering restarts there.
        for i, run in enumerate(family_runs(group)):
            expected = run[0].number if i or goes_on else 1
            if len(run) > 1 and all(b.number == expected for b in run):
                yield _all_same(run, expected)
                continue
            for block in run:
                yield from _in_sequence(block, expected)
                # A repeat keeps counting by position; a gap goes on from the number written.
                expected = max(block.number, expected) + 1


def _all_same(run: list[Block], number: int) -> Finding:
    """（一）（一）（一）: one finding for the list, saying to renumber it."""
    assert run[0].family is not None
    family = run[0].family
    wanted = "".join(f"“{marker(family, number + k)}”" for k in range(min(len(run), 4)))
    more = "……" if len(run) > 4 else ""
    return Finding(
        f"这一组 {len(run)} 个编号都写成了“{run[0].marker}”：请按顺序重新编号为{wanted}{more}。",
        block=run[1],
    )


def _in_sequence(block: Block, expected: int) -> Iterator[Finding]:
    if block.number == expected:
        return
    assert block.family is not None
    want = marker(block.family, expected)
    if block.number == expected - 1:
        why = "与上一条重号"
    elif block.number > expected:
        why = f"跳号（缺少“{want}”）"
    else:
        why = "编号倒退"
    yield Finding(f"{shown(block)}编号不连续：{why}；这里应是“{want}”。", block=block)
