"""YAML merge keys, nested: resolved, positioned where written, duplicates per mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import codes
from reportgen.core.load import load_text
from reportgen.pipeline import prepare

REPORT = (
    "kind: work-report\norg: 青山县教育局\ntopic: 校园安全工作\n"
    "period: {year: 2024, quarter: 3}\ndate: 2024-10-08\n"
    "lead: 现将有关情况报告如下：\nparts:\n  - role: work\n    items:\n"
    "      - heading: 抓队伍，强化组织领导\n        text: 本季度召开专题会议3次,研究部署工作。\n"
    "  - role: problems\n    points: [部分学校设施老化, 应急演练覆盖面不够]\n"
    "  - role: next-steps\n    items:\n      - heading: 完善机制\n        text: 建立隐患台账。\n"
)


# ---------------------------------------------------------------- 4. YAML merge keys

NESTED = "x-a: &a {org: 青山县教育局}\nx-b: &b {<<: *a, topic: 安全}\nr:\n  <<: *b\n  kind: k\n"


def test_nested_merge_keys_are_resolved() -> None:
    loaded = load_text(NESTED, "r.yaml")
    assert loaded.problems == []
    assert loaded.data["x-b"] == {"topic": "安全", "org": "青山县教育局"}
    assert loaded.data["r"] == {"kind": "k", "topic": "安全", "org": "青山县教育局"}


def test_merged_keys_point_where_they_were_written() -> None:
    loaded = load_text(NESTED, "r.yaml")
    assert loaded.values[("r", "org")] == (1, 15) and loaded.keys[("r", "org")] == (1, 10)
    assert loaded.values[("r", "topic")] == (2, 25) and loaded.keys[("r", "topic")] == (2, 18)
    assert loaded.problem(("r", "org"), codes.UNKNOWN_FIELD, "m").line == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the nearer mapping wins: explicit keys, then the first source, then its own merges
        ("x-a: &a {t: A, p: A}\nx-b: &b {<<: *a, t: B}\nr: {<<: *b, k: R}\n", {"k": "R", "t": "B", "p": "A"}),
        ("x-a: &a {t: A}\nx-b: &b {t: B}\nr: {<<: [*a, *b]}\n", {"t": "A"}),
        ("x-a: &a {t: A}\nr: {<<: *a, t: R}\n", {"t": "R"}),  # an override is no duplicate
        ("a: &a {<<: *a, t: A}\nr: {<<: *a}\n", {"t": "A"}),  # a self-merge adds nothing
    ],
)  # fmt: skip
def test_merge_precedence(text: str, expected: dict[str, str]) -> None:
    loaded = load_text(text, "r.yaml")
    assert loaded.problems == [] and loaded.data["r"] == expected


def test_duplicates_are_found_within_one_mapping_only() -> None:
    loaded = load_text("x-a: &a {t: A, t: B}\nr: {<<: *a, t: R}\n", "r.yaml")
    assert [(p.line, p.code, p.path) for p in loaded.problems] == [(1, "I002", "x-a.t")]
    assert loaded.data["r"] == {"t": "R"}


def test_overridden_merged_values_are_not_checked() -> None:
    loaded = load_text('x-a: &a {t: "a\\x07"}\nr: {<<: *a, t: R}\n', "r.yaml")
    assert [(p.code, p.path) for p in loaded.problems] == [("I007", "x-a.t")]


def test_report_from_nested_merge_keys_is_valid(tmp_path: Path) -> None:
    body = REPORT.split("lead:", 1)[1]
    path = tmp_path / "r.report.yaml"
    path.write_text(
        "x-org: &org {org: 青山县教育局, kind: work-report}\n"
        "x-base: &base {<<: *org, topic: 校园安全工作}\n"
        "<<: *base\nperiod: {year: 2024, quarter: 3}\ndate: 2024-10-08\nlead:" + body,
        encoding="utf-8",
    )
    document = prepare(path).document
    assert "青山县教育局" in document.text()
