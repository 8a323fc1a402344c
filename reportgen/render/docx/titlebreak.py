"""Where to break a long title: GB/T 9704 wants 回行 that keep words whole, lines balanced,
in a trapezoid or diamond shape (never an hourglass).

Pure and dictionary-free: a break is allowed only at boundaries that are safe in the titles
of this genre (after 关于, a period such as 2024年 or 第三季度, an organisation's suffix,
工作; before 情况 / 的报告 / 总结, or before 和/及/与 so that a conjunction starts a line),
and among those the fewest lines, then the most even ones, win.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportgen.genre.words import Words

_NO_LINE_START = "，。、；：？！）》”’〕】"


@functools.lru_cache(maxsize=8)
def _words(words: Words) -> tuple[tuple[str, ...], tuple[str, ...], re.Pattern[str]]:
    """(break after, break before, never cut) of the genre's words.yaml ``title_break``:
    words a break must never cut though a suffix rule would allow it (中小学|校 ends with
    小学; 2025年|第一季度 after 年) are compounds of the genre and whole periods."""
    tb = words.file.title_break
    return tuple(tb.break_after), tuple(tb.break_before), words.unbreakable


def _current() -> tuple[tuple[str, ...], tuple[str, ...], re.Pattern[str]]:
    from reportgen.genre.registry import current

    return _words(current().words)


def _inside(title: str) -> frozenset[int]:
    """Positions that fall inside a word that must not be cut."""
    return _inside_for(title, _current()[2])


@functools.lru_cache(maxsize=64)
def _inside_for(title: str, whole: re.Pattern[str]) -> frozenset[int]:
    return frozenset(i for m in whole.finditer(title) for i in range(m.start() + 1, m.end()))


def width(text: str) -> float:
    """Width in characters: CJK and full-width signs one, digits and Latin half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


def _safe(title: str, i: int) -> bool:
    head, tail = title[:i], title[i:]
    if tail[0] in _NO_LINE_START or i in _inside(title):
        return False
    after, before, _ = _current()
    return head.endswith(after) or tail.startswith(before)


def safe_breaks(title: str) -> list[int]:
    """Every index where a line of ``title`` may end without splitting a word (the HTML web
    look offers these to the browser, which picks them by the width it has)."""
    return [i for i in range(1, len(title)) if _safe(title, i)]


def _splittable(title: str, i: int) -> bool:
    """Any place that does not cut a number or a Latin word, nor start a line with a stop."""
    if i in _inside(title):
        return False
    a, b = title[i - 1], title[i]
    if a.isascii() and b.isascii() and a.isalnum() and b.isalnum():
        return False
    return b not in _NO_LINE_START


def _lines(title: str, cuts: tuple[int, ...]) -> list[str]:
    bounds = (0, *cuts, len(title))
    return [title[a:b] for a, b in pairwise(bounds)]


def _score(lines: list[str], capacity: float) -> tuple[int, int, float, float]:
    widths = [width(line) for line in lines]
    # An hourglass (a middle line shorter than both of its neighbours) is the one shape
    # the standard's 梯形/菱形 rule excludes; a stub line (关于 alone) looks as bad.
    hourglass = any(
        widths[i] < widths[i - 1] and widths[i] < widths[i + 1] for i in range(1, len(widths) - 1)
    )
    stub = any(w < capacity / 3 for w in widths)
    return (int(hourglass), int(stub), max(widths) - min(widths), widths[0])


# A title of more than this many lines is broken greedily: searching every split of a
# paragraph-long "title" would take minutes, and no real title is that long.
_MAX_SEARCHED_LINES = 4


def _splits(title: str, positions: list[int], capacity: float, count: int) -> list[tuple[int, ...]]:
    """Every way to cut ``title`` into ``count`` lines no wider than ``capacity``, pruned as
    soon as a line is too wide or the rest cannot fit in the lines left."""
    found: list[tuple[int, ...]] = []

    def extend(start: int, cuts: tuple[int, ...], left: int) -> None:
        rest = title[start:]
        if left == 1:
            if width(rest) <= capacity:
                found.append(cuts)
            return
        for cut in positions:
            if cut <= start:
                continue
            line = width(title[start:cut])
            if line > capacity:
                break
            if width(title[cut:]) <= capacity * (left - 1):
                extend(cut, (*cuts, cut), left - 1)

    extend(0, (), count)
    return found


def _greedy(title: str, positions: list[int], capacity: float) -> list[str] | None:
    lines, start = [], 0
    while width(title[start:]) > capacity:
        fitting = [p for p in positions if p > start and width(title[start:p]) <= capacity]
        if not fitting:
            return None
        lines.append(title[start : fitting[-1]])
        start = fitting[-1]
    return [*lines, title[start:]]


def _best(title: str, positions: list[int], capacity: float) -> list[str] | None:
    fewest = math.ceil(width(title) / capacity)
    if fewest > _MAX_SEARCHED_LINES:
        return _greedy(title, positions, capacity)
    for count in range(fewest, fewest + 2):
        candidates = [_lines(title, cuts) for cuts in _splits(title, positions, capacity, count)]
        if candidates:
            return min(candidates, key=lambda lines: _score(lines, capacity))
    return None


def break_title(title: str, capacity: float) -> list[str]:
    """Split ``title`` into the fewest lines no wider than ``capacity``, balanced, at safe places.

    Safe places first; only when they give a stub line or an hourglass (or nothing fits)
    may a break fall elsewhere, and then never inside a number or a Latin word.
    """
    if width(title) <= capacity or len(title) < 2 or capacity < 1:
        return [title]
    safe = _best(title, [i for i in range(1, len(title)) if _safe(title, i)], capacity)
    if safe is not None and _score(safe, capacity)[:2] == (0, 0):
        return safe
    anywhere = _best(title, [i for i in range(1, len(title)) if _splittable(title, i)], capacity)
    if anywhere is None or (
        safe is not None and _score(safe, capacity) <= _score(anywhere, capacity)
    ):
        return safe or [title]
    return anywhere
