"""Tables as data: the rows of a table (inline or from a file) checked cell by cell, the
合计/小计 rows and the computed columns worked out, and every cell formatted for display.

Every problem names its place (the YAML position, or file:row:column for a CSV/XLSX cell)
and a stable code (I058–I063). The result, a ComputedTable, is what the document builder
turns into a TABLE block and what the prose cites (citations.py).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from reportgen import codes
from reportgen.core.load import Loaded, Path_, format_path
from reportgen.core.side_files import Grids
from reportgen.problem import Level, Problem
from reportgen.tables.model import NUMBER_TYPES, Column, Table
from reportgen.tables.values import (
    FormulaError,
    evaluate,
    formula_names,
    parse_cell,
    places_of,
    shown,
)

TOTAL_LABELS = ("合计", "总计")
SUBTOTAL_LABELS = ("小计",)


class RowKind(Enum):
    """What a row of a table is: its own figures, or sums of the rows above it."""

    DETAIL = "detail"
    SUBTOTAL = "subtotal"  # 小计: the detail rows since the last 小计
    TOTAL = "total"  # 合计: every detail row


@dataclass(frozen=True)
class ComputedTable:
    """A table ready for display: every cell a string, the header first in ``header``."""

    id: str
    title: str
    unit: str
    header: tuple[str, ...]
    types: tuple[str, ...]
    align: tuple[str, ...]
    widths: tuple[float, ...]  # relative width hints; 0 = automatic
    rows: tuple[tuple[str, ...], ...]
    total_rows: tuple[int, ...]  # indices into rows of 合计/小计 rows
    notes: tuple[str, ...]
    landscape: bool | None = None
    # (row label, column name) → the cell as shown, for citations
    cells: dict[tuple[str, str], str] = field(default_factory=dict)


@dataclass
class _Cell:
    value: Decimal | str | None  # numbers as Decimal (percent as a ratio), others as text
    typed: bool  # given in the data (not left empty)
    where: Callable[[], tuple[str, int, int, str]]  # (file, line, column, path) of the cell
    raw: Any = None  # an XLSX cell's stored value (a number stays a number)


def unit_line(unit: str) -> str:
    unit = unit.strip()
    return unit if unit.startswith("单位") else f"单位：{unit}"


def note_line(note: str) -> str:
    """A table's note as printed under it, led by 注：(not the 附注 of
    :func:`reportgen.core.document.parenthesized_note`)."""
    note = note.strip()
    return note if note.startswith(("注：", "注:", "注1", "注 ")) else f"注：{note}"


# ---------------------------------------------------------------- the table


class _Resolver:
    def __init__(
        self, table: Table, path: Path_, loaded: Loaded, base: Path, grids: Grids | None = None
    ) -> None:
        self.table = table
        self.grids = grids or {}
        self.path = path
        self.loaded = loaded
        self.base = base
        self.problems: list[Problem] = []
        self.columns = table.columns
        self.names = [c.name for c in table.columns]

    # -- problems
    def at(self, path: Path_, code: codes.Code, message: str, *, key: bool = False) -> None:
        self.problems.append(self.loaded.problem(path, code, message, key=key))

    def at_cell(self, cell: _Cell, code: codes.Code, message: str) -> None:
        file, line, column, path = cell.where()
        self.problems.append(Problem.of(file, line, column, Level.ERROR, code, message, path))

    def _suggest(self, name: str) -> str:
        close = difflib.get_close_matches(name, self.names, n=1, cutoff=0.5)
        hint = f"是否想写“{close[0]}”？" if close else ""
        return f"{hint}表格的列：{'、'.join(self.names)}。"

    # -- reading the rows
    def rows(self) -> list[dict[str, _Cell]]:
        if self.table.file is not None:
            return self._file_rows()
        inputs = [c.name for c in self.columns if c.compute is None]
        out: list[dict[str, _Cell]] = []
        for r, row in enumerate(self.table.rows or []):
            here = (*self.path, "rows", r)
            cells: dict[str, _Cell] = {}
            if isinstance(row, list):
                if len(row) > len(inputs):
                    self.at(
                        (*here, len(inputs)),
                        codes.TABLE_ROW_LENGTH,
                        f"这一行写了 {len(row)} 格，表格只有 {len(inputs)} 列要填"
                        f"（{'、'.join(inputs)}；计算列不用写）。",
                    )
                pairs = list(zip(inputs, row, strict=False))
                for i, (name, value) in enumerate(pairs):
                    cells[name] = self._yaml_cell((*here, i), value)
            else:
                for key, value in row.items():
                    if key not in self.names:
                        self.at(
                            (*here, key),
                            codes.TABLE_UNKNOWN_COLUMN,
                            f"没有“{key}”列。{self._suggest(key)}",
                            key=True,
                        )
                        continue
                    cells[key] = self._yaml_cell((*here, key), value)
            out.append(cells)
        return out

    def _yaml_cell(self, path: Path_, value: str | None) -> _Cell:
        text = (value or "").strip()

        def where() -> tuple[str, int, int, str]:
            line, col = self.loaded.position(path)
            return self.loaded.source, line, col, format_path(path)

        return _Cell(text or None, bool(text), where)

    def _file_rows(self) -> list[dict[str, _Cell]]:
        from reportgen.tables.source import SourceError, read_rows

        spec = self.table.file
        assert spec is not None
        file_path = (self.base / spec.path).resolve()
        # Read (and confined) while validating, by core/side_files.py; read here otherwise.
        grid = self.grids.get((file_path, spec.sheet, spec.range))
        try:
            if grid is None:
                grid = read_rows(file_path, spec.sheet, spec.range)
        except SourceError as exc:
            self.at((*self.path, "file"), exc.code, str(exc))
            return []
        if not grid:
            self.at((*self.path, "file"), codes.TABLE_FILE, f"表格文件 {spec.path} 是空的。")
            return []
        header, *body = grid
        index = {c.shown.strip(): i for i, c in enumerate(header) if c.shown.strip()}
        for name in (c.name for c in self.columns if c.compute is None):
            if name not in index:
                found = "、".join(index) or "（没有表头）"
                self.problems.append(
                    Problem.of(
                        str(file_path),
                        header[0].line,
                        0,
                        Level.ERROR,
                        codes.TABLE_UNKNOWN_COLUMN,
                        f"文件的表头里没有“{name}”列；表头是：{found}。",
                        format_path((*self.path, "columns")),
                    )
                )
        source = str(file_path)
        path_text = format_path((*self.path, "file"))
        out = []
        for row in body:
            cells: dict[str, _Cell] = {}
            for name in self.names:
                if name not in index or index[name] >= len(row):
                    continue
                got = row[index[name]]
                text = got.shown.strip()

                def where(got: Any = got) -> tuple[str, int, int, str]:
                    return source, got.line, got.column, path_text

                cells[name] = _Cell(text or None, bool(text), where, got.value)
            out.append(cells)
        return out

    # -- values
    def parse(self, rows: list[dict[str, _Cell]]) -> None:
        for cells in rows:
            for column in self.columns:
                cell = cells.get(column.name)
                if cell is None or cell.value is None:
                    continue
                text = str(cell.value)
                try:
                    cell.value = parse_cell(text, column.type, cell.raw)
                except ValueError as exc:
                    kind = {"integer": "整数", "decimal": "数字", "percent": "百分比"}.get(
                        column.type, "日期"
                    )
                    self.at_cell(
                        cell,
                        codes.TABLE_BAD_VALUE,
                        f"“{column.name}”列应填{kind}，“{text}”{exc}。",
                    )
                    cell.value = None

    def compute(self) -> ComputedTable:
        table = self.table
        for c, column in enumerate(self.columns):
            if column.compute is None:
                continue
            for name in formula_names(column.compute):
                if name not in self.names:
                    self.at(
                        (*self.path, "columns", c, "compute"),
                        codes.TABLE_UNKNOWN_COLUMN,
                        f"公式“{column.compute}”里的“{name}”不是表格的列。{self._suggest(name)}",
                    )
                elif self.columns[self.names.index(name)].type not in NUMBER_TYPES:
                    self.at(
                        (*self.path, "columns", c, "compute"),
                        codes.TABLE_UNKNOWN_COLUMN,
                        f"公式里的“{name}”列不是数字列（type 应为 integer、decimal 或 percent）。",
                    )
        rows = self.rows()
        self.parse(rows)
        if any(p.level is Level.ERROR for p in self.problems):
            return self._empty()
        label = next((c.name for c in self.columns if c.type == "text"), "")
        kinds: list[RowKind] = []
        for cells in rows:
            text = cells.get(label)
            name = str(text.value).replace(" ", "").replace("　", "") if text and text.value else ""
            kinds.append(
                RowKind.TOTAL
                if name in TOTAL_LABELS
                else RowKind.SUBTOTAL
                if name in SUBTOTAL_LABELS
                else RowKind.DETAIL
            )
        if table.total and RowKind.TOTAL not in kinds:
            words = table.total if isinstance(table.total, str) else "合计"
            rows.append({label: _Cell(words, False, lambda: ("", 0, 0, ""))} if label else {})
            kinds.append(RowKind.TOTAL)
        self._required(rows, kinds)
        values = self._values(rows, kinds)
        return self._display(rows, kinds, values, label)

    def _required(self, rows: list[dict[str, _Cell]], kinds: list[RowKind]) -> None:
        for r, (cells, kind) in enumerate(zip(rows, kinds, strict=True)):
            for column in self.columns:
                if not column.required or kind is not RowKind.DETAIL or column.compute:
                    continue
                cell = cells.get(column.name)
                if cell is None or not cell.typed:
                    if cell is not None:
                        self.at_cell(cell, codes.TABLE_EMPTY_CELL, f"“{column.name}”列必须填写。")
                    elif self.table.file is None:
                        self.at(
                            (*self.path, "rows", r),
                            codes.TABLE_EMPTY_CELL,
                            f"这一行没有填“{column.name}”列（必须填写）。",
                        )

    def _values(
        self, rows: list[dict[str, _Cell]], kinds: list[RowKind]
    ) -> list[dict[str, Decimal | str | None]]:
        """Each row's values: typed cells, sums in total rows, then the computed columns."""
        # Ratios are not summed: a percent column's total is computed (compute) or left empty.
        sums = [
            c for c in self.columns if c.type in ("integer", "decimal") and c.sum and not c.compute
        ]
        out: list[dict[str, Decimal | str | None]] = []
        since = 0  # the first detail row after the last 小计
        for r, (cells, kind) in enumerate(zip(rows, kinds, strict=True)):
            row: dict[str, Decimal | str | None] = {
                name: cell.value for name, cell in cells.items()
            }
            if kind is not RowKind.DETAIL:
                span = range(since, r) if kind is RowKind.SUBTOTAL else range(len(out))
                detail = [out[i] for i in span if kinds[i] is RowKind.DETAIL]
                for column in sums:
                    numbers = [v for d in detail if isinstance(v := d.get(column.name), Decimal)]
                    total = sum(numbers, Decimal(0)) if numbers else None
                    self._agree(cells.get(column.name), total, column, "各行之和")
                    row[column.name] = total
                if kind is RowKind.SUBTOTAL:
                    since = r + 1
            for column in self.columns:
                if column.compute is None:
                    continue
                known: dict[str, Decimal | None] = {
                    name: v if isinstance(v := row.get(name), Decimal) else None
                    for name in self.names
                }
                try:
                    result = evaluate(column.compute, known)
                except FormulaError as exc:
                    c = self.names.index(column.name)
                    self.at(
                        (*self.path, "columns", c, "compute"),
                        codes.TABLE_UNKNOWN_COLUMN,
                        f"公式“{column.compute}”看不懂：{exc}。",
                    )
                    return out
                self._agree(cells.get(column.name), result, column, f"按公式“{column.compute}”")
                row[column.name] = result
            out.append(row)
        return out

    def _agree(self, cell: _Cell | None, value: Decimal | None, column: Column, how: str) -> None:
        """A figure typed where it is computed must equal the computed one (as shown)."""
        if cell is None or not cell.typed or not isinstance(cell.value, Decimal) or value is None:
            return
        places = places_of(column, [cell.value])
        if shown(cell.value, column, places) != shown(value, column, places):
            self.at_cell(
                cell,
                codes.TABLE_TOTAL_MISMATCH,
                f"“{column.name}”写的是 {shown(cell.value, column, places)}，"
                f"{how}应为 {shown(value, column, places)}；计算得出的数不必手写，删去即可。",
            )

    def _display(
        self,
        rows: list[dict[str, _Cell]],
        kinds: list[RowKind],
        values: list[dict[str, Decimal | str | None]],
        label: str,
    ) -> ComputedTable:
        table = self.table
        places = {
            c.name: places_of(c, [v for r in values if isinstance(v := r.get(c.name), Decimal)])
            for c in self.columns
        }
        shown_rows = tuple(
            tuple(shown(row.get(c.name), c, places[c.name]) for c in self.columns) for row in values
        )
        cells: dict[tuple[str, str], str] = {}
        for row, row_text in zip(values, shown_rows, strict=False):
            key = str(row.get(label) or "").replace(" ", "").replace("　", "")
            for name, text in zip(self.names, row_text, strict=True):
                cells.setdefault((key, name), text)
        return ComputedTable(
            id=table.id or "",
            title=table.title or "",
            unit=unit_line(table.unit) if table.unit else "",
            header=tuple(self.names),
            types=tuple(c.type for c in self.columns),
            align=tuple(
                c.align or ("right" if c.type in NUMBER_TYPES else "center") for c in self.columns
            ),
            widths=tuple(c.width or 0.0 for c in self.columns),
            rows=shown_rows,
            total_rows=tuple(i for i, k in enumerate(kinds) if k is not RowKind.DETAIL),
            notes=tuple(note_line(n) for n in table.notes or ()),
            landscape=table.landscape,
            cells=cells,
        )

    def _empty(self) -> ComputedTable:
        return ComputedTable("", "", "", (), (), (), (), (), (), ())


