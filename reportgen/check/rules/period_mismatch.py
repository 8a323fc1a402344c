"""标题或导语里写的报告期与 period 不一致（沿用上一期报告时常见）。

把上一期的报告文件复制过来、改了 period，却忘了改手写的 title 或 lead，生成的
报告就会一边写“2025年秋季学期”，一边写“2025年春季学期”。YAML 报告检查写明的
title 和 lead（不写时按文种公式用 period 生成，不会不一致）；写好的 Markdown 和
DOCX 没有 period，就拿导语开头的报告期与标题里的比。比较同一类报告期（季度、
半年、学期、学年、年度）：导语里“与2024年同期相比”这样的年份不算，只看导语
开头（“2025年春季学期，我校……”）。

错误示例::

    period: 2025年秋季学期
    title: 青山县实验小学2025年春季学期阅读推广工作总结

正确示例::

    period: 2025年秋季学期
    # 不写 title：按文种公式生成“青山县实验小学2025年秋季学期阅读推广工作总结”
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CheckContext, Finding
from reportgen.core.blocks import BlockKind, Document
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "C018"
ID = "period-mismatch"
LEVEL = Level.ERROR
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

_UNIT = (
    r"第[一二三四1-4]季度|[一二三四1-4]季度|[上下]半年度?|(?:春季|秋季|春|秋)学期|第[一二]学期"
    r"|学年度?|年度"
)
_PERIOD = lazy(rf"(\d{{4}})(?:[—–-](\d{{4}}))?(?:学年度?|年)({_UNIT})?")
_DIGITS = str.maketrans({"1": "一", "2": "二", "3": "三", "4": "四"})
_CATEGORY = (("季度", "quarter"), ("半年", "half"), ("学期", "term"), ("学年", "school-year"))


def _periods(text: str) -> list[tuple[str, str, str, int, int]]:
    """(years, unit, category, start, end) of each period named in ``text``."""
    found = []
    for m in _PERIOD.finditer(text):
        years = m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")
        unit = (m.group(3) or "").translate(_DIGITS).replace("第", "")
        unit = "" if unit == "年度" else unit.replace("半年度", "半年")
        unit = unit.replace("春学期", "春季学期").replace("秋学期", "秋季学期")
        if "学年" in m.group():
            unit = "学年"
        category = next((c for word, c in _CATEGORY if word in unit), "year")
        found.append((years, unit, category, m.start(), m.end()))
    return found


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    titles = [b for b in document.blocks if b.kind is BlockKind.TITLE]
    leads = [b for b in document.blocks if b.kind is BlockKind.LEAD][:1]
    reference, named = document.period, "period"
    if not reference:  # a finished file: the title names the period
        found = _periods("".join(b.text for b in titles))
        if not found:
            return
        reference = "".join(b.text for b in titles)[found[0][3] : found[0][4]]
        named, titles = "标题", []
    period = _periods(reference)
    if not period:
        return
    years, unit, category, _, _ = period[0]
    for block, where, field in [
        *((b, "标题", "title") for b in titles),
        *((b, "导语", "lead") for b in leads),
    ]:
        for other_years, other_unit, other_category, start, end in _periods(block.text):
            if field == "lead" and start > 3:
                break  # only the lead's opening names the period (与2024年同期相比 compares)
            same_kind = other_category == category and (other_years, other_unit) != (years, unit)
            other_year = (
                other_category == "year" and other_years.split("-")[0] != years.split("-")[0]
            )
            if same_kind or other_year:
                yield Finding(
                    f"{where}写的报告期“{block.text[start:end]}”与{' period' if named == 'period' else named}（{reference}）不一致："
                    + (
                        f"沿用上一期的报告时请一并修改，或删去 {field} 让它按 period 生成。"
                        if named == "period"
                        else "沿用上一期的报告时请一并修改。"
                    ),
                    block=block,
                )
                break
