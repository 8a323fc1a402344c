"""The bureau's roll-up: a draft report of the bureau's own kind, built from the schools'.

A worker extracts a small Contribution from each school's document (its parts with their
roles and headings, its tables); the parent builds one Document from them, which goes
through the same back-ends as any report. The draft says who was expected and who sent
what (未报送, 未汇入), sums the schools' statistics tables that share their columns, keeps
the schools' theme parts, labels every item with its school, merges problems that several
schools raised, and flags text that two schools share word for word.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from reportgen.batch.rollup_tables import figures_table, rollup_roles, summed_tables
from reportgen.core.blocks import Block, BlockKind, Document
from reportgen.core.document import end_sentence
from reportgen.core.numbering import LEVEL_OF, Family, marker, parse_chinese_numeral

__all__ = ["Contribution", "build_rollup", "contribution", "figures_table"]

_DUPLICATE_MIN = 15  # characters: shorter paragraphs (特此报告。) are no copying
_SIMILAR = 0.85  # heading similarity at which two schools' problems are one problem
_SAME = "内容相同，略。"  # the body of an item a school copied from another


@dataclass
class PartText:
    """One part of a school's report: its role, its heading, its blocks (items re-levelled
    later) and whether the heading names a theme rather than a role (强化党建引领……)."""

    role: str
    heading: str
    theme: bool
    blocks: list[Block]
    # Other roles the heading names whose roll-up column counts it too (roles.yaml
    # ``rollup_named``): 主要工作及成效 counts in the results' column as well.
    also: tuple[str, ...] = ()


@dataclass
class Contribution:
    """One school's part in the roll-up: its name, its figures, its parts and tables."""

    school: str
    period: str
    topic: str
    recipient: str
    figures: dict[str, int] = field(default_factory=dict)
    parts: list[PartText] = field(default_factory=list)
    tables: list[Block] = field(default_factory=list)
    where: tuple[str, int, int] = ("", 1, 1)  # the report file and its org's line, column


def contribution(document: Document, fields: dict[str, str]) -> Contribution:
    """Each part's role, heading and blocks; its number of items; the report's tables."""
    from reportgen.genre.registry import infer_roles, roles

    counted = {role for role, spec in roles().items() if spec.rollup_named}
    found = Contribution(
        school=fields.get("org", "") or fields.get("stem", ""),
        period=fields.get("period", ""),
        topic=fields.get("topic", ""),
        recipient=fields.get("recipient", "").rstrip(":："),
    )
    for heading, role, blocks in _parts(document):
        named = infer_roles(heading.text)
        part = PartText(
            role,
            heading.text,
            theme=not named,
            blocks=[b for b in blocks if b.kind is not BlockKind.TABLE],
            also=tuple(r for r in named if r in counted and r != role),
        )
        found.parts.append(part)
        count = item_count(part.blocks)
        for counts in (role, *part.also):
            found.figures[counts] = found.figures.get(counts, 0) + count
        found.tables += [b for b in blocks if b.kind is BlockKind.TABLE and len(b.rows) > 1]
    found.figures["chars"] = sum(len("".join(b.full_text.split())) for b in document.blocks)
    return found


def _parts(document: Document) -> Iterator[tuple[Block, str, list[Block]]]:
    """``(heading, role, blocks)`` for each part: what stands under a level-1 heading."""
    heading: Block | None = None
    blocks: list[Block] = []
    for block in document.blocks:
        if block.kind is BlockKind.HEADING and block.level == 1:
            if heading is not None:
                yield heading, heading.role, blocks
            heading, blocks = block, []
        elif block.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.TABLE):
            if heading is not None:
                blocks.append(block)
        elif heading is not None:  # closing, attachments, signature: the parts are over
            yield heading, heading.role, blocks
            heading = None
    if heading is not None:
        yield heading, heading.role, blocks


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


# Under the roll-up's 一、role and （一）school or theme, items are 1. and sub-items （1）.
_TOP, _SUB = LEVEL_OF[Family.ARABIC], LEVEL_OF[Family.PAREN_ARABIC]


