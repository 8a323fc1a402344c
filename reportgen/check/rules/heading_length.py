"""小标题太长（超过 max 个字）。

小标题（含同段标题句）应是一个短句，概括本条内容；长句应拆成标题和正文。

错误示例::

    （一）我局把校园安全工作列为季度重点任务坚持局领导班子成员分片包保和股室学校分级负责的工作机制。……

正确示例::

    （一）压实安全责任，健全工作机制。我局把校园安全工作列为……
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CheckContext, Finding
from reportgen.check.rules._outline import too_long
from reportgen.core.blocks import Document
from reportgen.problem import Level

CODE = "C005"
ID = "heading-length"
LEVEL = Level.WARNING
FIXABLE = False
CONF: dict[str, type] = {"max": int}
DEFAULT: dict[str, Any] = {"max": 40}


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    for block in document.headings():
        length = len(block.text.rstrip("。！？"))
        yield from too_long(
            f"小标题{block.marker}", length, conf["max"], block, "，把说明性文字移到正文"
        )
