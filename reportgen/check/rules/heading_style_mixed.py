"""同级的小标题有的与正文同段，有的单独成行。

两种写法都对：同段的小标题以“。”结束、后接正文；单独成行的小标题不加标点，
正文另起一段。但同一部分里同一级的小标题应当统一。报告与多数写法不同的那几条
（一样多时以第一条为准）。报告文件（YAML）按部分设置 run_in，同一部分的条目写法
总是一致的，所以只有写好的报告（Markdown、DOCX）会有这个提醒。只有编号、没有标题句
的条目和“一是”条目不算。

错误示例::

    （一）抓队伍，强化组织领导。本季度召开专题会议3次……
    （二）抓排查，消除安全隐患
    组织开展拉网式排查……

正确示例::

    （一）抓队伍，强化组织领导。本季度召开专题会议3次……
    （二）抓排查，消除安全隐患。组织开展拉网式排查……
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CheckContext, Finding, SourceKind
from reportgen.check.rules._outline import groups, heading_style, shown
from reportgen.core.blocks import Document
from reportgen.problem import Level

CODE = "O010"
ID = "heading-style-mixed"
LEVEL = Level.WARNING
FIXABLE = False
# A report YAML sets run_in per part, so its items always agree; typed lines inside its text
# blocks (check/typed_lines.py) are already told to become items.
SOURCES = (SourceKind.MD, SourceKind.DOCX)
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

_SAID = {"run-in": "与正文同段", "own-line": "单独成行"}


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    for group in groups(document.blocks):
        styled = [(b, s) for b in group if b.level > 1 and (s := heading_style(b))]
        styles = [s for _, s in styled]
        if len(set(styles)) < 2:
            continue
        usual = max(dict.fromkeys(styles), key=styles.count)  # a tie: the first one's
        first = next(b for b, s in styled if s == usual)
        for block, style in styled:
            if style != usual:
                yield Finding(
                    f"小标题{shown(block)}{_SAID[style]}，而同级的{shown(first)}"
                    f"{_SAID[usual]}；同级小标题的写法请统一。",
                    block=block,
                )
