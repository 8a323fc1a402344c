"""文字里有看不见的字符：零宽字符、双向控制字符或软连字符。

从网页、聊天软件或 PDF 复制的文字常夹带这些字符：零宽空格 U+200B、零宽
（不）连接符 U+200C/U+200D、词连接符 U+2060、文字中间的 U+FEFF、软连字符
U+00AD，以及双向控制字符 U+202A–U+202E、U+2066–U+2069。它们看不见，却会让
搜索、比对和字数统计出错；“从右到左覆盖”之类的双向控制字符还会让文字显示得
与实际内容不同。可以用 --fix 删去（报告文件里写成 "\\u200b" 这样的转义也能删）。
表情符号之间的零宽连接符（组合表情）不算。

错误示例::

    召开专题会议3次                   （“3”与“次”之间夹着看不见的 U+200B）
    lead: "本季度\\u200b，我局……"      （报告文件里用转义写的同一个字符）

正确示例::

    召开专题会议3次
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Finding, TextUnit
from reportgen.check.rules._text import replacements
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "T009"
ID = "invisible-character"
LEVEL = Level.ERROR
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

NAMES = {
    "\u00ad": "软连字符",
    "\u200b": "零宽空格",
    "\u200c": "零宽不连接符",
    "\u200d": "零宽连接符",
    "\u2060": "词连接符",
    "\ufeff": "零宽不换行空格",
    "\u202a": "从左到右嵌入",
    "\u202b": "从右到左嵌入",
    "\u202c": "嵌入结束",
    "\u202d": "从左到右覆盖",
    "\u202e": "从右到左覆盖",
    "\u2066": "从左到右隔离",
    "\u2067": "从右到左隔离",
    "\u2068": "首字隔离",
    "\u2069": "隔离结束",
}
NEEDS = frozenset(NAMES)
_INVISIBLE = lazy(f"[{''.join(NAMES)}]+")
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _emoji(ch: str) -> bool:
    return bool(ch) and (ord(ch) >= 0x1F000 or 0x2600 <= ord(ch) <= 0x27BF or ch == "\ufe0f")


def _removed(m: re.Match[str]) -> str | None:
    text, start, end = m.string, m.start(), m.end()
    # A joiner inside an emoji sequence (👨 U+200D 👩) is part of the picture.
    in_emoji = start > 0 and end < len(text) and _emoji(text[start - 1]) and _emoji(text[end])
    return None if m.group() == "\u200d" and in_emoji else ""


def _message(m: re.Match[str]) -> str:
    found = list(dict.fromkeys(m.group()))
    said = "、".join(f"U+{ord(c):04X}（{NAMES[c]}）" for c in found)
    if any(c in _BIDI for c in found):
        return f"文字里有看不见的双向控制字符 {said}，会让文字显示得与实际内容不同；请删去。"
    return f"文字里有看不见的字符 {said}；请删去。"


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    yield from replacements(_INVISIBLE, unit.text, _removed, _message)
