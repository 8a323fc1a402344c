"""Document model → CommonMark, through the Jinja template ``markdown/report.md.j2``.

User text is escaped so that nothing typed in a report (``#``, ``*``, ``1.`` at a line
start, ``|``, ``<``) can change the document's structure; full-width punctuation is
left exactly as written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.core.blocks import Block, Document
from reportgen.render.templating import environment, render_template

if TYPE_CHECKING:
    from reportgen.pipeline import Prepared
    from reportgen.render.formats import RenderOptions

_INLINE = re.compile(r"([\\`*_\[\]<>|~#])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d{1,9}(?=[.)]))")
_TRAILING = "。！？"


def md(text: str) -> str:
    """Escape inline Markdown syntax in user text."""
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))


def md_para(text: str) -> str:
    """Escape a paragraph: inline syntax, plus what would start a list or a heading."""
    escaped = md(text)
    m = _LINE_START.match(escaped)
    if not m:
        return escaped
    lead, token = m.groups()
    if token.isdigit():
        return f"{lead}{token}\\{escaped[m.end() :]}"
    return f"{lead}\\{escaped[len(lead) :]}"


def split_end(text: str) -> tuple[str, str]:
    """Keep a run-in heading's final 。 outside the ``**``: CommonMark does not close
    strong emphasis after punctuation when a Chinese character follows."""
    if text and text[-1] in _TRAILING:
        return text[:-1], text[-1]
    return text, ""


def table_rule(block: Block, column: int) -> str:
    """A GFM delimiter cell: ``---:`` for a right-aligned column, ``:---:`` centred."""
    align = block.table.align if block.table else ()
    how = align[column] if column < len(align) else ""
    return {"right": "---:", "center": ":---:", "left": ":---"}.get(how, "---")


def render_markdown(document: Document, template_dirs: tuple[Path, ...] = ()) -> str:
    env = environment(template_dirs)
    env.filters.setdefault("md", md)
    env.filters.setdefault("md_para", md_para)
    env.globals.setdefault("split_end", split_end)
    env.globals.setdefault("table_rule", table_rule)
    text = render_template("markdown/report.md.j2", {"document": document}, template_dirs)
    return _front_matter(document) + re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _front_matter(document: Document) -> str:
    """``kind:`` in a YAML front matter when the title does not name the document's kind
    (check and import read it back); nothing when it does, as for the built-in kinds'
    usual titles."""
    from reportgen.genre.registry import current

    genre = current()
    kind = genre.kind(document.kind) if document.kind else None
    if kind is None or genre.guess_kind(document.title)[0] is kind:
        return ""
    return f"---\nkind: {kind.name}\n---\n\n"


def make(prepared: Prepared, options: RenderOptions) -> bytes:
    """The report as a Markdown file (the format registry's entry point)."""
    text = render_markdown(prepared.document, options.template_dirs)
    if options.draft:
        text = f"> **{options.draft}**\n\n{text}"
    return text.encode("utf-8")
