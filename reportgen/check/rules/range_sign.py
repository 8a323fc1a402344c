"""范围号用得不对：2023-2024学年、25~30人、25-30人。

表示时间范围用一字线“—”（2023—2024学年、2024年10月—12月），表示数值范围用
浪纹线“～”（25～30人、10%～20%）；连字符“-”只用于代号和 ISO 日期
（GB/T 9704-2012、2024-10-08），不算。只看紧挨汉字的数字范围：后面跟着
人、元、所、天、个这样的单位，或者两头都是年份。可以用 --fix 修正。

错误示例::

    2023-2024学年共培训教师25~30人

正确示例::

    2023—2024学年共培训教师25～30人
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Edit, Finding, TextUnit, is_cjk
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "T011"
ID = "range-sign"
LEVEL = Level.WARNING
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

_SIGNS = "-－~～–—―"
NEEDS = frozenset(_SIGNS)
_SIGN = "[" + re.escape(_SIGNS) + "]"
_NUM = r"(?!0[0-9])[0-9]+(?:\.[0-9]+)?"
# Two numbers joined by one range sign; not part of a longer run of numbers, codes or dates
# (1-2-3, A1-2, 2024-10-08, 10:00-12:00).
_RANGE = lazy(
    rf"(?<![0-9A-Za-z.:/_]|{_SIGN})({_NUM})(%|％)?(\s*{_SIGN}\s*)({_NUM})"
    rf"(?![0-9A-Za-z.:/_]|{_SIGN}[0-9])"
)
# Two dates or times with their units: 2023年-2024年, 10月~12月, 3日-5日.
_DATES = lazy(rf"(?<=[0-9][年月日])(\s*{_SIGN}\s*)(?=[0-9]{{1,4}}[年月日])")
_YEAR_AFTER = ("年", "学年", "学期", "届", "级", "赛季", "财年", "财政年度", "年度")
# A measure word or unit right after the second number makes it a quantity range.
_UNIT = lazy(
    "(?:小时|分钟|公里|公顷|平方|千米|学时|课时|所(?![示述在以有属谓需])"
    "|[人名位元万亿千百个家天次项条处件台套本册份场节篇期批班门种类组户辆张间座栋层岁周年倍米吨克斤升度分秒例起课])"
)
_NOT_RANGE_BEFORE = ("图", "表", "式", "附录", "附件", "附图", "附表")  # 图1-2, 表3-5: numbers


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    text = unit.text
    for m in _RANGE.finditer(text):
        sign = _sign(text, m)
        if sign is not None and m.group(3) != sign:
            yield _finding(m.group(3), sign, m.start(3), m.end(3))
    for m in _DATES.finditer(text):
        if m.group(1) != "—":
            yield _finding(m.group(1), "—", m.start(1), m.end(1))


def _sign(text: str, m: re.Match[str]) -> str | None:
    """— for a range of years or dates, ～ for a range of quantities, None: not a range."""
    first, percent, second = m.group(1), m.group(2), m.group(4)
    if float(first) >= float(second):
        return None
    before = text[: m.start()].rstrip(" ")
    prev = before[-1:]
    if (prev.isascii() and (prev.isalnum() or prev in ("/", "_", ".", "#"))) or before.endswith(
        _NOT_RANGE_BEFORE
    ):
        return None  # a code (GB/T 9704-2012, ISO 9001-2015) or a figure number
    after = text[m.end() :]
    years = not percent and all(
        x.isdigit() and len(x) == 4 and 1900 <= int(x) <= 2099 for x in (first, second)
    )
    if years and after.startswith(_YEAR_AFTER):
        return "—"
    if after[:1] in ("%", "％"):
        near = is_cjk(after[1:2]) or is_cjk(prev)
        return "～" if near and not years else None
    if percent:
        return None
    if after[:1] in ("月", "日") and float(second) <= (12 if after[0] == "月" else 31):
        return "—"  # 1-3月, 5-8日: a stretch of time
    if _UNIT.match(after):
        return "～"
    if years and (is_cjk(prev) or is_cjk(after[:1])):
        return "—"  # 十四五（2021-2025）
    return None


def _finding(found: str, sign: str, start: int, end: int) -> Finding:
    what = "时间范围用一字线“—”" if sign == "—" else "数值范围用浪纹线“～”"
    return Finding(
        f"范围号“{found.strip()}”用得不对：{what}。", offset=start, edits=(Edit(start, end, sign),)
    )
