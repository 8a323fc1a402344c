"""A read table → the ``table:`` of a report file: title, unit, columns with their types,
rows, notes. A typed 合计 row that equals the sum of the rows becomes ``total: true`` (and
is then computed); a percent column that is one number column over another everywhere
becomes a ``compute`` column. Figures that do not add up stay as typed, with a warning.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from reportgen import codes
from reportgen.core.blocks import Block
from reportgen.importing.notes import Notes
from reportgen.importing.yaml_writer import Map, Seq, Value

_INTEGER = re.compile(r"^[+-]?\d{1,3}(,\d{3})*$|^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)\.\d+$")
_PERCENT = re.compile(r"^[+-]?\d+(\.\d+)?[%％]$")
_TOTALS = ("合计", "总计")
LARGE_ROWS = 30  # a table with more rows goes into a CSV file beside the report file


def csv_bytes(rows: list[list[str]]) -> bytes:
    """UTF-8 with a BOM (Excel opens it as such), CRLF line ends, as the roster reads it."""
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _number(cell: str) -> Decimal | None:
    try:
        return Decimal(cell.replace(",", "").rstrip("%％"))
    except InvalidOperation:
        return None


def column_type(cells: list[str]) -> str:
    filled = [c for c in cells if c]
    if not filled:
        return "text"
    for kind, pattern in (("integer", _INTEGER), ("decimal", _DECIMAL), ("percent", _PERCENT)):
        if all(pattern.match(c) for c in filled):
            return kind
    if all(_INTEGER.match(c) or _DECIMAL.match(c) for c in filled):
        return "decimal"
    return "text"


def _ratio(rows: list[tuple[str, ...]], p: int, names: list[str], types: list[str]) -> str | None:
    """``A / B`` when column ``p`` (percent) is column A over column B in every row, as shown."""
    numbers = [c for c, t in enumerate(types) if t in ("integer", "decimal")]
    for a in numbers:
        for b in numbers:
            if a == b:
                continue
            ok = True
            for row in rows:
                top, bottom, shown = _number(row[a]), _number(row[b]), row[p]
                if top is None or bottom is None or not bottom or not shown:
                    ok = False
                    break
                places = len(shown.rstrip("%％").partition(".")[2])
                if f"{top / bottom * 100:.{places}f}%" != shown.replace("％", "%"):
                    ok = False
                    break
            if ok and rows:
                return f"{names[a]} / {names[b]}"
    return None


def table_map(block: Block, notes: Notes) -> Map:
    """The ``table:`` mapping for a read table block."""
    header, *rows = [tuple(c.strip() for c in r) for r in block.rows]
    width = max(len(r) for r in block.rows)
    header = (*header, *("",) * (width - len(header)))
    rows = [(*r, *("",) * (width - len(r))) for r in rows]
    names = [h or f"第{c + 1}列" for c, h in enumerate(header)]
    total = rows[-1] if rows and re.sub(r"\s", "", rows[-1][0]) in _TOTALS else None
    detail = rows[:-1] if total else rows
    types = [column_type([r[c] for r in rows]) for c in range(width)]
    types[0] = "text" if types[0] != "text" and total else types[0]
    computes = {
        c: formula
        for c, t in enumerate(types)
        if t == "percent" and (formula := _ratio(rows, c, names, types))
    }
    summed = total is not None and all(
        not total[c]
        or c in computes
        or (
            types[c] in ("integer", "decimal")
            and _number(total[c]) == sum((_number(r[c]) or Decimal(0) for r in detail), Decimal(0))
        )
        for c in range(1, width)
    )
    if total is not None and not summed:
        notes.at(
            block,
            codes.NOTE_TABLE,
            f"表格“{block.text or names[0]}”的合计行与各行之和不一致，按原样导入（作为普通的一行）；"
            "请核对后删去这一行，改写 total: true 由程序计算。",
        )
    table = Map()
    if block.text:
        table.add("title", block.text)
    if block.table and block.table.unit:
        table.add("unit", block.table.unit)
    columns = Seq()
    for c, name in enumerate(names):
        column = Map()
        column.add("name", name)
        if types[c] != "text":
            column.add("type", types[c])
        if c in computes and summed:
            column.add("compute", computes[c])
        columns.items.append(column)
    table.add("columns", columns)
    kept = detail if summed else rows
    skip = set(computes) if summed else set()
    cells = [[r[c] for c in range(width) if c not in skip] for r in kept]
    if notes.table_stem and len(cells) > LARGE_ROWS:
        name = f"{notes.table_stem}-表{len(notes.files) + 1}.csv"
        notes.files[name] = csv_bytes([[n for c, n in enumerate(names) if c not in skip], *cells])
        file = Map()
        file.add("path", name)
        table.add("file", file, f"{len(cells)} 行，写在旁边的 CSV 文件里")
    else:
        table.add("rows", Seq([Seq(list[Value](row), flow=True) for row in cells]))
    if summed and total is not None:
        table.add("total", True if re.sub(r"\s", "", total[0]) == "合计" else total[0])
    if block.table and block.table.notes:
        table.add("notes", Seq(list(block.table.notes)))
    return table
