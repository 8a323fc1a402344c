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

from reportgen.blocks import BlockKind, Document
from reportgen.check.core import Context, Finding

CODE = "C005"
ID = "heading-length"
TYPE = "document"
LEVEL = "warning"
FIXABLE = False
CONF: dict[str, type] = {"max": int}
DEFAULT: dict[str, Any] = {"max": 40}


def check(conf: dict[str, Any], document: Document, ctx: Context) -> Iterator[Finding]:
    for block in document.blocks:
        if block.kind is BlockKind.HEADING:
            length = len(block.text.rstrip("。！？"))
            if length > conf["max"]:
                yield Finding(
                    f"小标题{block.marker}有 {length} 个字，超过 {conf['max']} 个字；"
                    "请精简，把说明性文字移到正文。",
                    block=block,
                )
