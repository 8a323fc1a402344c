"""Side files (style:, attachments' file:, tables' file:, --reference-doc) are read while
validating: one run lists their problems with the schema's, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import _problems, run

from reportgen.errors import InputError
from reportgen.pipeline import prepare
from reportgen.tables import source

REPORT = """\
org: 青山县教育局
topic: 校园安全工作
period: 2024年第三季度
date: 2024-10-08
titel: 多写的字段
style: {style}
parts:
  - role: work
    items:
      - heading: 一、抓队伍，强化组织领导
        text: 本季度召开专题会议3次。
      - table:
          columns: [{{name: 项目}}, {{name: 数量, type: integer}}]
          file: {{path: 没有的表.csv}}
  - role: problems
    points: [隐患排查还不够细]
  - role: next-steps
    points: [健全机制]
attachments:
  - {{title: 统计表, file: 没有的附件.md}}
"""

COMMON = [
    ("I003", 5, 1),  # titel: a schema error
    ("I018", 10, 18),  # a hand-typed 一、
    ("I062", 14, 17),  # the table's file is missing
    ("I054", 20, 24),  # the attachment's file is missing
]


@pytest.mark.parametrize(
    ("style", "content", "style_problem"),
    [
        ("没有的版式.yaml", None, ("r.yaml", "I024", 6, 8)),
        ("版式.yaml", "body_fnt: 仿宋\n", ("版式.yaml", "I003", 1, 1)),
        ("版式.yaml", "body_font: [仿宋\n", ("版式.yaml", "I001", 2, 1)),
    ],
)
def test_every_problem_of_the_report_and_its_side_files_in_one_run(
    tmp_path: Path, style: str, content: str | None, style_problem: tuple[str, str, int, int]
) -> None:
    report = tmp_path / "r.yaml"
    report.write_text(REPORT.format(style=style), encoding="utf-8")
    if content is not None:
        (tmp_path / style).write_text(content, encoding="utf-8")
    out = tmp_path / "r.md"
    code, stdout, err = run(["render", str(report), "-o", str(out)])
    assert code == 1 and stdout == ""
    assert not out.exists()
    name, style_code, line, col = style_problem
    found = _problems(err)
    assert sorted(found) == sorted([*COMMON, (style_code, line, col)]), err
    # each line names its own file
    assert f"{tmp_path / name}:{line}:{col}: error {style_code} " in err


def test_check_of_the_yaml_lists_the_same_problems(tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_text(REPORT.format(style="没有的版式.yaml"), encoding="utf-8")
    code, out, _ = run(["check", "-f", "parsable", str(report)])
    assert code == 1
    assert sorted(_problems(out)) == sorted([*COMMON, ("I024", 6, 8)]), out


def test_a_missing_reference_doc_is_listed_with_the_report_s_problems(tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_text(REPORT.format(style="没有的版式.yaml"), encoding="utf-8")
    missing = tmp_path / "没有的参考.docx"
    code, _, err = run(["render", str(report), "--reference-doc", str(missing), "-o", "x.docx"])
    assert code == 1
    assert f"{missing}: error I034 [missing-reference-doc] 找不到参考文档 {missing}" in err
    assert ("I024", 6, 8) in _problems(err)
    broken = tmp_path / "坏的参考.docx"
    broken.write_text("不是 docx", encoding="utf-8")
    code, _, err = run(["render", str(report), "--reference-doc", str(broken), "-o", "x.docx"])
    assert code == 1 and f"{broken}: error I020 [bad-reference-doc]" in err
    assert ("I024", 6, 8) in _problems(err)


TABLE_REPORT = """\
org: 青山县教育局
topic: 校园安全工作
period: 2024年第三季度
date: 2024-10-08
parts:
  - role: work
    items:
      - heading: 抓队伍，强化组织领导
        text: 本季度召开专题会议3次。
      - table:
          columns: [{name: 项目}, {name: 数量, type: integer}]
          file: {path: %s}
  - role: problems
    points: [隐患排查还不够细]
  - role: next-steps
    points: [健全机制]
"""


def test_a_table_file_is_confined_to_the_report_s_folder_like_style(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "外面.csv").write_text("项目,数量\n消防,3\n", encoding="utf-8")
    folder = tmp_path / "报告"
    folder.mkdir()
    report = folder / "r.yaml"
    report.write_text(TABLE_REPORT % "../外面.csv", encoding="utf-8")
    with pytest.raises(InputError) as info:
        prepare(report)
    (problem,) = info.value.problems
    assert problem.format().startswith(
        f"{report}:12:24: error I038 [outside-folder] parts[0].items[1].table.file.path: "
        f"表格文件 {tmp_path / '外面.csv'} 不在 {folder} 里；"
    )
    # a symlink inside the folder that leads out is refused the same way
    (folder / "链接.csv").symlink_to(tmp_path / "外面.csv")
    report.write_text(TABLE_REPORT % "链接.csv", encoding="utf-8")
    with pytest.raises(InputError) as info:
        prepare(report)
    assert [p.code for p in info.value.problems] == ["I038"]
    monkeypatch.setenv("REPORTGEN_ALLOW_STYLE_OUTSIDE", "1")
    assert prepare(report).data_files == [(tmp_path / "外面.csv")]


def test_a_table_file_past_the_row_cap_is_i033(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    monkeypatch.setattr(source, "MAX_TABLE_ROWS", 5)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["项目", "数量"])
    for i in range(5):
        sheet.append([f"项{i}", i])
    book.save(tmp_path / "大.xlsx")
    (tmp_path / "大.csv").write_text("项目,数量\n" + "消防,3\n" * 5, encoding="utf-8")
    for name in ("大.xlsx", "大.csv"):
        report = tmp_path / "r.yaml"
        report.write_text(TABLE_REPORT % name, encoding="utf-8")
        with pytest.raises(InputError) as info:
            prepare(report)
        (problem,) = info.value.problems
        assert problem.format() == (
            f"{report}:12:17: error I033 [table-too-large] parts[0].items[1].table.file: "
            f"表格文件 {name} 超过 5 行（空行也算）；报告里的表格用不了这么多行："
            "请用 range 只取需要的区域，或把汇总好的数据另存一个文件。"
        )
    sheet.delete_rows(3, 2)  # now 4 rows: under the cap
    book.save(tmp_path / "大.xlsx")
    report.write_text(TABLE_REPORT % "大.xlsx", encoding="utf-8")
    assert prepare(report).data_files == [tmp_path / "大.xlsx"]


def test_an_xlsx_read_read_only_keeps_cell_positions_across_gaps(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B2"] = "项目"
    sheet["C2"] = "数量"
    sheet["B4"] = "消防"  # row 3 empty, C4 empty
    sheet["B5"] = "用电"
    sheet["C5"] = "四"
    book.save(tmp_path / "t.xlsx")
    rows = source.read_rows(tmp_path / "t.xlsx", None, None)
    assert [[(c.shown, c.line, c.column) for c in row if c.shown] for row in rows] == [
        [("项目", 2, 2), ("数量", 2, 3)],
        [("消防", 4, 2)],
        [("用电", 5, 2), ("四", 5, 3)],
    ]