def relevel(
    blocks: list[Block],
    done: int = 0,
    label: str = "",
    families: tuple[Family, Family] = (Family.ARABIC, Family.PAREN_ARABIC),
) -> list[Block]:
    """One part's blocks in the roll-up: its first-level items (whatever their family)
    become ``families[0]`` (numbered on from ``done``), the level below ``families[1]``;
    anything deeper, which the four-level limit leaves no marker for, becomes a paragraph.
    ``label`` (a school's name) is added to each first-level heading sentence."""
    first = _first_level(blocks)
    top_family, sub_family = families
    out: list[Block] = []
    top, sub = done, 0
    for b in blocks:
        if b.kind is not BlockKind.HEADING:
            text = b.full_text
            out.append(Block(BlockKind.PARAGRAPH, text, origin=b.origin))
        elif b.level <= first:
            top, sub = top + 1, 0
            out.append(_heading(b, top_family, top, label))
        elif b.level == first + 1:
            sub += 1
            out.append(_heading(b, sub_family, sub))
        else:
            text = end_sentence(b.text) + b.body if b.text else b.body
            out.append(Block(BlockKind.PARAGRAPH, text, origin=b.origin))
    return out


def labelled(sentence: str, label: str) -> str:
    """``抓队伍，强化组织领导。`` → ``抓队伍，强化组织领导（青山县第一中学）。``"""
    if not label:
        return sentence
    core = sentence.rstrip("。！？")
    return f"{core}（{label}）{sentence[len(core) :]}"


def _heading(b: Block, family: Family, number: int, label: str = "") -> Block:
    text, body = b.text, b.body
    if label:
        if text:
            text = labelled(end_sentence(text) if b.run_in or b.body else text, label)
        else:
            text, body = f"（{label}）", body
    return Block(
        BlockKind.HEADING,
        text,
        level=LEVEL_OF[family],
        family=family,
        number=number,
        marker=marker(family, number),
        run_in=b.run_in or b.family is Family.INLINE or bool(label),
        body=body,
        origin=b.origin,
    )


def _common(values: list[str]) -> str:
    return values[0] if values and all(v == values[0] for v in values) else ""


# ---------------------------------------------------------------- text


@dataclass
class _Entry:
    """An item of the roll-up before numbering: its blocks and the schools that raised it."""

    blocks: list[Block]
    schools: list[str]
    text: str = ""  # the first school's words, to tell the same words from other words


def _items(blocks: list[Block]) -> list[list[Block]]:
    """A part's blocks cut into first-level items (a leading paragraph is an item of its own)."""
    first = _first_level(blocks)
    out: list[list[Block]] = []
    for b in blocks:
        if (b.kind is BlockKind.HEADING and b.level <= first) or not out:
            out.append([b])
        else:
            out[-1].append(b)
    return out


def _key(block: Block) -> str:
    return re.sub(r"[\W_]", "", block.text if block.kind is BlockKind.HEADING else block.text[:20])


def _text_of(blocks: list[Block]) -> str:
    """An item's words without its heading sentence: the body and the paragraphs."""
    return "".join(b.body if b.kind is BlockKind.HEADING else b.full_text for b in blocks)


def _alike(seen: _Entry, entry: _Entry) -> bool:
    """Two schools' items that are one: headings nearly the same, or the same paragraph."""
    if entry.schools[0] in seen.schools:
        return False
    head, other = entry.blocks[0], seen.blocks[0]
    if head.kind is not other.kind:
        return False
    if head.kind is not BlockKind.HEADING or not (head.text and other.text):
        return _text_of([head]) == _text_of([other])
    return difflib.SequenceMatcher(None, _key(head), _key(other)).ratio() >= _SIMILAR


def _label(schools: list[str]) -> str:
    if len(schools) == 1:
        return schools[0]
    return f"{'、'.join(schools)}等{len(schools)}个单位" if len(schools) > 2 else "、".join(schools)


