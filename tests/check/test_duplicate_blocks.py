"""duplicate-item (C-rule) compares blocks, not lines, with or without origins."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportgen.check.config import default_config
from reportgen.check.runner import check_document, check_one
from reportgen.core.blocks import BlockKind, Origin
from reportgen.pipeline import prepare

REPORT = (
    "kind: work-report\norg: 青山县教育局\ntopic: 校园安全工作\n"
    "period: {year: 2024, quarter: 3}\ndate: 2024-10-08\n"
    "lead: 现将有关情况报告如下：\nparts:\n  - role: work\n    items:\n"
    "      - heading: 抓队伍，强化组织领导\n        text: 本季度召开专题会议3次,研究部署工作。\n"
    "  - role: problems\n    points: [部分学校设施老化, 应急演练覆盖面不够]\n"
    "  - role: next-steps\n    items:\n      - heading: 完善机制\n        text: 建立隐患台账。\n"
)


# ---------------------------------------------------------------- 5. duplicate-item

TWICE = "本季度召开专题会议3次，研究部署开学安全工作。"


def _with_text(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "r.report.yaml"
    path.write_text(
        REPORT.replace("        text: 本季度召开专题会议3次,研究部署工作。\n", text),
        encoding="utf-8",
    )
    return path


def test_duplicate_paragraphs_in_one_block_scalar(tmp_path: Path) -> None:
    # The first paragraph is the heading's body (line 10); the other two share line 11.
    text = f"        text: |\n          开头的一段话。\n          {TWICE}\n          {TWICE}\n"
    path = _with_text(tmp_path, text)
    found = [p for p in check_one(str(path), default_config()).problems if p.code == "C002"]
    assert [(p.line, p.message[:11]) for p in found] == [(11, "这段话与第 11 行的")]


def test_duplicates_found_without_origins(tmp_path: Path) -> None:
    path = _with_text(
        tmp_path, f"        text: {TWICE}\n      - heading: 抓排查\n        text: {TWICE}\n"
    )
    document = prepare(path).document
    stripped = replace(document, blocks=[replace(b, origin=Origin()) for b in document.blocks])
    with_lines = [p for p in check_document(document) if p.code == "C002"]
    without = [p for p in check_document(stripped) if p.code == "C002"]
    assert [p.line for p in with_lines] == [12]
    assert (
        len(without) == 1 and "前面" in without[0].message and "第 0 行" not in without[0].message
    )
    assert any(b.kind is BlockKind.PARAGRAPH for b in stripped.blocks)
