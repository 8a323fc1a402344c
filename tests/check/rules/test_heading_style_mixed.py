"""O010 heading-style-mixed: siblings' headings run in and on their own line"""

from __future__ import annotations

from pathlib import Path

from rule_helpers import check, parts, report

from reportgen.check.config import default_config
from reportgen.check.runner import check_one


def test_heading_style_mixed() -> None:
    check(
        report(parts("安全隐患**。组织", "安全隐患**\n\n组织")),
        O010=(11, 1),
    )
    # own lines in part 1, run in in part 3: siblings of one part agree
    check(
        report(
            parts("领导**。本季度", "领导**\n\n本季度", "安全隐患**。组织", "安全隐患**\n\n组织")
        ),
        O010=None,
    )


# ---------------------------------------------------------------- beyond Markdown


def _docx(tmp_path: Path, paragraphs: list[str]) -> Path:
    import docx

    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    path = tmp_path / "r.docx"
    d.save(str(path))
    return path


_DOCX_HEAD = [
    "关于2024年第三季度校园安全工作情况的报告",
    "2024年第三季度，我局认真落实上级部署，扎实推进各项工作。现将有关情况报告如下：",
    "一、工作情况",
]
_DOCX_TAIL = [
    "二、存在的问题",
    "主要存在以下几点：一是部分农村学校安全设施老化；二是应急演练覆盖面不够。",
    "三、下一步工作打算",
    "（一）完善机制",
    "建立隐患台账，实行销号管理。",
    "（二）加强培训",
    "举办专题培训班2期。",
    "特此报告。",
    "青山县教育局",
    "2024年10月8日",
]


def test_heading_style_mixed_in_docx(tmp_path: Path) -> None:
    mixed = [
        "（一）抓队伍，强化组织领导。本季度召开专题会议3次。",
        "（二）抓排查，消除安全隐患",
        "组织开展拉网式排查。",
        "（三）抓演练，提升应急能力。组织疏散演练12次。",
    ]
    path = _docx(tmp_path, _DOCX_HEAD + mixed + _DOCX_TAIL)
    found = [p for p in check_one(str(path), default_config()).problems if p.code == "O010"]
    assert [(p.line, p.column) for p in found] == [(5, 1)]  # paragraph 5: the odd one out
    assert found[0].message == (
        "小标题“（二）抓排查，消除安全隐患”单独成行，而同级的“（一）抓队伍，强化组织领导”"
        "与正文同段；同级小标题的写法请统一。"
    )
    agreeing = [mixed[0], "（二）抓排查，消除安全隐患。组织开展拉网式排查。"]
    path = _docx(tmp_path, _DOCX_HEAD + agreeing + _DOCX_TAIL)  # part 3 on own lines: fine
    assert [p for p in check_one(str(path), default_config()).problems if p.code == "O010"] == []


def test_heading_style_cannot_mix_in_yaml(tmp_path: Path) -> None:
    """run_in is set per part in a report file, so its siblings always agree.

    Items without a heading (numbered prose) and 一是 points have no heading style; the
    rendered documents of such reports read back clean as well.
    """
    from reportgen.check.runner import check_document
    from reportgen.pipeline import prepare, render_bytes

    path = tmp_path / "r.report.yaml"
    path.write_text(
        "org: 青山县教育局\ntopic: 校园安全工作\nperiod: 2024年第三季度\nparts:\n"
        "  - role: work\n    run_in: false\n    items:\n"
        "      - {heading: 抓队伍，强化组织领导, text: 本季度召开专题会议3次。}\n"
        "      - {text: 组织开展拉网式排查，整改隐患12处。}\n"
        "      - {heading: 抓演练}\n"
        "  - role: problems\n    numbering: 一是\n"
        "    items: [{heading: 设施老化, text: 部分农村学校安全设施老化。}, 演练覆盖面不够。]\n"
        "  - role: next-steps\n    items:\n"
        "      - {heading: 完善机制, text: 建立隐患台账。}\n      - {heading: 加强培训}\n",
        encoding="utf-8",
    )
    prepared = prepare(path)
    assert [p for p in check_document(prepared.document) if p.code == "O010"] == []
    assert [p for p in check_one(str(path), default_config()).problems if p.code == "O010"] == []
    for fmt in ("md", "docx"):
        rendered = tmp_path / f"r.{fmt}"
        rendered.write_bytes(render_bytes(prepared, fmt))
        problems = check_one(str(rendered), default_config()).problems
        assert [p for p in problems if p.code == "O010"] == [], fmt
