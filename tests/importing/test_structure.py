"""`reportgen import`: the structure inside parts — 一是…二是… points, subheadings set
run-in and on their own line, bullet lists, nesting deeper than the format allows, tables.

Each case is imported, the YAML validated (no M007) and rendered; rendering the import of
that render must give the same Markdown again (the import is stable)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from reportgen.importing.points import arrange, find_points
from reportgen.importing.run import Imported, import_report
from reportgen.importing.source import docx_tables
from reportgen.pipeline import prepare, render_bytes

HEAD = "关于2024年第三季度校园安全工作情况的报告\n市教育局：\n今年以来，我局认真落实上级部署，现将有关情况报告如下：\n"
TAIL = "青山县教育局\n2024年10月8日\n"
# 二是 typed at the start of a text or after a clause: what the YAML must never hold.
TYPED_POINT = re.compile(r"(^|[；。，：\n])[二三四五六七八九十]是")


def _run(source: Path, tmp_path: Path) -> tuple[Imported, str]:
    """(the import of ``source``, the Markdown its YAML renders), checking it is stable."""
    result = import_report(source)
    assert not [w for w in result.warnings if w.code == "M007"], result.warnings
    out = tmp_path / "imported.report.yaml"
    out.write_text(result.text, encoding="utf-8")
    rendered = render_bytes(prepare(out), "md").decode()
    again_source = tmp_path / "again.md"
    again_source.write_text(rendered, encoding="utf-8")
    again = import_report(again_source)
    out.write_text(again.text, encoding="utf-8")
    assert render_bytes(prepare(out), "md").decode() == rendered
    return result, rendered


def _texts(data: object) -> list[str]:
    """Every text, intro and point value in the imported data."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("text", "intro", "lead") and isinstance(value, str):
                found.append(value)
            found += _texts(value)
    elif isinstance(data, list):
        for value in data:
            found += [value] if isinstance(value, str) else _texts(value)
    return found


def _codes(result: Imported, code: str) -> list[str]:
    return [w.message for w in result.warnings if w.code == code]


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(HEAD + textwrap.dedent(body) + TAIL, encoding="utf-8")
    return path


# ---------------------------------------------------------------- finding points


@pytest.mark.parametrize(
    ("text", "prefix", "points", "exact"),
    [
        ("主要有：一是甲；二是乙。", "主要有：", ["甲", "乙"], True),
        ("一是加强管理。二是完善制度。", "", ["加强管理", "完善制度"], False),
        ("一是加强管理，二是完善制度。", "", ["加强管理", "完善制度"], False),
        # A point of several sentences: the render keeps 。 between the points (GB/T 15834).
        ("一是加强管理。召开会议三次。二是完善制度。", "", ["加强管理。召开会议三次", "完善制度"], True),
        # an 一是 item with points of its own: the last run is the points
        ("一是抓队伍。一是选人；二是育人。", "一是抓队伍。", ["选人", "育人"], True),
    ],
)  # fmt: skip
def test_find_points(text: str, prefix: str, points: list[str], exact: bool) -> None:
    found = find_points(text)
    assert found is not None
    assert (found.prefix, found.points, found.exact) == (prefix, points, exact)


@pytest.mark.parametrize("text", ["统一是前提；二是乙。", "只有一是甲。", "第一是甲，第二是乙。"])
def test_no_points(text: str) -> None:
    assert find_points(text) is None


def test_points_that_cannot_be_points_are_named() -> None:
    assert arrange(["一是，甲；二是，乙。"]).changes == [
        "“一是，甲；二是，乙。”里的“二是”等没能改为要点，原样保留"
    ]
    got = arrange(["一是甲；二是乙。", "另外，一是丙；二是丁。"])
    assert (got.points, got.after) == (["甲", "乙"], ["另外，一是丙；二是丁。"])
    assert got.changes == [
        "“另外，一是丙；二是丁。”里的“二是”等没能改为要点（一处只能有一组），原样保留"
    ]
    assert arrange(["一是甲。"]).changes == []  # a lone 一是 says nothing wrong


