from __future__ import annotations

import codecs

import pytest

from reportgen.core.load import Limits, decode, format_path, load_bytes, load_text


def only(problems: list) -> tuple:  # type: ignore[type-arg]
    assert len(problems) == 1, [p.format() for p in problems]
    p = problems[0]
    return (p.line, p.column, p.code, p.name, p.path, p.message)


def test_positions_of_values_and_keys() -> None:
    loaded = load_text(
        "org: 青山县教育局\nparts:\n  - heading: 工作情况\n    items:\n      - 段落\n", "r.yaml"
    )
    assert loaded.problems == []
    assert loaded.values[("org",)] == (1, 6)
    assert loaded.keys[("parts", 0, "heading")] == (3, 5)
    assert loaded.values[("parts", 0, "items", 0)] == (5, 9)
    assert loaded.position(("parts", 0, "items", 0, "heading")) == (5, 9)  # nearest ancestor


def test_format_path() -> None:
    assert format_path(("parts", 1, "items", 3, "heading")) == "parts[1].items[3].heading"
    assert format_path(()) == ""


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: no\n", "no"),
        ("a: yes\n", "yes"),
        ("a: on\n", "on"),
        ("a: off\n", "off"),
        ("a: 2024-10-08\n", "2024-10-08"),
        ("a: 010\n", "010"),
        ("a: 2024\n", "2024"),
        ("a: 1.50\n", "1.50"),
        ("a: 0x1F\n", "0x1F"),
        ("a: .inf\n", ".inf"),
    ],
)
def test_yaml_11_scalars_keep_their_text(text: str, value: str) -> None:
    assert load_text(text, "r.yaml").data == {"a": value}


@pytest.mark.parametrize("text", ["a: ~\n", "a:\n", "a: null\n"])
def test_null_is_none(text: str) -> None:
    assert load_text(text, "r.yaml").data == {"a": None}


def test_quoted_null_is_text() -> None:
    assert load_text('a: "null"\n', "r.yaml").data == {"a": "null"}


def test_folded_chinese_lines_join_without_space() -> None:
    data = load_text(
        "a: >\n  第一行\n  第二行 and\n  more\nb: 本季度\n  共开展演练\n", "r.yaml"
    ).data
    assert data == {"a": "第一行第二行 and more\n", "b": "本季度共开展演练"}


def test_literal_block_keeps_lines() -> None:
    assert load_text("a: |\n  第一段。\n  第二段。\n", "r.yaml").data == {
        "a": "第一段。\n第二段。\n"
    }


@pytest.mark.parametrize(
    ("text", "line", "col", "path"),
    [
        ("a: 1\na: 2\n", 2, 1, "a"),
        ("p:\n  x: 1\n  x: 2\n", 3, 3, "p.x"),
        (
            "parts:\n  - items:\n      - heading: a\n        heading: b\n",
            4,
            9,
            "parts[0].items[0].heading",
        ),
    ],
)
def test_duplicate_keys_at_each_level(text: str, line: int, col: int, path: str) -> None:
    loaded = load_text(text, "r.yaml")
    first_line = line - 1
    assert only(loaded.problems) == (
        line,
        col,
        "I002",
        "duplicate-key",
        path,
        f"字段“{path.split('.')[-1].split(']')[-1]}”重复出现（第 {first_line} 行已有）；YAML 只会保留后一个，请删除或合并其中一个。",
    )


def test_tab_indentation() -> None:
    loaded = load_text("org: a\nparts:\n\t- role: work\n", "r.yaml")
    assert only(loaded.problems)[:4] == (3, 1, "I001", "yaml-syntax")
    assert "制表符（Tab）" in loaded.problems[0].message


def test_full_width_colon_is_explained() -> None:
    loaded = load_text("org: 青山县教育局\ntopic：校园安全\nperiod: 2024\n", "r.yaml")
    assert only(loaded.problems)[:4] == (2, 6, "I001", "yaml-syntax")
    assert "全角冒号" in loaded.problems[0].message


@pytest.mark.parametrize(
    ("text", "line", "col", "needle"),
    [
        ("a: [1, 2\nb: 3\n", 2, 2, "括号"),
        ("a: b: c\n", 1, 5, "不能出现冒号"),
        ('a: "未闭合\n', 2, 1, "引号"),
        ("a: 1\n---\nb: 2\n", 2, 1, "多个 YAML 文档"),
        ("a: *nothing\n", 1, 4, "锚点"),
    ],
)
def test_syntax_errors_have_positions(text: str, line: int, col: int, needle: str) -> None:
    loaded = load_text(text, "r.yaml")
    assert loaded.data is None
    got = only(loaded.problems)
    assert got[:4] == (line, col, "I001", "yaml-syntax"), got
    assert needle in got[5]


