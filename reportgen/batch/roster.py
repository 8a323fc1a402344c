"""Mail merge for `batch --roster`: a table of schools (CSV or XLSX) and ``{{ column }}`` filling.

Placeholders are filled in the loaded data (strings only, never keys), so every position
still points at the base report file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen import codes
from reportgen.core.load import Path_
from reportgen.core.text import XML_ILLEGAL
from reportgen.errors import InputError, UsageError
from reportgen.problem import Level, Problem

# {{ 表.… }} cites a table (citations.py) and is left for the report to fill in.
PLACEHOLDER = re.compile(r"\{\{(?!\s*表\s*[.\[])\s*([^{}]*?)\s*\}\}")
# Columns that name the output rather than fill the text; never "unused".
NAME_COLUMNS = ("name", "stem")


@dataclass
class Roster:
    """A header and its rows; ``lines[i]`` is row i's line (CSV) or row number (XLSX)."""

    source: str
    columns: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


# A roster is a list of schools: these bound what a hostile or mistaken file can cost.
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
MAX_CELL = 131_072  # characters in one cell (what Python's csv module allows)


def _problem(path: Path, line: int, column: int, code: codes.Code, message: str) -> Problem:
    return Problem.of(str(path), line, column, Level.ERROR, code, message)


def _bad(path: Path, why: str) -> InputError:
    return InputError([_problem(path, 0, 0, codes.BAD_ROSTER, f"无法读取名单 {path.name}：{why}")])


def read_roster(path: Path) -> Roster:
    """Read a roster: ``.csv`` (UTF-8 with or without BOM, or GBK/GB18030) or ``.xlsx``.

    Read whole or not at all (over the size limit: I012); a damaged file is I028, a cell
    with a control character I007 (as in a report), too many rows or columns I012.
    """
    from reportgen.core.reading import read_file

    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _from_table(path, _csv_rows(read_file(path), path))
    if suffix in (".xlsx", ".xlsm"):
        return _from_table(path, _xlsx_rows(read_file(path), path))
    raise UsageError(f"名单 {path.name} 的格式不支持：请用 .csv 或 .xlsx。")


