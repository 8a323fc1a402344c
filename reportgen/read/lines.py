"""What one paragraph of a finished report looks like: a date, a title, a recipient, a
signature, the start of a closing, a 版记 line, a 文号; and the kind a title names. The
words that recognise a closing, a lead and a kind are the genre's (:mod:`reportgen.genre`).

Pure predicates over a paragraph's text, used by :mod:`reportgen.read.structure` to place
the paragraphs that are not headings.
"""

from __future__ import annotations

import re

from reportgen.core import doc_number
from reportgen.core.numbering import parse_marker
from reportgen.read.junk import junk_reason

_SENTENCE_END = "。！？"
# A 文号 line, finished (青教发[2024]第3号 too) or not (青教发〔 〕号: check reports it as C012).
_DOC_NUMBER = re.compile(
    rf"^\S{{1,16}}[〔\[【（(]\d{{4}}[〕\]】）)]第?\d+号$|{doc_number.LINE.pattern}"
)
_DATE = re.compile(
    r"^(?:\d{2,4}|[〇零一二三四五六七八九OoＯｏ○0]{2,4})\s*年\s*[0-9０-９一二三四五六七八九十]{1,3}\s*月"
    r"\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日$"
)
_ATTACHMENT = re.compile(r"^附件[：:]\s*")
_IMPRINT = re.compile(
    r"^(抄送|抄报|主题词|分送)[：:]|^\S{2,30}[\s\u3000]+\S{4,12}日?印发$|^\S{2,30}印发$"
)
_ATTACHMENT_NUMBER = re.compile(r"^\s*[0-9０-９]+[.．、]\s*")
SENTENCE_PUNCT = re.compile(r"[。！？；，：:,;]")  # a heading or title line has none


def is_date(text: str) -> bool:
    return bool(_DATE.match(text.strip()))


def _looks_like_title(text: str) -> bool:
    return 0 < len(text) <= 60 and not SENTENCE_PUNCT.search(text) and not junk_reason(text)


def _is_recipient(text: str) -> bool:
    from reportgen.genre.registry import current

    return (
        1 < len(text) <= 30
        and text[-1] in "：:"
        and parse_marker(text) is None
        and "。" not in text
        and not current().words.lead_end.search(text)
        and not junk_reason(text)
    )


def _is_signature(text: str) -> bool:
    return (
        1 < len(text) <= 30
        and not SENTENCE_PUNCT.search(text)
        and parse_marker(text) is None
        and not is_closing(text)
        and not junk_reason(text)
    )


def is_closing(text: str) -> bool:
    """A paragraph after the last item that starts a closing: a kind's closing formula, or
    one of the genre's closing openings (words.yaml ``closing_starts``)."""
    from reportgen.genre.registry import current

    return bool(current().words.closing.match(text))


def guess_kind(title: str) -> str:
    """The outline kind a finished report's title names (the kinds' ``title_words``)."""
    from reportgen.genre.registry import current

    return current().guess_kind(title)[0].name
