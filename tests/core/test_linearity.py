"""Linear time in input size, proven by doubling the input (issue 16, item 2).

Every check rule gets paragraphs of each adversarial shape (tests/linearity.py: long runs
of Han characters, ASCII letters, digits, one punctuation mark; many markers; openers
never closed …) at x, 2x, 4x and 8x characters, plus a document of that many short
numbered paragraphs; t(8x) / t(x) must stay near 8 (under 16), where a regex that
backtracks gives 64. T001 took 1.8 / 5.1 / 17.6 / 77 s for 20k / 40k / 80k / 160k
characters before its e-mail pattern was anchored.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen.check.config import default_config
from reportgen.check.core import (
    CheckContext,
    DocumentCheck,
    Source,
    SourceKind,
    TextCheck,
    TextUnit,
)
from reportgen.check.rules import RULES
from reportgen.check.sources import markdown_source
from reportgen.core.numbering import parse_marker
from reportgen.read.junk import find_junk, trailing_code

from conftest import MINIMAL
from linearity import FLOOR, SHAPES, assert_linear, describe, growth, paragraph

Maker = Callable[[int], Callable[[], object]]

SIZES = (1500, 3000, 6000, 12000)  # characters of one paragraph
DOC_SIZES = (500, 1000, 2000, 4000)  # characters of each shape's paragraph in one document
CONFIG = default_config()


def _markdown(n: int) -> str:
    """A report with one paragraph of each shape, ``n`` characters each, and ``n // 10``
    numbered headings with their paragraphs (what the outline rules walk)."""
    lines = ["# 青山县教育局关于校园安全工作的报告", "", "一、主要工作", ""]
    lines += [x for shape in SHAPES for x in (paragraph(shape, n), "")]
    for k in range(n // 10):
        lines += [f"（{k % 9 + 1}）加强领导。", "", "本季度召开专题会议3次。", ""]
    lines += ["二、下一步打算", "", "完善隐患排查台账。", ""]
    return "\n".join(lines)


_SOURCES: dict[int, Source] = {}


def _source(n: int) -> Source:
    if n not in _SOURCES:
        _SOURCES[n] = markdown_source(_markdown(n).encode(), "adversarial.md")
    return _SOURCES[n]


def _text_rule(rule: TextCheck, options: dict[str, object], shape: str) -> Maker:
    def make(n: int) -> Callable[[], object]:
        # A body paragraph and the same text as a heading (the marker rules look there).
        units = [TextUnit(paragraph(shape, n), 1, 1), TextUnit(paragraph(shape, n)[12:], 1, 1)]
        heading = parse_marker(units[1].text)
        if heading is not None:
            units[1].marker_len = heading.length
        return lambda: [list(rule.check(options, unit)) for unit in units]

    return make


def _document_rule(rule: DocumentCheck, options: dict[str, object]) -> Maker:
    def make(n: int) -> Callable[[], object]:
        source = _source(n)
        assert source.document is not None
        ctx = CheckContext(SourceKind.MD, source.document.kind, ())
        return lambda: list(rule.check(options, source.document, ctx))

    return make


@pytest.mark.slow
@pytest.mark.parametrize("code", sorted(RULES))
def test_each_rule_is_linear_on_adversarial_input(code: str) -> None:
    rule = RULES[code]
    options = CONFIG.setting(code).options
    if isinstance(rule, DocumentCheck):
        assert_linear(DOC_SIZES, growth(_document_rule(rule, options), DOC_SIZES))
        return
    assert isinstance(rule, TextCheck)
    needs = rule.needs
    slow = {}
    for shape in SHAPES:
        if needs is not None and needs.isdisjoint(paragraph(shape, 100)):
            continue  # the runner never gives this rule such a paragraph
        times = growth(_text_rule(rule, options, shape), SIZES)
        if times[-1] / max(times[0], FLOOR) >= 16:
            slow[shape] = describe(SIZES, times)
    assert not slow, slow


def test_t001_long_word_runs_are_fast() -> None:
    """The reproduction: 20k Han characters or ASCII letters in one paragraph took 1.8 s."""
    from reportgen.check.core import TextUnit
    from reportgen.check.rules import half_width_punct

    for shape in ("hanzi", "ascii-word", "mixed-word", "digits"):
        unit = TextUnit(paragraph(shape, 20_000) + ",研究部署。", 1, 1)
        times = growth(lambda n, u=unit: lambda: list(half_width_punct.check({}, u)), [1])
        assert times[0] < 0.05, (shape, times)
    # An address still is one, wherever its run starts.
    unit = TextUnit("请发送至安全科abc.d@qx-edu.cn,谢谢", 1, 1)
    found = list(half_width_punct.check({}, unit))
    assert [f.offset for f in found] == [unit.text.index(",")]


def test_junk_readers_are_linear() -> None:
    def make(n: int) -> Callable[[], object]:
        texts = [paragraph(shape, n) for shape in SHAPES] + ["点击阅读原文"] * (n // 100)
        tails = [paragraph(shape, n) + "。" + " " * n + ")" for shape in SHAPES]
        return lambda: (find_junk(texts), [trailing_code(t) for t in tails])

    assert_linear(DOC_SIZES, growth(make, DOC_SIZES))


# ---------------------------------------------------------------- whole commands


def _report(n: int) -> str:
    """MINIMAL with ``n`` more work items, each a heading and a sentence."""
    items = "".join(
        f"      - heading: 抓落实{k}\n        text: 本季度召开专题会议{k}次,研究部署安全工作。\n"
        for k in range(n)
    )
    return MINIMAL.replace(
        "        text: 本季度召开专题会议3次。\n",
        "        text: 本季度召开专题会议3次。\n" + items,
    )


@pytest.mark.slow
def test_render_markdown_is_linear(tmp_path: Path) -> None:
    from reportgen.core.load import load_text
    from reportgen.pipeline import prepare_loaded, render_bytes

    def make(n: int) -> Callable[[], object]:
        text = _report(n)
        where = tmp_path / "r.report.yaml"
        return lambda: render_bytes(prepare_loaded(load_text(text, "r"), where), "md")

    sizes = (100, 200, 400, 800)
    assert_linear(sizes, growth(make, sizes))


@pytest.mark.slow
def test_check_of_a_yaml_is_linear(tmp_path: Path) -> None:
    from reportgen.check.runner import check_one

    def make(n: int) -> Callable[[], object]:
        path = tmp_path / f"r{n}.report.yaml"
        path.write_text(_report(n), encoding="utf-8")
        return lambda: check_one(str(path), CONFIG)

    sizes = (100, 200, 400, 800)
    assert_linear(sizes, growth(make, sizes))


@pytest.mark.slow
def test_import_of_a_text_is_linear(tmp_path: Path) -> None:
    from reportgen.importing.run import import_report

    def make(n: int) -> Callable[[], object]:
        body = "".join(
            f"（{k % 9 + 1}）加强领导{k}。本季度召开专题会议{k}次,研究部署安全工作。\n\n"
            for k in range(n)
        )
        path = tmp_path / f"r{n}.txt"
        path.write_text(
            "青山县教育局关于校园安全工作的报告\n\n一、主要工作\n\n" + body, encoding="utf-8"
        )
        return lambda: import_report(path)

    sizes = (100, 200, 400, 800)
    assert_linear(sizes, growth(make, sizes))


def test_roster_reading_is_linear(tmp_path: Path) -> None:
    from reportgen.batch.roster import read_roster

    def make(n: int) -> Callable[[], object]:
        path = tmp_path / f"名单{n}.csv"
        rows = "".join(f"青山县第{k:05d}中学,{k},校长{k}\n" for k in range(n))
        path.write_text("学校,会议次数,校长\n" + rows, encoding="utf-8")
        return lambda: read_roster(path)

    sizes = (2000, 4000, 8000, 16000)
    assert_linear(sizes, growth(make, sizes))
