"""Word's automatic numbering: the markers Word draws, read as if they had been typed."""

from __future__ import annotations

import io

import pytest
from lxml import etree

from reportgen.read.docx import docx_paragraphs, read_docx
from reportgen.read.docx_numbering import Numbering, format_number

from docx_helpers import OUTLINE, _abstract, _num, numbered_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# One list for the whole outline, as people set it up in Word: 一、 / （一） / 1.


REPORT: list[tuple[str, int | None, int] | str] = [
    "关于2024年第三季度校园安全工作情况的报告",
    "市教育局：",
    "2024年第三季度，我局认真落实上级部署。现将有关情况报告如下：",
    ("工作情况", 90, 0),
    ("**抓队伍，强化组织领导。**本季度召开专题会议3次。", 90, 1),
    ("**抓排查，消除安全隐患。**组织开展拉网式排查。", 90, 1),
    ("校舍安全", 90, 2),
    "对全县校舍逐栋排查。",
    ("消防安全", 90, 2),
    "更换灭火器412具。",
    ("存在的问题", 90, 0),
    "一是部分农村学校安全设施老化；二是应急演练覆盖面不够。",
    ("下一步工作打算", 90, 0),
    ("完善隐患排查机制。建立隐患台账，实行销号管理。", 90, 1),
    ("补齐技防物防短板。推动7所学校接入监控平台。", 90, 1),
    "特此报告。",
    "青山县教育局",
    "2024年10月8日",
]


def test_word_numbering_reads_as_typed_markers() -> None:
    doc = read_docx(numbered_docx(REPORT), "auto.docx")
    headings = [(b.marker, b.text, b.body) for b in doc.headings()]
    assert headings == [
        ("一、", "工作情况", ""),
        ("（一）", "抓队伍，强化组织领导。", "本季度召开专题会议3次。"),
        ("（二）", "抓排查，消除安全隐患。", "组织开展拉网式排查。"),
        ("1.", "校舍安全", ""),
        ("2.", "消防安全", ""),
        ("二、", "存在的问题", ""),
        ("一是", "", "部分农村学校安全设施老化；二是应急演练覆盖面不够。"),
        ("三、", "下一步工作打算", ""),
        ("（一）", "完善隐患排查机制。", "建立隐患台账，实行销号管理。"),
        ("（二）", "补齐技防物防短板。", "推动7所学校接入监控平台。"),
    ]
    assert doc.org == "青山县教育局"


def test_empty_numbered_paragraphs_count_and_restarts_apply() -> None:
    data = numbered_docx(
        [
            "关于校园安全工作的报告",
            ("开展安全教育", 92, 0),
            ("", 92, 0),  # an empty item: Word still numbers it 2.
            ("组织应急演练", 92, 0),
            ("排查校舍隐患", 93, 0),  # the same list restarted at 1
            ("检查食堂卫生", 92, 0),  # numId 92 shares the definition: it goes on
        ]
    )
    texts = [p.text for p in docx_paragraphs(data)]
    assert texts[1:] == ["1.开展安全教育", "3.组织应急演练", "1.排查校舍隐患", "2.检查食堂卫生"]


def test_bullets_and_unknown_lists_are_marked() -> None:
    data = numbered_docx(
        [
            "关于校园安全工作的报告",
            ("更换灭火器412具", 91, 0),
            ("清理消防通道17处", 91, 0),
            ("补装应急照明灯", 99, 0),
        ]
    )
    paras = docx_paragraphs(data)
    assert [(p.text, p.bullet) for p in paras[1:3]] == [
        ("更换灭火器412具", True),
        ("清理消防通道17处", True),
    ]
    assert paras[3].text == "补装应急照明灯"
    assert "numId 99" in paras[3].numbering_problem


