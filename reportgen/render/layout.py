"""GB/T 9704 layout arithmetic shared by the page-imitating back-ends (DOCX, the HTML page look):
where the blank lines go and how far the signature and date are indented."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

from reportgen.core.blocks import Block, BlockKind
from reportgen.core.style import StyleProfile
from reportgen.render.docx.titlebreak import width

# The 版头's arithmetic (GB/T 9704 7.2; render/docx/masthead.py lays it out, the HTML page
# look follows the same positions). Word and LibreOffice put a fixed-height line's baseline
# at 80% of its height; a Chinese character's top edge is 0.88 em above the baseline and its
# bottom 0.12 em below (the ideographic em box).
ASCENT = 0.8
EM_TOP = 0.88
EM_BOTTOM = 0.12
PT_PER_MM = 72 / 25.4
MARK_TOP_MM = 35.0  # 文件格式: the 标志's top edge below the type area's top
SEPARATOR_GAP_MM = 4.0  # the red line under the 发文字号
SEPARATOR_PT = 1.5  # [P] the red line's thickness


def mark_size(text: str, profile: StyleProfile) -> float:
    """The 标志's size: 42 pt (about 15 mm a character [P]) unless the type area is too
    narrow for the name, then as large as fits with a character of room either side."""
    area = (210 - profile.margin_left_mm - profile.margin_right_mm) * PT_PER_MM
    char = profile.body_size_pt + profile.char_spacing_pt
    return min(42.0, (area - 2 * char) / max(width(text), 1.0))


@dataclass(frozen=True)
class MastheadPlan:
    """Where a 文件格式 版头 puts things, in points below the type area's top: the space
    above the 标志 and its line, the space above the 发文字号, the red line's place, and
    where the title starts (two lines under the line)."""

    mark_before: float
    mark_line: float
    mark_size: float
    number_before: float
    number_end: float  # the bottom of the 发文字号 line (of the 标志's, without one)
    separator_at: float
    title_at: float

    def grid_end(self, pitch: float) -> float:
        """The title's place rounded down to the line grid (the page look's lines are
        whole pitches; the title comes on the first grid line at or after it)."""
        return math.ceil(self.title_at / pitch - 1e-6) * pitch


def masthead_plan(
    profile: StyleProfile, markings: int, mark: str, number_lines: int
) -> MastheadPlan:
    """The 版头 of a 文件格式 document with ``markings`` lines of 份号/密级/紧急程度, the
    标志 ``mark`` and a 发文字号 block of ``number_lines`` lines (0: none)."""
    pitch = profile.line_pitch_pt
    y = markings * pitch
    size = mark_size(mark, profile)
    line = size / ASCENT
    before = max(0.0, MARK_TOP_MM * PT_PER_MM + EM_TOP * size - ASCENT * line - y)
    y += before + line
    number_before = 2 * pitch if number_lines else 0.0
    y += number_before + number_lines * pitch
    baseline = y - (1 - ASCENT) * pitch
    separator = baseline + EM_BOTTOM * profile.body_size_pt + SEPARATOR_GAP_MM * PT_PER_MM
    title = separator + 2 * pitch - SEPARATOR_PT / 2
    return MastheadPlan(before, line, size, number_before, y, separator, title)


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