def _csv_rows(raw: bytes, path: Path) -> Iterator[tuple[int, list[str]]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(
            [
                _problem(
                    path,
                    1,
                    1,
                    codes.ENCODING,
                    f"名单 {path.name} 既不是 UTF-8 也不是 GBK 编码；请另存为 UTF-8 的 CSV。",
                )
            ]
        )
    # Python 3.10's csv refuses NUL ("line contains NUL"); a character the text does not hold
    # stands in for it while parsing, so the cell is reported (I007) as on later Pythons.
    nul = (
        next((chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text), "")
        if "\0" in text
        else ""
    )
    reader = csv.reader(io.StringIO(text.replace("\0", nul) if nul else text, newline=""))
    last = 0
    while True:
        try:
            row = next(reader)
            if nul:
                row = [cell.replace(nul, "\0") for cell in row]
        except StopIteration:
            return
        except csv.Error as exc:
            line = last + 1
            if "field larger than field limit" in str(exc):
                raise InputError(
                    [
                        _problem(
                            path,
                            line,
                            0,
                            codes.TOO_LARGE,
                            f"名单第 {line} 行起有一格超过 {MAX_CELL} 个字符的上限"
                            "（可能是引号没有闭合，把后面的行都读进了这一格）。",
                        )
                    ]
                ) from None
            raise _bad(path, f"第 {line} 行的 CSV 格式有误（{exc}）。") from None
        yield last + 1, row  # a quoted cell may span lines: the record starts after the last one
        last = reader.line_num


def _date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _time(value: dt.time) -> str:
    text = f"{value.hour}:{value.minute:02d}"
    return f"{text}:{value.second:02d}" if value.second else text


def _cell(value: Any) -> str:
    """An XLSX cell as a clerk would type it: 是/否, 2024年10月8日, 9:30, 12 (not 12.0);
    given a cell (not its value), a number as its number format shows it (``displayed``)."""
    if hasattr(value, "number_format"):
        return displayed(value.value, value.number_format)
    if value is None:
        return ""
    if isinstance(value, bool):  # before numbers: True is an int
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 42 as 42.0
    if isinstance(value, dt.datetime):  # Excel has no date type: a date is a midnight datetime
        clock = value.time().replace(microsecond=0)
        return _date(value) if clock == dt.time() else f"{_date(value)} {_time(clock)}"
    if isinstance(value, dt.date):
        return _date(value)
    if isinstance(value, dt.time):
        return _time(value)
    if isinstance(value, str):
        # Excel writes a character XML cannot hold as _xHHHH_ (and "_" before one as _x005F_).
        return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return str(value)


_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


# A number format's first (positive) section, without colours/conditions ([Red], [>=100])
# and with its literal text: the digits part, and what comes before and after it.
_FMT_BRACKETS = re.compile(r"\[[^\]]*\]")
_FMT_DIGITS = re.compile(r"[#0?][#0?,]*(?:\.[#0?]*)?|\.[#0?]+")


def _fmt_literal(text: str) -> str:
    text = re.sub(r"_.|\*.", "", text)  # _x pads a space the width of x; *x repeats x
    return re.sub(r'"([^"]*)"|\\(.)', lambda m: m.group(1) or m.group(2) or "", text)


def displayed(value: Any, number_format: str | None = "General") -> str:
    """A cell's text as Excel/WPS show it: ``75.0%`` for 0.75 in ``0.0%``, ``1,234.50`` for
    1234.5 in ``#,##0.00``, ``¥12.00``; dates and times as ``_cell`` writes them. Formats
    it cannot read (scientific, fractions) fall back to the plain number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _cell(value)
    fmt = (number_format or "General").split(";")
    section = fmt[1] if value < 0 and len(fmt) > 1 else fmt[0]
    negative = value < 0 and len(fmt) > 1  # the second section draws its own minus sign
    section = _FMT_BRACKETS.sub("", section)
    m = _FMT_DIGITS.search(section)
    if section.strip().lower() in ("general", "@", "") or m is None or "E" in section.upper():
        if isinstance(value, float) and not value.is_integer():
            return format(value, ".10g")  # Excel's General shows at most about 10 digits
        return _cell(value)
    digits = m.group()
    places = len(digits.split(".")[1]) if "." in digits else 0
    number = abs(value) if negative else value
    number *= 100 ** section.count("%")
    text = f"{number:{',' if ',' in digits.rstrip(',') else ''}.{places}f}"
    for _ in range(len(digits) - len(digits.rstrip(","))):  # trailing commas scale by 1000
        number /= 1000
        text = f"{number:.{places}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return _fmt_literal(section[: m.start()]) + text + _fmt_literal(section[m.end() :])


def _xlsx_rows(data: bytes, path: Path) -> Iterator[tuple[int, list[str]]]:
    import importlib
    import zipfile

    from reportgen.core.reading import zip_too_large

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise _bad(
            path, "文件已损坏，或不是 .xlsx（.xls 请在 Excel 里另存为 .xlsx 或 CSV）。"
        ) from None
    # Before openpyxl inflates anything: a 296 KB bomb once took 100 s and 1.4 GB.
    if (why := zip_too_large(infos, f"名单 {path.name} ")) is not None:
        raise InputError([_problem(path, 0, 0, codes.TOO_LARGE, why)])
    try:
        openpyxl = importlib.import_module("openpyxl")  # untyped
    except ImportError:
        raise UsageError(
            "读取 .xlsx 名单需要 openpyxl：pip install openpyxl；或把名单另存为 CSV。"
        ) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML parsers and openpyxl each raise their own
        raise _bad(path, f"文件已损坏或内容有误（{type(exc).__name__}）。") from None
    try:
        sheet = book.worksheets[0]
        # The size a sheet declares is not trusted: a row is as wide as its last cell.
        sheet.reset_dimensions()
        rows = sheet.iter_rows()  # cells: their number formats are shown
        number = 0
        while True:
            try:
                values = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # a damaged sheet, an XML entity bomb …
                raise _bad(
                    path, f"第 {number + 1} 行附近内容有误（{type(exc).__name__}）。"
                ) from None
            number += 1
            _bounds(path, number, values)
            yield number, [_cell(c) for c in values]
    except IndexError:
        raise _bad(path, "工作簿里没有工作表。") from None
    finally:
        book.close()


def _bounds(path: Path, number: int, values: tuple[Any, ...]) -> None:
    if number > MAX_ROWS:
        raise InputError(
            [_problem(path, number, 0, codes.TOO_LARGE, f"名单超过 {MAX_ROWS} 行的上限。")]
        )
    if len(values) > MAX_COLUMNS and any(c.value is not None for c in values[MAX_COLUMNS:]):
        last = max(i for i, c in enumerate(values) if c.value is not None) + 1
        raise InputError(
            [
                _problem(
                    path,
                    number,
                    last,
                    codes.TOO_LARGE,
                    f"名单第 {number} 行的 {column_letter(last)} 列有内容，"
                    f"超过 {MAX_COLUMNS} 列的上限；请删去表格右侧多余的内容。",
                )
            ]
        )


def column_letter(number: int) -> str:
    """Excel's name of the 1-based column ``number``: 1 → A, 27 → AA, 16384 → XFD."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _controls(path: Path, line: int, cells: list[str]) -> list[Problem]:
    """Control characters in a row's cells: I007, as in a report (they cannot be written)."""
    found = []
    for index, cell in enumerate(cells):
        bad = XML_ILLEGAL.search(cell)
        if bad is not None:
            found.append(
                _problem(
                    path,
                    line,
                    index + 1,
                    codes.CONTROL_CHARACTER,
                    # Column letters, as Excel shows them (for a CSV too).
                    f"名单第 {line} 行 {column_letter(index + 1)} 列含有不可见的控制字符 "
                    f"U+{ord(bad.group()):04X}，无法写入报告；请删除它。",
                )
            )
    return found


def _from_table(path: Path, rows: Iterator[tuple[int, list[str]]]) -> Roster:
    header: list[str] | None = None
    roster = Roster(str(path), [])
    problems: list[Problem] = []
    for line, cells in rows:
        problems += _controls(path, line, cells)
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if header is None:
            header = cells
            named = [c for c in header if c]
            duplicates = sorted({c for c in named if named.count(c) > 1})
            if duplicates:
                raise UsageError(f"名单 {path.name} 的表头有重复的列：{'、'.join(duplicates)}。")
            roster.columns = named
            continue
        roster.rows.append({h: c for h, c in zip(header, cells, strict=False) if h})
        roster.lines.append(line)
    if problems:
        raise InputError(problems)
    if header is None or not roster.rows:
        raise UsageError(f"名单 {path.name} 是空的：第一行写列名，之后每行一个单位。")
    return roster


def placeholders(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every ``(path, column)`` a placeholder in ``data``'s strings refers to."""
    if isinstance(data, str):
        for m in PLACEHOLDER.finditer(data):
            yield path, m.group(1)
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from placeholders(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from placeholders(value, (*path, i))


def fill(data: Any, row: dict[str, str], path: Path_ = ()) -> tuple[Any, list[tuple[Path_, str]]]:
    """``data`` with each ``{{ column }}`` replaced by the row's cell; and where a cell is empty."""
    empty: list[tuple[Path_, str]] = []

    def walk(value: Any, here: Path_) -> Any:
        if isinstance(value, str):

            def one(m: re.Match[str]) -> str:
                cell = row.get(m.group(1), "")
                if not cell:
                    empty.append((here, m.group(1)))
                return cell

            return PLACEHOLDER.sub(one, value)
        if isinstance(value, dict):
            return {k: walk(v, (*here, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, (*here, i)) for i, v in enumerate(value)]
        return value

    return walk(data, path), empty
