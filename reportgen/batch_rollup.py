"""The bureau's roll-up: every school's items gathered by role into one draft Document.

A worker extracts a small Contribution from each school's document; the parent builds
one Document from them, which goes through the same back-ends as any report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportgen.blocks import Block, BlockKind, Document
from reportgen.numbering import Family, marker

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
    """Extract the blocks under each level-1 heading, by the part's role."""
    found = Contribution(
        school=fields.get("org", "") or fields.get("stem", ""),
        period=fields.get("period", ""),
        topic=fields.get("topic", ""),
        recipient=fields.get("recipient", "").rstrip(":："),
    )
    role = ""
    for block in document.blocks:
        if block.kind is BlockKind.HEADING and block.level == 1:
            role = block.role
            found.figures[role] = found.figures.get(role, 0)
            continue
        if block.kind not in (BlockKind.HEADING, BlockKind.PARAGRAPH) or not role:
            if block.kind not in (BlockKind.HEADING, BlockKind.PARAGRAPH):
                role = ""  # closing, attachments, signature: the parts are over
            continue
        found.sections.setdefault(role, []).append(block)
        if block.kind is BlockKind.HEADING and block.level == 2:
            found.figures[role] = found.figures.get(role, 0) + 1
    found.figures["chars"] = sum(len("".join(b.full_text.split())) for b in document.blocks)
    return found


def _relevel(blocks: list[Block]) -> list[Block]:
    """A school's level-2 items become 1. 2. under its name, level-3 become （1）; deeper is text."""
    out: list[Block] = []
    top = sub = 0
    for b in blocks:
        if b.kind is BlockKind.HEADING and b.level == 2:
            top, sub = top + 1, 0
            out.append(_heading(b, Family.ARABIC, 3, top))
        elif b.kind is BlockKind.HEADING and b.level == 3 and top:
            sub += 1
            out.append(_heading(b, Family.PAREN_ARABIC, 4, sub))
        else:
            out.append(Block(BlockKind.PARAGRAPH, b.full_text, origin=b.origin))
    return out


def _heading(b: Block, family: Family, level: int, number: int) -> Block:
    return Block(
        BlockKind.HEADING,
        b.text,
        level=level,
        family=family,
        number=number,
        marker=marker(family, number),
        run_in=b.run_in or family is Family.INLINE,
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
            f"本稿根据{len(contributions)}个单位报送的报告自动汇集，供起草综合报告参考。"
            "各单位的分条内容按工作情况、工作成效、存在的问题、下一步工作打算分类列出如下：",
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
            blocks.extend(_relevel(c.sections[role]))
    if org:
        blocks.append(Block(BlockKind.SIGNATURE, org))
    return Document(title=title, blocks=blocks, org=org, kind="rollup", source="roll-up")
