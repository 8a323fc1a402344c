"""Word's automatic numbering (``w:numPr`` → numbering.xml) → the marker Word shows.

A paragraph numbered by Word has no marker in its text: Word draws 一、 （一） 1. from the
list definition. :class:`Numbering` counts the paragraphs the way Word does, so that the
structure reader can be given the marker as if it had been typed. Word keeps one counter
per abstract definition (``w:abstractNum``), shared by every ``w:num`` that uses it; a
``w:num`` with ``w:startOverride`` restarts those levels where it is first used; a level
restarts when a level above it is used (``w:lvlRestart`` says otherwise; 0 never).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportgen.core.numbering import chinese_numeral

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

BULLET = "bullet"  # numFmt of a bulleted list


@dataclass(frozen=True)
class Shown:
    """What Word shows in front of a paragraph: its marker, or a bullet; ``problem`` says
    why nothing could be worked out ("" when all went well)."""

    marker: str = ""
    bullet: bool = False
    problem: str = ""


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str  # lvlText, %1 … %9 standing for the counters of levels 1 … 9
    start: int
    restart: int | None  # lvlRestart: None for the default
    legal: bool  # isLgl: every number shown in decimal


_TEN_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = dict(zip("〇一二三四五六七八九十百千", "零壹贰叁肆伍陆柒捌玖拾佰仟", strict=True))
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter: A … Z, AA … ZZ, AAA …
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(first: int, n: int) -> str | None:
    return chr(first + n - 1) if 1 <= n <= 20 else None


def format_number(fmt: str, n: int) -> str | None:
    """``n`` in Word's number format ``fmt``; None for a format this reader does not know,
    or for a number the format cannot show (0 in Chinese counting, say)."""
    if n < 1 and fmt not in ("decimal", "decimalZero", "ideographDigital"):
        return None
    if n < 0 or n > 32767:
        return None
    if fmt in ("decimal", "ordinal", "cardinalText", "ordinalText"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2", "decimalHalfWidth"):
        digits = str(n)
        return digits if fmt == "decimalHalfWidth" else digits.translate(_FULL_WIDTH)
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "koreanCounting",
    ):
        return chinese_numeral(n)
    if fmt == "chineseLegalSimplified":
        return "".join(_LEGAL.get(c, c) for c in chinese_numeral(n))
    if fmt in ("ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _TEN_STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _ZODIAC[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(0x2460, n)
    if fmt == "decimalEnclosedParen":
        return _enclosed(0x2474, n)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(0x2488, n)
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "none":
        return ""
    return None


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _val(element: Any, tag: str) -> str | None:
    child = None if element is None else element.find(f"{_W}{tag}")
    return None if child is None else child.get(f"{_W}val")


def _int(value: str | None, default: int) -> int:
    """A number attribute within Word's own range (0–32767): anything else, the default.

    Hostile files carry starts like 30000000000 (a gigabyte of letters) or 5,000 digits."""
    if value is None or not value.isdigit() or len(value) > 5:
        return default
    number = int(value)
    return number if number <= 32767 else default


# Word has nine list levels (ilvl 0–8) and ignores any other.
MAX_LEVELS = 9


def _levels(element: Any) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for lvl in element.iterchildren(f"{_W}lvl"):
        ilvl = _int(lvl.get(f"{_W}ilvl"), 0)
        if ilvl >= MAX_LEVELS:
            continue
        restart = _val(lvl, "lvlRestart")
        levels[ilvl] = _Level(
            fmt=_val(lvl, "numFmt") or "decimal",
            text=_val(lvl, "lvlText") or "",
            start=_int(_val(lvl, "start"), 0),
            restart=None if restart is None else _int(restart, 0),
            legal=lvl.find(f"{_W}isLgl") is not None and _val(lvl, "isLgl") not in ("0", "false"),
        )
    return levels


class Numbering:
    """The list definitions of one document and the running counters of its lists.

    ``style_num`` gives the numId a paragraph style carries (for ``w:numStyleLink``).
    Call :meth:`shown` for every numbered paragraph in document order, empty ones too:
    Word counts them.
    """

    def __init__(self, root: Any, style_num: Callable[[str], str | None]) -> None:
        self.abstract: dict[str, Any] = {}
        self.nums: dict[str, tuple[str, Any]] = {}  # numId → (abstractNumId, w:num)
        if root is not None:
            for a in root.findall(f"{_W}abstractNum"):
                self.abstract[a.get(f"{_W}abstractNumId") or ""] = a
            for n in root.findall(f"{_W}num"):
                self.nums[n.get(f"{_W}numId") or ""] = (_val(n, "abstractNumId") or "", n)
        self.style_num = style_num
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()  # numIds already used (their overrides applied)
        # Worked out once per numId: a hostile file's 2,000 levels are not re-read per paragraph.
        self.definitions: dict[str, tuple[str, dict[int, _Level]] | None] = {}

    def _definition(self, num_id: str) -> tuple[str, dict[int, _Level]] | None:
        """(abstract id, levels with the num's overrides) of ``num_id``."""
        if num_id not in self.definitions:
            self.definitions[num_id] = self._find_definition(num_id)
        return self.definitions[num_id]

    def _find_definition(self, num_id: str) -> tuple[str, dict[int, _Level]] | None:
        seen: set[str] = set()
        found = self.nums.get(num_id)
        while found is not None and found[0] in self.abstract and found[0] not in seen:
            abstract_id, num = found
            seen.add(abstract_id)
            abstract = self.abstract[abstract_id]
            levels = _levels(abstract)
            link = _val(abstract, "numStyleLink")
            if not levels and link:  # the definition lives with the numbering style
                linked = self.style_num(link)
                found = self.nums.get(linked or "")
                if found is not None:
                    found = (found[0], num)
                continue
            for override in num.findall(f"{_W}lvlOverride"):
                ilvl = _int(override.get(f"{_W}ilvl"), 0)
                replaced = _levels(override)
                if ilvl in replaced:
                    levels[ilvl] = replaced[ilvl]
            return abstract_id, levels
        return None

    def shown(self, num_id: str, ilvl: int) -> Shown:
        """What Word shows in front of the next paragraph numbered ``num_id`` / ``ilvl``."""
        definition = self._definition(num_id)
        if definition is None:
            return Shown(problem=f"自动编号的定义（numId {num_id}）找不到")
        abstract_id, levels = definition
        level = levels.get(ilvl)
        if level is None:
            return Shown(problem=f"自动编号（numId {num_id}）没有第 {ilvl + 1} 级的定义")
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            _, num = self.nums[num_id]
            for override in num.findall(f"{_W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    counters[_int(override.get(f"{_W}ilvl"), 0)] = _int(start, 1) - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper, lvl in levels.items():
            limit = deeper if lvl.restart is None else lvl.restart
            if deeper > ilvl and lvl.restart != 0 and ilvl < limit:
                counters.pop(deeper, None)
        if level.fmt == BULLET:
            return Shown(bullet=True)
        return self._text(level, levels, counters, num_id)

    def _text(
        self, level: _Level, levels: dict[int, _Level], counters: dict[int, int], num_id: str
    ) -> Shown:
        out = []
        text = level.text
        k = 0
        while k < len(text):
            if text[k] == "%" and k + 1 < len(text) and text[k + 1].isdigit():
                ref = int(text[k + 1]) - 1
                shown = levels.get(ref)
                if shown is None:
                    return Shown(problem=f"自动编号（numId {num_id}）引用了不存在的第 {ref + 1} 级")
                number = counters.get(ref, shown.start)
                fmt = "decimal" if level.legal else shown.fmt
                formatted = format_number(fmt, number)
                if formatted is None:
                    return Shown(problem=f"自动编号的格式“{fmt}”不认识")
                out.append(formatted)
                k += 2
            else:
                out.append(text[k])
                k += 1
        return Shown(marker="".join(out))


def paragraph_num(ppr: Any, style: tuple[str | None, int | None]) -> tuple[str, int] | None:
    """(numId, ilvl) a paragraph is numbered with: its own ``w:numPr``, else its style's.

    None when it is not numbered (no numPr, or numId 0, which switches numbering off)."""
    numpr = None if ppr is None else ppr.find(f"{_W}numPr")
    num_id, ilvl = style
    if numpr is not None:
        num_id = _val(numpr, "numId") or num_id
        ilvl = _int(_val(numpr, "ilvl"), ilvl or 0)
    if not num_id or num_id == "0":
        return None
    return num_id, ilvl or 0
