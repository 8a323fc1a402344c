"""The roll-up's tables: the schools' item counts, and the statistics tables several schools
sent with the same columns, summed by school."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reportgen.core.blocks import Block, BlockKind, TableInfo

if TYPE_CHECKING:
    from reportgen.batch.rollup import Contribution


def rollup_roles() -> list[tuple[str, str, str]]:
    """(role, heading, column) of every role the roll-up gathers, in the canonical order:
    the roles whose RoleSpec says ``rollup`` (roles.yaml and the user's)."""
    from reportgen.genre.registry import roles

    return [(r, spec.label, spec.column) for r, spec in roles().items() if spec.rollup]


def figures_table(contributions: list[Contribution]) -> Block:
    """Per school: the number of items under each role (— where the school has no such
    part), and the report's length; a 合计 row."""
    gathered = rollup_roles()
    header = ("单位", *(column for _, _, column in gathered), "全文字数")
    rows = []
    totals = [0] * (len(gathered) + 1)
    for c in contributions:
        cells = []
        for i, (role, _, _) in enumerate(gathered):
            has = any(p.role == role or role in p.also for p in c.parts)
            value = c.figures.get(role, 0)
            totals[i] += value
            cells.append(str(value) if has else "—")
        totals[-1] += c.figures.get("chars", 0)
        rows.append((c.school, *cells, str(c.figures.get("chars", 0))))
    has_role = [
        any(p.role == role or role in p.also for c in contributions for p in c.parts)
        for role, _, _ in gathered
    ]
    rows.append(
        (
            "合计",
            *(str(t) if i == len(has_role) or has_role[i] else "—" for i, t in enumerate(totals)),
        )
    )
    return Block(
        BlockKind.TABLE,
        "各单位报告分条内容统计表",
        rows=(header, *rows),
        table=TableInfo(
            unit="单位：条",
            align=("center", *("right",) * (len(header) - 1)),
            total_rows=(len(rows),),
            notes=("注：“—”表示该单位的报告没有单列这一部分；全文字数单位为字。",),
        ),
    )


_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def _figure(cell: str) -> float | None:
    text = cell.strip().replace(",", "")
    return float(text) if _NUMBER.match(cell.strip()) else None


def summed_tables(contributions: list[Contribution]) -> list[tuple[str, Block]]:
    """Every table whose columns several schools share, summed: one row per school (its
    合计 row, or the sum of its rows), number columns only, a 合计 row; a percent column that
    is one column over another is worked out again for each row. (The sentence introducing
    it, the table block.)"""
    from reportgen.importing.tables import _ratio, column_type

    groups: dict[tuple[str, ...], list[tuple[Contribution, Block]]] = {}
    for c in contributions:
        for table in c.tables:
            groups.setdefault(table.rows[0], []).append((c, table))
    out = []
    for header, found in groups.items():
        schools = {c.school for c, _ in found}
        if len(schools) < 2:
            continue
        body = [r for _, t in found for r in t.rows[1:]]
        types = [
            column_type([r[i] if i < len(r) else "" for r in body]) for i in range(len(header))
        ]
        numbers = [i for i, t in enumerate(types) if t in ("integer", "decimal") and i]
        percents = [i for i, t in enumerate(types) if t == "percent" and i]
        if not numbers:
            continue
        rows: list[list[str]] = []
        for c, table in found:
            last = table.rows[-1]
            own = [last] if re.sub(r"\s", "", last[0]) in ("合计", "总计") else list(table.rows[1:])
            row = [c.school]
            for i in numbers:
                values = [_figure(r[i]) for r in own if i < len(r)]
                row.append(_shown(sum(v for v in values if v is not None)))
            rows.append(row)
        total = [
            "合计",
            *(_shown(sum(_figure(r[k]) or 0.0 for r in rows)) for k in range(1, len(row))),
        ]
        names = ["单位", *(header[i] for i in numbers)]
        ratios = {}
        for p in percents:
            # The formula as the schools' own rows show it, over the kept columns.
            formula = _ratio([tuple(r) for r in body], p, list(header), types)
            if formula:
                a, _, b = formula.partition(" / ")
                ratios[header[p]] = (
                    (names.index(a), names.index(b)) if a in names and b in names else None
                )
        for name, where in ratios.items():
            if where is None:
                continue
            names.append(name)
            for row in (*rows, total):
                top, bottom = _figure(row[where[0]]), _figure(row[where[1]])
                row.append(f"{top / bottom * 100:.1f}%" if top is not None and bottom else "")
        title = found[0][1].text or header[0]
        block = Block(
            BlockKind.TABLE,
            f"各单位{_strip_school(title, found[0][0].school)}汇总表"
            if not title.endswith("汇总表")
            else title,
            rows=(tuple(names), *(tuple(r) for r in rows), tuple(total)),
            table=TableInfo(
                unit=(found[0][1].table.unit if found[0][1].table else ""),
                align=("center", *("right",) * (len(names) - 1)),
                total_rows=(len(rows) + 1,),
            ),
        )
        out.append((f"{len(schools)}个单位报送了“{title}”，按单位汇总如下表。", block))
    return out


def _strip_school(title: str, school: str) -> str:
    """A school's table title without its own name, period words left as written."""
    title = title.replace(school, "").strip()
    return re.sub(r"表$", "", title) or title


def _shown(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")
