"""同一份报告里日期有的用阿拉伯数字、有的用汉字数字。

一份报告只用一种写法，公文一般用阿拉伯数字：2024年1月5日。报告少数写法的
第一处。

错误示例::

    ……于2024年9月1日开学……
    二〇二四年十月八日

正确示例::

    ……于2024年9月1日开学……
    2024年10月8日
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CheckContext, Finding
from reportgen.core.blocks import Document
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "C009"
ID = "mixed-date-style"
LEVEL = Level.WARNING
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

_ARABIC = lazy(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?")
_CHINESE = lazy(
    r"[〇零一二三四五六七八九OoＯ○]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?"
)


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    arabic, chinese = [], []
    for block in document.blocks:
        text = block.full_text
        if "月" not in text:  # every date either pattern finds has 月: no scans here
            continue
        arabic += [(block, m.group()) for m in _ARABIC.finditer(text)]
        chinese += [(block, m.group()) for m in _CHINESE.finditer(text)]
    if arabic and chinese:
        minority, style = (
            (chinese, "汉字数字") if len(chinese) <= len(arabic) else (arabic, "阿拉伯数字")
        )
        block, text = minority[0]
        yield Finding(
            f"日期“{text}”用了{style}，与报告中其他日期的写法不一致；请统一（公文一般用 2024年1月5日）。",
            block=block,
        )
