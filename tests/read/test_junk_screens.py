"""The quick screens in read/junk.py never hide a match: each is checked against the patterns.

A screen is a set of characters of which every match of a pattern holds at least one; the
test walks each pattern's parse tree (as `re` compiles it) to prove that, so a pattern
added or edited without its screen fails here rather than going unseen in `check`.
"""

from __future__ import annotations

import functools
import re
import sys
from typing import Any

import pytest

from reportgen.read import junk

if sys.version_info >= (3, 11):
    from re import _constants as c
    from re import _parser as sre
else:  # pragma: no cover - Python 3.10
    import sre_constants as c
    import sre_parse as sre

Members = frozenset[Any]  # characters, or a category such as CATEGORY_SPACE


def _members(items: Any) -> Members | None:
    """What a character set ([...] or a single character) matches; None if not small."""
    out: set[Any] = set()
    for kind, value in items:
        if kind is c.LITERAL:
            out.add(chr(value))
        elif kind is c.RANGE and value[1] - value[0] < 64:
            out |= {chr(i) for i in range(value[0], value[1] + 1)}
        elif kind is c.CATEGORY:
            out.add(value)
        else:
            return None  # a negated set
    return frozenset(out)


def screen_members(screen: re.Pattern[str]) -> Members:
    ((op, av),) = sre.parse(screen.pattern)
    assert op is c.IN
    members = _members(av)
    assert members is not None
    return members


@functools.cache
def _every_character() -> str:
    return "".join(map(chr, range(sys.maxunicode + 1)))


@functools.cache
def _case_variants(ch: str) -> frozenset[str]:
    """Every character ``ch`` matches under IGNORECASE (e: e E; k: k K and the Kelvin sign)."""
    return frozenset(re.findall(re.escape(ch), _every_character(), re.IGNORECASE))


def covered(seq: Any, screen: Members, ignorecase: bool = False) -> bool:
    """Every match of the parsed ``seq`` holds at least one member of ``screen``."""
    return any(_item_covered(op, av, screen, ignorecase) for op, av in seq)


def _item_covered(op: Any, av: Any, screen: Members, ignorecase: bool) -> bool:
    if op is c.LITERAL:
        chars = _case_variants(chr(av)) if ignorecase else {chr(av)}
        return all(ch in screen for ch in chars)
    if op is c.IN:
        members = _members(av)
        if members is None or (ignorecase and any(isinstance(m, str) for m in members)):
            return False
        return members <= screen
    if op is c.BRANCH:
        return all(covered(branch, screen, ignorecase) for branch in av[1])
    if op is c.SUBPATTERN:
        return covered(av[-1], screen, ignorecase)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        return av[0] >= 1 and covered(av[2], screen, ignorecase)
    return False  # an anchor, a lookaround, any character …


def _ids(value: object) -> str:
    return str(value)[:30]


@pytest.mark.parametrize("reason,pattern", junk._PATTERNS, ids=_ids)
def test_every_pattern_needs_a_trigger(reason: str, pattern: re.Pattern[str]) -> None:
    screen = screen_members(junk._TRIGGERS)
    ignorecase = bool(pattern.flags & re.IGNORECASE)
    assert covered(sre.parse(pattern.pattern), screen, ignorecase), (reason, pattern.pattern)


@pytest.mark.parametrize("reason,pattern", junk._SHAPES, ids=_ids)
def test_every_shape_needs_a_trigger(reason: str, pattern: re.Pattern[str]) -> None:
    screen = screen_members(junk._SHAPE_TRIGGERS)
    ignorecase = bool(pattern.flags & re.IGNORECASE)
    assert covered(sre.parse(pattern.pattern), screen, ignorecase), (reason, pattern.pattern)


def test_the_analysis_can_fail() -> None:
    han = frozenset("理")
    assert covered(sre.parse(r"以下是.{0,20}整理"), han)
    assert not covered(sre.parse(r"以下是.{0,20}(整理)?"), han)  # optional: not required
    assert not covered(sre.parse(r"(分享|转发)到"), frozenset("分"))  # 转发到 has no 分
    assert covered(sre.parse(r"(分享|分发)到"), frozenset("分"))
    assert not covered(sre.parse(r"(?:END)"), frozenset("E"), ignorecase=True)  # end
    assert _case_variants("k") == {"k", "K", "\u212a"}
    assert covered(sre.parse(r"\S+\s+x"), screen_members(re.compile(r"[\s]")))


@pytest.mark.parametrize(
    "line",
    [
        "分享到：朋友圈",
        "以下是小编为大家整理的工作总结",
        "阅读(1024)",
        "本文仅供参考",
        "打印本页 关闭窗口",
        "字号：大 中 小",
        "点击查看全文",
        "2024-10-09 12:30 来源：青山教育",
        "原创 张三 青山教育发布 2024-10-09 08:30",
        "-- END --",
        "-- end --",
        "校园安全工作报告_工作报告_范文网",
    ],
)
def test_screened_lines_still_found(line: str) -> None:
    assert junk.junk_spans(line), line
    assert junk.junk_reason(line), line


def test_report_sentences_pass_the_screens() -> None:
    sentence = "本学期召开专题会议3次，研究解决具体问题10个。"
    assert junk._TRIGGERS.search(sentence) is None
    assert junk._SHAPE_TRIGGERS.search(sentence) is None
    assert junk.junk_spans(sentence) == []
