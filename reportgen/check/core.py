"""What rules see and what they yield: text units with positions, findings with fixes.

A *text rule* looks at one run of text (a YAML string, a Markdown or DOCX paragraph) and
yields findings at character offsets; a *document rule* looks at the whole document model
and yields findings at blocks. Offsets become file positions through the unit's ``spans``
(the source characters each text character came from), which is also what lets ``--fix``
edit a YAML or Markdown file in place without re-dumping it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol

from reportgen.core.blocks import Block, BlockKind, Document
from reportgen.core.text import CJK, HAN, RE_CJK, RE_HAN, WIDE_PUNCT, has_han, is_cjk, is_han
from reportgen.enums import StrEnum
from reportgen.problem import Level

# The character classes live in reportgen.core.text; the rules import them from here.
__all__ = ["CJK", "HAN", "RE_CJK", "RE_HAN", "WIDE_PUNCT", "has_han", "is_cjk", "is_han"]


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of a unit with ``new``."""

    start: int
    end: int
    new: str


@dataclass(frozen=True)
class Finding:
    """What a rule yields: a message at an offset of a unit, or at a block."""

    message: str
    offset: int = 0
    block: Block | None = None
    edits: tuple[Edit, ...] = ()
    # A document rule's fix across several blocks (one finding for a whole list): each
    # edit is made in the text unit of its block.
    fixes: tuple[tuple[Block, Edit], ...] = ()


