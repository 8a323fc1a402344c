"""`--fix` edits the file exactly as planned or not at all: YAML escapes, invisible characters
(T009), and edits that would change the file's meaning."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportgen.check.config import default_config
from reportgen.check.runner import check_one
from reportgen.check.sources import double_quoted_spans, unescape
from reportgen.pipeline import prepare

HEAD = (
    "kind: work-report\norg: 青山县教育局\ntopic: 校园安全工作\n"
    "period: {year: 2024, quarter: 3}\ndate: 2024-10-08\n"
)
TAIL = (
    "  - role: problems\n    points: [部分学校设施老化, 应急演练覆盖面不够]\n"
    "  - role: next-steps\n    items:\n      - heading: 完善机制\n        text: 建立隐患台账。\n"
)


def _report(tmp_path: Path, lead: str, text: str) -> Path:
    path = tmp_path / "r.report.yaml"
    body = (
        f"{HEAD}lead: {lead}\nparts:\n  - role: work\n    items:\n"
        f"      - heading: 抓队伍，强化组织领导\n        text: {text}\n{TAIL}"
    )
    path.write_text(body, encoding="utf-8")
    return path


def _fix(path: Path) -> tuple[list[str], list[str]]:
    """(codes fixed, problems left as 'code line:col message')."""
    result = check_one(str(path), default_config(), fix=True)
    left = [f"{p.code} {p.line}:{p.column} {p.message}" for p in result.problems]
    return [p.code for p in result.fixed], left


@pytest.mark.parametrize(
    "scalar",
    [
        r'"本季度\u200b，我局"',
        r'"a\x20b\"c\\d\/e\tf\u00ad\U0001F600"',
        '"第一行\n  第二行\n\n  第三行"',
        '"续行\\\n   不加空格"',
        '"行尾空格   \n  折叠"',
        '"CRLF\r\n  行"',
    ],
)
def test_double_quoted_spans_are_exact(scalar: str) -> None:
    node = yaml.compose(f"k: {scalar}\n").value[0][1]
    source = f"k: {scalar}\n"
    start = node.start_mark.index
    spans = double_quoted_spans(node.value, source[start : node.end_mark.index], start)
    assert spans is not None and len(spans) == len(node.value)
    for ch, span in zip(node.value, spans, strict=True):
        if span is not None:  # None: a folded line break, which no edit may touch
            piece = source[span[0] : span[1]]
            assert piece == ch or unescape(piece) == ch


def test_double_quoted_spans_refuse_what_they_cannot_read() -> None:
    assert double_quoted_spans("x", '"\\q"', 0) is None  # not an escape YAML knows
    assert double_quoted_spans("other", '"text"', 0) is None  # not the parsed value


def test_invisible_characters_found_in_escapes_and_raw_text(tmp_path: Path) -> None:
    path = _report(
        tmp_path,
        r'"本季度\u200b，我局开展安全检查186次\u202e。现将有关情况报告如下："',
        "本季度召开专题会议3次\u00ad。",
    )
    found = [p for p in check_one(str(path), default_config()).problems if p.code == "T009"]
    # Each points at the character, or at its escape inside the double-quoted scalar.
    assert [(p.line, p.column) for p in found] == [(6, 11), (6, 30), (11, 26)]
    assert "U+200B（零宽空格）" in found[0].message
    assert "双向控制字符 U+202E（从右到左覆盖）" in found[1].message
    assert "U+00AD（软连字符）" in found[2].message


def test_fix_removes_escaped_and_raw_invisible_characters(tmp_path: Path) -> None:
    path = _report(
        tmp_path,
        r'"本季度\u200b，我局开展安全检查186次\u202e。现将有关情况报告如下："',
        '"本季度召开专题会议3次\\x20\\u00ad。\\\n          各校均明确了分管负责人\u2060。"',
    )
    fixed, left = _fix(path)
    assert sorted(fixed) == ["T008", "T009", "T009", "T009", "T009"], left
    assert left == []
    text = path.read_text(encoding="utf-8")
    assert 'lead: "本季度，我局开展安全检查186次。现将有关情况报告如下："' in text
    assert '"本季度召开专题会议3次。\\\n          各校均明确了分管负责人。"' in text
    document = prepare(path).document
    assert "本季度召开专题会议3次。各校均明确了分管负责人。" in document.text()


def test_fix_in_single_quoted_and_block_scalars(tmp_path: Path) -> None:
    path = _report(
        tmp_path,
        "'本季度\u200b，''我局''开展检查。现将有关情况报告如下：'",
        "|\n          会议\u200c3次。\n",
    )
    fixed, left = _fix(path)
    # the straight quotes around 我局 are reported, but '' is left for the writer to mend
    assert fixed == ["T009", "T009"] and [x.split()[0] for x in left] == ["T003"]
    text = path.read_text(encoding="utf-8")
    assert "lead: '本季度，''我局''开展检查。现将有关情况报告如下：'" in text
    assert "          会议3次。\n" in text


@pytest.mark.parametrize(
    "text",
    [
        "本季度召开专题会议3次 \u200b#1号会议室。",  # would become a comment
        "\u200b- 召开专题会议3次。",  # would become a list
        "\u200b",  # would become null
    ],
)
def test_fix_never_changes_what_the_file_means(tmp_path: Path, text: str) -> None:
    path = _report(tmp_path, "现将有关情况报告如下：", text)
    before = path.read_bytes()
    fixed, left = _fix(path)
    assert fixed == [] and path.read_bytes() == before
    assert any(
        line.startswith("T009 11:") and "--fix 无法安全地修改这一处，请手工改正" in line
        for line in left
    ), left


def test_a_refused_edit_does_not_hold_back_the_others(tmp_path: Path) -> None:
    path = _report(
        tmp_path, '"本季度,我局开展检查。现将有关情况报告如下："', "会议3次 \u200b#1号会议室。"
    )
    fixed, left = _fix(path)
    assert fixed == ["T001"]
    assert 'lead: "本季度，我局开展检查。' in path.read_text(encoding="utf-8")
    assert [line.split()[0] for line in left] == ["T009"]


def test_fix_markdown_invisible_characters(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text(
        "# 关于工作的报告\n\n本季度\u200b召开\ufeff专题会议3次\u202d。\n\n"
        "**（一）抓队伍\u00ad**。本季度开展演练。\n",
        encoding="utf-8",
    )
    fixed, left = _fix(path)
    assert fixed == ["T009", "T009", "T009", "T009"] and not [x for x in left if "T009" in x]
    assert path.read_text(encoding="utf-8") == (
        "# 关于工作的报告\n\n本季度召开专题会议3次。\n\n**（一）抓队伍**。本季度开展演练。\n"
    )


def test_fix_doubled_punctuation_in_yaml(tmp_path: Path) -> None:
    path = _report(
        tmp_path,
        "本季度，，我局扎实推进各项工作。现将有关情况报告如下：",
        '"本季度召开专题会议3次。。"',
    )
    fixed, left = _fix(path)
    assert fixed == ["T010", "T010"] and left == []
    text = path.read_text(encoding="utf-8")
    assert "lead: 本季度，我局" in text and 'text: "本季度召开专题会议3次。"' in text


def test_fix_in_table_cells(tmp_path: Path) -> None:
    """Cells are text for the typography rules, each at its own place in its row."""
    path = tmp_path / "t.md"
    path.write_text(
        "# 关于各校安全工作情况的报告\n\n各校认真落实上级部署。现将有关情况报告如下：\n\n"
        "| 学校 | 隐患 |\n|---|---|\n| 一中(含分校) | 100 |\n| 二中 | 3 处。。 |\n\n"
        "特此报告。\n",
        encoding="utf-8",
    )
    found = check_one(str(path), default_config()).problems
    assert [(p.code, p.line, p.column) for p in found] == [
        ("T001", 7, 5),
        ("T008", 8, 9),
        ("T010", 8, 11),
    ]
    fixed, left = _fix(path)
    assert sorted(fixed) == ["T001", "T008", "T010"] and left == []
    assert "| 一中（含分校） | 100 |\n| 二中 | 3处。 |" in path.read_text(encoding="utf-8")


def test_fix_quotes_dates_ranges_and_marker_spaces_in_markdown(tmp_path: Path) -> None:
    """Single quotes pair inside their double quotes; a second --fix finds nothing to do."""
    path = tmp_path / "r.md"
    path.write_text(
        "# 关于工作的报告\n\n"
        "他说\"要'抓早抓小'\"。计划于2025年01月开展培训，01月05日报名，it's ok。\n\n"
        "2023-2024学年有25~30所学校、10%-20%的教师参训，2023年-2024年依照GB/T 9704-2012执行。\n\n"
        "**（一） 抓队伍**。开会。\n\n**2. 加强管理**。开会。\n",
        encoding="utf-8",
    )
    fixed, left = _fix(path)
    assert sorted(fixed) == ["C007", "C007", "O011", "O011", "T003", "T003"] + ["T011"] * 4
    assert not [x for x in left if x.split()[0] in ("C007", "O011", "T003", "T011")], left
    assert path.read_text(encoding="utf-8") == (
        "# 关于工作的报告\n\n"
        "他说“要‘抓早抓小’”。计划于2025年1月开展培训，1月5日报名，it's ok。\n\n"
        "2023—2024学年有25～30所学校、10%～20%的教师参训，2023年—2024年依照GB/T 9704-2012执行。\n\n"
        "**（一）抓队伍**。开会。\n\n**2.加强管理**。开会。\n"
    )
    before = path.read_bytes()
    assert _fix(path)[0] == [] and path.read_bytes() == before


def test_fix_leaves_what_it_cannot_pair_or_reach(tmp_path: Path) -> None:
    """An odd count of single quotes, and the space a reader dropped after an own-line marker."""
    path = tmp_path / "r.md"
    text = "# 关于工作的报告\n\n他说“甲'乙”和“丙'丁”。\n\n（一） 抓队伍\n"
    path.write_text(text, encoding="utf-8")
    fixed, left = _fix(path)
    assert fixed == [] and path.read_text(encoding="utf-8") == text
    assert [x.split(" ", 2)[:2] for x in left if x[0] in "OT"] == [
        ["T003", "3:5"],
        ["T003", "3:11"],
        ["O011", "5:5"],
    ]
    assert all("请手工" in x for x in left if x[0] in "OT"), left


def test_fix_single_quotes_in_yaml(tmp_path: Path) -> None:
    """Fixed in plain and double-quoted scalars; in a single-quoted one (written '') only reported."""
    path = _report(
        tmp_path, "他说\"要'抓早抓小'\"。现将有关情况报告如下：", "'他说''抓早''，25-30人。'"
    )
    fixed, left = _fix(path)
    assert sorted(fixed) == ["T003", "T003", "T011"]
    text = path.read_text(encoding="utf-8")
    assert "lead: 他说“要‘抓早抓小’”。现将" in text
    assert "text: '他说''抓早''，25～30人。'" in text
    assert [x.split()[0] for x in left] == ["T003"] and "YAML 单引号字符串" in left[0]
    before = path.read_bytes()
    assert _fix(path)[0] == [] and path.read_bytes() == before
