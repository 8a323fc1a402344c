"""从网页复制时带进来的杂项：“分享 时间:”“以下是网友为您整理”、浏览次数、残留代码。

错误示例::

    分享 时间:2024-10-09 浏览次数:1203
    以下是网友为您整理的校园安全工作报告
    阅读(1024)

正确示例::

    （删去这些行）

一段里句子之后粘上的分享栏（……126节。分享到：朋友圈）、段末的“（完）”“点赞 在看”“阅读原文”、
段首的“来源：……”也会找出，报告杂项本身的位置，只引用杂项本身。杂项里的文字不再报告别的问题，
--fix 也不改动它（本规则不自动删除，请人工删去）。
YAML 里的值（如 period: "2024"）和表格单元格里的数字不算杂项。
"""

from __future__ import annotations

import functools
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


def junk_ranges(unit: TextUnit) -> tuple[tuple[int, int, str], ...]:
    """(start, end, message) of each piece of junk in ``unit``: what this rule reports, and
    what the other rules leave alone (no finding inside, no ``--fix`` edit into it)."""
    return _ranges(unit.text, unit.value)


# The runner asks before the rules run, the rule when it runs: one search for both.
@functools.lru_cache(maxsize=4096)
def _ranges(text: str, value: bool) -> tuple[tuple[int, int, str], ...]:
    # The same recogniser as `reportgen import`, which drops what this reports.
    from reportgen.read.junk import junk_spans, trailing_code

    found: list[tuple[int, int, str]] = []
    for start, end, reason in junk_spans(text, value=value):
        quoted = text[start:end]
        if len(quoted) > 30:
            quoted = quoted[:30] + "……"
        found.append(
            (start, end, f"这像是从网页复制时带进来的杂项（{reason}：“{quoted}”），请删去。")
        )
    if found:
        return tuple(found)
    tail = trailing_code(text)
    if tail:
        end = len(text.rstrip())
        start = end - len(tail.strip())
        return ((start, end, f"段末有网页残留的代码“{tail.strip()}”，请删去。"),)
    return ()


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    for start, _end, message in junk_ranges(unit):
        yield Finding(message, offset=start)
