"""A valid Report and its Kind → the document model (blocks), numbered and punctuated.

This is where order becomes numbers, where the kind's formulas fill in a missing title,
lead or closing, and where run-in heading sentences get their 。. Every back-end renders
what this produces and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.core.blocks import Block, BlockKind, DocFormat, Document, Origin, TableInfo
from reportgen.core.model import Attachment, Item, Part, Report, iso_date, period_text
from reportgen.core.numbering import (
    LEVEL_OF,
    STANDARD,
    Family,
    Ladder,
    chinese_numeral,
    group_marker,
    marker,
)
from reportgen.genre.registry import Kind
from reportgen.render.templating import render_string
from reportgen.tables.model import Table, TableEntry

if TYPE_CHECKING:
    from reportgen.tables.build import ComputedTable

Locate = Callable[[tuple[str | int, ...]], Origin]

_SENTENCE_END = "。！？"
_SOFT_END = "，,、；;：:.。 "
_CLOSERS = "”’）》」』"


def _no_origin(path: tuple[str | int, ...]) -> Origin:
    return Origin()


def paragraphs(text: str | None) -> list[str]:
    """A text field's paragraphs: one per line (blank lines and indentation ignored)."""
    return [line.strip() for line in (text or "").split("\n") if line.strip()]


def end_sentence(text: str) -> str:
    """A run-in heading sentence ends with 。 (or the ！？ the user wrote)."""
    core = text.rstrip()
    tail = core.rstrip(_CLOSERS)
    if tail and tail[-1] in _SENTENCE_END:
        return core
    return core.rstrip(_SOFT_END) + "。"


def strip_end(text: str) -> str:
    """A heading on its own line has no trailing punctuation."""
    return text.rstrip().rstrip(_SOFT_END + "！？")


def with_points(text: str, points: list[str]) -> str:
    """Text followed by its points in the same paragraph; a lead-in without punctuation gets
    a colon (“以下几点：一是……”), never the points glued to its last word."""
    if text and text[-1] not in "，。；：！？、,.;:!?”）":
        text += "："
    return text + join_points(points)


def join_points(points: list[str]) -> str:
    """["加强…", "完善…。"] → 一是加强…；二是完善…。

    Points separated by ； are clauses of one sentence; where a point holds several
    sentences (一是……。另外，……), each point ends with 。 instead (GB/T 15834).
    """
    texts = [strip_end(p) for p in points]
    sep = "。" if any(re.search("[。！？]", t) for t in texts) else "；"
    return sep.join(f"{chinese_numeral(i)}是{t}" for i, t in enumerate(texts, 1)) + "。"


def self_name(org: str) -> str:
    """How an organisation refers to itself in a lead: 我局, 我校, 我委 …"""
    for suffix, name in (
        ("幼儿园", "我园"),
        ("委员会", "我委"),
        ("局", "我局"),
        ("委", "我委"),
        ("学校", "我校"),
        ("小学", "我校"),
        ("中学", "我校"),
        ("学院", "我院"),
        ("大学", "我校"),
        ("校", "我校"),
        ("办公室", "我办"),
        ("中心", "我中心"),
    ):
        if org.endswith(suffix):
            return name
    if _SCHOOL_SHORT.search(org):
        return "我校"
    return "我单位"


# A school by its short name: 青山县一中, 城关二小, 师大附中, 东关完小.
_SCHOOL_SHORT = re.compile(r"(?:[一二三四五六七八九十0-9]|附|完)[中小]$")


def formula_context(report: Report, kind: Kind) -> dict[str, str]:
    return {
        "org": report.org,
        "topic": report.topic.rstrip("。；，、：.;,: "),
        "period": period_text(report.period),
        "self_name": report.self_name or self_name(report.org),
        "kind": kind.spec.label,
        "recipient": report.recipient or "",
        "date": report.date or "",
    }


