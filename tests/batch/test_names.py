"""Output names for `batch`: pure functions, tables of cases."""

from __future__ import annotations

import pytest

from reportgen.batch.names import (
    MAX_BYTES,
    MAX_CHARS,
    check_pattern,
    find_collisions,
    input_stem,
    output_stem,
    safe_stem,
)
from reportgen.errors import UsageError


@pytest.mark.parametrize(
    ("filename", "stem"),
    [
        ("一中.report.yaml", "一中"),
        ("一中.REPORT.YAML", "一中"),
        ("二中.yaml", "二中"),
        ("三中.yml", "三中"),
        (".report.yaml", ".report"),
    ],
)
def test_input_stem(filename: str, stem: str) -> None:
    assert input_stem(filename) == stem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("青山县第一中学", "青山县第一中学"),
        ('a<b>c:d"e/f\\g|h?i*j', "a_b_c_d_e_f_g_h_i_j"),
        ("名称\x01带\x7f控制符", "名称_带_控制符"),
        ("结尾有点...", "结尾有点"),
        ("结尾有空格   ", "结尾有空格"),
        ("..", "报告"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("/etc/passwd", "_etc_passwd"),
        (".hidden", "hidden"),
        ("", "报告"),
        ("CON", "_CON"),
        ("con", "_con"),
        ("nul.txt", "_nul.txt"),
        ("COM1", "_COM1"),
        ("LPT9", "_LPT9"),
        ("CONSOLE", "CONSOLE"),
        ("COM10", "COM10"),
        ("多个   空格", "多个 空格"),
    ],
)
def test_safe_stem(text: str, expected: str) -> None:
    assert safe_stem(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # bidi overrides and isolates: "一中\u202excod.exe" shows as "一中exe.docx"
        ("一中\u202excod.exe", "一中xcod.exe"),
        ("\u202d\u202a\u202b\u202c甲", "甲"),
        ("\u2066乙\u2067丙\u2068丁\u2069", "乙丙丁"),
        ("\u200e左\u200f右\u061c", "左右"),
        # zero-width and other invisible characters
        ("青\u200b山\u200c县\u200d教\u2060育\ufeff局", "青山县教育局"),
        ("软\u00ad连字符", "软连字符"),
        ("韩文填充\u3164\u115f\u1160符", "韩文填充符"),
        ("变体\ufe0f选择符\U000e0100", "变体选择符"),
        ("\u200b\u200b", "报告"),  # nothing visible left
        # control characters: C0, DEL, C1 become "_"
        ("名称\x85下一行\x9b", "名称_下一行_"),
        ("制表\t符", "制表_符"),
        # whitespace lookalikes collapse to one space
        ("行\u2028分隔\u3000全角", "行 分隔 全角"),
    ],
)
def test_safe_stem_drops_invisible_and_control_characters(text: str, expected: str) -> None:
    assert safe_stem(text) == expected


@pytest.mark.parametrize(
    "name",
    [
        "CON", "PRN", "AUX", "NUL", "con", "Nul",
        "COM0", "COM1", "COM9", "LPT0", "LPT1", "LPT9",
        "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³", "com¹",
        "CONIN$", "CONOUT$", "conin$",
        "nul.txt", "COM1.report", "LPT¹.tar.gz", "con.docx", "NUL .txt", "AUX  ",
        "\u200bCON", "C\u200bON", "\u202eNUL",
    ],
)  # fmt: skip
def test_every_windows_device_name_is_prefixed(name: str) -> None:
    stem = safe_stem(name)
    assert stem.startswith("_") and stem[1:].split(".")[0].strip().upper() in {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        *(f"{p}{d}" for p in ("COM", "LPT") for d in "0123456789¹²³"),
    }  # fmt: skip


@pytest.mark.parametrize(
    "name",
    [
        "CONSOLE",
        "COM10",
        "LPT10",
        "COM",
        "LPT",
        "COMA",
        "NULL",
        "AUXILIARY",
        "COM⁴",
        "CON_",
        "_NUL",
    ],
)
def test_names_that_only_look_like_devices_are_kept(name: str) -> None:
    assert safe_stem(name) == name


def test_safe_stem_caps_characters_and_bytes_keeping_room_for_the_suffix() -> None:
    latin = safe_stem("a" * 300, ".docx")
    assert len(latin) + len(".docx") == MAX_CHARS
    chinese = safe_stem("校" * 300, ".docx")
    assert len((chinese + ".docx").encode("utf-8")) <= MAX_BYTES
    assert chinese == "校" * len(chinese)


def test_output_stem_fills_fields_and_cannot_leave_the_folder() -> None:
    fields = {"stem": "一中", "org": "青山县/第一中学", "period": "2024年秋季学期"}
    assert output_stem("{org}-{period}", fields) == "青山县_第一中学-2024年秋季学期"
    assert output_stem("../{stem}", fields) == "_一中"
    assert output_stem("{kind}{title}", fields) == "报告"  # empty fields → fallback


@pytest.mark.parametrize("pattern", ["{school}", "{org", "{org!r}", "{org:>10}", ""])
def test_check_pattern_rejects(pattern: str) -> None:
    with pytest.raises(UsageError):
        check_pattern(pattern)


FIELDS = "可用的字段：{stem}、{org}、{period}、{kind}、{title}。"
NO_SPEC = "文件名模式不支持格式说明（:）和转换（!），只能写字段名"


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("{stem:>300}", f"--name 里的“{{stem:>300}}”：{NO_SPEC}，如 {{stem}}；{FIELDS}"),
        ("{stem!r}", f"--name 里的“{{stem!r}}”：{NO_SPEC}，如 {{stem}}；{FIELDS}"),
        ("{org!}", f"--name 的格式有误：{NO_SPEC}，如 {{org}}-{{period}}。"),
        ("{school}", f"--name 里的“{{school}}”不认识；{FIELDS}"),
        (
            "{org",
            "--name 的格式有误：有“{”没有配对的“}”；字段要写在一对花括号里，"
            "如 {org}-{period}（字面的花括号写成 {{ 和 }}）。",
        ),
        (
            "{org}}",
            "--name 的格式有误：有“}”没有配对的“{”；字段要写在一对花括号里，"
            "如 {org}-{period}（字面的花括号写成 {{ 和 }}）。",
        ),
    ],
)
def test_check_pattern_messages(pattern: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        check_pattern(pattern)
    assert str(caught.value) == message


def test_check_pattern_lists_fields() -> None:
    assert check_pattern("{org}-{period}-{stem}") == ("org", "period", "stem")
    assert check_pattern("固定名") == ()


def test_find_collisions_is_case_and_normalisation_insensitive() -> None:
    names = [
        ("Report.docx", "a.report.yaml"),
        ("report.DOCX", "b.report.yaml"),
        ("caf\u00e9.docx", "c.report.yaml"),
        ("cafe\u0301.docx", "d.report.yaml"),  # the same name in NFD, as macOS stores it
        ("一中.docx", "e.report.yaml"),
    ]
    assert find_collisions(names) == [
        ("report.DOCX", "a.report.yaml", "b.report.yaml"),
        ("cafe\u0301.docx", "c.report.yaml", "d.report.yaml"),
    ]
