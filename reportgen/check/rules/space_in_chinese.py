"""中文里有空格：汉字之间、汉字与全角标点之间，或汉字与数字、字母之间。

公文里汉字与数字、字母之间不加空格（网页排版指南的“盘古之白”不适用）。
可以用 --fix 删去。小标题编号后的空格（（一） 抓队伍）由 O011 marker-space 报告。

发文字号里留着待填的空（青教发〔 〕号）由 C012 doc-number-incomplete 报告，这里不报。

对齐用的空格不算：名单里两个字的标签（组 长：、成　员：）、板块编号之后的空格
（第一部分　工作回顾）和版记里的空格（……办公室　　2024年7月5日印发）。

错误示例::

    共检查 186 家经营单位， 责令整改14家

正确示例::

    共检查186家经营单位，责令整改14家
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CJK, HAN, Finding, TextUnit
from reportgen.check.rules._text import replacements
from reportgen.core.blocks import BlockKind
from reportgen.core.doc_number import blank_spans
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "T008"
ID = "space-in-chinese"
LEVEL = Level.ERROR
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

NEEDS = frozenset(" \u3000\u00a0\t")
_SPACE = lazy(
    # A paragraph indented by hand with full-width spaces (the layout indents it): all of it.
    rf"(?:^|(?<=\n))\u3000+(?=[{CJK}])|"
    rf"(?<=[{CJK}])[ \u3000\u00a0\t]+(?=[{CJK}])"
    rf"|(?<=[{HAN}])[ \u00a0]+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])[ \u00a0]+(?=[{HAN}])"
)


_NUMBER_AND_SIGNER = lazy(r"^\S*〔\d{4}〕\d+号[\t \u3000]+\S")
# Spaces that align: a two-character label of a name list (组 长：, 成　员：), the space
# after a block's marker (第一部分　工作回顾).
# At the start of any line: a YAML text block holds a whole name list, one label a line.
_LABEL = lazy(r"(?m)^[\u3400-\u9fff][ \u3000]{1,4}[\u3400-\u9fff][：:]")
_GROUP = lazy(r"(?m)^(?:第[一二三四五六七八九十]+(?:部分|板块|篇)|[上中下]篇)[ \u3000]+")


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    if unit.block is not None and unit.block.kind is BlockKind.IMPRINT:
        return  # 版记: 青山县教育局办公室　　2024年7月5日印发 is laid out with spaces
    if "签发人：" in unit.text or _NUMBER_AND_SIGNER.match(unit.text):
        # 签发人 names stand a full-width space apart (GB/T 9704 7.2.4), and the 发文字号
        # sits on the (last) 签发人 line, flush left, the names on the right.
        return
    aligned = [m.span() for m in _LABEL.finditer(unit.text)]
    aligned += [m.span() for m in _GROUP.finditer(unit.text)]
    # The blank of an unfinished 发文字号 (〔 〕号) is to be filled in, not closed up:
    # doc-number-incomplete (C012) reports it.
    aligned += blank_spans(unit.text, whole=unit.field == "doc_number")
    for finding in replacements(_SPACE, unit.text, "", "中文里不加空格，请删去这里的空格。"):
        if unit.marker_len and finding.offset == unit.marker_len:
            continue  # a space right after a heading marker: marker-space (O011)
        if any(start <= finding.offset < end for start, end in aligned):
            continue
        yield finding