class _Builder:
    def __init__(
        self,
        locate: Locate,
        tables: dict[tuple[str | int, ...], ComputedTable] | None = None,
        ladder: Ladder = STANDARD,
    ) -> None:
        self.locate = locate
        self.blocks: list[Block] = []
        self.tables = tables or {}
        self.ladder = ladder  # the kind's numbering family of each level

    def table(self, table: Table, path: tuple[str | int, ...]) -> None:
        """A table block from its computed cells; title and notes from the (cited) model."""
        from reportgen.tables.build import note_line

        computed = self.tables.get(path)
        if computed is None or not computed.header:
            return
        self.add(
            BlockKind.TABLE,
            table.title or "",
            path,
            rows=(computed.header, *computed.rows),
            table=TableInfo(
                unit=computed.unit,
                align=computed.align,
                widths=computed.widths,
                total_rows=tuple(i + 1 for i in computed.total_rows),
                notes=tuple(note_line(n) for n in table.notes or ()),
                landscape=computed.landscape,
                name=computed.id,
            ),
        )

    def add(
        self, kind: BlockKind, text: str, path: tuple[str | int, ...], **fields: object
    ) -> None:
        self.blocks.append(Block(kind, text, origin=self.locate(path), **fields))  # type: ignore[arg-type]

    def texts(self, kind: BlockKind, text: str | None, path: tuple[str | int, ...]) -> None:
        for para in paragraphs(text):
            self.add(kind, para, path)

    def group(self, style: str, count: int, text: str, path: tuple[str | int, ...]) -> None:
        """A block line above 一、: 第二部分　2025年工作打算 (marker from position and style)."""
        n = sum(1 for b in self.blocks if b.kind is BlockKind.GROUP) + 1
        mark, separator = group_marker(style, n, count)
        self.add(BlockKind.GROUP, strip_end(text), path, number=n, marker=mark + separator)

    def part(
        self,
        part: Part,
        role: str,
        number: int,
        heading: str,
        family: Family,
        run_in: bool,
        path: tuple[str | int, ...],
    ) -> None:
        self.add(
            BlockKind.HEADING,
            strip_end(heading),
            (*path, "heading"),
            level=1,
            family=Family.CHAPTER,
            number=number,
            marker=marker(Family.CHAPTER, number),
            role=role,
        )
        intro = paragraphs(part.intro)
        if part.points:
            last = intro.pop() if intro else ""
            intro.append(with_points(last, part.points))
        for para in intro:
            self.add(BlockKind.PARAGRAPH, para, (*path, "intro"))
        self.entries(part.items, family, 1, run_in, (*path, "items"))

    def entries(
        self,
        entries: list[str | Item | TableEntry],
        family: Family,
        parent_level: int,
        run_in: bool,
        path: tuple[str | int, ...],
    ) -> None:
        number = 0
        for i, entry in enumerate(entries):
            if isinstance(entry, str):
                self.texts(BlockKind.PARAGRAPH, entry, (*path, i))
                continue
            if isinstance(entry, TableEntry):
                self.table(entry.table, (*path, i, "table"))
                continue
            number += 1
            self.item(entry, family, parent_level, number, run_in, (*path, i))

    def item(
        self,
        item: Item,
        family: Family,
        parent_level: int,
        number: int,
        run_in: bool,
        path: tuple[str | int, ...],
    ) -> None:
        level = LEVEL_OF.get(family, parent_level + 1)
        body = paragraphs(item.text)
        if item.points:
            last = body.pop() if body else ""
            body.append(with_points(last, item.points))
        head_path = (*path, "heading" if item.heading else "text")
        common = {
            "level": level,
            "family": family,
            "number": number,
            "marker": marker(family, number),
        }
        if item.heading and not run_in and family is not Family.INLINE:
            self.add(BlockKind.HEADING, strip_end(item.heading), head_path, **common)
        else:
            sentence = end_sentence(item.heading) if item.heading else ""
            first = body.pop(0) if body else ""
            self.add(BlockKind.HEADING, sentence, head_path, run_in=True, body=first, **common)
        for para in body:
            self.add(BlockKind.PARAGRAPH, para, (*path, "text"))
        if item.table is not None:
            self.table(item.table, (*path, "table"))
        if item.items:
            self.entries(item.items, self.ladder.below(family), level, run_in, (*path, "items"))