def test_arrange_paragraph_points_list_and_text_after() -> None:
    got = arrange(["我局成立了专班。", "一是甲。", "补充说明。", "二是乙。", "其他工作。"])
    assert (got.text, got.points, got.after) == (
        ["我局成立了专班。"],
        ["甲。补充说明", "乙"],
        ["其他工作。"],
    )
    got = arrange(["开展排查。", "• 排查校舍", "• 排查消防", "- 排查食堂"])
    assert (got.text, got.points, got.after) == (
        ["开展排查。"],
        ["排查校舍", "排查消防", "排查食堂"],
        [],
    )
    assert arrange(["• 只有一条"]).text == ["只有一条"]  # one bullet is no list of points


# ---------------------------------------------------------------- 1. 一是…二是…


def test_points_written_as_paragraphs_under_an_item(tmp_path: Path) -> None:
    source = _write(
        tmp_path,
        "r.txt",
        """\
        一、工作情况
        （一）健全机制。我局成立了工作专班。
        一是加强组织领导，召开专题会议三次。
        二是完善制度建设，修订安全管理办法。
        三是强化督导检查，开展专项督查两轮。
        （二）加强管理。一是加强管理。二是完善制度。
        二、存在的问题
        部分学校安全设施老化。
        三、下一步工作打算
        一是加强管理。二是完善制度。
        """,
    )
    result, rendered = _run(source, tmp_path)
    parts = result.data["parts"]  # type: ignore[index]
    assert parts[0]["items"] == [
        {
            "heading": "健全机制",
            "text": "我局成立了工作专班。",
            "points": ["加强组织领导，召开专题会议三次", "完善制度建设，修订安全管理办法", "强化督导检查，开展专项督查两轮"],
        },
        {"heading": "加强管理", "points": ["加强管理", "完善制度"]},
    ]  # fmt: skip
    assert parts[2] == {
        "heading": "下一步工作打算",
        "role": "next-steps",
        "points": ["加强管理", "完善制度"],
    }
    assert not [t for t in _texts(result.data) if TYPED_POINT.search(t)]
    assert _codes(result, "M008") == [
        "“（一）健全机制”中：分段写的“一是”“二是”……（3 段）改为要点 points；"
        "生成时要点接在上一段“我局成立了工作专班。”之后，合为一段。",
        "“（二）加强管理”中：“一是加强管理。二是完善制度。”生成时写成“一是加强管理；二是完善制度。”。",
        "“三、下一步工作打算”中：“一是加强管理。二是完善制度。”生成时写成“一是加强管理；二是完善制度。”。",
    ]
    assert "**（二）加强管理**。一是加强管理；二是完善制度。\n" in rendered


def test_points_as_paragraphs_of_a_part_are_its_items(tmp_path: Path) -> None:
    source = _write(
        tmp_path,
        "r.txt",
        """\
        一、工作情况
        一是加强组织领导，召开专题会议三次。
        二是完善制度建设。修订安全管理办法。
        三是强化督导检查，开展专项督查两轮。
        二、存在的问题
        主要有：一是设施老化；二是人员不足。
        三、下一步工作打算
        一是加强管理；二是完善制度。
        """,
    )
    result, rendered = _run(source, tmp_path)
    parts = result.data["parts"]  # type: ignore[index]
    assert parts[0]["numbering"] == "一是"
    assert parts[0]["items"] == [
        {"text": "加强组织领导，召开专题会议三次。"},
        {"heading": "完善制度建设", "text": "修订安全管理办法。"},
        {"text": "强化督导检查，开展专项督查两轮。"},
    ]
    assert parts[1]["intro"] == "主要有：" and parts[1]["points"] == ["设施老化", "人员不足"]
    assert parts[2]["points"] == ["加强管理", "完善制度"] and "items" not in parts[2]
    assert _codes(result, "M008") == []  # all of it renders as written
    assert (
        "## 一、工作情况\n\n一是加强组织领导，召开专题会议三次。\n\n二是完善制度建设。修订安全管理办法。\n\n"
        "三是强化督导检查，开展专项督查两轮。\n\n## 二、存在的问题\n\n主要有：一是设施老化；二是人员不足。\n\n"
        "## 三、下一步工作打算\n\n一是加强管理；二是完善制度。\n"
    ) in rendered


