"""`reportgen import` (and `check`, which reads the same way) on reports typed by hand:
attachments one a paragraph, bold run-in headings without 。, Word's own numbering and
bullets, 特此总结。 and a year written 二O二五.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.core.blocks import BlockKind, Document
from reportgen.importing.run import Imported, import_report
from reportgen.pipeline import prepare, render_bytes
from reportgen.read.docx import read_docx
from reportgen.read.markdown import read_markdown

from docx_helpers import numbered_docx

DATA = Path(__file__).parent.parent / "data" / "import"
READING = DATA / "阅读活动-手写.md"
TITLE = "关于2024年第三季度校园安全工作情况的报告"


def _import(source: Path, tmp_path: Path) -> tuple[Imported, str]:
    """(the import, the Markdown its YAML renders); the YAML must render."""
    result = import_report(source)
    assert not [w for w in result.warnings if w.code == "M007"], result.warnings
    out = tmp_path / "imported.report.yaml"
    out.write_text(result.text, encoding="utf-8")
    return result, render_bytes(prepare(out), "md").decode("utf-8")


def _messages(result: Imported, code: str) -> list[str]:
    return [w.message for w in result.warnings if w.code == code]


def _end(doc: Document) -> list[tuple[BlockKind, str, tuple[str, ...]]]:
    kinds = (BlockKind.CLOSING, BlockKind.ATTACHMENTS, BlockKind.SIGNATURE, BlockKind.DATE)
    return [(b.kind, b.text, b.items) for b in doc.blocks if b.kind in kinds]


def _docx(lines: list[str | tuple[str, str]], path: Path) -> Path:
    """A report typed in Word, one paragraph a line; (bold, rest) sets the first part bold."""
    import docx

    doc = docx.Document()
    for line in lines:
        p = doc.add_paragraph()
        bold, rest = line if isinstance(line, tuple) else ("", line)
        if bold:
            p.add_run(bold).bold = True
        p.add_run(rest)
    doc.save(str(path))
    return path


# ------------------------------------------------- attachments typed one a paragraph


READING_END = [
    (BlockKind.CLOSING, "特此总结。", ()),
    (BlockKind.ATTACHMENTS, "", ("读书活动统计表", "优秀读书笔记目录", "书香班级名单")),
    (BlockKind.SIGNATURE, "青山县实验小学", ()),
    (BlockKind.DATE, "二O二五年一月六日", ()),
]


def test_markdown_attachments_closing_and_date_as_check_reads_them() -> None:
    doc = read_markdown(READING.read_text(encoding="utf-8"), str(READING))
    assert _end(doc) == READING_END
    assert doc.org == "青山县实验小学"


@pytest.mark.parametrize("indent", ["", "      ", "\u3000\u3000\u3000"])
def test_docx_attachments_one_a_paragraph(indent: str, tmp_path: Path) -> None:
    source = _docx(
        [
            TITLE,
            "市教育局：",
            "今年以来，我局认真落实上级部署。现将有关情况报告如下：",
            "一、工作情况",
            "（一）抓队伍。本季度召开专题会议3次。",
            "二、存在的问题",
            "一是设施老化；二是演练覆盖面不够。",
            "三、下一步工作打算",
            "（一）完善机制。建立隐患台账。",
            "特此报告。",
            "附件：1.校园安全隐患排查统计表",
            indent + "2.隐患整改台账",
            indent + "3.安全工作责任人名单",
            "青山县教育局",
            "2024年10月8日",
        ],
        tmp_path / "附件.docx",
    )
    assert read_docx(source.read_bytes(), str(source)).org == "青山县教育局"
    result, markdown = _import(source, tmp_path)
    data = result.data
    assert isinstance(data, dict)
    assert data["org"] == "青山县教育局"
    assert data["attachments"] == ["校园安全隐患排查统计表", "隐患整改台账", "安全工作责任人名单"]
    assert "3.安全工作责任人名单" in markdown


def test_attachments_in_the_body_go_on_only_with_the_next_number() -> None:
    # Between 附件 and the signature a skipped number is still an attachment ...
    end = "附件：1.统计表\n\n3.名单\n\n青山县教育局\n"
    doc = read_markdown(f"# {TITLE}\n\n## 一、工作情况\n\n开展排查。\n\n{end}", "x.md")
    assert [b.items for b in doc.blocks if b.kind is BlockKind.ATTACHMENTS] == [("统计表", "名单")]
    assert doc.org == "青山县教育局"
    # ... in the body (nothing that reads as a signature follows) only the next number is.
    body = "附件：1.统计表\n\n2.台账\n\n1.加强培训\n\n组织全员培训，覆盖教师300人。\n"
    doc = read_markdown(f"# {TITLE}\n\n## 一、工作情况\n\n{body}", "x.md")
    assert [b.items for b in doc.blocks if b.kind is BlockKind.ATTACHMENTS] == [("统计表", "台账")]
    assert [b.marker for b in doc.headings()] == ["一、", "1."]


# ------------------------------------------------- bold run-in headings without 。


def test_bold_run_in_headings_without_a_full_stop(tmp_path: Path) -> None:
    result, markdown = _import(READING, tmp_path)
    data = result.data
    assert isinstance(data, dict)
    items = data["parts"][0]["items"]
    assert [(i["heading"], i["text"]) for i in items[:2]] == [
        (
            "建机制，明确工作责任",
            "学校成立读书活动领导小组，由分管副校长任组长，各年级组长具体负责。",
        ),
        ("建阵地，丰富阅读资源", "本学期新增图书1860册，各班设立图书角，图书馆午间向学生开放。"),
    ]
    assert "（一）建机制，明确工作责任。学校成立" in markdown.replace("**", "")
    warned = _messages(result, "M006")
    assert any(
        "（一）建机制，明确工作责任" in m and "“建机制，明确工作责任。”" in m for m in warned
    )
    assert len([m for m in warned if "没有句末标点" in m]) == 5


def test_bold_run_in_heading_in_word(tmp_path: Path) -> None:
    source = _docx(
        [
            TITLE,
            "今年以来，我局认真落实上级部署。现将有关情况报告如下：",
            "一、工作情况",
            ("（一）抓队伍，强化组织领导", "本季度召开专题会议3次。"),
            ("（二）抓排查，消除安全隐患", "组织开展拉网式排查。"),
            "二、存在的问题",
            "一是设施老化；二是演练覆盖面不够。",
            "青山县教育局",
        ],
        tmp_path / "加粗.docx",
    )
    result, markdown = _import(source, tmp_path)
    markdown = markdown.replace("**", "")
    assert "（一）抓队伍，强化组织领导。本季度召开专题会议3次。" in markdown
    assert "（二）抓排查，消除安全隐患。组织开展拉网式排查。" in markdown
    assert len([m for m in _messages(result, "M006") if "没有句末标点" in m]) == 2


def test_formatting_that_stops_mid_sentence_is_no_heading(tmp_path: Path) -> None:
    # Bold on the first words only, and digits set in another font: neither ends a heading.
    import docx

    path = tmp_path / "强调.docx"
    doc = docx.Document()
    for line in (TITLE, "一、工作情况"):
        doc.add_paragraph(line)
    p = doc.add_paragraph()
    p.add_run("（一）抓队伍").bold = True
    p.add_run("，强化组织领导。本季度召开专题会议3次。")
    p = doc.add_paragraph()
    p.add_run("（二）抓排查，本季度排查隐患")
    p.add_run("17").font.name = "Times New Roman"
    p.add_run("处，已全部整改。")
    doc.save(str(path))
    doc_read = read_docx(path.read_bytes(), str(path))
    assert [(b.text, b.body) for b in doc_read.headings()][1:] == [
        ("抓队伍，强化组织领导。", "本季度召开专题会议3次。"),
        ("", "抓排查，本季度排查隐患17处，已全部整改。"),
    ]
    text = "## 一、工作情况\n\n**（一）抓队伍**，强化组织领导。本季度召开专题会议3次。\n"
    heading = read_markdown(f"# {TITLE}\n\n{text}", "x.md").headings()[1]
    assert (heading.text, heading.body) == ("抓队伍，强化组织领导。", "本季度召开专题会议3次。")


# ------------------------------------------------- Word's own numbering and bullets


def test_word_numbering_and_bullets_import(tmp_path: Path) -> None:
    source = tmp_path / "自动编号.docx"
    source.write_bytes(
        numbered_docx(
            [
                TITLE,
                "今年以来，我局认真落实上级部署。现将有关情况报告如下：",
                ("工作情况", 90, 0),
                ("**抓队伍，强化组织领导。**本季度召开专题会议3次。", 90, 1),
                ("抓整改，消除安全隐患。本季度完成以下整改：", 90, 1),
                ("更换灭火器412具", 91, 0),
                ("清理消防通道17处", 91, 0),
                ("存在的问题", 90, 0),
                ("部分农村学校安全设施老化", 90, 1),
                ("应急演练覆盖面不够", 99, 0),
                ("下一步工作打算", 90, 0),
                ("完善隐患排查机制。建立隐患台账，实行销号管理。", 90, 1),
                "特此报告。",
                "青山县教育局",
                "2024年10月8日",
            ]
        )
    )
    result, markdown = _import(source, tmp_path)
    data = result.data
    assert isinstance(data, dict)
    assert [p["heading"] for p in data["parts"]] == ["工作情况", "存在的问题", "下一步工作打算"]
    work = data["parts"][0]["items"]
    assert work[0] == {"heading": "抓队伍，强化组织领导", "text": "本季度召开专题会议3次。"}
    assert work[1]["points"] == ["更换灭火器412具", "清理消防通道17处"]
    assert "一是更换灭火器412具；二是清理消防通道17处。" in markdown
    assert any("列表（2 条）" in m for m in _messages(result, "M008"))
    unresolved = [w for w in result.warnings if w.code == "M004" and "numId 99" in w.message]
    assert [w.line for w in unresolved] == [10]
    # check reads the same outline
    doc = read_docx(source.read_bytes(), str(source))
    assert [b.marker for b in doc.headings()] == [
        "一、",
        "（一）",
        "（二）",
        "二、",
        "（一）",
        "三、",
        "（一）",
    ]


# ------------------------------------------------- closings and dates


def test_summary_closing_and_a_year_with_letter_o(tmp_path: Path) -> None:
    result, markdown = _import(READING, tmp_path)
    data = result.data
    assert isinstance(data, dict)
    assert data["closing"] == "特此总结。"
    assert data["date"] == "二〇二五年一月六日"
    assert "date: 二〇二五年一月六日  # 请核对：原文写作“二O二五年一月六日”" in result.text
    assert any("二O二五年一月六日" in m for m in _messages(result, "M002"))
    assert not [m for m in _messages(result, "M003") if "日期" in m]
    assert data["org"] == "青山县实验小学"
    assert "3.书香班级名单" in markdown


def test_check_still_reports_the_letter_o(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(READING)])
    out = capsys.readouterr().out
    assert "C010" in out and "二O二五年" in out


def test_an_unreadable_date_is_still_a_placeholder(tmp_path: Path) -> None:
    source = tmp_path / "日期.md"
    source.write_text(
        f"# {TITLE}\n\n## 一、工作情况\n\n开展排查。\n\n青山县教育局\n\n二O二五年1月5日\n",
        encoding="utf-8",
    )
    result = import_report(source)
    assert any("看不懂" in m for m in _messages(result, "M003"))
    assert "date:" not in result.text


def test_bold_heading_after_a_plain_marker_run(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "标记.docx"
    doc = docx.Document()
    for line in (TITLE, "一、工作情况"):
        doc.add_paragraph(line)
    p = doc.add_paragraph()
    p.add_run("（一）")
    p.add_run("抓队伍，强化组织领导").bold = True
    p.add_run("本季度召开专题会议3次。")
    doc.save(str(path))
    heading = read_docx(path.read_bytes(), str(path)).headings()[1]
    assert (heading.text, heading.body) == ("抓队伍，强化组织领导", "本季度召开专题会议3次。")
