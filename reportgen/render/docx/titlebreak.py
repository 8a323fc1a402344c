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

_AFTER = (
    "关于", "年", "季度", "学期", "半年", "月份", "工作", "教育局", "管理局", "委员会",
    "学校", "小学", "中学", "幼儿园", "办公室",
    # verbs and nouns that end a phrase in these titles: 关于贯彻落实|…, 专项|整治
    "贯彻", "落实", "加强", "开展", "推进", "理论", "精神", "专项", "专题",
)  # fmt: skip
_BEFORE = (
    "情况", "的报告", "的自查报告", "自查", "总结", "分析", "报告", "工作", "形势", "有关",
    "关于", "和", "及", "与", "暨",
)  # fmt: skip
_NO_LINE_START = "，。、；：？！）》”’〕】"

# Words a break must never cut, though a suffix rule above would allow it (中小学|校 ends
# with 小学; 2025年|第一季度 after 年): compounds of the genre and whole periods.
_WHOLE = re.compile(
    r"中小学校|中小学生|中小学|中等职业学校|职业学校|幼儿园|教育系统|教育局|安全生产|食品安全|校园安全|"
    r"专项检查|专项整治|专项治理|自查自纠|治本攻坚|三年行动|"
    r"\d{4}年(?:第[一二三四]季度|[上下]半年|[春秋]季学期|\d{1,2}月份?|度)|"
    r"第[一二三四]季度|[上下]半年|[春秋]季学期"
)


@functools.lru_cache(maxsize=64)
def _inside(title: str) -> frozenset[int]:
    """Positions that fall inside a word of ``_WHOLE``."""
    return frozenset(i for m in _WHOLE.finditer(title) for i in range(m.start() + 1, m.end()))


def width(text: str) -> float:
    """Width in characters: CJK and full-width signs one, digits and Latin half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


def _safe(title: str, i: int) -> bool:
    head, tail = title[:i], title[i:]
    if tail[0] in _NO_LINE_START or i in _inside(title):
        return False
    return head.endswith(_AFTER) or tail.startswith(_BEFORE)


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
