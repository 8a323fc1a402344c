"""The document model: a report as a flat list of typed blocks.

This is the contract between the fronts (YAML via document.py, finished Markdown and
DOCX via read/) and the back-ends (render/markdown.py, render/docx/). Everything a
back-end shows is here, already numbered and punctuated, so every back-end shows the
same text by construction. Dataclasses only: importing this module is cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from reportgen.core.numbering import Family
from reportgen.enums import StrEnum


class DocFormat(StrEnum):
    """The 公文 format: what stands above the title (GB/T 9704 §7.2, §10.1)."""

    FILE = "file"  # 文件格式: 发文机关标志 “…文件”, 发文字号 with 签发人, red rule
    LETTER = "letter"  # 信函格式
    PLAIN = "plain"  # no 版头 (what schools' reports usually are)


class BlockKind(str, Enum):
    DOC_NUMBER = "doc_number"  # 发文字号
    TITLE = "title"  # 标题
    RECIPIENT = "recipient"  # 主送机关, ends with ：
    LEAD = "lead"  # 导语 paragraph
    HEADING = "heading"  # 一、 （一） 1. （1） or an 一是 item paragraph
    GROUP = "group"  # 第一部分 / 第一板块 / 上篇 …: a block above 一、 (一、 restarts in each)
    PARAGRAPH = "paragraph"  # body text
    CLOSING = "closing"  # 结束语 paragraph
    ATTACHMENTS = "attachments"  # 附件说明
    TABLE = "table"  # a table of figures: text is its title, rows its cells (header first)
    SIGNATURE = "signature"  # 署名
    DATE = "date"  # 成文日期
    # The whole 公文 (GB/T 9704 §7): 版头 above the title, 附注, attachment pages, 版记.
    MARKINGS = "markings"  # 份号, 密级和保密期限, 紧急程度: one line per item, top left
    ISSUER_MARK = "issuer_mark"  # 发文机关标志 (红头)
    NOTE = "note"  # 附注, the line after the date, in parentheses
    ATTACHMENT_HEAD = "attachment_head"  # 附件N (marker) and its title (text): a new page
    # 版记: items = 抄送机关, text = 印发机关, body = 印发日期; a 版记 line a reader could
    # not take apart (主题词：…) is an IMPRINT block with that line as its text only.
    IMPRINT = "imprint"


@dataclass(frozen=True)
class Origin:
    """Where a block came from: 1-based line/column in the source and the field or heading path.

    For DOCX sources ``line`` is the paragraph number (1-based) and ``column`` is 0.
    """

    line: int = 0
    column: int = 0
    path: str = ""


@dataclass(frozen=True)
class TableInfo:
    """What a TABLE block shows besides its cells (``Block.text`` is the table's title and
    ``Block.rows`` its cells, the header row first): the unit line, each column's alignment
    and width hint, which body rows are 合计/小计, and the notes under the table."""

    unit: str = ""  # 单位：人, right-aligned above the table
    align: tuple[str, ...] = ()  # per column: left, center or right ("" = automatic)
    widths: tuple[float, ...] = ()  # per column: relative width hint, 0 = automatic
    total_rows: tuple[int, ...] = ()  # rows (index into Block.rows) that are 合计/小计
    notes: tuple[str, ...] = ()  # 注：…… paragraphs under the table
    landscape: bool | None = None  # on a landscape page; None = only when too wide
    name: str = ""  # the table's id, which the prose cites


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    # Heading: the heading text without its marker. A run-in heading's text is its
    # heading sentence including the closing 。; an own-line heading has no trailing
    # punctuation. Other blocks: the paragraph text.
    text: str
    level: int = 0  # headings: 1 一、, 2 （一）, 3 1., 4 （1）; 0 otherwise
    family: Family | None = None  # headings: the numbering family of the marker
    number: int = 0  # headings: 1-based position among siblings
    marker: str = ""  # headings: the marker as shown, e.g. "（一）"
    run_in: bool = False  # headings: the body continues in the same paragraph
    body: str = ""  # run-in headings: the prose after the heading sentence
    role: str = ""  # level-1 headings: the part's role (work, problems, next-steps …)
    # attachments: one name per attachment; markings: its lines; doc number: the 签发人;
    # imprint: the 抄送机关
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()  # tables: rows of cells, the header first
    table: TableInfo | None = None  # tables: unit, alignment, widths, totals, notes
    origin: Origin = field(default_factory=Origin)

    @property
    def full_text(self) -> str:
        """The paragraph as a reader sees it: marker, heading sentence and run-in body."""
        if self.kind is BlockKind.HEADING:
            return f"{self.marker}{self.text}{self.body}"
        if self.kind is BlockKind.GROUP:
            return f"{self.marker}{self.text}"
        if self.kind is BlockKind.ATTACHMENTS:
            return "附件：" + "；".join(self.items)
        if self.kind is BlockKind.TABLE:
            return "\n".join("，".join(row) for row in self.rows)
        if self.kind is BlockKind.MARKINGS:
            return "\n".join(self.items)
        if self.kind is BlockKind.ATTACHMENT_HEAD:
            return f"{self.marker}\n{self.text}"
        if self.kind is BlockKind.DOC_NUMBER and self.items:
            return f"{self.text}\n签发人：{'　'.join(self.items)}"
        if self.kind is BlockKind.IMPRINT:
            cc = f"抄送：{'，'.join(self.items)}。\n" if self.items else ""
            printed = f"{self.text}　{self.body}印发" if self.text or self.body else ""
            return cc + printed
        return self.text


@dataclass
class Document:
    """A whole report, ready for any back-end."""

    title: str
    blocks: list[Block]
    org: str = ""  # 发文机关: the DOCX author
    date: str = ""  # 成文日期 as shown, e.g. 2024年10月8日
    iso_date: str = ""  # the same date as YYYY-MM-DD, for file metadata ("" when unknown)
    kind: str = ""  # outline kind name, e.g. work-report
    declared_kind: str = ""  # the kind the file names itself (front matter, DOCX category)
    seal: bool = False  # lay the signature out for a seal (GB/T 9704 7.3.5.1)
    source: str = ""  # the file it came from, for messages
    format: DocFormat = DocFormat.PLAIN
    period: str = ""  # the report's period as text (YAML reports; "" for finished files)

    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind is BlockKind.HEADING]

    def text(self) -> str:
        """Plain text, one block a line: used by tests and the character counts of `batch`."""
        return "\n".join(b.full_text for b in self.blocks)