def _numbered(entries: list[_Entry], families: tuple[Family, Family]) -> list[Block]:
    out: list[Block] = []
    number = 0
    for entry in entries:
        label = _label(entry.schools)
        first = entry.blocks[0]
        if first.kind is not BlockKind.HEADING:  # a paragraph item: the school leads it
            text = first.full_text
            if not text.startswith(f"（{label}"):
                text = f"{label}：{text}"
            entry.blocks[0] = Block(BlockKind.PARAGRAPH, text, origin=first.origin)
        blocks = relevel(entry.blocks, number, label, families)
        number += sum(1 for b in blocks if b.kind is BlockKind.HEADING and b.family is families[0])
        out += blocks
    return out


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.chapter = 0
        self.seen: dict[str, str] = {}  # paragraph text → the school that wrote it first
        self.copies: dict[tuple[str, str], int] = {}  # (first school, other) → paragraphs

    def part(self, heading: str, role: str) -> None:
        self.chapter += 1
        self.blocks.append(
            Block(
                BlockKind.HEADING,
                heading,
                level=1,
                family=Family.CHAPTER,
                number=self.chapter,
                marker=marker(Family.CHAPTER, self.chapter),
                role=role,
            )
        )

    def section(self, n: int, text: str) -> None:
        self.blocks.append(
            Block(
                BlockKind.HEADING,
                text,
                level=2,
                family=Family.SECTION,
                number=n,
                marker=marker(Family.SECTION, n),
            )
        )

    def merge(self, entries: list[_Entry]) -> list[_Entry]:
        """Items several schools wrote in nearly the same words (the same problem, the same
        heading, the same paragraph): one entry naming all of them; another school's own
        words follow after its name, the same words are counted as copied."""
        out: list[_Entry] = []
        for entry in entries:
            match = next((seen for seen in out if _alike(seen, entry)), None)
            if match is None:
                out.append(_Entry(list(entry.blocks), list(entry.schools), _text_of(entry.blocks)))
                continue
            school = entry.schools[0]
            match.schools.append(school)
            text = _text_of(entry.blocks)
            if text == match.text:
                if len(text) >= _DUPLICATE_MIN:
                    pair = (match.schools[0], school)
                    self.copies[pair] = self.copies.get(pair, 0) + 1
                continue
            said = {_text_of([x]) for x in match.blocks}
            if text and text not in said:
                match.blocks.append(Block(BlockKind.PARAGRAPH, f"{school}：{text}"))
        return out

    def once(self, blocks: list[Block], school: str) -> list[Block]:
        """Text a school shares word for word with one before it is given once: a copied
        paragraph is left out, a copied item keeps its heading with 内容相同，略。 (the
        pairs are counted for the summary's sentence on copying)."""
        out = []
        for b in blocks:
            text = b.body if b.kind is BlockKind.HEADING else b.text
            first = self.seen.setdefault(text, school) if len(text) >= _DUPLICATE_MIN else school
            if first == school:
                out.append(b)
                continue
            pair = (first, school)
            self.copies[pair] = self.copies.get(pair, 0) + 1
            if b.kind is BlockKind.HEADING:
                out.append(replace(b, body=_SAME if b.text else f"（内容同{first}，略。）"))
        return out  # an item that was all copied paragraphs is gone (the summary names it)


