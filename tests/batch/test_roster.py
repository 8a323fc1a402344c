"""Mail merge: one base report and a roster (CSV in UTF-8 or GBK, XLSX), one report per row."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from reportgen.batch.roster import fill, read_roster
from reportgen.batch.run import run_batch
from reportgen.batch.work import Status
from reportgen.errors import InputError
from reportgen.problem import Level

from conftest import MINIMAL

BASE = MINIMAL.replace("org: 青山县教育局", "org: '{{ 学校 }}'").replace(
    "本季度召开专题会议3次。", "本季度召开专题会议{{ 会议次数 }}次，校长{{校长}}主持。"
)
ROWS = [("青山县第一中学", "3", "张三"), ("青山县第二中学", "5", "李四")]


def write_base(tmp_path: Path, text: str = BASE) -> Path:
    path = tmp_path / "基础.report.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def write_csv(
    path: Path, header: list[str], rows: Sequence[tuple[str, ...]], encoding: str
) -> Path:
    lines = [",".join(header)] + [",".join(r) for r in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_roster_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    roster = write_csv(tmp_path / "名单.csv", ["学校", "会议次数", "校长"], ROWS, encoding)
    result = run_batch(
        [write_base(tmp_path)], tmp_path / "out", formats="md", roster=roster, jobs=1
    )
    assert not result.failed, [o.problems for _, o in result.entries]
    assert [j.stem for j, _ in result.entries] == ["青山县第一中学", "青山县第二中学"]
    text = (tmp_path / "out" / "青山县第二中学.md").read_text(encoding="utf-8")
    assert "本季度召开专题会议5次，校长李四主持。" in text
    assert text.rstrip().splitlines()[-3:] == ["青山县第二中学", "", "2024年10月8日"]
    assert result.warnings == []


def test_xlsx_roster_and_name_column(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "学校", "会议次数", "校长"])
    sheet.append(["一中", "青山县第一中学", 3, "张三"])  # a number cell, as Excel stores it
    sheet.append([None, None, None, None])  # blank rows are skipped
    sheet.append(["二中", "青山县第二中学", 5.0, "李四"])
    book.save(tmp_path / "名单.xlsx")
    result = run_batch(
        [write_base(tmp_path)],
        tmp_path / "out",
        formats="md",
        roster=tmp_path / "名单.xlsx",
        jobs=1,
    )
    assert not result.failed
    assert sorted(p.name for p in (tmp_path / "out").glob("*.md")) == ["一中.md", "二中.md"]
    assert "专题会议5次" in (tmp_path / "out" / "二中.md").read_text(encoding="utf-8")


def test_a_missing_column_is_an_error_naming_the_column_and_the_place(tmp_path: Path) -> None:
    roster = write_csv(tmp_path / "名单.csv", ["学校", "会议次数"], ROWS, "utf-8")
    with pytest.raises(InputError) as caught:
        run_batch([write_base(tmp_path)], tmp_path / "out", roster=roster)
    (problem,) = caught.value.problems
    assert (
        problem.code == "B003" and "{{ 校长 }}" in problem.message and "第 2 行" in problem.message
    )
    assert problem.file.endswith("基础.report.yaml") and problem.line == 9
    assert not (tmp_path / "out").exists()


def test_an_empty_cell_fails_that_row_only_naming_row_and_column(tmp_path: Path) -> None:
    rows = [ROWS[0], ("青山县第二中学", "", "李四")]
    roster = write_csv(tmp_path / "名单.csv", ["学校", "会议次数", "校长"], rows, "utf-8")
    result = run_batch(
        [write_base(tmp_path)], tmp_path / "out", formats="md", roster=roster, jobs=1
    )
    (ok, bad) = [o for _, o in result.entries]
    assert ok.status is Status.OK and bad.status is Status.FAILED
    (problem,) = [p for p in bad.problems if p.code == "B002"]
    assert "第 3 行" in problem.message and "会议次数" in problem.message
    assert problem.file.endswith("基础.report.yaml") and problem.line == 9  # the base, not the CSV


def test_an_unused_column_is_a_warning(tmp_path: Path) -> None:
    roster = write_csv(
        tmp_path / "名单.csv",
        ["学校", "会议次数", "校长", "电话"],
        [(*r, "123") for r in ROWS],
        "utf-8",
    )
    result = run_batch(
        [write_base(tmp_path)], tmp_path / "out", formats="md", roster=roster, jobs=1
    )
    assert not result.failed
    (warning,) = result.warnings
    assert warning.level is Level.WARNING and "电话" in warning.message


def test_rows_with_the_same_school_collide_before_writing(tmp_path: Path) -> None:
    from reportgen.errors import OutputError

    roster = write_csv(
        tmp_path / "名单.csv", ["学校", "会议次数", "校长"], [ROWS[0], ROWS[0]], "utf-8"
    )
    with pytest.raises(OutputError, match="第 2 行"):
        run_batch([write_base(tmp_path)], tmp_path / "out", roster=roster)
    assert not (tmp_path / "out").exists()


def test_a_slash_in_a_school_name_stays_in_the_folder(tmp_path: Path) -> None:
    rows = [("../外面/学校", "3", "张三")]
    roster = write_csv(tmp_path / "名单.csv", ["学校", "会议次数", "校长"], rows, "utf-8")
    run_batch([write_base(tmp_path)], tmp_path / "out", formats="md", roster=roster, jobs=1)
    assert [p.name for p in (tmp_path / "out").glob("*.md")] == ["_外面_学校.md"]


def test_fill_replaces_strings_only_and_reports_empty_cells() -> None:
    data = {"org": "{{ a }}", "parts": [{"items": ["{{b}} 和 {{ a }}"]}], "{{ a }}": None}
    filled, empty = fill(data, {"a": "甲", "b": ""})
    assert filled == {"org": "甲", "parts": [{"items": [" 和 甲"]}], "{{ a }}": None}
    assert empty == [(("parts", 0, "items", 0), "b")]


def test_read_roster_skips_blank_lines_and_strips_cells(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(" 学校 ,校长\n\n一中 , 张三\n", encoding="utf-8")
    roster = read_roster(path)
    assert roster.columns == ["学校", "校长"]
    assert roster.rows == [{"学校": "一中", "校长": "张三"}]
    assert roster.lines == [3]


def test_xlsx_cells_read_as_a_clerk_types_them(tmp_path: Path) -> None:
    import datetime as dt

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    header = ["学校", "达标", "未达标", "日期", "时间", "时刻", "整数", "小数", "空"]
    sheet.append(header)
    sheet.append(
        [
            "一中",
            True,
            False,
            dt.datetime(2024, 10, 8),  # a date cell: Excel stores midnight
            dt.datetime(2024, 10, 8, 9, 30),
            dt.time(9, 30),
            12.0,
            12.5,
            None,
        ]
    )
    sheet["I2"] = None
    sheet["J1"] = "备注"
    sheet["J2"] = "有"
    book.save(tmp_path / "名单.xlsx")
    roster = read_roster(tmp_path / "名单.xlsx")
    assert roster.rows == [
        {
            "学校": "一中",
            "达标": "是",
            "未达标": "否",
            "日期": "2024年10月8日",
            "时间": "2024年10月8日 9:30",
            "时刻": "9:30",
            "整数": "12",
            "小数": "12.5",
            "空": "",
            "备注": "有",
        }
    ]


def test_a_multi_line_csv_cell_reports_the_first_line_of_its_record(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('学校,地址\n一中,"城关镇\n文化路1号"\n二中,东街\n', encoding="utf-8")
    roster = read_roster(path)
    assert roster.rows[0] == {"学校": "一中", "地址": "城关镇\n文化路1号"}
    assert roster.lines == [2, 4]


def test_a_filter_in_a_placeholder_is_named_as_such(tmp_path: Path) -> None:
    base = write_base(tmp_path, BASE.replace("{{ 学校 }}", "{{ 学校|upper }}"))
    roster = write_csv(tmp_path / "名单.csv", ["学校", "会议次数", "校长"], ROWS, "utf-8")
    with pytest.raises(InputError) as caught:
        run_batch([base], tmp_path / "out", roster=roster)
    (problem,) = caught.value.problems
    assert (problem.code, problem.line) == ("B003", 1)
    assert problem.message == (
        "占位符 {{ 学校|upper }} 用了过滤器（|）：名单填写不支持过滤器，"
        "只能写 {{ 列名 }}，如 {{ 学校 }}；名单 名单.csv 的列：学校、会议次数、校长。"
    )
