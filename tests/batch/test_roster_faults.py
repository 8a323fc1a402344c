"""Hostile and damaged rosters (issue 16, items 5, 8, 9): coded errors, bounded cost.

Reproduced: a cell at XFD<n> cost 1.7 ms a row; a 296 KB zip bomb ran > 100 s and took
1.4 GB; an XML entity bomb and a CSV cell over 131,072 characters were exit 3; NUL, SOH
and VT in cells landed in the reports.
"""

from __future__ import annotations

import io
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.batch.roster import MAX_COLUMNS, column_letter, read_roster
from reportgen.cli import main
from reportgen.errors import InputError

from conftest import MINIMAL

openpyxl = pytest.importorskip("openpyxl")


class _Main:
    name = "reportgen"

    def main(self, args: list[str], prog_name: str | None = None, **_: object) -> None:
        sys.exit(main(list(args)))


def codes(path: Path) -> list[tuple[str, int, int, str]]:
    with pytest.raises(InputError) as info:
        read_roster(path)
    return [(p.code, p.line, p.column, p.message) for p in info.value.problems]


def xlsx(path: Path, rows: list[list[object]], edit: dict[bytes, bytes] | None = None) -> Path:
    """An .xlsx written by openpyxl, its XML parts then edited (``old`` → ``new``)."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            for old, new in (edit or {}).items():
                data = data.replace(old, new)
            dst.writestr(info.filename, data)
    return path


def test_column_letters() -> None:
    assert [column_letter(n) for n in (1, 26, 27, 702, 703, 16384)] == [
        "A", "Z", "AA", "ZZ", "AAA", "XFD"
    ]  # fmt: skip


def test_a_declared_size_of_a_million_columns_costs_nothing(tmp_path: Path) -> None:
    rows: list[list[object]] = [["学校", "校长"]] + [
        [f"青山县第{k}中学", "张三"] for k in range(3000)
    ]
    path = xlsx(tmp_path / "名单.xlsx", rows, {b'ref="A1:B3001"': b'ref="A1:XFD3001"'})
    started = time.process_time()
    roster = read_roster(path)
    assert time.process_time() - started < 1.5
    assert len(roster.rows) == 3000 and roster.columns == ["学校", "校长"]


def test_a_cell_far_to_the_right_is_an_error_naming_it(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["学校", "校长"])
    sheet.append(["青山县第一中学", "张三"])
    sheet["XFD3"] = "多余"
    book.save(tmp_path / "名单.xlsx")
    started = time.process_time()
    found = codes(tmp_path / "名单.xlsx")
    assert time.process_time() - started < 1
    assert found == [
        (
            "I012",
            3,
            16384,
            f"名单第 3 行的 XFD 列有内容，超过 {MAX_COLUMNS} 列的上限；请删去表格右侧多余的内容。",
        )
    ]


def test_a_zip_bomb_is_refused_before_it_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTGEN_MAX_DOCX_MB", "1")  # XML allowance 1 MB, for a small bomb
    path = xlsx(tmp_path / "名单.xlsx", [["学校"], ["一中"]])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet9.xml", b" " * (2 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    (code, _, _, message), *rest = codes(path)
    assert not rest
    assert code == "I012"
    assert (
        "名单 名单.xlsx 的文字部分（XML）解压后共 2 MB，超过 1 MB 的上限，拒绝打开（可能是压缩炸弹）"
        in message
    )


def _entity_bomb() -> bytes:
    """A sheet whose one cell expands to 10⁹ copies of a school's name (billion laughs)."""
    entities = ['<!ENTITY e0 "青山县第一中学">']
    entities += [f'<!ENTITY e{k} "{f"&e{k - 1};" * 10}">' for k in range(1, 10)]
    return (
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [' + "".join(entities) + "]>"
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>学校</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>&e9;</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()


@pytest.mark.parametrize(
    "name, damage",
    [
        ("entity-bomb", lambda p: _replace(p, "xl/worksheets/sheet1.xml", _entity_bomb())),
        ("broken-sheet", lambda p: _replace(p, "xl/worksheets/sheet1.xml", b"<worksheet><row")),
        ("no-workbook", lambda p: _drop(p, "xl/workbook.xml")),
        ("not-a-zip", lambda p: p.write_bytes(b"PK\x03\x04 not really a zip")),
    ],
)
def test_damaged_xlsx_is_a_coded_error_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, damage: object
) -> None:
    path = xlsx(tmp_path / "名单.xlsx", [["学校"], ["一中"]])
    damage(path)  # type: ignore[operator]
    started = time.process_time()
    found = codes(path)
    assert time.process_time() - started < 2
    assert [c for c, *_ in found] == ["I028"]
    assert found[0][3].startswith("无法读取名单 名单.xlsx：")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "基础.report.yaml").write_text(
        MINIMAL.replace("org: 青山县教育局", "org: '{{ 学校 }}'"), encoding="utf-8"
    )
    result = CliRunner().invoke(
        _Main(),  # type: ignore[arg-type]
        ["batch", "基础.report.yaml", "--roster", "名单.xlsx", "-o", "out", "-f", "md"],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    assert "I028" in result.output and "内部错误" not in result.output


def _replace(path: Path, part: str, data: bytes) -> None:
    with zipfile.ZipFile(path) as src:
        items = [(i.filename, src.read(i)) for i in src.infolist()]
    with zipfile.ZipFile(path, "w") as dst:
        for filename, old in items:
            dst.writestr(filename, data if filename == part else old)


def _drop(path: Path, part: str) -> None:
    with zipfile.ZipFile(path) as src:
        items = [(i.filename, src.read(i)) for i in src.infolist() if i.filename != part]
    with zipfile.ZipFile(path, "w") as dst:
        for filename, old in items:
            dst.writestr(filename, old)


def test_a_csv_cell_over_the_field_limit_is_a_coded_error(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_text('学校,备注\n一中,正常\n二中,"' + "长" * 140_000 + "\n", encoding="utf-8")
    assert codes(path) == [
        (
            "I012",
            3,
            0,
            "名单第 3 行起有一格超过 131072 个字符的上限（可能是引号没有闭合，把后面的行都读进了这一格）。",
        )
    ]


def test_control_characters_in_csv_cells_name_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_bytes("学校,校长\n一中,张\x00三\n二中,李四\n三中\x01,王\x0b五\n".encode())
    assert [(c, line, col) for c, line, col, _ in codes(path)] == [
        ("I007", 2, 2),
        ("I007", 4, 1),
        ("I007", 4, 2),
    ]
    assert (
        codes(path)[0][3] == "名单第 2 行 B 列含有不可见的控制字符 U+0000，无法写入报告；请删除它。"
    )


def test_control_characters_in_xlsx_cells_name_row_and_column(tmp_path: Path) -> None:
    # Excel keeps a control character as _xHHHH_; a literal "_x0001_" is _x005F_x0001_.
    path = xlsx(
        tmp_path / "名单.xlsx",
        [["学校", "校长"], ["一中", "张@三"], ["二中", "李四_x0001_"]],
        {b"@": b"_x000B_"},
    )
    found = codes(path)
    assert [(c, line, col) for c, line, col, _ in found] == [("I007", 2, 2), ("I007", 3, 2)]
    assert found[0][3] == "名单第 2 行 B 列含有不可见的控制字符 U+000B，无法写入报告；请删除它。"
    clean = xlsx(
        tmp_path / "好.xlsx",
        [["学校", "校长"], ["二中", "李四_x0001_"]],
        {b"_x0001_": b"_x005F_x0001_"},
    )
    assert read_roster(clean).rows == [{"学校": "二中", "校长": "李四_x0001_"}]


def test_a_table_file_bomb_is_refused_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`table: {file: …}` reads .xlsx with the same guard as rosters."""
    from reportgen.tables.source import SourceError, read_rows

    monkeypatch.setenv("REPORTGEN_MAX_DOCX_MB", "1")
    path = xlsx(tmp_path / "表.xlsx", [["学校"], ["一中"]])
    assert [[c.shown for c in row] for row in read_rows(path, None, None)] == [["学校"], ["一中"]]
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet9.xml", b" " * (2 * 1024 * 1024))
    with pytest.raises(SourceError, match="超过 1 MB 的上限，拒绝打开（可能是压缩炸弹）"):
        read_rows(path, None, None)