def _generated(text: str) -> str:
    """A formula's output without a kind word doubled by the topic (never applied to user
    text): a topic that already ends with a word the formula puts after it (食品安全自查 +
    自查情况的报告) would otherwise give it twice; the words are words.yaml's formula_words."""
    from reportgen.genre.registry import current

    return current().words.doubled.sub(r"\1", text)


def build_document(
    report: Report,
    kind: Kind,
    roles: list[str],
    *,
    source: str = "",
    locate: Locate = _no_origin,
    template_dirs: tuple[Path, ...] = (),
    tables: dict[tuple[str | int, ...], ComputedTable] | None = None,
) -> Document:
    """``tables``: the report's computed tables by field path (tables.compute_tables)."""
    ctx = formula_context(report, kind)
    where = f"文种 {kind.name}（{kind.path}）"
    b = _Builder(locate, tables, kind.spec.ladder)
    fmt = doc_format(report)
    _masthead(b, report, fmt)
    title = report.title or _generated(
        render_string(kind.spec.title, ctx, f"{where} 的 title", template_dirs)
    )
    b.add(BlockKind.TITLE, re.sub(r"\s+", "", title) if not report.title else title, ("title",))
    if report.recipient:
        b.add(BlockKind.RECIPIENT, report.recipient.rstrip(":：") + "：", ("recipient",))
    lead = report.lead or _generated(
        render_string(kind.spec.lead, ctx, f"{where} 的 lead", template_dirs)
    )
    b.texts(BlockKind.LEAD, lead, ("lead",))
    groups = sum(1 for part in report.parts if part.group)
    number = 0  # 一、 restarts in each block above it (第一部分, 第二部分 …)
    for p, (part, role) in enumerate(zip(report.parts, roles, strict=True), 1):
        if part.group:
            b.group(report.group_style, groups, part.group, ("parts", p - 1, "group"))
            number = 0
        number += 1
        family = Family(part.numbering) if part.numbering else b.ladder.items
        run_in = kind.spec.run_in if part.run_in is None else part.run_in
        heading = part.heading or kind.default_heading(role)
        b.part(part, role, number, heading, family, run_in, ("parts", p - 1))
    closing = report.closing
    if closing is None:
        closing = render_string(kind.spec.closing, ctx, f"{where} 的 closing", template_dirs)
    b.texts(BlockKind.CLOSING, closing, ("closing",))
    if report.attachments:
        names = tuple(a if isinstance(a, str) else a.title for a in report.attachments)
        b.add(BlockKind.ATTACHMENTS, "", ("attachments",), items=names)
    b.add(BlockKind.SIGNATURE, report.signature or report.org, ("signature",))
    if report.date:
        b.add(BlockKind.DATE, report.date, ("date",))
    if report.note:
        b.add(BlockKind.NOTE, parenthesized_note(report.note), ("note",))
    _attachment_pages(b, report, Path(source).parent if source else Path("."))
    if report.cc or report.printed_by:
        b.add(
            BlockKind.IMPRINT,
            report.printed_by or "",
            ("cc",) if report.cc else ("printed_by",),
            items=tuple(report.cc),
            body=(report.printed_on or report.date or "") if report.printed_by else "",
        )
    return Document(
        title=title,
        blocks=b.blocks,
        org=report.org,
        date=report.date or "",
        iso_date=iso_date(report.date or ""),
        kind=kind.name,
        seal=report.seal,
        source=source,
        format=fmt,
        period=ctx["period"],
    )


def doc_format(report: Report) -> DocFormat:
    """The report's 公文 format: as written, else 文件格式 when it names 签发人, else plain."""
    if report.format:
        return DocFormat(report.format)
    return DocFormat.FILE if report.signers else DocFormat.PLAIN


def issuer_mark(report: Report, fmt: DocFormat) -> str:
    """发文机关标志: as written, else the organisation's name (+ 文件 in 文件格式)."""
    if report.issuer_mark:
        return report.issuer_mark
    return report.org + "文件" if fmt is DocFormat.FILE else report.org


def parenthesized_note(note: str) -> str:
    """附注 in full-width parentheses (GB/T 9704 7.3.6)."""
    note = note.strip()
    if note.startswith(("（", "(")) and note.endswith(("）", ")")):
        note = note[1:-1]
    return f"（{note}）"


