"""Where to break a long title: GB/T 9704 wants 回行 that keep words whole and lines balanced.

Pure and dictionary-free: a break is allowed only at boundaries that are safe in the titles
of this genre (after 关于, a period such as 2024年 or 第三季度, an organisation suffix, 工作;
before 情况 / 的报告 / 总结 …), and the most balanced allowed break wins.
"""

from __future__ import annotations

import unicodedata

_AFTER = (
    "关于",
    "年",
    "季度",
    "学期",
    "半年",
    "月",
    "工作",
    "教育局",
    "委员会",
    "学校",
    "小学",
    "中学",
    "幼儿园",
    "县",
    "市",
    "区",
    "中心",
    "和",
    "及",
    "与",
)
_BEFORE = (
    "情况",
    "的报告",
    "的自查报告",
    "自查",
    "总结",
    "分析",
    "报告",
    "工作",
    "形势",
    "有关",
    "关于",
)


def width(text: str) -> float:
    """Width in characters: CJK and full-width signs one, digits and Latin half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


def _allowed(title: str, i: int) -> bool:
    if (
        title[i - 1].isascii()
        and title[i].isascii()
        and title[i - 1].isalnum()
        and title[i].isalnum()
    ):
        return False  # never inside 2024 or a Latin word
    head, tail = title[:i], title[i:]
    if tail[0] in "，。、；：？！）》”’〕】":
        return False  # no line starts with closing punctuation
    return head.endswith(_AFTER) or tail.startswith(_BEFORE)


def break_title(title: str, capacity: float) -> list[str]:
    """Split ``title`` into lines no wider than ``capacity`` characters, balanced, at safe places."""
    if width(title) <= capacity or len(title) < 2:
        return [title]
    positions = range(1, len(title))
    for strict in (True, False):
        fitting = [
            i
            for i in positions
            if (not strict or _allowed(title, i)) and width(title[:i]) <= capacity
        ]
        if not fitting:
            continue
        if width(title) <= 2 * capacity:
            two_line = [i for i in fitting if width(title[i:]) <= capacity]
            if two_line:
                # Most balanced; on a tie the shorter first line (a 正梯形 shape).
                best = min(
                    two_line,
                    key=lambda i: (abs(width(title[:i]) - width(title[i:])), width(title[:i])),
                )
                return [title[:best], title[best:]]
        best = max(fitting)  # fill the first line as far as a safe break allows, then go on
        return [title[:best], *break_title(title[best:], capacity)]
    return [title]
