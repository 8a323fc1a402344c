"""Chinese numerals and the heading markers of the genre (一、 （一） 1. （1） 一是).

Pure functions shared by every renderer and by the readers that recognise markers
in finished reports. Numbers always come from position; nothing here keeps state.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import Enum
from typing import Literal

_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def _below_10000(n: int) -> str:
    out: list[str] = []
    zero_pending = False
    for value, unit in _SMALL_UNITS:
        d, n = divmod(n, value)
        if d:
            if zero_pending:
                out.append("零")
                zero_pending = False
            out.append(_DIGITS[d] + unit)
        elif out:
            zero_pending = True
    if n:
        if zero_pending:
            out.append("零")
        out.append(_DIGITS[n])
    return "".join(out)


@functools.lru_cache(maxsize=1024)  # the gate and the writer ask for the same few numbers
def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 21 → 二十一, 105 → 一百零五, 10000 → 一万.

    Numbers from 10 to 19 are written 十… without a leading 一, as headings do (十一、).
    """
    if n < 1 or n >= 10**8:
        raise ValueError(f"chinese_numeral takes 1 to 99,999,999, got {n}")
    high, low = divmod(n, 10000)
    if high:
        text = _below_10000(high) + "万"
        if low:
            text += ("零" if low < 1000 else "") + _below_10000(low)
    else:
        text = _below_10000(low)
    if text.startswith("一十"):
        text = text[1:]
    return text


_VALUES = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def parse_chinese_numeral(text: str) -> int | None:
    """The inverse of :func:`chinese_numeral`; ``None`` when ``text`` is not a numeral."""
    if not text:
        return None
    total = section = 0
    digit: int | None = None
    for ch in text:
        if ch in _VALUES:
            digit = _VALUES[ch]
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    value = total + section + (digit or 0)
    return value or None


class Family(str, Enum):
    """A numbering family; the value is how a user names it in YAML and kinds."""

    CHAPTER = "一、"  # level 1
    SECTION = "（一）"  # usually level 2
    ARABIC = "1."  # usually level 3
    PAREN_ARABIC = "（1）"  # usually level 4
    INLINE = "一是"  # inline points, or item paragraphs in a part that uses them


# The families an item (level 2) may use, as a report's or a kind's ``numbering`` names them:
# every family but 一、, which numbers parts.
ItemFamily = Literal["（一）", "1.", "（1）", "一是"]


def marker(family: Family, n: int) -> str:
    """The canonical marker for the ``n``-th sibling (1-based) of ``family``."""
    if family is Family.CHAPTER:
        return f"{chinese_numeral(n)}、"
    if family is Family.SECTION:
        return f"（{chinese_numeral(n)}）"
    if family is Family.ARABIC:
        return f"{n}."
    if family is Family.PAREN_ARABIC:
        return f"（{n}）"
    return f"{chinese_numeral(n)}是"


# Heading levels of each family in the GB/T 9704 scheme (一、 > （一） > 1. > （1）).
LEVEL_OF = {
    Family.CHAPTER: 1,
    Family.SECTION: 2,
    Family.ARABIC: 3,
    Family.PAREN_ARABIC: 4,
}


def next_family(family: Family) -> Family:
    """The family one level below ``family`` (sub-items of a （一） item are 1., of 1. are （1）)."""
    if family is Family.CHAPTER:
        return Family.SECTION
    if family is Family.SECTION:
        return Family.ARABIC
    if family is Family.INLINE:
        return Family.ARABIC
    return Family.PAREN_ARABIC


# The GB/T 9704 heading families from level 1 down.
HIERARCHY = (Family.CHAPTER, Family.SECTION, Family.ARABIC, Family.PAREN_ARABIC)


@dataclass(frozen=True)
class Ladder:
    """The numbering family of each level of a kind, parts first: 一、（一）1.（1） by default.
    A kind may skip a level (一、 1.（1）: items numbered 1. right under 一、) or number its
    lowest items 一是; the levels it does not list follow GB/T 9704."""

    families: tuple[Family, ...] = HIERARCHY

    @classmethod
    def of(cls, numbering: str | list[str]) -> Ladder:
        """A kind's ``numbering``: one family is the items' (level 2), a list every level's."""
        if isinstance(numbering, str):
            return cls((Family.CHAPTER, Family(numbering)))
        return cls(tuple(Family(value) for value in numbering))

    @property
    def items(self) -> Family:
        """The family of a part's items (level 2)."""
        return self.families[1] if len(self.families) > 1 else Family.SECTION

    def below(self, family: Family) -> Family:
        """The family of the sub-items of a ``family`` item: the ladder's next level, or the
        next in GB/T 9704 where the ladder says nothing (a part numbered otherwise)."""
        if family in self.families[:-1]:
            return self.families[self.families.index(family) + 1]
        return next_family(family)