def test_text_after_points_stays_a_paragraph(tmp_path: Path) -> None:
    source = _write(
        tmp_path,
        "r.txt",
        """\
        一、工作情况
        （一）健全机制。主要有：一是成立专班；二是建立台账。
        通过以上措施，责任得到落实。
        二、存在的问题
        部分学校安全设施老化。
        三、下一步工作打算
        继续做好校园安全工作。
        """,
    )
    result, rendered = _run(source, tmp_path)
    item = result.data["parts"][0]["items"][0]  # type: ignore[index]
    assert item == {
        "heading": "健全机制",
        "text": "主要有：",
        "points": ["成立专班", "建立台账"],
        "items": ["通过以上措施，责任得到落实。"],  # an unnumbered paragraph after the points
    }
    assert "建立台账。\n\n通过以上措施，责任得到落实。\n" in rendered


YAML_POINTS = """\
org: 青山县教育局
topic: 校园安全工作
period: 2024年第三季度
date: 2024-10-08
parts:
  - role: work
    items:
      - heading: 抓队伍，强化组织领导
        text: 本季度召开专题会议3次，主要做法有
        points: [成立专班, 建立台账]
      - heading: 抓演练
        points: [每月一次, 覆盖全体师生]
  - role: problems
    points: [隐患排查还不够细, 应急演练覆盖面不足]
  - role: next-steps
    numbering: 一是
    items:
      - heading: 健全机制
        text: 完善隐患排查台账。
      - text: 加强督导检查。
"""


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_points_and_inline_items_of_a_render_come_back(fmt: str, tmp_path: Path) -> None:
    report = tmp_path / "r.report.yaml"
    report.write_text(YAML_POINTS, encoding="utf-8")
    prepared = prepare(report)
    original = render_bytes(prepared, "md").decode()
    assert "本季度召开专题会议3次，主要做法有：一是成立专班；二是建立台账。" in original
    source = tmp_path / f"source.{fmt}"
    source.write_bytes(render_bytes(prepared, fmt))  # type: ignore[arg-type]
    result, rendered = _run(source, tmp_path)
    assert rendered == original
    parts = result.data["parts"]  # type: ignore[index]
    assert parts[0]["items"][0]["text"] == "本季度召开专题会议3次，主要做法有："
    assert parts[1]["points"] == ["隐患排查还不够细", "应急演练覆盖面不足"]
    assert parts[2]["numbering"] == "一是"
    assert {w.code for w in result.warnings} <= {"M002"}, result.warnings


# ---------------------------------------------------------------- 2. subheadings and lists

MIXED_MD = """\
# 关于2024年第三季度校园安全工作情况的报告

今年以来，我局认真落实上级部署，现将有关情况报告如下：

## 一、工作情况

（一）健全机制。我局成立了工作专班，定期研究安全工作。

（二）强化教育

各校开展安全教育主题班会，覆盖全体学生。

（三）抓好演练。各校每月组织一次应急疏散演练。

#### （四）抓排查

各校开展隐患排查。

- 排查校舍安全
- 排查消防设施

## 二、存在的问题

部分学校安全设施老化。

## 三、下一步工作打算

继续做好校园安全工作。

青山县教育局

2024年10月8日
"""


