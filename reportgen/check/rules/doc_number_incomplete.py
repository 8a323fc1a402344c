"""发文字号没有写完：年份或序号空着、是占位符：青教发〔 〕号、青教发〔2025〕号、青教发〔XXXX〕X号。

发文字号由机关代字、年份和序号组成，写作“机关代字〔年份〕序号号”（GB/T 9704 7.2.4）：
年份是四位数字，用六角括号〔〕括起；序号是数字，不编虚位、不加“第”。模板里留的空
（〔 〕号、〔 年〕号）、缺了年份或序号、用 X、×、○ 代替的数字，都会报告；报告 YAML
的 doc_number 字段、写好的报告中标题上下的文号行和正文里引用的文号都检查。

错误示例::

    青教发〔 〕号  青教发〔2025〕号  青教发〔〕12号  青教发[ ]号  青教发〔20XX〕○号

正确示例::

    青教发〔2025〕12号
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Finding, TextUnit
from reportgen.core.doc_number import unfinished, unfinished_in
from reportgen.problem import Level

CODE = "C012"
ID = "doc-number-incomplete"
LEVEL = Level.ERROR
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

# The field of a report YAML and the block of a finished report that hold the 发文字号.
FIELD = "doc_number"


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    if unit.field == FIELD:
        # A finished report's 文号 line may carry the 签发人 on the next line of the block.
        line = unit.text.split("\n", 1)[0]
        message = unfinished(line) if line.strip() else None
        if message is not None:
            yield Finding(message, offset=len(line) - len(line.lstrip()))
        return
    for found in unfinished_in(unit.text):
        yield Finding(found.message, offset=found.start)
