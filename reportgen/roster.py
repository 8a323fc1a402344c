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

from reportgen.errors import UsageError
from reportgen.load import Path_, read_input

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


def read_roster(path: Path) -> Roster:
    """Read a roster: ``.csv`` (UTF-8 with or without BOM, or GBK/GB18030) or ``.xlsx``."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _from_table(path, _csv_rows(read_input(path), path))
    if suffix in (".xlsx", ".xlsm"):
        return _from_table(path, _xlsx_rows(path))
    raise UsageError(f"名单 {path.name} 的格式不支持：请用 .csv 或 .xlsx。")


def _csv_rows(raw: bytes, path: Path) -> Iterator[tuple[int, list[str]]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UsageError(f"名单 {path} 既不是 UTF-8 也不是 GBK 编码；请另存为 UTF-8 的 CSV。")
    reader = csv.reader(io.StringIO(text, newline=""))
    last = 0
    for row in reader:
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
    return str(value)


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


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    import importlib

    try:
        openpyxl = importlib.import_module("openpyxl")  # optional, and untyped
    except ImportError:
        raise UsageError(
            "读取 .xlsx 名单需要 openpyxl：pip install openpyxl；或把名单另存为 CSV。"
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise UsageError(f"找不到名单：{path}") from None
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UsageError(f"无法读取名单 {path}：{exc}") from None
    try:
        sheet = book.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(), 1):
            yield number, [_cell(c) for c in cells]  # the cell: its number format is shown
    finally:
        book.close()


def _from_table(path: Path, rows: Iterator[tuple[int, list[str]]]) -> Roster:
    header: list[str] | None = None
    roster = Roster(str(path), [])
    for line, cells in rows:
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