def compute_table(
    table: Table, path: Path_, loaded: Loaded, base: Path, grids: Grids | None = None
) -> tuple[ComputedTable, list[Problem]]:
    """A table's cells checked and its totals and computed columns worked out; ``grids``
    holds the files' rows already read (by the side-file check), by (path, sheet, range)."""
    resolver = _Resolver(table, path, loaded, base, grids)
    computed = resolver.compute()
    return computed, resolver.problems


def report_tables(report: Any) -> list[tuple[Path_, Table]]:
    """Every table of a report with its field path: in parts', items' and attachment pages'
    entries, and an item's ``table``."""
    from reportgen.core.model import Item
    from reportgen.tables.model import TableEntry

    found: list[tuple[Path_, Table]] = []

    def entries(values: list[Any], path: Path_) -> None:
        for i, entry in enumerate(values):
            if isinstance(entry, TableEntry):
                found.append(((*path, i, "table"), entry.table))
            elif isinstance(entry, Item):
                if entry.table is not None:
                    found.append(((*path, i, "table"), entry.table))
                entries(entry.items or [], (*path, i, "items"))

    for p, part in enumerate(report.parts):
        entries(part.items, ("parts", p, "items"))
    for a, attachment in enumerate(report.attachments or []):
        if not isinstance(attachment, str):  # an attachment page's items: its body can be a table
            entries(attachment.items or [], ("attachments", a, "items"))
    return found


def compute_tables(
    report: Any, loaded: Loaded, base: Path, grids: Grids | None = None
) -> tuple[dict[Path_, ComputedTable], list[Problem]]:
    """Every table of a report computed, by field path; and every problem found in them,
    including two tables with the same id."""
    tables: dict[Path_, ComputedTable] = {}
    problems: list[Problem] = []
    ids: dict[str, Path_] = {}
    for path, table in report_tables(report):
        if table.id:
            if table.id in ids:
                problems.append(
                    loaded.problem(
                        (*path, "id"),
                        codes.TABLE_CITATION,
                        f"已有一张表叫“{table.id}”（{format_path(ids[table.id])}）；表的 id 不能重复。",
                    )
                )
            ids.setdefault(table.id, path)
        computed, found = compute_table(table, path, loaded, base, grids)
        tables[path] = computed
        problems += found
    return tables, problems