def build_rollup(
    contributions: list[Contribution],
    org: str = "",
    *,
    expected: Sequence[str] = (),
    failed: Sequence[tuple[str, str]] = (),
) -> Document:
    """One draft Document: who reported, the figures, then each role's items by theme.

    ``org`` (the bureau) defaults to the recipient the schools share; ``expected`` are the
    units that should have reported (a manifest's or roster's list), ``failed`` the
    ``(unit, reason)`` of reports that could not be read.
    """
    period = _common([c.period for c in contributions])
    topic = _common([c.topic for c in contributions])
    org = org or _common([c.recipient for c in contributions])
    from reportgen.genre.registry import current

    wording = current().words.file.rollup  # words.yaml: the draft's title, lead, first part
    title = wording.title.replace("{period}", period).replace("{topic}", topic)
    b = _Builder()
    b.blocks += [
        Block(BlockKind.TITLE, title),
        # Units, not reports: a unit with two reports (B005) is one unit.
        Block(BlockKind.LEAD, wording.lead.replace("{count}", str(_unit_count(contributions)))),
    ]
    opening = current().roles.rollup_opening  # roles.yaml: the role of the first part
    b.part(wording.overview, opening or current().roles.default)
    b.blocks.append(Block(BlockKind.PARAGRAPH, _receipt(contributions, expected, failed)))
    figures_at = len(b.blocks)
    b.blocks.append(figures_table(contributions))
    for sentence, table in summed_tables(contributions):
        b.blocks += [Block(BlockKind.PARAGRAPH, sentence), table]
    if opening:
        _role(b, contributions, opening, "")  # the schools' own overviews, in this part
    for role, label, _ in rollup_roles():
        _role(b, contributions, role, label)
    copied = _copies_sentence(b.copies)
    if copied:
        b.blocks.insert(figures_at, Block(BlockKind.PARAGRAPH, copied))
    if org:
        b.blocks.append(Block(BlockKind.SIGNATURE, org))
    return Document(title=title, blocks=b.blocks, org=org, kind="rollup", source="roll-up")


def _role(b: _Builder, contributions: list[Contribution], role: str, label: str) -> None:
    """A role's items from every school, each labelled with its school. Grouped by the
    schools' part headings (a theme such as 强化党建引领…, or 自查情况) when there are
    several, as （一）（二）; items that several schools wrote in nearly the same words (the
    same problem, the same heading) are one item naming all of them."""
    groups: dict[str, list[tuple[Contribution, PartText]]] = {}
    for c in contributions:
        for part in c.parts:
            if part.role == role and part.blocks:
                groups.setdefault(part.heading, []).append((c, part))
    if not groups:
        return
    if label:
        b.part(label, role)
    flat = len(groups) == 1
    families = (Family.SECTION, Family.ARABIC) if flat else (Family.ARABIC, Family.PAREN_ARABIC)
    for n, (heading, members) in enumerate(groups.items(), 1):
        if not flat:
            b.section(n, heading)
        entries = [_Entry(item, [c.school]) for c, part in members for item in _items(part.blocks)]
        merged = [_Entry(b.once(e.blocks, e.schools[0]), e.schools) for e in b.merge(entries)]
        b.blocks += _numbered([e for e in merged if e.blocks], families)


def _unit_count(contributions: list[Contribution]) -> int:
    return len({"".join(c.school.split()) for c in contributions})


def _receipt(
    contributions: list[Contribution], expected: Sequence[str], failed: Sequence[tuple[str, str]]
) -> str:
    """应报送N个单位，汇入M个；未报送：…；未汇入：…（原因）。"""
    received = {c.school for c in contributions}  # as written: matched to the expected names
    failed_names = [name for name, _ in failed]
    text = ""
    if expected:
        missing = [
            e for e in expected if e not in received and not any(_same(e, f) for f in failed_names)
        ]
        text = f"应报送{len(expected)}个单位，汇入{len(received)}个单位的报告。"
        text += (
            f"未报送（{len(missing)}个）：{'、'.join(missing)}。" if missing else "各单位均已报送。"
        )
    else:
        text = f"共收到{len(contributions) + len(failed)}份报告，汇入{len(contributions)}份。"
    if failed:
        reasons = "；".join(f"{name}（{reason}）" if reason else name for name, reason in failed)
        text += f"未汇入（{len(failed)}个，报告有错误，未能生成）：{reasons}。"
    return text + "各单位分条内容的条数和全文字数如下表。"


def _same(expected: str, name: str) -> bool:
    return bool(name) and (expected == name or name in expected or expected in name)


def _copies_sentence(copies: dict[tuple[str, str], int]) -> str:
    if not copies:
        return ""
    pairs = "；".join(f"{b}与{a}（{n}段）" for (a, b), n in copies.items())
    return f"经比对，以下单位的报告有与其他单位完全相同的段落，请核实是否照抄：{pairs}。"
