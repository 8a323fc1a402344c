"""Tables as data: computed totals and ratios, validation with positions, citations, files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reportgen.batch.roster import PLACEHOLDER, displayed, fill
from reportgen.batch.work import Status
from reportgen.core.blocks import BlockKind
from reportgen.errors import InputError
from reportgen.pipeline import prepare
from reportgen.problem import Level
from reportgen.render.markdown import render_markdown

HEAD = """\
org: 青山县实验小学
topic: 校园安全工作
period: 2024年秋季学期
parts:
  - role: work
    items:
"""
TAIL = """\
  - role: problems
    items: [部分隐患整改还不及时。]
  - role: next-steps
    items: [继续抓好隐患整改。]
"""

TABLE = """\
      - 本学期共排查隐患{{ 表.隐患统计.合计.排查数 }}处，整改率{{ 表.隐患统计.合计.整改率 }}。
      - table:
          id: 隐患统计
          title: 安全隐患排查整改统计表
          unit: 处
          columns:
            - {name: 类别}
            - {name: 排查数, type: integer}
            - {name: 整改数, type: integer}
            - {name: 整改率, type: percent, compute: 整改数 / 排查数}
          rows:
%s
          total: true
          notes: [整改率为整改数占排查数的比例。]
"""

ROWS = """\
            - [消防设施, 12, 11]
            - [校舍安全, 8, 8]
            - {类别: 食堂卫生, 排查数: 5, 整改数: 5}"""


def report(tmp_path: Path, rows: str = ROWS, table: str = TABLE) -> Path:
    path = tmp_path / "r.report.yaml"
    path.write_text(HEAD + table % rows + TAIL, encoding="utf-8")
    return path


def errors(path: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        prepare(path)
    return [p.format() for p in info.value.problems if p.level is Level.ERROR]


def test_totals_and_ratios_are_computed_and_the_sentence_cites_them(tmp_path: Path) -> None:
    prepared = prepare(report(tmp_path))
    (table,) = [b for b in prepared.document.blocks if b.kind is BlockKind.TABLE]
    assert table.text == "安全隐患排查整改统计表"
    assert table.rows == (
        ("类别", "排查数", "整改数", "整改率"),
        ("消防设施", "12", "11", "91.7%"),
        ("校舍安全", "8", "8", "100.0%"),
        ("食堂卫生", "5", "5", "100.0%"),
        ("合计", "25", "24", "96.0%"),
    )
    assert table.table is not None
    assert table.table.unit == "单位：处"
    assert table.table.align == ("center", "right", "right", "right")
    assert table.table.total_rows == (4,)
    assert table.table.notes == ("注：整改率为整改数占排查数的比例。",)
    text = render_markdown(prepared.document)
    assert "本学期共排查隐患25处，整改率96.0%。" in text
    assert (
        "安全隐患排查整改统计表\n\n单位：处\n\n"
        "| 类别 | 排查数 | 整改数 | 整改率 |\n"
        "| :---: | ---: | ---: | ---: |\n"
        "| 消防设施 | 12 | 11 | 91.7% |\n"
        "| 校舍安全 | 8 | 8 | 100.0% |\n"
        "| 食堂卫生 | 5 | 5 | 100.0% |\n"
        "| 合计 | 25 | 24 | 96.0% |\n\n"
        "注：整改率为整改数占排查数的比例。\n"
    ) in text


def test_a_typed_total_and_subtotals_are_checked(tmp_path: Path) -> None:
    rows = """\
            - [消防设施, 12, 11]
            - [小计, 12]
            - [校舍安全, 8, 8]
            - [小计]
            - [合计, 21, 19]"""
    assert errors(report(tmp_path, rows)) == [
        f"{tmp_path / 'r.report.yaml'}:22:20: error I060 [table-total-mismatch] "
        "parts[0].items[1].table.rows[4][1]: “排查数”写的是 21，各行之和应为 20；"
        "计算得出的数不必手写，删去即可。",
    ]
    prepared = prepare(report(tmp_path, rows.replace("21, 19", "20")))
    (table,) = [b for b in prepared.document.blocks if b.kind is BlockKind.TABLE]
    assert [r[:3] for r in table.rows[1:]] == [
        ("消防设施", "12", "11"),
        ("小计", "12", "11"),
        ("校舍安全", "8", "8"),
        ("小计", "8", "8"),
        ("合计", "20", "19"),
    ]
    assert table.table is not None and table.table.total_rows == (2, 4, 5)


def test_every_table_problem_has_a_position_and_a_code(tmp_path: Path) -> None:
    rows = """\
            - [消防设施, 十二, 11.5]
            - {类别: 校舍安全, 排查数: 8, 整改: 8}
            - [食堂卫生, 5, 5, 100%]"""
    table = TABLE.replace("{name: 类别}", "{name: 类别, required: true}")
    where = f"{tmp_path / 'r.report.yaml'}"
    assert errors(report(tmp_path, rows, table)) == [
        f"{where}:18:22: error I059 [table-bad-value] parts[0].items[1].table.rows[0][1]: "
        "“排查数”列应填整数，“十二”不是数字。",
        f"{where}:18:26: error I059 [table-bad-value] parts[0].items[1].table.rows[0][2]: "
        "“整改数”列应填整数，“11.5”不是整数。",
        f"{where}:19:34: error I058 [table-unknown-column] parts[0].items[1].table.rows[1].整改: "
        "没有“整改”列。是否想写“整改率”？表格的列：类别、排查数、整改数、整改率。",
        f"{where}:20:28: error I063 [table-row-length] parts[0].items[1].table.rows[2][3]: "
        "这一行写了 4 格，表格只有 3 列要填（类别、排查数、整改数；计算列不用写）。",
    ]


def test_an_empty_required_cell_and_a_computed_figure_typed_wrong(tmp_path: Path) -> None:
    rows = """\
            - ["", 12, 11]
            - {类别: 校舍安全, 排查数: 8, 整改数: 8, 整改率: 90%}"""
    table = TABLE.replace("{name: 类别}", "{name: 类别, required: true}")
    where = f"{tmp_path / 'r.report.yaml'}"
    assert errors(report(tmp_path, rows, table)) == [
        f"{where}:18:16: error I061 [table-empty-cell] parts[0].items[1].table.rows[0][0]: "
        "“类别”列必须填写。",
        f"{where}:19:47: error I060 [table-total-mismatch] parts[0].items[1].table.rows[1].整改率: "
        "“整改率”写的是 90.0%，按公式“整改数 / 排查数”应为 100.0%；计算得出的数不必手写，删去即可。",
    ]


def test_a_formula_naming_a_missing_column(tmp_path: Path) -> None:
    table = TABLE.replace("compute: 整改数 / 排查数", "compute: 整改数 / 排查总数")
    (problem,) = errors(report(tmp_path, table=table))
    assert problem.endswith(
        "error I058 [table-unknown-column] parts[0].items[1].table.columns[3].compute: "
        "公式“整改数 / 排查总数”里的“排查总数”不是表格的列。是否想写“排查数”？"
        "表格的列：类别、排查数、整改数、整改率。"
    )


def test_a_citation_of_a_missing_row_names_the_rows(tmp_path: Path) -> None:
    table = TABLE.replace("表.隐患统计.合计.排查数", "表.隐患统计.总计.排查数")
    (problem,) = errors(report(tmp_path, table=table))
    assert problem == (
        f"{tmp_path / 'r.report.yaml'}:7:9: error I064 [table-citation] parts[0].items[0]: "
        "表“隐患统计”没有“总计”；可用的有：消防设施、校舍安全、食堂卫生、合计。"
    )


def test_a_table_in_an_item_after_its_text(tmp_path: Path) -> None:
    table = """\
      - heading: 排查整改情况
        text: 各类隐患均已登记。
        table:
          columns: [{name: 项目}, {name: 数量, type: integer}]
          rows:
%s
          total: 总计
"""
    path = report(tmp_path, "            - [消防, 3]\n            - [用电, 4]", table)
    blocks = prepare(path).document.blocks
    kinds = [b.kind for b in blocks[3:6]]
    assert kinds == [BlockKind.HEADING, BlockKind.TABLE, BlockKind.HEADING]
    assert blocks[4].rows[-1] == ("总计", "7")


def test_rows_from_an_xlsx_range_keep_their_numbers_and_positions(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "封面"
    data = book.create_sheet("统计")
    data.append(["说明：本表由学校填报"])
    data.append(["学校", "学生数", "合格率"])
    data.append(["一小", 1234, 0.955])
    data.append(["二小", 856, 0.9])
    data["C3"].number_format = "0.0%"
    data["C4"].number_format = "0.0%"
    data["B3"].number_format = "#,##0"
    book.save(tmp_path / "数据.xlsx")
    table = """\
      - table:
          id: 学生
          columns:
            - {name: 学校}
            - {name: 学生数, type: integer}
            - {name: 合格率, type: percent}
          file: {path: 数据.xlsx, sheet: 统计, range: "A2:C4"}
          total: true
%s
"""
    prepared = prepare(report(tmp_path, "", table))
    (block,) = [b for b in prepared.document.blocks if b.kind is BlockKind.TABLE]
    assert block.rows == (
        ("学校", "学生数", "合格率"),
        ("一小", "1234", "95.5%"),
        ("二小", "856", "90.0%"),
        ("合计", "2090", ""),
    )
    data["B4"] = "八百"
    book.save(tmp_path / "数据.xlsx")
    assert errors(report(tmp_path, "", table)) == [
        f"{tmp_path / '数据.xlsx'}:4:2: error I059 [table-bad-value] parts[0].items[0].table.file: "
        "“学生数”列应填整数，“八百”不是数字。"
    ]
    missing = table.replace("sheet: 统计", "sheet: 汇总")
    (problem,) = errors(report(tmp_path, "", missing))
    assert "I062 [table-file]" in problem and "没有名为“汇总”的工作表；有：封面、统计。" in problem


def test_rows_from_a_gbk_csv(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_bytes("项目,数量\n消防,3\n用电,4\n".encode("gbk"))
    table = """\
      - table:
          columns: [{name: 项目}, {name: 数量, type: integer}]
          file: {path: t.csv}
          total: true
