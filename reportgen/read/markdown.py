"""A finished Markdown report → the document model, read with markdown-it-py (CommonMark).

Headings come from ``#`` where present (the first ``#`` is the title), otherwise from the
markers at the start of paragraphs; a paragraph that opens with a bold marker sentence
(``**（一）xx**。body``) is a run-in heading. So is one whose ``**`` CommonMark leaves as
text: ``**（一）抓落实。**开展检查。`` (a closing ``**`` after punctuation and before a
hanzi does not close), which is how people commonly write it. Web pastes often have one
paragraph per line without blank lines between them: a soft line break starts a new
paragraph unless it falls in the middle of a long sentence (a hand-wrapped line). GFM
pipe tables (as our roll-up renders them) are tables. An indented code block is text
indented with spaces, one paragraph a line.

An HTML block (``<p>``, ``<div>`` … pasted from a page) is read as text: its tags are
taken out, each block-level element or line is a paragraph, entities are decoded; only
``<script>``, ``<style>`` and comments are dropped (:func:`html_notes` says where, for
`import`'s M011). A ``<script>`` never closed drops its own line only: CommonMark would
make the rest of the file part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reportgen.core.blocks import Document, Origin
from reportgen.core.numbering import parse_marker
from reportgen.read.structure import Hint, Para, document_from_paras

_KEEP_LINE = "。！？：:；;）)」”>"
_WRAP_MIN = 40


@dataclass
class _Segment:
    line: int
    text: str = ""
    head_end: int | None = None
    parts: list[str] = field(default_factory=list)


def _inline_segments(inline: Any, first_line: int, prefix: str, lines: list[str]) -> list[_Segment]:
    """Split one inline token into paragraphs (see the module docstring) with bold offsets."""
    segments = [_Segment(first_line, prefix)]
    line = first_line
    children = inline.children or []
    strong_depth = 0
    meaningful = [c for c in children if c.type != "text" or c.content]
    starts_strong = bool(meaningful) and meaningful[0].type == "strong_open"
    if not starts_strong and len(meaningful) > 1 and meaningful[1].type == "strong_open":
        # （一）**抓队伍**本季度……: a typed marker, then the bold heading sentence.
        first = meaningful[0]
        found = parse_marker(first.content.strip()) if first.type == "text" else None
        starts_strong = found is not None and found.length == len(first.content.strip())
    for child in children:
        seg = segments[-1]
        kind = child.type
        if kind in ("text", "code_inline"):
            seg.text += child.content
        elif kind == "strong_open":
            strong_depth += 1
        elif kind == "strong_close":
            strong_depth -= 1
            if starts_strong and strong_depth == 0 and seg.head_end is None and seg is segments[0]:
                seg.head_end = len(seg.text)
        elif kind == "hardbreak":
            seg.text += "\n"
            line += 1
        elif kind == "softbreak":
            line += 1
            seg.parts.append(str(line))  # remember that a line ended here
            segments.append(_Segment(line))
        elif kind == "image":
            seg.text += child.content
    for seg in segments:
        if seg.head_end is None:
            _literal_bold(seg, prefix if seg is segments[0] else "", lines)
    return _merge_wrapped(segments)


def _literal_bold(seg: _Segment, prefix: str, lines: list[str]) -> None:
    """``**（一）抓落实。**开展检查。``: the ``**`` pair CommonMark left as text is bold.

    Only when the line itself starts with ``**`` (an escaped ``\\*\\*`` reads the same
    but is meant as asterisks); the pair is taken out of the text and its end is the
    heading sentence's end.
    """
    text = seg.text[len(prefix) :]
    source = lines[seg.line - 1].lstrip() if 0 < seg.line <= len(lines) else ""
    if not (text.startswith("**") and source.startswith("**")):
        return
    end = text.find("**", 2)
    inner = text[2:end]
    if end < 0 or not inner.strip() or inner != inner.strip():
        return
    seg.text = prefix + inner + text[end + 2 :]
    seg.head_end = len(prefix) + len(inner)


def _merge_wrapped(segments: list[_Segment]) -> list[_Segment]:
    out: list[_Segment] = []
    for seg in segments:
        if out:
            prev = out[-1]
            text = prev.text.rstrip()
            wrapped = (
                len(text) >= _WRAP_MIN
                and text[-1:] not in _KEEP_LINE
                and parse_marker(seg.text.lstrip()) is None
            )
            if wrapped:
                prev.text = text + seg.text.lstrip()
                continue
        out.append(seg)
    return out


# <script>, <style> and comments are dropped with their content; each is searched for
# once, so many openers never closed cannot make it quadratic.
_HIDDEN_OPEN = re.compile(r"<(script|style)\b|<!--", re.IGNORECASE)
_REST_OF_TAG = re.compile(r"[^<>\n]*>?")
# Elements that start a new paragraph in a browser.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|blockquote|pre|hr)\b[^<>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<![^<>]*>|<\?[^<>]*>")


@dataclass(frozen=True)
class HtmlText:
    """An HTML block as text: (line offset, paragraph) pairs, and what was dropped."""

    paragraphs: list[tuple[int, str]]
    dropped: list[str]


def _unhidden(content: str) -> tuple[str, list[str]]:
    """``content`` without scripts, styles and comments (their line breaks kept)."""
    lower = content.lower()
    out: list[str] = []
    dropped: list[str] = []
    unclosed: set[str] = set()
    pos = 0
    while (m := _HIDDEN_OPEN.search(content, pos)) is not None:
        kind = (m.group(1) or "!--").lower()
        closer = "-->" if kind == "!--" else f"</{kind}"
        end = -1 if kind in unclosed else lower.find(closer, m.end())
        if end < 0:  # never closed: only the opening tag goes
            unclosed.add(kind)
            end = m.end()
        else:
            end += len(closer)
        tag_end = _REST_OF_TAG.match(content, end)
        end = tag_end.end() if tag_end is not None and kind != "!--" else end
        out += [content[pos : m.start()], "\n" * content.count("\n", m.start(), end)]
        dropped.append({"script": "<script> 脚本", "style": "<style> 样式"}.get(kind, "注释"))
        pos = end
    out.append(content[pos:])
    return "".join(out), list(dict.fromkeys(dropped))


def html_text(content: str) -> HtmlText:
    """The text of an HTML block: tags out, entities decoded, scripts and styles dropped."""
    import html

    content, dropped = _unhidden(content)
    out: list[tuple[int, str]] = []
    for k, line in enumerate(content.split("\n")):
        for piece in _BLOCK_TAG.split(line):
            text = html.unescape(_TAG.sub("", piece)).replace("\xa0", " ").strip()
            if text:
                out.append((k, text))
    return HtmlText(out, dropped)


def html_notes(text: str) -> list[tuple[int, str]]:
    """(line, message) for each HTML block of a Markdown text: what reading it as text did."""
    from markdown_it import MarkdownIt

    notes = []
    for tok in MarkdownIt("commonmark").enable("table").parse(text):
        if tok.type == "html_block" and tok.map is not None:
            read = html_text(tok.content)
            what = "去掉了 HTML 标签，文字按段落导入"
            if read.dropped:
                what += f"；删去了{'、'.join(read.dropped)}"
            notes.append((tok.map[0] + 1, f"第 {tok.map[0] + 1} 行起是 HTML 块：{what}，请核对。"))
    return notes


def _cell_text(inline: Any) -> str:
    return "".join(
        c.content for c in inline.children or [] if c.type in ("text", "code_inline", "image")
    ).strip()


def markdown_paragraphs(text: str) -> list[Para]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    lines = text.splitlines()
    paras: list[Para] = []
    table: list[list[str]] | None = None  # the rows of the table being read
    table_line = 0
    pending_heading: tuple[Hint, int] | None = None
    list_prefix = ""
    title_open = True  # the first '#' (and '#' lines right after it) form the title
    lists: list[str] = []  # the open lists, innermost last: an item's marker is its list's
    for tok in tokens:
        if tok.type == "table_open":
            table, table_line = [], (tok.map[0] + 1 if tok.map else 0)
        elif tok.type == "table_close" and table is not None:
            rows = tuple(tuple(row) for row in table)
            flat = "\n".join("，".join(row) for row in rows)
            paras.append(Para(flat, Origin(table_line, 1), hint=Hint.TABLE, rows=rows))
            table, title_open = None, False
        elif table is not None:
            if tok.type == "tr_open":
                table.append([])
            elif tok.type == "inline" and table:
                table[-1].append(_cell_text(tok))
        elif tok.type == "heading_open":
            n = int(tok.tag[1:])
            pending_heading = (
                (Hint.TITLE, 0) if n == 1 and title_open else (Hint.HEADING, max(n - 1, 1))
            )
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(tok.type)
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif tok.type == "list_item_open":
            if lists and lists[-1] == "ordered_list_open":
                list_prefix = f"{tok.info}{tok.markup}"
        elif tok.type == "inline" and tok.map is not None:
            line = tok.map[0] + 1
            if pending_heading is not None:
                hint, level = pending_heading
                content = "".join(
                    c.content for c in tok.children or [] if c.type in ("text", "code_inline")
                )
                paras.append(
                    Para(
                        (list_prefix + content).strip(),
                        Origin(line, 1),
                        hint=hint,
                        level=level,
                        own_line=hint is Hint.HEADING,
                    )
                )
                title_open = hint is Hint.TITLE
            else:
                for seg in _inline_segments(tok, line, list_prefix, lines):
                    if not seg.text.strip():
                        continue
                    lead = len(seg.text) - len(seg.text.lstrip())
                    head_end = None if seg.head_end is None else seg.head_end - lead
                    paras.append(Para(seg.text.strip(), Origin(seg.line, 1), head_end=head_end))
                title_open = False
            pending_heading = None
            list_prefix = ""
        elif tok.type == "code_block" and tok.map is not None:
            # Four spaces of indentation after a blank line make CommonMark an indented
            # code block; in a report it is text indented by hand (附件 lines, a 2.台账).
            for k, raw in enumerate(tok.content.splitlines()):
                if raw.strip():
                    paras.append(Para(raw.strip(), Origin(tok.map[0] + 1 + k, 1)))
            title_open = False
        elif tok.type == "html_block" and tok.map is not None:
            for k, piece in html_text(tok.content).paragraphs:
                paras.append(Para(piece, Origin(tok.map[0] + 1 + k, 1)))
                title_open = False
        elif tok.type in ("fence", "hr"):
            title_open = False
    return paras


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def front_matter(text: str) -> tuple[str, str]:
    """(the ``kind:`` of a YAML front matter, the text with the front matter blanked out).

    A report names its kind explicitly in a front matter (``---`` / ``kind: summary`` /
    ``---``, the form pandoc and most Markdown tools know); its lines become blank, so that
    every other line keeps its number. A block between ``---`` lines that is not a YAML
    mapping is no front matter and is left as it is.
    """
    import yaml

    found = _FRONT_MATTER.match(text)
    if found is None:
        return "", text
    try:
        data = yaml.safe_load(found.group(1))
    except yaml.YAMLError:
        return "", text
    if not isinstance(data, dict):
        return "", text
    kind = data.get("kind")
    blank = "\n" * found.group(0).count("\n")
    return (str(kind).strip() if kind else ""), blank + text[found.end() :]


def read_markdown(text: str, source: str) -> Document:
    """Read a Markdown report (ours, hand-written or pasted from a web page) into a Document."""
    declared, text = front_matter(text)
    paras = markdown_paragraphs(text)
    bold = any(p.head_end is not None and parse_marker(p.text) is not None for p in paras)
    return document_from_paras(paras, source, bold_convention=bold, declared=declared)
