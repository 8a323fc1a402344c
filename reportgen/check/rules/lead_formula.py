"""导语没有以过渡套语结尾（如“现将有关情况报告如下：”）。

套语的正则来自文种数据的 lead_formula（见 templates/kinds/*.yaml），与 render
生成的导语一致；“现将……（报告、汇报、通报、总结、说明）如下：”（冒号或句号，
中间可以是很长的宾语）、“具体情况如下：”“主要做法是：”都算。只检查有“一、”标题
且有导语的报告。大约一半的实际报告省略套语，所以这是提醒；导语通常没有套语的
文种（工作总结，lead_formula_usual: false）不提醒；不需要时在配置里关掉（relaxed 已关）。

错误示例::

    2024年第三季度，我局认真落实……取得了阶段性成效。
    一、工作情况

正确示例::

    ……取得了阶段性成效。现将有关情况报告如下：
    一、工作情况
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CheckContext, Finding
from reportgen.core.blocks import BlockKind, Document
from reportgen.problem import Level

CODE = "C006"
ID = "lead-formula"
LEVEL = Level.WARNING
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    leads = [b for b in document.blocks if b.kind is BlockKind.LEAD]
    has_parts = any(b.kind is BlockKind.HEADING and b.level == 1 for b in document.blocks)
    if not leads or not has_parts or not ctx.kind.spec.lead_formula_usual:
        return
    from reportgen.genre.registry import current

    genre = current()
    pattern = re.compile(genre.lead_formula(ctx.kind))
    last = leads[-1]
    if not pattern.search(last.text.strip()):
        example = genre.lead_example(ctx.kind)
        yield Finding(f"导语没有以“{example}”之类的套语结尾。", block=last)