STANDARD = Ladder()  # GB/T 9704's own: 一、（一）1.（1）


# Blocks above 一、 (第一部分　工作回顾, 第二板块：…, 上篇　…, 第一篇　…): the styles a
# report's ``group_style`` names, as (marker of the n-th block, separator after it).
GROUP_STYLES = ("部分", "板块", "篇", "上下篇")
_CN_GROUP = "[一二三四五六七八九十]+"
_UPPER_LOWER = "上下"
_UPPER_MIDDLE_LOWER = "上中下"


def group_marker(style: str, n: int, count: int = 2) -> tuple[str, str]:
    """(marker, separator) of the ``n``-th of ``count`` blocks: 第二部分 + full-width space."""
    if style == "上下篇":
        names = _UPPER_LOWER if count <= 2 else _UPPER_MIDDLE_LOWER
        return (names[n - 1] if n <= len(names) else f"第{chinese_numeral(n)}") + "篇", "\u3000"
    if style == "板块":
        return f"第{chinese_numeral(n)}板块", "："
    return f"第{chinese_numeral(n)}{style}", "\u3000"


@dataclass(frozen=True)
class GroupMatch:
    """A block line (第一部分　工作回顾): its marker, number, style and heading text."""

    marker: str
    number: int
    style: str
    text: str


_GROUP = re.compile(rf"^(?:第({_CN_GROUP})(部分|板块|篇)|([上中下])篇)[\s\u3000：:、.．]*(?=\S|$)")


def parse_group(text: str) -> GroupMatch | None:
    """Recognise a block line above 一、 (第一部分 …, 第一板块：…, 上篇 …, 第一篇 …).

    Only a short line without sentence punctuation: “第一部分工作已经完成。” is a sentence.
    """
    line = text.strip()
    m = _GROUP.match(line)
    if not m or len(line) > 40 or re.search("[。！？；，]", line):
        return None
    if m.group(3):
        number, style = _UPPER_MIDDLE_LOWER.index(m.group(3)) + 1, "上下篇"
        if m.group(3) == "下" and number == 3:
            number = 2  # 上篇/下篇: 下 is the second (a 中篇 makes it the third, rarely)
    else:
        number, style = parse_chinese_numeral(m.group(1)) or 0, m.group(2)
    if not number:
        return None
    marker = line[: m.end()]  # with the separator as written (第一部分　, 第一板块：)
    return GroupMatch(marker, number, style, line[m.end() :].strip())


@dataclass(frozen=True)
class MarkerMatch:
    """A marker found at the start of a line of a finished report."""

    family: Family
    number: int
    text: str  # the marker exactly as written, e.g. "(一)" or "1、"
    canonical: bool  # written in the standard form
    double: bool  # a stray separator after the marker, e.g. "（一）、" or "一、，"

    @property
    def length(self) -> int:
        return len(self.text)


_CN = "[一二三四五六七八九十百〇零两]+"
_AR = "[0-9０-９]{1,3}"
_MARKER_PATTERNS: tuple[tuple[Family, re.Pattern[str]], ...] = (
    (Family.SECTION, re.compile(rf"[（(]\s*({_CN})\s*[）)]")),
    (Family.PAREN_ARABIC, re.compile(rf"[（(]\s*({_AR})\s*[）)]")),
    (Family.INLINE, re.compile(rf"({_CN})是(?=[，,：:]?\S)")),
    (Family.CHAPTER, re.compile(rf"({_CN})(?:、|\.|．|，|,)")),
    # "1)" and "1）" are treated as wrong forms of 1., and so is "5，" (an enumerator typed
    # with a comma, before a word: not 5，6月份); a lone "1" is not a marker.
    (Family.ARABIC, re.compile(rf"({_AR})(?:\.(?![0-9])|．|、|）|\)|[，,](?=[^\d\s]))")),
)
_STRAY_SEPARATOR = re.compile(r"[、.．，,]")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def parse_marker(text: str) -> MarkerMatch | None:
    """Recognise a heading or point marker at the start of ``text``, in any common form."""
    for family, pattern in _MARKER_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        raw = m.group(1)
        if family in (Family.ARABIC, Family.PAREN_ARABIC):
            number: int | None = int(raw.translate(_FULLWIDTH_DIGITS))
        else:
            number = parse_chinese_numeral(raw)
        if not number:
            continue
        end = m.end()
        written = m.group(0)
        double = bool(_STRAY_SEPARATOR.match(text, end))
        if double:
            written += text[end]
        canonical = not double and m.group(0) == marker(family, number)
        return MarkerMatch(family, number, written, canonical, double)
    return None
