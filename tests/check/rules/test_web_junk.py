"""C011 web-junk: text left over from a web page"""

from __future__ import annotations

from pathlib import Path

from rule_helpers import check, report

from reportgen.check.config import default_config
from reportgen.check.runner import check_one
from reportgen.problem import Problem


def test_web_junk() -> None:
    check(report(), C011=None)
    check("# 标题\n分享 时间:2024-10-09\n\n正文。\n", C011=(2, 1))
    check("# 标题\n1203\n\n正文。\n", C011=(2, 1))  # a stray counter


def _yaml_problems(tmp_path: Path, period: str, extra: str = "") -> list[Problem]:
    path = tmp_path / "r.report.yaml"
    path.write_text(
        f"org: 青山县教育局\ntopic: 校园安全工作\nperiod: {period}\ndate: 2024-10-08\n"
        "parts:\n  - role: work\n    items:\n      - heading: 抓队伍\n"
        f"        text: 本季度召开专题会议3次。{extra}\n"
        "  - role: problems\n    points: [设施老化, 演练不够]\n"
        "  - role: next-steps\n    items: [建立隐患台账。]\n",
        encoding="utf-8",
    )
    return check_one(str(path), default_config()).problems


def test_quoted_numbers_in_yaml_are_not_web_junk(tmp_path: Path) -> None:
    """yaml.safe_dump writes period: '2024'; a value is never a stray counter of a page."""
    for period in ('"2024"', "'2024'", "2024年第三季度"):
        assert [p for p in _yaml_problems(tmp_path, period) if p.code == "C011"] == []


def test_web_junk_glued_to_yaml_text(tmp_path: Path) -> None:
    found = _yaml_problems(tmp_path, '"2024"', '");')
    assert [(p.code, p.line) for p in found if p.code == "C011"] == [("C011", 9)]
