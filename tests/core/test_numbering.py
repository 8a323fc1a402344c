from __future__ import annotations

import pytest

from reportgen.core.numbering import (
    Family,
    chinese_numeral,
    marker,
    next_family,
    parse_chinese_numeral,
    parse_marker,
)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (119, "一百一十九"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (10000, "一万"),
        (10001, "一万零一"),
        (12345, "一万二千三百四十五"),
        (100000, "十万"),
    ],
)
def test_chinese_numeral_round_trip(n: int, text: str) -> None:
    assert chinese_numeral(n) == text
    assert parse_chinese_numeral(text) == n


@pytest.mark.parametrize("n", [0, -1, 10**8])
def test_chinese_numeral_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        chinese_numeral(n)


def test_parse_chinese_numeral_rejects_other_text() -> None:
    assert parse_chinese_numeral("") is None
    assert parse_chinese_numeral("甲") is None
    assert parse_chinese_numeral("零") is None


@pytest.mark.parametrize(
    ("family", "n", "expected"),
    [
        (Family.CHAPTER, 1, "一、"),
        (Family.CHAPTER, 12, "十二、"),
        (Family.SECTION, 3, "（三）"),
        (Family.ARABIC, 10, "10."),
        (Family.PAREN_ARABIC, 2, "（2）"),
        (Family.INLINE, 4, "四是"),
    ],
)
def test_marker(family: Family, n: int, expected: str) -> None:
    assert marker(family, n) == expected


def test_next_family() -> None:
    assert next_family(Family.SECTION) is Family.ARABIC
    assert next_family(Family.ARABIC) is Family.PAREN_ARABIC
    assert next_family(Family.INLINE) is Family.ARABIC


@pytest.mark.parametrize(
    ("text", "family", "number", "written", "canonical", "double"),
    [
        ("一、工作情况", Family.CHAPTER, 1, "一、", True, False),
        ("十一、其他", Family.CHAPTER, 11, "十一、", True, False),
        ("一.工作情况", Family.CHAPTER, 1, "一.", False, False),
        ("（一）抓队伍", Family.SECTION, 1, "（一）", True, False),
        ("(二)抓队伍", Family.SECTION, 2, "(二)", False, False),
        ("（一）、抓队伍", Family.SECTION, 1, "（一）、", False, True),
        ("1.加强管理", Family.ARABIC, 1, "1.", True, False),
        ("2、加强管理", Family.ARABIC, 2, "2、", False, False),
        ("１．加强管理", Family.ARABIC, 1, "１．", False, False),
        ("（3）细化", Family.PAREN_ARABIC, 3, "（3）", True, False),
        ("(3)细化", Family.PAREN_ARABIC, 3, "(3)", False, False),
        ("一是加强", Family.INLINE, 1, "一是", True, False),
    ],
)
def test_parse_marker(
    text: str, family: Family, number: int, written: str, canonical: bool, double: bool
) -> None:
    found = parse_marker(text)
    assert found is not None
    assert (found.family, found.number, found.text, found.canonical, found.double) == (
        family,
        number,
        written,
        canonical,
        double,
    )


@pytest.mark.parametrize("text", ["2024年工作", "1.5倍", "一是", "三五天", "本季度", "十大行动"])
def test_parse_marker_ignores_ordinary_text(text: str) -> None:
    assert parse_marker(text) is None
