"""标题太长（超过 max 个字）。

公文标题一般在两行以内（2 号字每行约 15 至 20 个字）；过长的标题应精简。

错误示例::

    关于青山县教育局认真贯彻落实上级关于2024年第三季度全县中小学校和幼儿园校园安全工作各项部署情况的报告

正确示例::

    关于2024年第三季度校园安全工作情况的报告
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CheckContext, Finding
from reportgen.check.rules._outline import too_long
from reportgen.core.blocks import BlockKind, Document
from reportgen.problem import Level

CODE = "C004"
ID = "title-length"
LEVEL = Level.WARNING
FIXABLE = False
CONF: dict[str, type] = {"max": int}
DEFAULT: dict[str, Any] = {"max": 40}


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    # A subtitle line (——在……会议上的汇报) is not counted with the title.
    titles = [
        b
        for b in document.blocks
        if b.kind is BlockKind.TITLE and not b.text.strip().startswith("—")
    ]
    if titles:
        yield from too_long("标题", sum(len(b.text) for b in titles), conf["max"], titles[0])