def test_own_line_subheadings_among_run_in_ones_keep_their_heading(tmp_path: Path) -> None:
    source = tmp_path / "r.md"
    source.write_text(MIXED_MD, encoding="utf-8")
    result, rendered = _run(source, tmp_path)
    work = result.data["parts"][0]  # type: ignore[index]
    assert "run_in" not in work  # two run-in, two on their own line: the kind's default
    assert work["items"] == [
        {"heading": "健全机制", "text": "我局成立了工作专班，定期研究安全工作。"},
        {"heading": "强化教育", "text": "各校开展安全教育主题班会，覆盖全体学生。"},
        {"heading": "抓好演练", "text": "各校每月组织一次应急疏散演练。"},
        {"heading": "抓排查", "text": "各校开展隐患排查。", "points": ["排查校舍安全", "排查消防设施"]},
    ]  # fmt: skip
    assert _codes(result, "M006") == [
        "“一、工作情况”的小标题多数与正文同段，“（二）强化教育”、“（四）抓排查”单独成行；"
        "生成时一律与正文同段（run_in: true）。"
    ]
    assert _codes(result, "M008") == [
        "“（四）抓排查”中：列表（2 条）改为要点 points，生成时写成“一是……；二是……。”；"
        "生成时要点接在上一段“各校开展隐患排查。”之后，合为一段。"
    ]
    assert "**（四）抓排查**。各校开展隐患排查。一是排查校舍安全；二是排查消防设施。\n" in rendered


def test_run_in_follows_the_majority(tmp_path: Path) -> None:
    source = _write(
        tmp_path,
        "r.txt",
        """\
        一、工作情况
        （一）健全机制
        我局成立了工作专班。
        （二）强化教育
        各校开展安全教育主题班会。
        （三）抓好演练。各校每月组织一次应急疏散演练。
        二、存在的问题
        部分学校安全设施老化。
        三、下一步工作打算
        - 继续做好校园安全工作
        • 加强督导检查
        """,
    )
    result, rendered = _run(source, tmp_path)
    parts = result.data["parts"]  # type: ignore[index]
    assert parts[0]["run_in"] is False
    assert parts[0]["items"][2] == {"heading": "抓好演练", "text": "各校每月组织一次应急疏散演练。"}
    assert _codes(result, "M006") == [
        "“一、工作情况”的小标题多数单独成行，“（三）抓好演练”与正文同段；"
        "生成时一律单独成行（run_in: false）。"
    ]
    assert "### （三）抓好演练\n\n各校每月组织一次应急疏散演练。\n" in rendered
    assert parts[2]["points"] == ["继续做好校园安全工作", "加强督导检查"]  # typed bullets


# ---------------------------------------------------------------- nesting (I026, I027)


def test_items_below_an_inline_item_or_a_paren_item_become_points(tmp_path: Path) -> None:
    source = _write(
        tmp_path,
        "r.md",
        """\
        ## 一、工作情况

        一是加强组织领导。召开专题会议三次。

        1.制定方案。印发实施方案。

        2.明确分工。落实到人。

        二是完善制度建设。修订安全管理办法。

        ## 二、存在的问题

        （1）建立台账。全面摸排。

        2.开展排查。各校开展排查。

        （1）排查校舍。全面排查。

        （2）排查消防。全面排查。

        ## 三、下一步工作打算

        继续做好校园安全工作。

        """,
    )
    result, _ = _run(source, tmp_path)  # validates: no I026 / I027
    parts = result.data["parts"]  # type: ignore[index]
    assert parts[0]["items"][0] == {
        "heading": "加强组织领导",
        "text": "召开专题会议三次。",
        "points": ["制定方案。印发实施方案", "明确分工。落实到人"],
    }
    assert parts[1]["items"][1]["points"] == ["排查校舍。全面排查", "排查消防。全面排查"]
    assert [m for m in _codes(result, "M006") if "不能再分条" in m] == [
        "“一是加强组织领导”下面的 2 条（“1.”……）：以“一是”编号的条目下不能再分条，改为要点 points（一是……）。",
        "“2.开展排查”下面的 2 条（“（1）”……）：（1）之下不能再分条，改为要点 points（一是……）。",
    ]  # fmt: skip


