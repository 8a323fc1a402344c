"""What one paragraph of a finished report looks like: a date, a title, a recipient, a
signature, the start of a closing, a 版记 line, a 文号; and the kind a title names.

Pure predicates over a paragraph's text, used by :mod:`reportgen.read.structure` to place
the paragraphs that are not headings.
"""

from __future__ import annotations

import re

from reportgen.core.numbering import parse_marker
from reportgen.read.junk import junk_reason

_SENTENCE_END = "。！？"
_DOC_NUMBER = re.compile(r"^\S{1,16}[〔\[【（(]\d{4}[〕\]】）)]第?\d+号$")
_DATE = re.compile(
    r"^(?:\d{2,4}|[〇零一二三四五六七八九OoＯｏ○0]{2,4})\s*年\s*[0-9０-９一二三四五六七八九十]{1,3}\s*月"
    r"\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日$"
)
# How a closing paragraph after the last item starts: with a formula (特此报告。以上……) or
# without one (新的一年，…… 总之，…… 通过一学期的努力，…… 新学期，…… 下一步，我们将……).
_CLOSING = re.compile(
    r"^(特此(报告|汇报|说明|总结)|专此|以上|今后|下一步[，,]|妥否|新的一年|新学期|新的学期"
    r"|新的征程|展望\S{0,6}[，,]|总之|总而言之|综上|通过.{0,24}?(努力|实践|探索)[，,]"
    r"|下阶段[，,]|在新的)"
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


# A short lead ends with the formula too (“现将有关情况报告如下：”): it is not a recipient.
_LEAD_FORMULA = re.compile(r"如下[：:]$")


def _is_recipient(text: str) -> bool:
    return (
        1 < len(text) <= 30
        and text[-1] in "：:"
        and parse_marker(text) is None
        and "。" not in text
        and not _LEAD_FORMULA.search(text)
        and not junk_reason(text)
    )


def _is_signature(text: str) -> bool:
    return (
        1 < len(text) <= 30
        and not SENTENCE_PUNCT.search(text)
        and parse_marker(text) is None
        and not _CLOSING.match(text)
        and not junk_reason(text)
    )


# Words in a title that name the kind, in order of precedence (a 自查 report that calls
# itself a 总结 is still a self-inspection).
KIND_WORDS = (("自查", "self-inspection"), ("总结", "summary"), ("研判", "analysis"))


def guess_kind(title: str) -> str:
    """The outline kind a finished report's title suggests (自查 → self-inspection …)."""
    return next((kind for word, kind in KIND_WORDS if word in title), "work-report")