@pytest.mark.parametrize("text", ["", "   \n\n", "# 只有注释\n"])
def test_empty_file(text: str) -> None:
    assert only(load_text(text, "r.yaml").problems)[:4] == (1, 1, "I009", "empty-file")


@pytest.mark.parametrize(("text", "what"), [("- a\n- b\n", "列表"), ("只是一句话\n", "一段文字")])
def test_top_level_must_be_a_mapping(text: str, what: str) -> None:
    got = only(load_text(text, "r.yaml").problems)
    assert got[:4] == (1, 1, "I010", "not-a-mapping")
    assert got[5].endswith(f"实际是{what}。")


def test_python_tags_are_refused_not_run() -> None:
    loaded = load_text("a: !!python/object/apply:os.system [echo hi]\n", "r.yaml")
    assert only(loaded.problems)[:5] == (1, 4, "I011", "unsupported-tag", "a")


def test_alias_bomb_hits_the_limit() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 9)
    ]
    loaded = load_text("\n".join(lines) + "\n", "r.yaml")
    assert loaded.data is None
    assert only(loaded.problems)[2:4] == ("I012", "too-large")


def test_deep_nesting_hits_the_limit() -> None:
    text = "a: " + "[" * 100 + "]" * 100 + "\n"
    assert only(load_text(text, "r.yaml", Limits(max_depth=64)).problems)[2] == "I012"


def test_merge_keys_explicit_values_win() -> None:
    data = load_text(
        "base: &b {period: 2024年, topic: 安全}\nr:\n  <<: *b\n  topic: 培训\n", "r.yaml"
    ).data
    assert data["r"] == {"topic": "培训", "period": "2024年"}


def test_escaped_control_character_names_field() -> None:
    loaded = load_text('org: ok\ntitle: "关于\\x07报告"\n', "r.yaml")
    got = only(loaded.problems)
    assert got[:5] == (2, 8, "I007", "control-character", "title")
    assert "U+0007" in got[5]


def test_raw_control_character_in_file() -> None:
    got = only(load_text("org: 青山\x08县\n", "r.yaml").problems)
    assert got[:4] == (1, 8, "I007", "control-character")


# ---------------------------------------------------------------- encodings

SAMPLE = "org: 青山县教育局\ntopic: 校园安全工作\n"


@pytest.mark.parametrize(
    "raw",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.replace("\n", "\r\n").encode("utf-8"),
        SAMPLE.encode("gbk"),
        SAMPLE.encode("gb18030"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "crlf", "gbk", "gb18030", "utf16-bom"],
)
def test_encodings_read_correctly(raw: bytes) -> None:
    loaded = load_bytes(raw, "r.yaml")
    assert loaded.problems == []
    assert loaded.data == {"org": "青山县教育局", "topic": "校园安全工作"}


def test_crlf_positions() -> None:
    loaded = load_bytes(b"org: a\r\ntopic: b\r\n", "r.yaml")
    assert loaded.values[("topic",)] == (2, 8)


def test_utf16_without_bom_is_rejected_with_reason() -> None:
    got = only(load_bytes(SAMPLE.encode("utf-16-le"), "r.yaml").problems)
    assert got[:4] == (1, 1, "I006", "encoding")
    assert "UTF-16" in got[5]


def test_undecodable_bytes_name_the_line() -> None:
    text, problems = decode(b"org: a\ntopic: \xff\xff\xff\n", "r.yaml")
    assert text is None
    assert only(problems)[:4] == (2, 1, "I006", "encoding")
    assert "0xFF" in problems[0].message


def test_too_large_file() -> None:
    got = only(load_bytes(b"a: " + b"x" * 2000 + b"\n", "r.yaml", Limits(max_bytes=1000)).problems)
    assert got[:4] == (1, 1, "I012", "too-large")


def test_limits_from_environment() -> None:
    from reportgen.core.load import limits_from_env

    raised = limits_from_env({"REPORTGEN_MAX_INPUT_MB": "50", "REPORTGEN_MAX_NODES": "1000000"})
    assert (raised.max_bytes, raised.max_nodes) == (50 * 1048576, 1_000_000)
    assert limits_from_env({"REPORTGEN_MAX_INPUT_MB": "lots"}) == Limits()


def test_binary_data_is_not_mistaken_for_gb18030() -> None:
    import random

    rng = random.Random(11)
    raw = bytes(b for b in (rng.randrange(256) for _ in range(4096)) if b)  # no NUL at all
    text, problems = decode(raw, "r.yaml")
    assert text is None
    assert only(problems)[:4] == (1, 1, "I006", "encoding")
    assert "二进制" in problems[0].message
