"""附件说明、附件页和正文中提到的“附件N”对不上。

正文提到的“附件N”必须在附件说明中有第 N 个附件，其后用书名号写出的名称（附件1《统计表》）必须
与该附件的名称相同；每个附件页的“附件N”和标题必须与附件说明中第 N 个附件的序号和名称相同
（GB/T 9704 7.3.4、8）。

错误示例::

    组织开展拉网式排查，详见附件2。
    附件：隐患排查台账

正确示例::

    组织开展拉网式排查，详见附件。
    附件：隐患排查台账
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CheckContext, Finding
from reportgen.core.blocks import Block, BlockKind, Document
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "C015"
ID = "attachment-refs"
LEVEL = Level.ERROR
FIXABLE = False
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

_MENTION = lazy(r"附件\s*([0-9]+|[一二三四五六七八九十]+)(?![0-9])")
_TITLE = lazy(r"\s*[：:]?\s*《([^》]{1,60})》")
_TEXT = (BlockKind.LEAD, BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.CLOSING)
_CHINESE = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _CHINESE.get(text, 0)
    return 0  # 十一 and beyond: not a number an attachment list reaches


def _key(name: str) -> str:
    return re.sub(r"[\s《》]", "", name)


def check(conf: dict[str, Any], document: Document, ctx: CheckContext) -> Iterator[Finding]:
    note = next((b for b in document.blocks if b.kind is BlockKind.ATTACHMENTS), None)
    names = list(note.items) if note is not None else []
    for block in document.blocks:
        if block.kind in _TEXT:
            yield from _mentions(block, names)
        elif block.kind is BlockKind.ATTACHMENT_HEAD:
            yield from _page(block, names)


def _mentions(block: Block, names: list[str]) -> Iterator[Finding]:
    text = block.full_text
    for match in _MENTION.finditer(text):
        number = _number(match.group(1))
        if number and number > len(names):
            have = f"只有 {len(names)} 个附件" if names else "没有附件说明"
            yield Finding(f"正文提到“{match.group(0)}”，但{have}。", block=block)
            continue
        # 附件1《统计表》: the title written after the number must be that attachment's.
        title = _TITLE.match(text, match.end())
        if number and title and _key(title.group(1)) != _key(names[number - 1]):
            yield Finding(
                f"正文中的“{match.group(0)}{title.group(0)}”与附件说明中的"
                f"“{names[number - 1]}”不一致。",
                block=block,
            )


def _page(block: Block, names: list[str]) -> Iterator[Finding]:
    number = block.number
    expected = "附件" if len(names) == 1 else f"附件{number}"
    if not 1 <= number <= len(names):
        have = f"只有 {len(names)} 个附件" if names else "没有附件说明"
        yield Finding(f"附件页“{block.marker}”在附件说明中没有对应的附件（{have}）。", block=block)
        return
    if block.marker != expected:
        yield Finding(f"附件页的序号“{block.marker}”应为“{expected}”。", block=block)
    if _key(block.text) != _key(names[number - 1]):
        yield Finding(
            f"附件页的标题“{block.text}”与附件说明中的“{names[number - 1]}”不一致。", block=block
        )
