"""A DOCX table's cells as text, row by row (the header first), for the table blocks of
the document model. Merged cells keep the columns in line: a cell spanning columns is
followed by empty cells, a vertically merged continuation is empty."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def table_rows(tbl: Any, text_of: Callable[[Any], str]) -> tuple[tuple[str, ...], ...]:
    """Rows of cell texts; each cell's paragraphs joined (a nested table's text included)."""
    rows: list[tuple[str, ...]] = []
    for tr in tbl.iterfind(f"{_W}tr"):
        cells: list[str] = []
        for tc in tr.iterfind(f"{_W}tc"):
            props = tc.find(f"{_W}tcPr")
            span = props.find(f"{_W}gridSpan") if props is not None else None
            merge = props.find(f"{_W}vMerge") if props is not None else None
            continued = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
            text = "" if continued else "".join(text_of(p) for p in tc.iter(f"{_W}p")).strip()
            cells.append(text)
            width = int(span.get(f"{_W}val", "1")) if span is not None else 1
            cells += [""] * max(0, width - 1)
        if any(cells):
            rows.append(tuple(cells))
    return tuple(rows)
