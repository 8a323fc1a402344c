"""A rule's quick screen (NEEDS, or a test before its scan) never hides one of its findings."""

from __future__ import annotations

import random

from screen_helpers import covered, sre

from reportgen.check.rules import (
    date_padding,
    doubled_punct,
    ellipsis,
    mixed_date_style,
    placeholder,
    short_year,
)


def test_placeholder_screen() -> None:
    assert covered(sre.parse(placeholder._PLACEHOLDER), placeholder.SCREEN_WORDS)
    for word in placeholder.SCREEN_WORDS:
        assert placeholder._SCREEN.fullmatch(word)


def test_short_year_needs() -> None:
    assert covered(sre.parse(short_year._SHORT.pattern), sorted(short_year.NEEDS))


def test_date_padding_month() -> None:
    assert covered(sre.parse(date_padding._DATE.pattern), ["月"])


def test_ellipsis_signs() -> None:
    assert covered(sre.parse(ellipsis._WRONG.pattern), ellipsis._SIGNS)


def test_doubled_punct_pairs() -> None:
    # A back-reference (([，、；：])\1) is beyond the parse-tree proof: try it instead.
    rng = random.Random(7)
    alphabet = "，、；：。…x校"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
        if doubled_punct._DOUBLED.search(text):
            assert any(twice in text for twice in doubled_punct._TWICE), text


def test_mixed_date_style_month() -> None:
    for pattern in (mixed_date_style._ARABIC, mixed_date_style._CHINESE):
        assert covered(sre.parse(pattern.pattern), ["月"])
