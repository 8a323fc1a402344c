"""The bureau's roll-up: every school's items gathered by role into one draft Document.

A worker extracts a small Contribution from each school's document; the parent builds
one Document from them, which goes through the same back-ends as any report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from reportgen.blocks import Block, BlockKind, Document
from reportgen.document import end_sentence
from reportgen.numbering import LEVEL_OF, Family, marker, parse_chinese_numeral

# The roles gathered, in the order of a report (spec: work, results, problems, next steps).
ROLLUP_ROLES = (
    ("work", "工作情况"),
    ("results", "工作成效"),
    ("problems", "存在的问题"),
    ("next-steps", "下一步工作打算"),
)


@dataclass
class Contribution:
    """One school's part in the roll-up: its name, its figures and its blocks by role."""

    school: str
    period: str
    topic: str
    recipient: str
    figures: dict[str, int] = field(default_factory=dict)
    sections: dict[str, list[Block]] = field(default_factory=dict)


def contribution(document: Document, fields: dict[str, str]) -> Contribution:
    """Each part's blocks by role, re-levelled for the roll-up, and its number of items.

    A role's parts follow one another under the school's name, so their items are
    numbered on from the previous part's.
    """
    found = Contribution(
        school=fields.get("org", "") or fields.get("stem", ""),
        period=fields.get("period", ""),
        topic=fields.get("topic", ""),
        recipient=fields.get("recipient", "").rstrip(":："),
    )
    for role, blocks in _parts(document):
        found.figures[role] = found.figures.get(role, 0) + item_count(blocks)
        earlier = found.sections.setdefault(role, [])
        done = sum(1 for b in earlier if b.kind is BlockKind.HEADING and b.level == _TOP)
        earlier.extend(relevel(blocks, done))
    found.figures["chars"] = sum(len("".join(b.full_text.split())) for b in document.blocks)
    return found


def _parts(document: Document) -> Iterator[tuple[str, list[Block]]]:
    """``(role, blocks)`` for each part: the headings and paragraphs under a level-1 heading."""
    role: str | None = None
    blocks: list[Block] = []
    for block in document.blocks:
        if block.kind is BlockKind.HEADING and block.level == 1:
            if role is not None:
                yield role, blocks
            role, blocks = block.role, []
        elif block.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH):
            if role is not None:
                blocks.append(block)
        elif role is not None:  # closing, attachments, signature: the parts are over
            yield role, blocks
            role = None
    if role is not None:
        yield role, blocks


def _first_level(blocks: list[Block]) -> int:
    """The level of the part's first item: 2 for （一） and 一是, 3 for 1., 4 for （1）."""
    return next((b.level for b in blocks if b.kind is BlockKind.HEADING), 0)


# “一是” that opens a point: at the start of a paragraph or after a colon, semicolon or comma.
_POINT = re.compile(r"(?:^|(?<=[：:；;，,。]))([一二三四五六七八九十]+)是")


def count_points(text: str) -> int:
    """How many points “一是……二是……” ``text`` lists, counted in order from 一是."""
    count = 0
    for m in _POINT.finditer(text):
        if parse_chinese_numeral(m.group(1)) == count + 1:
            count += 1
    return count


def item_count(blocks: list[Block]) -> int:
    """A part's first-level items; for a part without items, the points of its paragraphs."""
    first = _first_level(blocks)
    if first:
        return sum(1 for b in blocks if b.kind is BlockKind.HEADING and b.level == first)
    return sum(count_points(b.text) for b in blocks)


# Under the roll-up's 一、role and （一）school, a school's items are 1. and their sub-items （1）.
_TOP, _SUB = LEVEL_OF[Family.ARABIC], LEVEL_OF[Family.PAREN_ARABIC]


def relevel(blocks: list[Block], done: int = 0) -> list[Block]:
    """One part's blocks under a school's name: its first-level items (whatever their family)
    become 1. 2. (numbered on from ``done``), the level below （1）; anything deeper, which the
    four-level limit leaves no marker for, becomes a paragraph with its text."""
    first = _first_level(blocks)
    out: list[Block] = []
    top, sub = done, 0
    for b in blocks:
        if b.kind is not BlockKind.HEADING:
            out.append(Block(BlockKind.PARAGRAPH, b.full_text, origin=b.origin))
        elif b.level <= first:
            top, sub = top + 1, 0
            out.append(_heading(b, Family.ARABIC, _TOP, top))
        elif b.level == first + 1:
            sub += 1
            out.append(_heading(b, Family.PAREN_ARABIC, _SUB, sub))
        else:
            text = end_sentence(b.text) + b.body if b.text else b.body
            out.append(Block(BlockKind.PARAGRAPH, text, origin=b.origin))
    return out


def _heading(b: Block, family: Family, level: int, number: int) -> Block:
    return Block(
        BlockKind.HEADING,
        b.text,
        level=level,
        family=family,
        number=number,
        marker=marker(family, number),
        run_in=b.run_in or b.family is Family.INLINE,
        body=b.body,
        origin=b.origin,
    )


def _common(values: list[str]) -> str:
    return values[0] if values and all(v == values[0] for v in values) else ""


def figures_table(contributions: list[Contribution]) -> Block:
    """Per school: the number of items under each role, and the report's length."""
    header = ("单位", *(f"{label}（条）" for _, label in ROLLUP_ROLES), "全文字数")
    rows = [
        (
            c.school,
            *(str(c.figures.get(role, 0)) for role, _ in ROLLUP_ROLES),
            str(c.figures.get("chars", 0)),
        )
        for c in contributions
    ]
    return Block(BlockKind.TABLE, "", rows=(header, *rows))


def build_rollup(contributions: list[Contribution], org: str = "") -> Document:
    """One draft Document: figures per school, then each role with every school's items.

    ``org`` (the bureau) defaults to the recipient the schools share.
    """
    period = _common([c.period for c in contributions])
    topic = _common([c.topic for c in contributions])
    org = org or _common([c.recipient for c in contributions])
    title = f"{period}各单位{topic}报告汇总（草稿）"
    blocks = [
        Block(BlockKind.TITLE, title),
        Block(
            BlockKind.LEAD,
            f"本稿根据{len(contributions)}个单位报送的报告自动汇集，供起草综合报告参考，"
            "各单位的分条内容按工作情况、工作成效、存在的问题、下一步工作打算分类列出。"
            "现将有关情况汇总如下：",
        ),
    ]
    chapter = 0

    def part(heading: str, role: str) -> None:
        nonlocal chapter
        chapter += 1
        blocks.append(
            Block(
                BlockKind.HEADING,
                heading,
                level=1,
                family=Family.CHAPTER,
                number=chapter,
                marker=marker(Family.CHAPTER, chapter),
                role=role,
            )
        )

    part("各单位基本情况", "overview")
    blocks.append(
        Block(
            BlockKind.PARAGRAPH,
            f"共汇集{len(contributions)}个单位的报告，各单位分条内容的条数和全文字数如下表。",
        )
    )
    blocks.append(figures_table(contributions))
    for role, label in ROLLUP_ROLES:
        schools = [c for c in contributions if c.sections.get(role)]
        if not schools:
            continue
        part(label, role)
        for n, c in enumerate(schools, 1):
            blocks.append(
                Block(
                    BlockKind.HEADING,
                    c.school,
                    level=2,
                    family=Family.SECTION,
                    number=n,
                    marker=marker(Family.SECTION, n),
                )
            )
            blocks.extend(c.sections[role])
    if org:
        blocks.append(Block(BlockKind.SIGNATURE, org))
    return Document(title=title, blocks=blocks, org=org, kind="rollup", source="roll-up")
