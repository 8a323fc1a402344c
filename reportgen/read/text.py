"""A plain-text report (typed, or copied from a web page) → the document model.

Every non-blank line is a paragraph; the rest (title, headings, lead, closing, signature)
is decided by the same rules as for Markdown and DOCX (:mod:`reportgen.read.structure`).
Plain text has no formatting, so a title broken over two short lines is joined again here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from reportgen.core.blocks import Document, Origin
from reportgen.core.numbering import parse_marker
from reportgen.read.structure import Hint, Para, document_from_paras, is_date

# Leading indentation typed with full-width or ASCII spaces (and stray BOMs).
_INDENT = " \t\u3000\u00a0\ufeff"
_SENTENCE_PUNCT = re.compile(r"[。！？；，、：:,;!?]")
_DOC_NUMBER = re.compile(r"〔\d{4}〕|\[\d{4}\]|【\d{4}】")
MAX_TITLE = 60


def text_paragraphs(text: str) -> list[Para]:
    """One :class:`Para` per non-blank line; the column is where the text starts (1-based)."""
    paras: list[Para] = []
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.lstrip(_INDENT)
        if not stripped.strip():
            continue
        column = len(raw) - len(stripped) + 1
        paras.append(Para(stripped.rstrip(), Origin(number, column)))
    return paras


def _title_line(text: str) -> bool:
    return (
        0 < len(text) <= MAX_TITLE
        and not _SENTENCE_PUNCT.search(text)
        and parse_marker(text) is None
        and not is_date(text)
        and not _DOC_NUMBER.search(text)
    )


def join_split_title(paras: Sequence[Para]) -> list[Para]:
    """Join a title typed over two lines (关于2024年第三季度校园安全 / 工作情况的报告).

    The first title-like line among the first few is joined with the next one when both
    are short and unpunctuated and only the second ends the way a title of the genre
    does (…报告, …总结, …情况); the joined paragraph is marked as the title.
    """
    from reportgen.genre.registry import current

    genre_end = current().words.title_end  # words.yaml title_endings
    out = list(paras)
    for k, first in enumerate(out[:4]):
        if not _title_line(first.text):
            continue
        if k + 1 < len(out):
            second = out[k + 1]
            joined = first.text + second.text
            if (
                first.hint
                is not Hint.TITLE  # a styled title says where it ends (structure joins those)
                and _title_line(second.text)
                and not genre_end.search(first.text)
                and genre_end.search(second.text)
                and len(joined) <= MAX_TITLE
            ):
                out[k : k + 2] = [replace(first, text=joined, hint=Hint.TITLE)]
        break
    return out


def read_text(text: str, source: str) -> Document:
    """Read a plain-text report into a Document (lines are paragraphs)."""
    return document_from_paras(join_split_title(text_paragraphs(text)), source)