class LineIndex:
    """Character offset ↔ 1-based (line, column) in a file's text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        if line < 1:
            return 0
        if line > len(self.starts):
            return len(self.text)
        return self.starts[line - 1] + max(column - 1, 0)


@dataclass
class TextUnit:
    """One run of text a text rule checks.

    ``spans[i]`` is the (start, end) in the file text that produced ``text[i]``, or None
    when unknown (then the position falls back to the nearest known one and no fix touches
    it). DOCX units have no spans: their position is (paragraph number, offset + 1).
    """

    text: str
    line: int
    column: int
    path: str = ""
    block: Block | None = None
    field: str = ""  # YAML: the field name (title, heading, text …); others: the block kind
    marker_len: int = 0  # a heading's marker at the start of text (checked by marker rules)
    spans: Sequence[tuple[int, int] | None] | None = None
    index: LineIndex | None = None
    quote: str = ""  # YAML: '"' or "'" for a quoted scalar (how an edit must be written)
    # A YAML scalar or a table cell: a value, where a bare number or sign is data (not the
    # stray counter of a scraped page, as it would be in a paragraph of its own).
    value: bool = False
    cell: tuple[int, int] | None = None  # tables: (row, column) of the cell, the header row 0
    # Markdown: offsets of text written as code (`…`), not the report's prose: no finding there.
    skip: frozenset[int] = frozenset()
    file: str = ""  # the file it is in, when not the source's own (a shared-defaults file)

    def position(self, offset: int) -> tuple[int, int]:
        if self.spans is not None and self.index is not None and self.spans:
            k = min(max(offset, 0), len(self.spans) - 1)
            # Lazily: the first character with a span is nearly always k itself.
            for j in itertools.chain(range(k, -1, -1), range(k + 1, len(self.spans))):
                span = self.spans[j]
                if span is not None:
                    return self.index.position(span[0])
            return self.line, self.column
        if self.index is None and self.column == 0:
            return self.line, offset + 1  # DOCX: paragraph number, character in it
        return self.line, self.column


Span = tuple[int, int] | None


class LazySpans(Sequence[Span]):
    """Spans worked out on first use: most units have no finding and never need them
    (the render gate checks every report of a batch)."""

    def __init__(self, make: Callable[[], list[Span]]) -> None:
        self._make: Callable[[], list[Span]] | None = make
        self._spans: list[Span] = []

    def _get(self) -> list[Span]:
        if self._make is not None:
            self._spans, self._make = self._make(), None
        return self._spans

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, i: Any) -> Any:
        return self._get()[i]


def align(
    value: str, source: str, base: int, escapes: bool = False, window: int = 24
) -> list[tuple[int, int] | None]:
    """Map each character of ``value`` to the span of ``source`` it was written as.

    Greedy: each character is looked for a little ahead of the previous one, skipping
    markup (``**``, ``\\``, quotes, indentation, line breaks). ``escapes``: a backslash
    before the character belongs to its span (YAML double-quoted ``\\"``).
    """
    spans: list[tuple[int, int] | None] = []
    j = 0
    n = len(source)
    for ch in value:
        k = source.find(ch, j, min(n, j + window))
        if k < 0:
            spans.append(None)
            continue
        start = k - 1 if escapes and k > j and source[k - 1] == "\\" else k
        spans.append((base + start, base + k + 1))
        j = k + 1
    return spans


class SourceKind(StrEnum):
    """What a checked file is; a rule's ``SOURCES`` names those it applies to."""

    YAML = "yaml"  # a report the tool builds the outline of (outline findings are errors there)
    MD = "md"  # a finished report in Markdown
    DOCX = "docx"  # a finished report in Word


class CheckContext:
    """Everything a document rule may need besides the document.

    ``template_dirs`` (``check --templates``) come before the built-ins when the outline
    kind is looked up, so a user's kind supplies its own lead formula and required parts.
    """

    def __init__(
        self, source_kind: SourceKind, kind_name: str, template_dirs: tuple[Path, ...] = ()
    ) -> None:
        self.source_kind = source_kind
        self.kind_name = kind_name
        self.template_dirs = template_dirs

    @property
    def kind(self) -> Any:
        from reportgen.genre.registry import default_kind, load_kind

        dirs = self.template_dirs
        fallback = default_kind(dirs)
        return load_kind(self.kind_name or fallback, dirs) or load_kind(fallback, dirs)


if TYPE_CHECKING:  # only mypy needs the Protocols (creating them costs start-up time)

    class RuleModule(Protocol):
        """What every rule module declares, as yamllint's rules do; its docstring is its user
        documentation (`reportgen rules CODE`). ``SOURCES`` (the source kinds it applies to) and
        ``NEEDS`` (characters every finding holds) are optional."""

        CODE: str
        ID: str
        LEVEL: Level
        FIXABLE: bool
        CONF: dict[str, type]
        DEFAULT: dict[str, Any]

    class TextRule(RuleModule, Protocol):
        """A rule over one run of text (a YAML string, a paragraph, a table cell)."""

        def check(self, conf: dict[str, Any], unit: TextUnit, /) -> Iterator[Finding]: ...

    class DocumentRule(RuleModule, Protocol):
        """A rule over the whole document model (outline, numbering, consistency)."""

        def check(
            self, conf: dict[str, Any], document: Document, ctx: CheckContext, /
        ) -> Iterator[Finding]: ...


@dataclass(frozen=True, kw_only=True, eq=False)  # identity: each is registered once
class Rule:
    """A registered rule: what `rules`, the config and the output formats read."""

    code: str
    name: str
    level: Level
    fixable: bool
    conf: dict[str, type]
    default: dict[str, Any]
    doc: str
    module: ModuleType  # where it is written (the registry test compares them with rules/)
    sources: tuple[SourceKind, ...] | None = None  # None: every kind of source
    needs: frozenset[str] | None = None

    type: ClassVar[Literal["text", "document"]]  # set by the entry class, not by the module

    @property
    def summary(self) -> str:
        """The first line of the rule's docstring."""
        return self.doc.splitlines()[0] if self.doc else ""

    def applies_to(self, source_kind: SourceKind) -> bool:
        return self.sources is None or source_kind in self.sources


@dataclass(frozen=True, kw_only=True, eq=False)  # identity: each is registered once
class TextCheck(Rule):
    type: ClassVar[Literal["text", "document"]] = "text"
    check: Callable[[dict[str, Any], TextUnit], Iterator[Finding]]


@dataclass(frozen=True, kw_only=True, eq=False)  # identity: each is registered once
class DocumentCheck(Rule):
    type: ClassVar[Literal["text", "document"]] = "document"
    check: Callable[[dict[str, Any], Document, CheckContext], Iterator[Finding]]


def _fields(module: RuleModule) -> dict[str, Any]:
    # SOURCES and NEEDS are optional, so they are not in the Protocol.
    return {
        "code": module.CODE,
        "name": module.ID,
        "level": module.LEVEL,
        "fixable": module.FIXABLE,
        "conf": module.CONF,
        "default": module.DEFAULT,
        "doc": (module.__doc__ or "").strip(),
        "module": module,
        "sources": getattr(module, "SOURCES", None),
        "needs": getattr(module, "NEEDS", None),
    }


def text_rule(module: TextRule) -> TextCheck:
    """Register a text rule module (mypy checks it against :class:`TextRule`)."""
    return TextCheck(**_fields(module), check=module.check)


def document_rule(module: DocumentRule) -> DocumentCheck:
    """Register a document rule module (mypy checks it against :class:`DocumentRule`)."""
    return DocumentCheck(**_fields(module), check=module.check)


def block_units(document: Document, index: LineIndex | None) -> list[TextUnit]:
    """Text units for a finished document: one per block, spans aligned to the file text.

    A table gives one unit per cell (typography rules look at cells; a cell is not a
    paragraph of its own for the outline and page-junk rules).
    """
    units = []
    for block in document.blocks:
        if block.kind is BlockKind.TABLE:
            units += _cell_units(block, index)
            continue
        text = block.full_text
        if not text:
            continue
        spans = None
        if index is not None:
            base = index.offset(block.origin.line, 1)
            spans = align(text, index.text[base : base + len(text) * 3 + 200], base)
        units.append(
            TextUnit(
                text,
                block.origin.line,
                block.origin.column,
                path=block.origin.path,
                block=block,
                field=block.kind.value,
                marker_len=len(block.marker) if block.kind is BlockKind.HEADING else 0,
                spans=spans,
                index=index,
            )
        )
    return units


def _cell_units(block: Block, index: LineIndex | None) -> list[TextUnit]:
    """One unit per non-empty cell of a table block.

    In a GFM table each row is one line, the delimiter row (|---|) right after the header,
    so row ``r`` of a table starting at line L stands at line L + r (+1 below the header).
    """
    units = []
    for r, row in enumerate(block.rows):
        line = block.origin.line + r + (1 if r else 0)
        line_text, base = "", 0
        if index is not None and block.origin.line:
            base = index.offset(line, 1)
            end = index.text.find("\n", base)
            line_text = index.text[base : end if end >= 0 else len(index.text)]
        at = 0  # where the previous cell ended in the line
        for c, cell in enumerate(row):
            if not cell:
                continue
            spans: list[tuple[int, int] | None] | None = None
            if index is not None and block.origin.line:
                k = line_text.find(cell, at)
                if k >= 0:
                    spans = [(base + k + i, base + k + i + 1) for i in range(len(cell))]
                    at = k + len(cell)
                else:
                    spans = align(cell, line_text[at:], base + at)
            units.append(
                TextUnit(
                    cell,
                    line if index is not None else block.origin.line,
                    block.origin.column,
                    path=block.origin.path,
                    block=block,
                    field=block.kind.value,
                    spans=spans,
                    index=index,
                    value=True,
                    cell=(r, c),
                )
            )
    return units


def walk_headings(blocks: Sequence[Block]) -> Iterator[tuple[Block, Block | None]]:
    """Each heading with the heading it is nested under (None at the top)."""
    stack: list[Block] = []
    for block in blocks:
        if block.kind is not BlockKind.HEADING:
            continue
        while stack and stack[-1].level >= block.level:
            stack.pop()
        yield block, (stack[-1] if stack else None)
        stack.append(block)


@dataclass
class Source:
    """One file being checked: its text (YAML, Markdown), document and units."""

    name: str
    kind: SourceKind
    text: str | None = None
    document: Document | None = None
    units: list[TextUnit] = field(default_factory=list)
    template_dirs: tuple[Path, ...] = ()  # check --templates: user kinds first
