from __future__ import annotations

import pytest

from reportgen.render.docx.titlebreak import break_title, width


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        (
            "关于2024年第三季度校园安全工作情况的报告",
            ["关于2024年第三季度", "校园安全工作情况的报告"],
        ),
        ("青山县实验小学2024年秋季学期工作总结", ["青山县实验小学2024年秋季学期工作总结"]),
        (
            "关于2024年食堂食品安全管理工作自查情况的报告",
            ["关于2024年食堂食品安全管理", "工作自查情况的报告"],
        ),
        (
            "关于2024年第三季度校园安全形势的分析研判报告",
            ["关于2024年第三季度", "校园安全形势的分析研判报告"],
        ),
        (
            "关于进一步加强全县中小学校和幼儿园校园安全管理工作有关情况及下一步工作打算的报告",
            # 13/14/13: a diamond, not the hourglass a greedy first line gave (17/10/14).
            [
                "关于进一步加强全县中小学校",
                "和幼儿园校园安全管理工作有关",
                "情况及下一步工作打算的报告",
            ],
        ),
        # Words a single-character rule would split: 市场, 中心组; a conjunction starts a line.
        (
            "关于青山县市场监督管理局配合开展校园周边食品安全专项整治工作情况的报告",
            ["关于青山县市场监督管理局配合开展", "校园周边食品安全专项整治工作情况的报告"],
        ),
        (
            "关于学习贯彻中国特色社会主义理论学习中心组专题学习情况的报告",
            ["关于学习贯彻中国特色社会主义理论", "学习中心组专题学习情况的报告"],
        ),
        (
            "关于开展校园周边环境整治及防溺水专项工作情况的报告",
            ["关于开展校园周边环境整治", "及防溺水专项工作情况的报告"],
        ),
        # Words the jieba comparison (bench/titlebreak_jieba.py) found cut: 中小学|生,
        # 专项|治理, 治|本攻坚.
        (
            "关于2024年秋季学期中小学生近视防控和体质健康监测工作的总结",
            ["关于2024年秋季学期中小学生近视防控", "和体质健康监测工作的总结"],
        ),
        (
            "关于开展中小学校园欺凌专项治理和法治教育工作的情况报告",
            ["关于开展中小学校园欺凌专项治理", "和法治教育工作的情况报告"],
        ),
        (
            "关于全县教育系统安全生产治本攻坚三年行动工作情况的报告",
            ["关于全县教育系统安全生产", "治本攻坚三年行动工作情况的报告"],
        ),
        # No safe place: fall back to a balanced break that never splits a number.
        (
            "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥",
            ["甲乙丙丁戊己庚辛壬癸子", "丑寅卯辰巳午未申酉戌亥"],
        ),
    ],
)
def test_break_title(title: str, lines: list[str]) -> None:
    got = break_title(title, 19)
    assert got == lines
    assert "".join(got) == title
    assert all(width(line) <= 19 for line in got)


def test_a_paragraph_long_title_is_broken_quickly_and_whole() -> None:
    import time

    title = ("关于开展校园周边环境整治及防溺水专项工作情况" * 10)[:200]
    started = time.perf_counter()
    got = break_title(title, 19)
    assert time.perf_counter() - started < 1.0  # an exhaustive search took minutes
    assert "".join(got) == title and all(width(line) <= 19 for line in got)


@pytest.mark.parametrize("capacity", [0, -3, 0.5])
def test_no_room_for_a_title_leaves_it_whole(capacity: float) -> None:
    assert break_title("关于2024年第三季度校园安全工作情况的报告", capacity) == [
        "关于2024年第三季度校园安全工作情况的报告"
    ]


def test_width_counts_digits_as_half() -> None:
    assert width("2024年") == 3.0
    assert width("《通知》") == 4.0


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # 中小学|校 would satisfy the 小学 suffix rule: 中小学校 is one word.
        (
            "青山县教育局关于2024年秋季学期中小学校和幼儿园食品安全专项检查情况的报告",
            ["青山县教育局关于2024年秋季学期中小学校", "和幼儿园食品安全专项检查情况的报告"],
        ),
        # 2025年|第一季度 would satisfy the 年 rule: a period is one word.
        (
            "关于青山县2025年第一季度中小学校和幼儿园校园安全工作情况的报告",
            ["关于青山县2025年第一季度中小学校", "和幼儿园校园安全工作情况的报告"],
        ),
    ],
)
def test_breaks_never_cut_a_word_of_the_genre(title: str, expected: list[str]) -> None:
    assert break_title(title, 19) == expected
