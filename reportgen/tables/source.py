"""A table's rows read from a CSV or XLSX file, each cell with its position in the file.

CSV goes through the roster reader (the same encodings: UTF-8 with or without BOM, GBK);
XLSX cells keep their stored value (a number stays a number, for the sums) and the text
Excel shows (roster.displayed), for text columns.
"""

from __future__ import annotations

import importlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen import codes
from reportgen.core.load import read_input
from reportgen.errors import InputError, UsageError


@dataclass(frozen=True)
class SourceCell:
    """One cell: the value (a number or a date stays one for XLSX), the text a clerk sees,
    and where it is (1-based row and column in the file)."""

    value: Any
    shown: str
    line: int
    column: int


MAX_TABLE_ROWS = 2000
"""Rows (empty ones included) a table file may have before it is refused (I033): a report's
table has tens of rows; a sheet of a million formatted rows must not take minutes."""


class SourceError(Exception):
    """The file cannot be read; the message is for people (Chinese), the code I062 unless
    the file is too large a table (I033)."""

    def __init__(self, message: str, code: codes.Code = codes.TABLE_FILE) -> None:
        super().__init__(message)
        self.code = code


def _too_many_rows(path: Path) -> SourceError:
    return SourceError(
        f"表格文件 {path.name} 超过 {MAX_TABLE_ROWS} 行（空行也算）；"
        "报告里的表格用不了这么多行：请用 range 只取需要的区域，或把汇总好的数据另存一个文件。",
        codes.TABLE_TOO_LARGE,
    )


def read_rows(path: Path, sheet: str | None, cells: str | None) -> list[list[SourceCell]]:
    """The non-empty rows of a CSV or XLSX file (or of a sheet's range); the header first."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SourceError(f"找不到表格文件 {path}（相对于报告文件所在的目录）。")
    if suffix == ".csv":
        if sheet or cells:
            raise SourceError("CSV 文件没有工作表和单元格区域；请删去 sheet 和 range。")
        return _csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path, sheet, cells)
    raise SourceError(f"表格文件 {path.name} 的格式不支持：请用 .csv 或 .xlsx。")


def _csv(path: Path) -> list[list[SourceCell]]:
    from reportgen.batch.roster import _csv_rows

    try:
        rows = list(_csv_rows(read_input(path), path))
    except (UsageError, InputError) as exc:  # too large, not UTF-8/GBK, a broken cell …
        raise SourceError(_said(exc)) from None
    if len(rows) > MAX_TABLE_ROWS:
        raise _too_many_rows(path)
    return [
        [SourceCell(c.strip(), c.strip(), line, i) for i, c in enumerate(row, 1)]
        for line, row in rows
        if any(c.strip() for c in row)
    ]


def _vetted_xlsx(path: Path) -> bytes:
    """The whole file, refused past the size limits before openpyxl inflates anything."""
    import zipfile

    from reportgen.core.reading import read_file, zip_too_large

    try:
        data = read_file(path)
    except (UsageError, InputError) as exc:
        raise SourceError(_said(exc)) from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise SourceError(f"表格文件 {path.name} 已损坏，或不是 .xlsx。") from None
    if (why := zip_too_large(infos, f"表格文件 {path.name} ")) is not None:
        raise SourceError(why)
    return data


def _said(exc: UsageError | InputError) -> str:
    if isinstance(exc, InputError):
        return "；".join(p.message for p in exc.problems)
    return str(exc)


def _xlsx(path: Path, sheet: str | None, cells: str | None) -> list[list[SourceCell]]:
    from reportgen.batch.roster import displayed

    try:
        openpyxl = importlib.import_module("openpyxl")  # optional, and untyped
    except ImportError:
        raise SourceError("读取 .xlsx 表格需要 openpyxl：pip install openpyxl。") from None
    data = _vetted_xlsx(path)
    try:
        # Read-only: rows are parsed as they are iterated, so a huge sheet is refused at the
        # cap without being held in memory. Its rows leave out a cell's position (and give
        # EmptyCell for gaps), so positions come from the bounds and the index instead.
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise SourceError(f"无法读取表格文件 {path}：{exc}") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise SourceError(
                f"{path.name} 里没有名为“{sheet}”的工作表；有：{'、'.join(book.sheetnames)}。"
            )
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        first_row, first_col = 1, 1
        bounds: dict[str, int] = {}
        if cells:
            cell_utils = importlib.import_module("openpyxl.utils.cell")
            range_boundaries = cell_utils.range_boundaries
            lo_col, lo_row, hi_col, hi_row = range_boundaries(cells.replace(" ", "").upper())
            bounds = {"min_col": lo_col, "min_row": lo_row, "max_col": hi_col, "max_row": hi_row}
            first_row, first_col = lo_row, lo_col
        else:
            bounds = {"min_row": 1, "min_col": 1}
        out = []
        for r, row in enumerate(ws.iter_rows(**bounds)):
            if r >= MAX_TABLE_ROWS:
                raise _too_many_rows(path)
            got = [
                SourceCell(
                    c.value,
                    displayed(c.value, getattr(c, "number_format", "General")),
                    first_row + r,
                    first_col + i,
                )
                for i, c in enumerate(row)
            ]
            if any(c.shown.strip() for c in got):
                out.append(got)
        return out
    finally:
        book.close()
