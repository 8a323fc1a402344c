"""报告有“一、二、三、”各部分，但没有一个是写工作情况的部分。

只检查 Markdown 和 DOCX（YAML 报告由 I016 按文种检查必需部分）。标题里没有
“问题”“下一步”等关键词的部分都算工作部分（按专题写的部分也算），
所以这条规则只在各部分全是问题、打算之类时报告。没有任何“一、”标题的报告
（整篇是段落）不检查。

错误示例::

    一、存在的问题
    二、下一步工作打算

正确示例::

    一、工作情况
    二、存在的问题
    三、下一步工作打算
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Context, Finding
from reportgen.check.rules._outline import FINISHED, level_one
from reportgen.core.blocks import Document

CODE = "O001"
ID = "missing-work-part"
TYPE = "document"
LEVEL = "error"
FIXABLE = False
SOURCES = FINISHED
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


def check(conf: dict[str, Any], document: Document, ctx: Context) -> Iterator[Finding]:
    from reportgen.genre.registry import role_labels, roles

    table = roles()
    parts = level_one(document.blocks)
    if parts and not any(b.role in table and table[b.role].holds_work for b in parts):
        work = role_labels()["work"]
        yield Finding(f"没有写{work}的部分：各部分都是问题或打算，缺少“{work}”。", block=parts[0])
