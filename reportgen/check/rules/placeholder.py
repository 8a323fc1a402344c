"""模板里的占位符没有替换：XX、××、某某、○○、20XX年、[请填写]、TODO、待补充、{{ 变量 }}。

定稿报告里是错误；起草阶段可以在配置里改成 warning。extra 可以补充
本单位常用的占位写法（正则表达式）。没有渲染的模板语法（{{ 学校 }}、
{% if … %}、{# … #}）也是占位符。

错误示例::

    XX县教育局  2024年X月  [请填写]  {{ 学校 }}

正确示例::

    青山县教育局  2024年10月
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Finding, TextUnit
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "C003"
ID = "placeholder"
LEVEL = Level.ERROR
FIXABLE = False
CONF: dict[str, type] = {"extra": list}
DEFAULT: dict[str, Any] = {"extra": []}

_PLACEHOLDER = (
    r"(?<![A-Za-z])(?:[xX]{2,}|[xX](?=[年月日号]))(?![A-Za-z])|[×Ｘ]{2,}|某某|○○|〇〇(?![年])"
    r"|20[xX]{2}|\[请?填[写入][^\[\]\n]{0,80}\]|【请?填[写入][^【】\n]{0,80}】|TODO|FIXME"
    # Bounded and without the opening bracket: "[填写[填写…" must not read to the end each time.
    # 有待完善、亟待补充 are prose; 待完善 standing alone is a note left for later.
    r"|(?<![有亟尚仍还])待(?:补充|填写|完善)"
    # Template syntax left unrendered (Jinja, Django, Mustache): {{ 学校 }} {% if … %} {# … #}
    r"|\{\{[^{}\n]{0,80}\}\}|\{%[^\n]{0,120}?%\}|\{#[^\n]{0,120}?#\}"
)
_cache: dict[tuple[str, ...], re.Pattern[str]] = {}


def _pattern(extra: list[str]) -> re.Pattern[str]:
    key = tuple(extra)
    if key not in _cache:
        _cache[key] = re.compile("|".join([_PLACEHOLDER, *extra]))
    return _cache[key]


# Each match of _PLACEHOLDER holds one of these (tests/check/test_rule_screens.py proves it
# from the pattern): without extra patterns, a unit with none of them is not scanned.
SCREEN_WORDS = ("x", "X", "×", "Ｘ", "某", "○", "〇", "[", "【", "T", "F", "待", "{")
_SCREEN = lazy("[" + re.escape("".join(SCREEN_WORDS)) + "]")


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    extra = list(conf["extra"])
    if not extra and _SCREEN.search(unit.text) is None:
        return
    for m in _pattern(extra).finditer(unit.text):
        hint = ""
        if m.group().startswith("{{") and unit.quote is not None and unit.value:
            # A YAML string: most likely a roster base checked without its roster.
            hint = (
                "如果这是名单套打的基础报告，请加 --roster 名单文件 检查（按名单逐行填好后检查）。"
            )
        yield Finding(f"占位符“{m.group()}”没有替换成实际内容。{hint}", offset=m.start())
