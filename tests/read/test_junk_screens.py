"""The quick screens in read/junk.py never hide a match: each is proved from the patterns."""

from __future__ import annotations

import re
import sys

import pytest
from screen_helpers import covered, sre

from reportgen.read import junk


def _every_character() -> str:
    return "".join(map(chr, range(sys.maxunicode + 1)))


def _ids(value: object) -> str:
    return str(value)[:30]


@pytest.mark.parametrize("reason,pattern", junk._PATTERNS, ids=_ids)
def test_every_pattern_needs_a_trigger(reason: str, pattern: re.Pattern[str]) -> None:
    assert not pattern.flags & re.IGNORECASE  # _TRIGGER_WORDS are matched exactly
    assert covered(sre.parse(pattern.pattern), junk._TRIGGER_WORDS), (reason, pattern.pattern)


@pytest.mark.parametrize("reason,pattern", junk._SHAPES, ids=_ids)
def test_every_shape_needs_a_trigger(reason: str, pattern: re.Pattern[str]) -> None:
    parsed = sre.parse(pattern.pattern)
    if pattern.flags & re.IGNORECASE:
        assert covered(parsed, junk._SHAPE_WORDS_ANY_CASE, ignorecase=True), pattern.pattern
    else:
        words = (*junk._SHAPE_WORDS, *junk._SHAPE_WORDS_ANY_CASE)
        assert covered(parsed, words), (reason, pattern.pattern)


def test_the_analysis_can_fail() -> None:
    assert covered(sre.parse(r"以下是.{0,20}整理"), ["整理"])
    assert not covered(sre.parse(r"以下是.{0,20}(整理)?"), ["整理"])  # optional
    assert not covered(sre.parse(r"以下.{0,20}是"), ["以下是"])  # not one run
    assert not covered(sre.parse(r"(分享|转发)到"), ["分享"])  # 转发到 has no 分享
    assert covered(sre.parse(r"(分享|分享)到"), ["分享"])
    assert covered(sre.parse(r"x[:：]"), [":", "："])
    assert covered(sre.parse(r"\.{3,}"), ["..."])
    assert not covered(sre.parse(r"\.{2,}"), ["..."])
    assert covered(sre.parse(r"a.{2}b"), ["a"])
    assert covered(sre.parse(r"x{2}y"), ["xxy"])
    assert not covered(sre.parse(r"x{1,2}y"), ["xy"])  # xxy holds xy, but the run breaks
    assert not covered(sre.parse(r"x[:：]"), [":"])
    assert not covered(sre.parse(r"x[^:]"), [":"])
    assert covered(sre.parse(r"(字体|字号)"), ["字体", "字号"])
    assert not covered(sre.parse(r"(字体|字号)"), ["字体"])
    assert covered(sre.parse(r"The End"), ["END"], ignorecase=True)
    assert covered(sre.parse(r"The End"), ["e"], ignorecase=True)
    assert not covered(sre.parse(r"The End"), ["END"])


def test_the_screens_are_built_from_the_words() -> None:
    for word in junk._TRIGGER_WORDS:
        assert junk._TRIGGERS.fullmatch(word)
    for word in junk._SHAPE_WORDS:
        assert junk._SHAPE_TRIGGERS.fullmatch(word)
    for word in junk._SHAPE_WORDS_ANY_CASE:
        # Every character `re` takes for the word ignoring case is in the screen.
        (one,) = word
        variants = re.findall(re.escape(one), _every_character(), re.IGNORECASE)
        assert variants and all(junk._SHAPE_TRIGGERS.fullmatch(v) for v in variants)
    assert junk._SHAPE_TRIGGERS.search("-- End --")


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
    sentence = "本学期规范教研活动，家访学生120人次，研究解决具体问题10个。"
    assert junk._TRIGGERS.search(sentence) is None
    assert junk._SHAPE_TRIGGERS.search(sentence) is None
    assert junk.junk_spans(sentence) == []
