"""The outline rules (reportgen/outline), one case a line: a snippet and the findings
expected, as code@line:col. The same rule serves a report YAML (validation: I016 error,
I017/I019 warnings, at the YAML node to edit) and a finished report (`check`: O001 error,
O002/O003 warnings, at the part heading)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import _problems, run

from reportgen.core.load import load_text
from reportgen.core.validate import validate

OUTLINE = ("I016", "I017", "I019", "O001", "O002", "O003")

YAML_HEAD = "org: 青山县教育局\ntopic: 校园安全工作\nperiod: 2024年第三季度\ndate: 2024-10-08\n"


def yaml_findings(parts: str, kind: str = "", closing: str = "", lead: str = "") -> list[str]:
    """The outline problems of a report YAML whose ``parts:`` key is on line 5 (6 with a
    kind), each part a line from the next one on."""
    text = YAML_HEAD + (f"kind: {kind}\n" if kind else "") + "parts:\n" + parts
    text += (f"closing: {closing}\n" if closing else "") + (f"lead: {lead}\n" if lead else "")
    _, found = validate(load_text(text, "r.yaml"))
    return [f"{p.code}@{p.line}:{p.column}" for p in found if p.code in OUTLINE]


def part(heading: str = "", role: str = "") -> str:
    """One part on one line (its ``-`` at column 3, its mapping at column 5)."""
    fields = [f"role: {role}"] if role else []
    fields += [f"heading: {heading}"] if heading else []
    return "  - {" + ", ".join([*fields, "items: [有关工作已完成。]"]) + "}\n"


WORK, PROBLEMS, NEXT = part(role="work"), part(role="problems"), part(role="next-steps")


YAML_CASES = [
    (WORK + PROBLEMS + NEXT, "", "", []),
    (WORK, "", "", ["I016@5:1", "I016@5:1"]),
    (WORK + PROBLEMS, "", "", ["I016@5:1"]),
    # next steps written in the closing, problems in a heading that names two roles
    (WORK + PROBLEMS, "", "今后，我局将继续完善隐患排查机制。", []),
    (WORK + part("存在的问题及整改措施"), "", "", []),
    (WORK + part("存在的问题及整改措施", "problems"), "", "", []),
    # no work-bearing part at all; an umbrella first part (总体情况) holds the work
    (PROBLEMS + NEXT, "", "", ["I016@5:1"]),
    (part("总体情况") + PROBLEMS + NEXT, "", "", []),
    # a weak 问题 before a work part is a theme, so the problems are still missing
    (part("加强问题学生帮扶") + WORK + NEXT, "", "", ["I016@5:1"]),
    # order: a warning at the part out of place; none where problems come first
    (NEXT + WORK + PROBLEMS, "", "", ["I017@7:5", "I017@8:5"]),
    (PROBLEMS + WORK + NEXT, "self-inspection", "", []),
    # a role other than work twice: a warning at the second one
    (WORK + PROBLEMS + PROBLEMS + NEXT, "", "", ["I019@8:5"]),
    (WORK + WORK + PROBLEMS + NEXT, "", "", []),
    (WORK + WORK, "summary", "", []),
    (PROBLEMS, "summary", "", ["I016@6:1"]),
    # a part whose heading names no role takes the role its block's line names
    (
        WORK
        + PROBLEMS
        + "  - {group: 下一步工作打算, heading: 完善机制, items: [有关工作已完成。]}\n",
        "",
        "",
        [],
    ),
]


@pytest.mark.parametrize(("parts", "kind", "closing", "expected"), YAML_CASES)
def test_yaml(parts: str, kind: str, closing: str, expected: list[str]) -> None:
    assert yaml_findings(parts, kind, closing) == expected


# What `check` of a render reports for what validation of its YAML reported.
FINISHED_CODE = {"I017": "O003", "I019": None}


@pytest.mark.parametrize(
    ("parts", "kind", "closing", "expected"),
    [c for c in YAML_CASES if not any(e.startswith("I016") for e in c[3])],
)
def test_the_render_gets_the_same_findings(
    tmp_path: Path, parts: str, kind: str, closing: str, expected: list[str]
) -> None:
    """One rule set: `check` of the Markdown a YAML renders to finds what validation found."""
    from reportgen.check.config import default_config
    from reportgen.check.runner import check_one
    from reportgen.pipeline import prepare, render_bytes

    source = tmp_path / "r.report.yaml"
    text = YAML_HEAD + (f"kind: {kind}\n" if kind else "") + "parts:\n" + parts
    source.write_text(text + (f"closing: {closing}\n" if closing else ""), encoding="utf-8")
    rendered = tmp_path / "r.md"
    rendered.write_bytes(render_bytes(prepare(source), "md"))
    found = [p.code for p in check_one(str(rendered), default_config()).problems]
    mapped = [FINISHED_CODE[e.split("@")[0]] for e in expected]
    assert [c for c in found if c in OUTLINE] == [c for c in mapped if c]


def test_yaml_messages_name_the_role_to_write() -> None:
    _, found = validate(load_text(YAML_HEAD + "parts:\n" + PROBLEMS + NEXT, "r.yaml"))
    assert [p.format() for p in found if p.code in OUTLINE] == [
        "r.yaml:5:1: error I016 [missing-part] parts: 工作报告应有“工作情况”部分（role: work），这里没有。"
    ]
    _, found = validate(load_text(YAML_HEAD + "parts:\n" + WORK + NEXT + PROBLEMS, "r.yaml"))
    assert [p.format() for p in found if p.code in OUTLINE] == [
        "r.yaml:8:5: warning I017 [part-order] parts[2]: “存在的问题”通常写在前面的部分之前"
        "（顺序：总体情况、工作情况、成效、经验、问题、下一步）。"
    ]


MD_HEAD = "# 关于2024年第三季度校园安全工作情况的报告\n\n现将有关情况报告如下：\n\n"
SECTION = {
    "work": "{n}、工作情况\n\n（一）抓队伍。本季度召开专题会议3次。\n\n",
    "problems": "{n}、存在的问题\n\n部分学校消防设施老化。\n\n",
    "next": "{n}、下一步工作打算\n\n（一）完善机制。建立隐患台账。\n\n",
    "both": "{n}、存在的问题及整改措施\n\n部分学校消防设施老化，已列入整改。\n\n",
}
NUMERALS = "一二三四"


def markdown(*sections: str, closing: str = "特此报告。", title: str = "") -> str:
    body = "".join(SECTION[s].format(n=NUMERALS[i]) for i, s in enumerate(sections))
    head = MD_HEAD.replace("情况的报告", title) if title else MD_HEAD
    return head + body + closing + "\n\n青山县教育局\n\n2024年10月8日\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (markdown("work", "problems", "next"), []),
        # a missing part is reported at the last part heading (line 5 is the first part)
        (markdown("work", "next"), ["O002@9:1"]),
        (markdown("work"), ["O002@5:1", "O002@5:1"]),
        (markdown("work", "problems", closing="今后，我局将继续完善机制。"), []),
        (markdown("work", "both"), []),
        (markdown("problems", "next"), ["O001@5:1"]),
        (markdown("next", "work", "problems"), ["O003@9:1", "O003@13:1"]),
        (markdown("problems", "work", "next", title="自查情况的报告"), []),
        # a summary asks only for its work parts
        (markdown("work", title="工作总结"), []),
        # a report without part headings (prose with inline 一是…) has no parts to miss
        (MD_HEAD + "一是完善机制；二是加强培训。\n\n特此报告。\n", []),
    ],
)
def test_finished(tmp_path: Path, text: str, expected: list[str]) -> None:
    path = tmp_path / "r.md"
    path.write_text(text, encoding="utf-8")
    _, out, _ = run(["check", "-f", "parsable", str(path)])
    found = [f"{c}@{line}:{col}" for c, line, col in _problems(out) if c in OUTLINE]
    assert found == expected


def test_one_rule_for_the_yaml_and_its_render(tmp_path: Path) -> None:
    """A report YAML with its parts out of order renders (I017 is a warning) and its render
    gets the same finding from `check` (O003), at the heading the YAML part became."""
    source = tmp_path / "r.report.yaml"
    source.write_text(YAML_HEAD + "parts:\n" + WORK + NEXT + PROBLEMS, encoding="utf-8")
    code, out, err = run(["render", str(source), "-o", str(tmp_path / "r.md")])
    assert code == 0 and _problems(err) == [("I017", 8, 5)], err
    code, out, _ = run(["check", "-f", "parsable", str(tmp_path / "r.md")])
    rendered = (tmp_path / "r.md").read_text(encoding="utf-8").splitlines()
    assert [p for p in _problems(out) if p[0] in OUTLINE] == [("O003", 13, 1)]
    assert rendered[12] == "## 三、存在的问题"


def test_positions_with_blocks_above_parts(tmp_path: Path) -> None:
    """A part that opens a block (group: 第二部分) is still the node to edit."""
    parts = (
        "  - {group: 工作回顾, role: next-steps, items: [有关工作已完成。]}\n"
        + "  - {group: 工作打算, role: work, items: [有关工作已完成。]}\n"
        + PROBLEMS
    )
    assert yaml_findings(parts) == ["I017@7:5", "I017@8:5"]


def test_a_document_built_in_memory_is_not_checked_twice(tmp_path: Path) -> None:
    """The outline of a document built from YAML was checked when it was built (I017): the
    check rules run on it in memory (`check_document`) do not report it again as O003."""
    from reportgen.check.runner import check_document
    from reportgen.pipeline import prepare

    source = tmp_path / "r.report.yaml"
    source.write_text(YAML_HEAD + "parts:\n" + WORK + NEXT + PROBLEMS, encoding="utf-8")
    prepared = prepare(source)
    assert [(p.code, p.line, p.column) for p in prepared.warnings] == [("I017", 8, 5)]
    assert [p.code for p in check_document(prepared.document) if p.code in OUTLINE] == []


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        # an error elsewhere: the missing parts are listed with it, not after the fix
        ("date: 2024-13-08\n", ["I014@4:7", "I016@5:1", "I016@5:1"]),
        ("colour: red\n", ["I003@4:1", "I016@5:1", "I016@5:1"]),
        # an error in a field the rules read: nothing to go on
        ("closing: [a]\n", ["I004@4:10"]),
    ],
)
def test_outline_problems_come_with_schema_errors(broken: str, expected: list[str]) -> None:
    head = YAML_HEAD.replace("date: 2024-10-08\n", "")
    text = head + broken + "parts:\n" + WORK
    _, found = validate(load_text(text, "r.yaml"))
    assert [f"{p.code}@{p.line}:{p.column}" for p in found if p.code != "I043"] == expected


def test_an_attachment_file_that_cannot_be_read_is_not_read_for_the_outline(
    tmp_path: Path,
) -> None:
    """Validation builds the document for the outline rules: a FIFO named as an attachment
    would block it, so the outline waits for the file (I054) to be fixed."""
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "名单.md")
    source = tmp_path / "r.report.yaml"
    attachments = "attachments:\n  - {title: 名单, file: 名单.md}\n"
    source.write_text(YAML_HEAD + attachments + "parts:\n" + WORK, encoding="utf-8")
    code, _, err = run(["render", str(source)])
    assert code == 1 and _problems(err) == [("I054", 6, 23)]
