"""The character tests of core.text answer as the regular expressions of the same classes
would (they replace them to spare compiling the large classes at start-up)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reportgen.core.load import unfolded
from reportgen.core.text import CJK, HAN, WIDE, has_han, is_cjk, is_han, is_wide

# The whole BMP (every class lies in it), surrogates included, and two characters beyond.
EVERY_CHARACTER = "".join(map(chr, [*range(0x10000), 0x20000, 0x10FFFF]))


def test_each_class_test_agrees_with_its_pattern_on_every_bmp_character() -> None:
    for body, test in ((HAN, is_han), (CJK, is_cjk), (WIDE, is_wide)):
        pattern = re.compile(f"[{body}]")
        expected = {m.start() for m in pattern.finditer(EVERY_CHARACTER)}
        assert {i for i, ch in enumerate(EVERY_CHARACTER) if test(ch)} == expected, body
        assert not test("")
        assert test("中文") is bool(pattern.match("中文"))


SAMPLES = st.text(
    alphabet=st.sampled_from("中文，。 a1\u3000—…“\uff01\u4dc0\uf900x\n"), max_size=24
)


@given(SAMPLES, st.integers(0, 30), st.one_of(st.none(), st.integers(0, 30)))
def test_has_han_answers_as_a_search(text: str, start: int, end: int | None) -> None:
    pattern = re.compile(f"[{HAN}]")
    found = pattern.search(text, start) if end is None else pattern.search(text, start, end)
    assert has_han(text, start, end) is (found is not None)


@given(SAMPLES)
def test_unfolding_drops_exactly_the_spaces_between_wide_characters(text: str) -> None:
    assert unfolded(text) == re.sub(rf"(?<=[{WIDE}]) (?=[{WIDE}])", "", text)