%s
"""
    (block,) = [
        b for b in prepare(report(tmp_path, "", table)).document.blocks if b.kind is BlockKind.TABLE
    ]
    assert block.rows[1:] == (("消防", "3"), ("用电", "4"), ("合计", "7"))


def test_rows_and_file_together_is_an_error(tmp_path: Path) -> None:
    table = TABLE.replace("          total: true\n", "          file: {path: t.csv}\n")
    problem, missing = errors(report(tmp_path, table=table))
    assert "I005 [missing-field]" in problem
    assert "表格要写 rows（各行）或 file（从文件读入），两者只写一个。" in problem
    # the file is looked for all the same: one run lists both
    assert "I062 [table-file]" in missing and "找不到表格文件" in missing


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (0.75, "0.0%", "75.0%"),
        (0.7778, "0%", "78%"),
        (0.123, "0.00%", "12.30%"),
        (1234.5, "#,##0.00", "1,234.50"),
        (1234567, "#,##0", "1,234,567"),
        (12, '"¥"0.00', "¥12.00"),
        (3, '0"人"', "3人"),
        (-5.5, "#,##0.0;(#,##0.0)", "(5.5)"),
        (0.7778, "General", "0.7778"),
        (42.0, "General", "42"),
        (0.1 + 0.2, "General", "0.3"),
        (12.0, "@", "12"),
        (None, "0.0%", ""),
    ],
)
def test_xlsx_cells_as_excel_shows_them(value: object, fmt: str, shown: str) -> None:
    assert displayed(value, fmt) == shown


def test_a_roster_merge_leaves_table_citations_alone() -> None:
    text = "{{ 学校 }}排查隐患{{ 表.隐患统计.合计.排查数 }}处"
    assert [m.group(1) for m in PLACEHOLDER.finditer(text)] == ["学校"]
    filled, empty = fill(text, {"学校": "一小"})
    assert filled == "一小排查隐患{{ 表.隐患统计.合计.排查数 }}处" and empty == []


def test_the_example_report_with_tables_renders(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parent.parent.parent / "examples"
    path = example / "tables" / "青山县实验小学-2024秋季学期-安全工作-含表格.report.yaml"
    document = prepare(path).document
    tables = [b for b in document.blocks if b.kind is BlockKind.TABLE]
    assert len(tables) == 2
    assert all(t.rows[-1][0] == "合计" for t in tables)
    text = textwrap.dedent(render_markdown(document))
    total = tables[0].rows[-1]
    assert f"共排查各类安全隐患{total[1]}处" in text


def _example_document():  # type: ignore[no-untyped-def]
    path = (
        Path(__file__).resolve().parent.parent.parent
        / "examples"
        / "tables"
        / "青山县实验小学-2024秋季学期-安全工作-含表格.report.yaml"
    )
    return prepare(path).document


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_rendered_tables_read_back_with_title_unit_and_notes(fmt: str) -> None:
    from reportgen.read.docx import read_docx
    from reportgen.read.markdown import read_markdown
    from reportgen.render.docx import render_docx

    document = _example_document()
    if fmt == "md":
        back = read_markdown(render_markdown(document), "r.md")
    else:
        back = read_docx(render_docx(document), "r.docx")
    wrote = [b for b in document.blocks if b.kind is BlockKind.TABLE]
    read = [b for b in back.blocks if b.kind is BlockKind.TABLE]
    assert [b.rows for b in read] == [b.rows for b in wrote]
    assert [b.text for b in read] == [b.text for b in wrote]
    assert [(b.table.unit, b.table.notes) for b in read if b.table] == [
        (b.table.unit, b.table.notes) for b in wrote if b.table
    ]
    # No paragraph is left holding a title, a unit line or a note.
    texts = [b.text for b in back.blocks if b.kind is BlockKind.PARAGRAPH]
    assert not [t for t in texts if t.startswith(("单位：", "注：")) or t.endswith("表")]


@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_check_finds_a_typed_total_that_disagrees(tmp_path: Path, suffix: str) -> None:
    from dataclasses import replace

    from reportgen.check.config import default_config
    from reportgen.check.runner import check_one
    from reportgen.render.docx import render_docx

    document = _example_document()
    blocks = []
    for b in document.blocks:
        if b.kind is BlockKind.TABLE and b.rows[-1][0] == "合计" and b.rows[0][1] == "排查数":
            b = replace(b, rows=(*b.rows[:-1], ("合计", "39", *b.rows[-1][2:])))
        blocks.append(b)
    document = replace(document, blocks=blocks)
    path = tmp_path / f"r{suffix}"
    if suffix == ".md":
        path.write_text(render_markdown(document), encoding="utf-8")
    else:
        path.write_bytes(render_docx(document))
    found = [p for p in check_one(str(path), default_config()).problems if p.code == "C017"]
    assert [p.message.split("〔")[0] for p in found] == [
        "表格“2024年秋季学期校园安全隐患排查整改情况统计表”的合计行“排查数”列写的是 39，"
        "上面各行之和是 38。"
    ]


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_importing_the_example_gives_back_its_tables(tmp_path: Path, fmt: str) -> None:
    """Render → import → render is the same Markdown: tables, computed totals and ratios
    (recognised as total: true and compute) included; no table is dropped (M009)."""
    from reportgen.importing.run import import_report
    from reportgen.pipeline import render_bytes

    example = (
        Path(__file__).resolve().parent.parent.parent
        / "examples"
        / "tables"
        / "青山县实验小学-2024秋季学期-安全工作-含表格.report.yaml"
    )
    prepared = prepare(example)
    source = tmp_path / f"r.{fmt}"
    source.write_bytes(render_bytes(prepared, fmt))  # type: ignore[arg-type]
    result = import_report(source)
    assert not [w for w in result.warnings if w.code in ("M007", "M009")]
    assert "compute: 整改数 / 排查数" in result.text
    assert "compute: 参加演练人数 / 学生数" in result.text
    assert result.text.count("total: true") == 2
    again = tmp_path / "again.report.yaml"
    again.write_text(result.text, encoding="utf-8")
    assert render_bytes(prepare(again), "md") == render_bytes(prepared, "md")


def test_an_xlsx_roster_gives_cells_as_displayed(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from reportgen.batch.roster import read_roster

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["学校", "达标率", "经费", "人数"])
    sheet.append(["一中", 0.75, 1234.5, 12.0])
    sheet.append(["二中", 0.7778, 56, 3])
    for row in (2, 3):
        sheet[f"B{row}"].number_format = "0.0%"
        sheet[f"C{row}"].number_format = "#,##0.00"
    book.save(tmp_path / "名单.xlsx")
    roster = read_roster(tmp_path / "名单.xlsx")
    assert roster.rows == [
        {"学校": "一中", "达标率": "75.0%", "经费": "1,234.50", "人数": "12"},
        {"学校": "二中", "达标率": "77.8%", "经费": "56.00", "人数": "3"},
    ]


def test_a_large_table_is_imported_into_a_csv_beside_the_report(tmp_path: Path) -> None:
    from reportgen.importing.run import import_file
    from reportgen.read.markdown import read_markdown

    rows = "".join(f"| 第{n}小学 | {n} | {2 * n} |\n" for n in range(1, 36))
    source = tmp_path / "报告.md"
    source.write_text(
        "# 关于2024年秋季学期校园安全工作情况的报告\n\n## 一、工作情况\n\n各校情况如下。\n\n"
        "各校学生数统计表\n\n| 学校 | 班级数 | 学生数 |\n| --- | --- | --- |\n" + rows + "\n"
        "## 二、存在的问题\n\n部分设施老化。\n\n## 三、下一步工作打算\n\n加强管理。\n\n"
        "青山县教育局\n\n2024年10月8日\n",
        encoding="utf-8",
    )
    output = tmp_path / "导入.report.yaml"
    result = import_file(source, output)
    assert list(result.files) == ["导入-表1.csv"]
    assert "file:  # 35 行，写在旁边的 CSV 文件里\n            path: 导入-表1.csv\n" in result.text
    csv_text = (tmp_path / "导入-表1.csv").read_bytes().decode("utf-8-sig")
    assert csv_text.startswith("学校,班级数,学生数\r\n第1小学,1,2\r\n")
    original = read_markdown(source.read_text(encoding="utf-8"), "报告.md")
    (wrote,) = [b for b in original.blocks if b.kind is BlockKind.TABLE]
    (back,) = [b for b in prepare(output).document.blocks if b.kind is BlockKind.TABLE]
    assert back.rows == wrote.rows and back.text == "各校学生数统计表"


def test_other_braces_are_left_as_written(tmp_path: Path) -> None:
    """Only {{ 表… }} is a citation: a roster placeholder left unfilled stays for check (C003)."""
    table = TABLE.replace("本学期共排查隐患", "本学期{{ 学校 }}共排查隐患")
    text = render_markdown(prepare(report(tmp_path, table=table)).document)
    assert "本学期{{ 学校 }}共排查隐患25处" in text


def test_batch_renders_again_when_a_table_file_changes(tmp_path: Path) -> None:
    import shutil

    openpyxl = pytest.importorskip("openpyxl")
    from reportgen.batch.run import run_batch

    folder = Path(__file__).resolve().parent.parent.parent / "examples" / "tables"
    src = tmp_path / "in"
    src.mkdir()
    for name in ("各年级学生数.xlsx", "青山县实验小学-2024秋季学期-安全工作-含表格.report.yaml"):
        shutil.copy(folder / name, src)
    out = tmp_path / "out"
    assert run_batch([src], out, formats="md", jobs=1).entries[0][1].status is Status.OK
    assert run_batch([src], out, formats="md", jobs=1).entries[0][1].status is Status.SKIPPED
    book = openpyxl.load_workbook(src / "各年级学生数.xlsx")
    book["学生数"]["C4"] = 320
    book["学生数"]["E4"] = 318 / 320  # as Excel recomputes it (a stale 100.0% would be I060)
    book.save(src / "各年级学生数.xlsx")
    assert run_batch([src], out, formats="md", jobs=1).entries[0][1].status is Status.OK
    text = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "| 一年级 | 7 | 320 | 318 | 99.4% |" in text and "1988名学生" in text


def test_date_and_decimal_columns(tmp_path: Path) -> None:
    table = """\
      - table:
          columns:
            - {name: 项目}
            - {name: 日期, type: date}
            - {name: 经费, type: decimal}
          rows:
%s
          total: true
"""
    rows = "            - [消防, 2024-10-08, 1.5]\n            - [用电, 2024年9月1日, 2.25]"
    (block,) = [
        b
        for b in prepare(report(tmp_path, rows, table)).document.blocks
        if b.kind is BlockKind.TABLE
    ]
    assert block.rows[1:] == (
        ("消防", "2024年10月8日", "1.50"),
        ("用电", "2024年9月1日", "2.25"),
        ("合计", "", "3.75"),
    )
    (problem,) = errors(report(tmp_path, rows.replace("2024-10-08", "2024-13-01"), table))
    assert problem.endswith(
        "error I059 [table-bad-value] parts[0].items[0].table.rows[0][1]: "
        "“日期”列应填日期，“2024-13-01”不是日期（应写成 2024年10月8日 或 2024-10-08）。"
    )


def test_a_table_is_the_body_of_an_attachment_page(tmp_path: Path) -> None:
    """An attachment page whose items hold a table: the table is computed, cited from the
    text and laid out on the attachment's page (it was once dropped without a word)."""
    attachment = """\
attachments:
  - title: 隐患排查统计表
    items:
      - table:
          id: 附表
          columns: [{name: 学段}, {name: 排查数, type: integer}]
          rows: [[小学, 120], [初中, 64]]
          total: true
"""
    table = "      - 共排查隐患{{ 表.附表.合计.排查数 }}处，详见附件。\n"
    path = tmp_path / "r.report.yaml"
    path.write_text(HEAD + table + TAIL + attachment, encoding="utf-8")
    document = prepare(path).document
    kinds = [b.kind for b in document.blocks]
    head = kinds.index(BlockKind.ATTACHMENT_HEAD)
    assert kinds[head + 1 :] == [BlockKind.TABLE]
    assert document.blocks[-1].rows == (
        ("学段", "排查数"),
        ("小学", "120"),
        ("初中", "64"),
        ("合计", "184"),
    )
    assert "共排查隐患184处，详见附件。" in render_markdown(document)
    assert "| 合计 | 184 |" in render_markdown(document)


def test_a_table_problem_in_an_attachment_names_its_field_path(tmp_path: Path) -> None:
    """The attachment union's tag stays out of the path and the position is the table's."""
    attachment = """\
attachments:
  - title: 隐患排查统计表
    items:
      - table:
          rows: [[小学, 120]]
"""
    path = tmp_path / "r.report.yaml"
    path.write_text(HEAD + "      - 本学期开展排查。\n" + TAIL + attachment, encoding="utf-8")
    assert errors(path) == [
        f"{path}:16:11: error I005 [missing-field] attachments[0].items[0].table.columns: "
        "缺少必填字段“columns”（各列，按从左到右的顺序）。"
    ]
