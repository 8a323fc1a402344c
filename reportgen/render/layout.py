"""GB/T 9704 layout arithmetic shared by the page-imitating back-ends (DOCX, the HTML page look):
where the blank lines go and how far the signature and date are indented."""

from __future__ import annotations

from itertools import pairwise

from reportgen.core.blocks import Block, BlockKind
from reportgen.render.docx.titlebreak import width


def signature_indents(signature: str, date: str, seal: bool) -> tuple[float, float]:
    """Right indents (in characters) of the signature and the date lines, GB/T 9704 7.3.5.

    Without a seal the signature is right-indented 2 and the date starts 2 characters to
    the right of the signature's start: date indent = 2 + S − 2 − D = S − D. When that is
    under 2 (a date about as long as the signature, or longer) the date keeps 2 and the
    signature moves left instead: signature indent = 2 + D + 2 − S. With a seal the date
    is right-indented 4 and the signature centred over it: 4 + (D − S) / 2.
    """
    s, d = width(signature), width(date)
    if seal:
        return max(0.0, 4 + (d - s) / 2), 4.0
    if s - d >= 2:
        return 2.0, s - d
    # The date is the longer: it keeps its 2, so its real width decides where the
    # signature goes (digits are half a character, and Word and LibreOffice add about a
    # fifth of one at each boundary between a hanzi and a digit: 2025年7月10日 is 7.5
    # characters on the page, not 6.5).
    return date_width(date) + 4 - s, 2.0


HANZI_DIGIT_GAP = 0.22  # characters, measured in LibreOffice (FandolFang, 16 pt)


def date_width(date: str) -> float:
    """A date's width on the page in characters, hanzi–digit boundaries included."""
    boundaries = sum(1 for a, b in pairwise(date) if a.isdigit() != b.isdigit())
    return width(date) + HANZI_DIGIT_GAP * boundaries


# The 版头, the 附注, the attachment pages and the 版记 make their own space
# (render/docx/masthead.py): no blank paragraph before or after them.
_OWN_SPACE = (
    BlockKind.MARKINGS,
    BlockKind.ISSUER_MARK,
    BlockKind.NOTE,
    BlockKind.ATTACHMENT_HEAD,
    BlockKind.IMPRINT,
)


def blank_line_before(kind: BlockKind, previous: BlockKind) -> bool:
    """GB/T 9704 blank lines: under the title (and a document number), above the
    attachment note and above the signature block."""
    if kind in _OWN_SPACE or previous in _OWN_SPACE:
        return False
    if previous is BlockKind.DOC_NUMBER:
        return True
    if previous is BlockKind.TITLE:
        return kind is not BlockKind.TITLE  # a title given as several lines
    if kind in (BlockKind.ATTACHMENTS, BlockKind.SIGNATURE):
        return True
    return kind is BlockKind.DATE and previous is not BlockKind.SIGNATURE


def tail_start(blocks: list[Block]) -> int | None:
    """The index of the last body block before the closing block of attachment note,
    signature and date, which keeps with them; ``None`` when there is no such block."""
    tail = (BlockKind.ATTACHMENTS, BlockKind.SIGNATURE, BlockKind.DATE, BlockKind.NOTE)
    start = len(blocks)
    while start > 0 and blocks[start - 1].kind in tail:
        start -= 1
    return start - 1 if 0 < start < len(blocks) else None
