"""标题或条目只有编号、没有内容。

错误示例::

    二、
    （三）

正确示例::

    二、存在的问题
    （三）抓演练，提升应急能力。
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CheckContext, Finding
from reportgen.core.blocks import Document
from reportgen.problem import Level

CODE = "C001"
ID = "empty-heading"
LEVEL = Level.ERROR
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    for block in document.headings():
        content = (
            block.text.strip("。 \u3000")
            if block.level == 1
            else (block.text + block.body).strip("。 \u3000")
        )
        if not content:
            yield Finding(f"“{block.marker}”之后没有内容：请补上标题，或删去这一条。", block=block)