def _masthead(b: _Builder, report: Report, fmt: DocFormat) -> None:
    """版头: 份号/密级/紧急程度, 发文机关标志 and the 发文字号 with its 签发人."""
    if fmt is not DocFormat.PLAIN:
        lines = [
            (v, name)
            for v, name in (
                (report.copy_number, "copy_number"),
                (report.secrecy, "secrecy"),
                (report.urgency, "urgency"),
            )
            if v
        ]
        if lines:
            b.add(BlockKind.MARKINGS, "", (lines[0][1],), items=tuple(v for v, _ in lines))
        b.add(BlockKind.ISSUER_MARK, issuer_mark(report, fmt), ("issuer_mark",))
    signers = tuple(report.signers) if fmt is DocFormat.FILE else ()
    if report.doc_number or signers:
        path = ("doc_number",) if report.doc_number else ("signers",)
        b.add(BlockKind.DOC_NUMBER, report.doc_number or "", path, items=signers)


def attachment_label(number: int, count: int) -> str:
    """附件N; a lone attachment is 附件 without a number (GB/T 9704 7.3.4)."""
    return "附件" if count == 1 else f"附件{number}"


def _attachment_pages(b: _Builder, report: Report, base: Path) -> None:
    """Each attachment with content on pages of its own: 附件N, its title, its text."""
    count = len(report.attachments)
    for i, entry in enumerate(report.attachments):
        if not isinstance(entry, Attachment) or not (entry.text or entry.items or entry.file):
            continue
        path: tuple[str | int, ...] = ("attachments", i)
        b.add(
            BlockKind.ATTACHMENT_HEAD,
            entry.title,
            (*path, "title"),
            number=i + 1,
            marker=attachment_label(i + 1, count),
        )
        b.texts(BlockKind.PARAGRAPH, entry.text, (*path, "text"))
        if entry.items:
            b.entries(entry.items, Family.SECTION, 1, True, (*path, "items"))
        if entry.file and Path(entry.file).suffix.lower() == ".docx":
            _docx_attachment(b, base, entry.file, entry.title, (*path, "file"))
        elif entry.file:
            for para in file_paragraphs(base / entry.file):
                b.add(BlockKind.PARAGRAPH, para, (*path, "file"))


def _docx_attachment(
    b: _Builder, base: Path, name: str, title: str, path: tuple[str | int, ...]
) -> None:
    """A .docx attachment's body paragraphs and tables, in the report's styles; a first
    paragraph repeating the attachment's title is left out (the page has it already).
    Nothing when the file cannot be used (validation says why, I040/I044)."""
    from reportgen.core.attachment_file import AttachmentFileError, read_docx_attachment
    from reportgen.core.side_files import confine

    if confine(name, base, "附件文件", "附件的 file")[1] is not None:
        return
    try:
        content = read_docx_attachment(base / name)
    except AttachmentFileError:
        return
    pieces = list(content.pieces)
    if pieces and not pieces[0].rows and _same_title(pieces[0].text, title):
        pieces = pieces[1:]
    for piece in pieces:
        if piece.rows:
            b.add(BlockKind.TABLE, "", path, rows=piece.rows, table=TableInfo())
            continue
        # Paragraphs as the attachment's text: lines, like a ``text:`` attachment's (its
        # 一、 lines included: the gate numbers headings across the whole document).
        b.add(BlockKind.PARAGRAPH, piece.text.replace("\n", "").strip(), path)


def _same_title(text: str, title: str) -> bool:
    def squeeze(s: str) -> str:
        return re.sub(r"\s+", "", s)

    return squeeze(text) == squeeze(title)


def file_paragraphs(path: Path) -> list[str]:
    """A .md or .txt file's paragraphs (blank-line separated, lines joined, Markdown
    heading marks and emphasis dropped); [] when it cannot be read (validation says so)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    result = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [re.sub(r"^#{1,6}\s+", "", line.strip()) for line in chunk.splitlines()]
        para = "".join(line for line in lines if line).replace("**", "")
        if para:
            result.append(para)
    return result
