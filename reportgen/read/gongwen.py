"""The parts of a whole 公文 around the body, recognised in a finished report's paragraphs:
份号/密级/紧急程度 lines and the 发文机关标志 before the title, 签发人 on the 发文字号's line,
the 附注 after the date, attachment pages (a paragraph ``附件`` or ``附件N`` after the date,
then the attachment's title) and the 版记 (``抄送：`` and ``……印发``) at the end.

They become the same blocks the YAML front makes, so ``check`` does not take a 红头 for the
lead or an attachment's ``一、`` for a heading of the report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from reportgen.core.blocks import Block, BlockKind

_COPY_NUMBER = re.compile(r"^\d{6}$")
_SECRECY = re.compile(r"^(绝密|机密|秘密)(★.*)?$")
_URGENCY = re.compile(r"^(特急|加急|特提|平急)$")
_SIGNERS = re.compile(r"^(?P<number>.*?)[\s\u3000]*签发人[：:](?P<names>.+)$")
# Before the title: 青山县教育局文件 (文件格式) or the organisation's bare name (信函格式).
_MARK = re.compile(
    r"^\S{2,30}(文件|函|局|委员会|委|办公室|政府|学校|小学|中学|幼儿园|学院|大学|中心|厅|部)$"
)
_HEAD = re.compile(r"^附件\s*([0-9]{0,3})$")
_CC = re.compile(r"^抄送[：:]\s*(?P<names>.+?)。?$")
_PRINTED = re.compile(
    r"^(?P<org>\S.*?)[\s\u3000]*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印发$"
)
_NOTE = re.compile(r"^[（(].+[)）]$")


class Make(Protocol):
    """(kind, paragraph index, text, **fields) → the Block, with that paragraph's origin."""

    def __call__(self, kind: BlockKind, index: int, text: str, **fields: object) -> Block: ...


def masthead_block(text: str) -> tuple[BlockKind, str, tuple[str, ...]] | None:
    """A paragraph before the title that belongs to the 版头: (kind, text, items)."""
    text = text.strip()
    if _COPY_NUMBER.match(text) or _SECRECY.match(text) or _URGENCY.match(text):
        return BlockKind.MARKINGS, "", (text,)
    m = _SIGNERS.match(text)
    if m:
        names = tuple(n for n in re.split(r"[\s\u3000、，,]+", m.group("names")) if n)
        return BlockKind.DOC_NUMBER, m.group("number").strip(), names
    if _MARK.match(text):
        return BlockKind.ISSUER_MARK, text, ()
    return None


@dataclass
class Whole:
    """What :func:`split_tail` took off the end of a report's paragraphs (indices)."""

    note: int | None = None
    heads: list[int] = field(default_factory=list)  # first paragraph of each attachment page
    imprint: list[int] = field(default_factory=list)

    @property
    def body_end(self) -> int | None:
        """Where the report's own text ends (before 附注, attachment pages and 版记)."""
        starts = [i for i in (self.note, *self.heads, *self.imprint) if i is not None]
        return min(starts) if starts else None


def find_tail(texts: Sequence[str], is_date: Callable[[str], bool]) -> Whole:
    """The 附注, attachment pages and 版记 after the first date line they follow."""
    for i, text in enumerate(texts):
        if is_date(text):
            whole = split_tail(texts, i)
            if whole.body_end == i + 1:
                return whole
    return split_tail(texts, None)


def split_tail(texts: Sequence[str], date_at: int | None) -> Whole:
    """Find the 附注, attachment pages and 版记 among ``texts`` (after the date)."""
    whole = Whole()
    end = len(texts)
    while end > 0 and (_CC.match(texts[end - 1].strip()) or _PRINTED.match(texts[end - 1].strip())):
        end -= 1
    whole.imprint = list(range(end, len(texts)))
    if date_at is None:
        return whole
    start = date_at + 1
    if start < end and _NOTE.match(texts[start].strip()):
        whole.note = start
        start += 1
    whole.heads = [i for i in range(start, end - 1) if _HEAD.match(texts[i].strip())]
    return whole


def tail_blocks(texts: Sequence[str], whole: Whole, make: Make) -> list[Block]:
    """The blocks of the 附注, the attachment pages and the 版记."""
    blocks = []
    if whole.note is not None:
        blocks.append(make(BlockKind.NOTE, whole.note, texts[whole.note].strip()))
    count = len(whole.heads)
    stops = [*whole.heads[1:], whole.imprint[0] if whole.imprint else len(texts)][:count]
    for n, (head, stop) in enumerate(zip(whole.heads, stops, strict=True), 1):
        label = texts[head].strip()
        digits = _HEAD.match(label)
        number = int(digits.group(1)) if digits and digits.group(1) else (1 if count == 1 else n)
        title = texts[head + 1].strip() if head + 1 < stop else ""
        blocks.append(
            make(
                BlockKind.ATTACHMENT_HEAD, head, title, number=number, marker=label.replace(" ", "")
            )
        )
        for i in range(head + 2, stop):
            blocks.append(make(BlockKind.PARAGRAPH, i, texts[i].strip()))
    if whole.imprint:
        cc: tuple[str, ...] = ()
        org = date = ""
        for i in whole.imprint:
            text = texts[i].strip()
            if m := _CC.match(text):
                cc = tuple(n for n in re.split(r"[，,、]", m.group("names")) if n)
            elif m := _PRINTED.match(text):
                org, date = m.group("org"), re.sub(r"\s", "", m.group("date"))
        blocks.append(make(BlockKind.IMPRINT, whole.imprint[0], org, items=cc, body=date))
    return blocks
