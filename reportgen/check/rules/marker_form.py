"""编号的写法不规范：半角括号 (一) (1)、顿号 1、、逗号 5，、全角点 1．、全角数字（１）。

（一）（1）用全角括号，阿拉伯数字序号后用半角点“1.”。这些写法在实际报告里
很常见，所以是提醒；一组编号（同一级的兄弟条目）只提醒一次，并说明有几个。
除“1)”“1）”（说不清是 1. 还是（1））外都可以用 --fix 修正。

错误示例::

    (一)抓队伍
    1、消防演练
    5，加强值守

正确示例::

    （一）抓队伍
    1.消防演练
    5.加强值守
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CheckContext, Edit, Finding
from reportgen.check.rules._outline import family_runs, groups
from reportgen.core.blocks import Block, Document
from reportgen.core.numbering import Family, MarkerMatch, marker, parse_marker
from reportgen.problem import Level

CODE = "O009"
ID = "marker-form"
LEVEL = Level.WARNING
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


def _wrong(block: Block) -> MarkerMatch | None:
    found = parse_marker(block.full_text)
    if found is None or found.canonical or found.double or found.family is Family.CHAPTER:
        return None
    return found


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    for group in groups(document.blocks):
        for run in family_runs(group):
            yield from _list(run)


def _list(run: list[Block]) -> Iterator[Finding]:
    bad = [(b, m) for b in run if (m := _wrong(b)) is not None]
    if not bad:
        return
    unclear = [(b, m) for b, m in bad if m.family is Family.ARABIC and m.text[-1] in ")）"]
    for block, found in unclear:
        fixed = marker(found.family, found.number)
        yield Finding(
            f"编号“{found.text}”不规范：应写作“{fixed}”或“（{found.number}）”，请手工改正。",
            block=block,
        )
    bad = [(b, m) for b, m in bad if (b, m) not in unclear]
    if not bad:
        return
    first, found = bad[0]
    fixed = marker(found.family, found.number)
    fixes = tuple((b, Edit(0, m.length, marker(m.family, m.number))) for b, m in bad)
    if len(bad) == 1:
        message = f"编号“{found.text}”应写作“{fixed}”。"
    else:
        more = "……" if len(bad) > 3 else ""
        written = "”“".join(m.text for _, m in bad[:3])
        canonical = "”“".join(marker(m.family, m.number) for _, m in bad[:3])
        message = (
            f"这一组编号有 {len(bad)} 个写法不规范（“{written}”{more}），"
            f"应写作“{canonical}”{more}。"
        )
    yield Finding(message, block=first, fixes=fixes)