# ---------------------------------------------------------------- 3. tables


def test_tables_in_a_docx_are_imported(tmp_path: Path) -> None:
    import docx

    lines = (HEAD + "一、工作情况\n（一）健全机制。我局成立了工作专班。\n二、存在的问题\n"
             "部分学校安全设施老化。\n三、下一步工作打算\n继续做好校园安全工作。\n" + TAIL).splitlines()  # fmt: skip
    doc = docx.Document()
    for n, line in enumerate(lines):
        doc.add_paragraph(line)
        if n == 4:
            table = doc.add_table(rows=2, cols=2)
            table.cell(0, 0).text = "单元格文字"
            table.cell(1, 1).add_table(rows=1, cols=1)  # a table in a table is part of it
        if n == 6:
            table = doc.add_table(rows=2, cols=3)
            for c, text in enumerate(("学校", "人数", "班数")):
                table.cell(0, c).text = text
            for c, text in enumerate(("一中", "1,200", "24")):
                table.cell(1, c).text = text
    source = tmp_path / "r.docx"
    doc.save(str(source))
    assert docx_tables(source.read_bytes()) == [5, 7]
    result, _ = _run(source, tmp_path)
    assert not [w for w in result.warnings if w.code == "M009"]
    # A header without rows (the nested table is empty): the header's empty cell is named.
    assert (
        "            - name: 单元格文字\n            - name: 第2列\n          rows: []\n"
        in result.text
    )
    assert (
        "          columns:\n"
        "            - name: 学校\n"
        "            - name: 人数\n"
        "              type: integer\n"
        "            - name: 班数\n"
        "              type: integer\n"
        "          rows:\n"
        '            - [一中, "1,200", 24]\n'
    ) in result.text


def test_no_tables_no_warning(tmp_path: Path) -> None:
    source = _write(tmp_path, "r.md", "## 一、工作情况\n\n继续做好校园安全工作。\n\n")
    assert not _codes(import_report(source), "M009")


def test_a_table_above_the_first_part_is_left_out(tmp_path: Path) -> None:
    source = _write(
        tmp_path,
        "r.md",
        "| 学校 | 人数 |\n| --- | --- |\n| 一中 | 3 |\n\n## 一、工作情况\n\n继续做好校园安全工作。\n\n",
    )
    assert _codes(import_report(source), "M009") == [
        "这个表格在第一个部分标题之前，报告文件里没有位置放它，没有导入；请把它移到相应的部分里。"
    ]


def test_a_total_row_that_does_not_add_up_is_kept_as_typed(tmp_path: Path) -> None:
    source = _write(
        tmp_path,
        "r.md",
        "## 一、工作情况\n\n继续做好校园安全工作。\n\n"
        "| 学校 | 人数 |\n| --- | --- |\n| 一中 | 3 |\n| 二中 | 4 |\n| 合计 | 8 |\n\n",
    )
    result = import_report(source)
    assert _codes(result, "M009") == [
        "表格“学校”的合计行与各行之和不一致，按原样导入（作为普通的一行）；"
        "请核对后删去这一行，改写 total: true 由程序计算。"
    ]
    assert "- [合计, 8]" in result.text and "total:" not in result.text


# ---------------------------------------------------------------- the lead is no recipient


def test_a_short_lead_with_the_formula_is_no_recipient(tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_text(HEAD.replace("市教育局：\n", "") + "一、工作情况\n继续做好校园安全工作。\n" + TAIL,
                      encoding="utf-8")  # fmt: skip
    result = import_report(source)
    assert result.data["lead"] == "今年以来，我局认真落实上级部署，现将有关情况报告如下："  # type: ignore[index]
    assert "recipient" not in result.data  # type: ignore[operator]
