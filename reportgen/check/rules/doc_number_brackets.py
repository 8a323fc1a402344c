"""发文字号的年份用了方括号或圆括号，或写了“第”、补了零：青教发[2024]第03号。

发文字号的年份用六角括号〔〕，序号不编虚位、不加“第”（GB/T 9704 7.2.4）。
可以用 --fix 修正。

错误示例::

    青教发[2024]15号  青教发【2024】第03号

正确示例::

    青教发〔2024〕15号
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import HAN, Finding, TextUnit
from reportgen.check.rules._text import replacements
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "T006"
ID = "doc-number-brackets"
LEVEL = Level.ERROR
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

NEEDS = frozenset("号")  # a document number ends with 号
_NUMBER = lazy(rf"(?<=[{HAN}])([\[【（(〔［])\s*(\d{{4}})\s*([\]】）)〕］])\s*(第?)\s*(\d+)\s*号")


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    yield from replacements(
        _NUMBER,
        unit.text,
        lambda m: f"〔{m.group(2)}〕{int(m.group(5))}号",
        "发文字号“{found}”应写作“{fixed}”：年份用六角括号〔〕，序号不加“第”、不补零。",
    )
