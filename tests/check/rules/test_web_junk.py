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


def _md_problems(tmp_path: Path, body: str, *, fix: bool = False) -> list[str]:
    path = tmp_path / "r.md"
    path.write_text(body, encoding="utf-8")
    result = check_one(str(path), default_config(), fix=fix)
    return [f"{p.line}:{p.column} {p.code} {p.message}" for p in result.problems]


PAGE = (
    "# 青山小学2024年读书月工作总结\n\n"
    "今年以来，我校围绕读书月主题开展了系列活动。\n\n"
    "（一）开展读书活动。全校共开展读书分享会12场，学生阅读量人均20本。（完）\n\n"
    "（二）开展主题教育活动。组织主题班会36节。点赞 在看\n\n"
    "（三）开展征文活动。收到征文210篇。阅读原文\n\n"
    "09:30  阅读(1024)\n\n"
    "继续推进书香校园建设。\n"
)


def test_junk_at_the_end_of_a_paragraph_is_reported_where_it_stands(tmp_path: Path) -> None:
    found = [p for p in _md_problems(tmp_path, PAGE) if " C011 " in p]
    assert found == [
        "5:36 C011 这像是从网页复制时带进来的杂项（页面按钮：“（完）”），请删去。",
        "7:23 C011 这像是从网页复制时带进来的杂项（分享按钮：“点赞 在看”），请删去。",
        "9:20 C011 这像是从网页复制时带进来的杂项（页面按钮：“阅读原文”），请删去。",
        "11:1 C011 这像是从网页复制时带进来的杂项（阅读计数：“09:30  阅读(1024)”），请删去。",
    ]


def test_junk_gets_no_other_finding_and_fix_leaves_it_alone(tmp_path: Path) -> None:
    """Its fix is to delete it: a space or a bracket inside it is no one else's finding,
    and --fix does not turn 09:30  阅读(1024) into 09:30阅读（1024）."""
    page = PAGE + "\n学生  人数(共)\n"  # outside the junk the same signs are still found
    found = _md_problems(tmp_path, page)
    assert [p.split(" ")[:2] for p in found if p.startswith(("7:", "11:", "15:"))] == [
        ["7:23", "C011"],
        ["11:1", "C011"],
        ["15:3", "T008"],
        ["15:7", "T001"],
    ]
    _md_problems(tmp_path, page, fix=True)
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "09:30  阅读(1024)\n" in text and "点赞 在看\n" in text
    assert "学生人数（共）" in text  # --fix did run


def test_c011_has_no_fix() -> None:
    from reportgen.check.rules import RULES

    assert RULES["C011"].fixable is False