@pytest.mark.parametrize(
    ("fmt", "n", "shown"),
    [
        ("decimal", 12, "12"),
        ("chineseCounting", 11, "十一"),
        ("chineseCountingThousand", 20, "二十"),
        ("chineseLegalSimplified", 3, "叁"),
        ("ideographTraditional", 2, "乙"),
        ("decimalEnclosedCircle", 3, "③"),
        ("decimalFullWidth", 7, "７"),
        ("lowerLetter", 27, "aa"),
        ("upperRoman", 14, "XIV"),
        ("none", 4, ""),
        ("hebrew1", 1, None),
    ],
)
def test_format_number(fmt: str, n: int, shown: str | None) -> None:
    assert format_number(fmt, n) == shown


def test_a_level_restarts_below_a_higher_one() -> None:
    root = etree.fromstring(
        f'<w:numbering xmlns:w="{W}">{_abstract(1, OUTLINE)}{_num(5, 1)}</w:numbering>'
    )
    numbering = Numbering(root, lambda _: None)
    shown = [numbering.shown("5", ilvl).marker for ilvl in (0, 1, 1, 2, 0, 1, 2, 2)]
    assert shown == ["一、", "（一）", "（二）", "1.", "二、", "（一）", "1.", "2."]


def _hostile_docx(level_xml: str) -> bytes:
    """One numbered paragraph whose list level is written by ``level_xml``."""
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(
        0,
        etree.fromstring(
            f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="70">{level_xml}</w:abstractNum>'
        ),
    )
    numbering.append(
        etree.fromstring(f'<w:num xmlns:w="{W}" w:numId="70"><w:abstractNumId w:val="70"/></w:num>')
    )
    p = doc.add_paragraph()
    numpr = etree.SubElement(p._p.get_or_add_pPr(), qn("w:numPr"))
    etree.SubElement(numpr, qn("w:ilvl")).set(qn("w:val"), "0")
    etree.SubElement(numpr, qn("w:numId")).set(qn("w:val"), "70")
    p.add_run("工作情况")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "start",
    [None, "0", "-3", "5" * 5000, "30000000000"],
    ids=["missing", "zero", "negative", "5000-digits", "huge"],
)
@pytest.mark.parametrize(
    "fmt", ["chineseCounting", "ideographDigital", "upperLetter", "upperRoman"]
)
def test_hostile_list_starts_never_crash_nor_blow_up(start: str | None, fmt: str) -> None:
    import time

    start_xml = "" if start is None else f'<w:start w:val="{start}"/>'
    data = _hostile_docx(
        f'<w:lvl w:ilvl="0">{start_xml}<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1、"/></w:lvl>'
    )
    started = time.perf_counter()
    paras = docx_paragraphs(data, "h.docx")
    assert time.perf_counter() - started < 2
    assert [p.text[-4:] for p in paras] == ["工作情况"]
    assert all(len(p.text) < 40 for p in paras)  # no gigabyte of letters


def test_numbered_paragraphs_in_a_table_advance_the_count() -> None:
    import docx
    from docx.oxml.ns import qn

    data = numbered_docx(
        [
            ("工作情况", 90, 0),
            ("**抓队伍。**开会3次。", 90, 1),
            "表后正文。",
            ("**抓排查。**排查校舍。", 90, 1),
        ]
    )
    doc = docx.Document(io.BytesIO(data))
    cell_p = doc.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0]
    numpr = etree.SubElement(cell_p._p.get_or_add_pPr(), qn("w:numPr"))
    etree.SubElement(numpr, qn("w:ilvl")).set(qn("w:val"), "1")
    etree.SubElement(numpr, qn("w:numId")).set(qn("w:val"), "90")
    cell_p.add_run("表格里的一条")
    # Move the table between the second item and the following paragraph, as Word users do.
    body = doc.element.body
    paragraphs = body.findall(qn("w:p"))
    paragraphs[2].addprevious(doc.tables[0]._tbl)
    out = io.BytesIO()
    doc.save(out)
    paras = docx_paragraphs(out.getvalue(), "t.docx")
    # The table is read as a table (its cell as written: Word's number is not in the text).
    assert [p.text[:4] for p in paras] == [
        "一、工作",
        "（一）抓",
        "表格里的",
        "表后正文",
        "（三）抓",
    ]
    assert paras[2].rows == (("表格里的一条",),)
