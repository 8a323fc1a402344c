"""`reportgen next`: the next period's report file started from the last one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_helpers import run

from reportgen.importing.next_period import advance

from conftest import ROOT

EXAMPLE = next((ROOT / "examples").glob("*校园安全*.report.yaml"))


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2024年第三季度", ("2024年第四季度", 3)),
        ("2024年第四季度", ("2025年第一季度", 3)),
        ("2024年上半年", ("2024年下半年", 6)),
        ("2024年下半年", ("2025年上半年", 6)),
        ("2025年春季学期", ("2025年秋季学期", 6)),
        ("2024年秋季学期", ("2025年春季学期", 6)),
        ("2024年12月", ("2025年1月", 1)),
        ("2024年", ("2025年", 12)),
        ("2024年度", ("2025年度", 12)),
        ("2024—2025学年", ("2025—2026学年", 12)),
        ("暑期", None),
    ],
)
def test_advance(period: str, expected: tuple[str, int] | None) -> None:
    assert advance(period) == expected


def test_next_moves_period_date_and_lead_and_lists_figures(tmp_path: Path) -> None:
    last = tmp_path / "上季度.report.yaml"
    shutil.copy(EXAMPLE, last)
    new = tmp_path / "本季度.report.yaml"
    code, out, err = run(["next", str(last), "-o", str(new)])
    assert code == 0, err
    text = new.read_text(encoding="utf-8")
    old = last.read_text(encoding="utf-8")
    assert "period: 2024年第四季度\n" in text
    assert "date: 2025年1月8日  # 请核对：按报告期顺延\n\n" in text  # the blank line after stays
    assert "2024年第四季度，我局认真落实" in text
    # the last period named elsewhere (an attachment) is listed, not changed
    assert [line for line in text.splitlines() if "2024年第三季度" in line] == [
        "  - 青山县2024年第三季度校园安全隐患排查整改台账"
    ]
    assert "里写的是上一期“2024年第三季度”，请核对。" in err
    # everything else as it was: same number of lines, same parts
    assert len(text.splitlines()) == len(old.splitlines())
    assert (
        f"{new}:12:1: warning M013 [moved-on] 报告期改为“2024年第四季度”（原为“2024年第三季度”）。"
        in err
    )
    figures = [line for line in err.splitlines() if "M012" in line]
    assert len(figures) > 20
    assert any("（109）" in line for line in figures)  # 2024—2025学年 is no figure
    assert f"已生成 {new}（2024年第三季度 → 2024年第四季度）" in err
    code, out, _ = run(["check", str(new)])
    assert code == 0, out
    # the output is never overwritten without --force, the input never
    assert run(["next", str(last), "-o", str(new)])[0] == 2
    assert run(["next", str(last), "-o", str(last), "--force"])[0] != 0
    assert last.read_text(encoding="utf-8") == old


def test_next_needs_a_period_it_cannot_work_out(tmp_path: Path) -> None:
    last = tmp_path / "暑期.report.yaml"
    last.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace(
            "period: {year: 2024, quarter: 3}", "period: 2024年暑期"
        ),
        encoding="utf-8",
    )
    code, _, err = run(["next", str(last)])
    assert code == 2 and "看不出“2024年暑期”的下一期是什么；请用 --period 写明新的报告期。" in err
    code, out, _ = run(["next", str(last), "--period", "2025年寒假"])
    assert code == 0 and "period: 2025年寒假\n" in out
