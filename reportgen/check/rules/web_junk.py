"""从网页复制时带进来的杂项：“分享 时间:”“以下是网友为您整理”、浏览次数、残留代码。

错误示例::

    分享 时间:2024-10-09 浏览次数:1203
    以下是网友为您整理的校园安全工作报告
    阅读(1024)

正确示例::

    （删去这些行）

一段里句子之后粘上的分享栏（……126节。分享到：朋友圈）也会找出，只引用杂项本身。
YAML 里的值（如 period: "2024"）和表格单元格里的数字不算杂项。
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Finding, TextUnit
from reportgen.problem import Level

CODE = "C011"
ID = "web-junk"
LEVEL = Level.ERROR
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    # The same recogniser as `reportgen import`, which drops what this reports.
    from reportgen.read.junk import junk_spans, trailing_code

    spans = junk_spans(unit.text, value=unit.value)
    for start, end, reason in spans:
        quoted = unit.text[start:end]
        if len(quoted) > 30:
            quoted = quoted[:30] + "……"
        yield Finding(
            f"这像是从网页复制时带进来的杂项（{reason}：“{quoted}”），请删去。", offset=start
        )
    if spans:
        return
    tail = trailing_code(unit.text)
    if tail:
        yield Finding(
            f"段末有网页残留的代码“{tail.strip()}”，请删去。",
            offset=len(unit.text.rstrip()) - len(tail.strip()),
        )
