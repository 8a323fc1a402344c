"""Prose that cites a table: ``{{ 表.隐患统计.合计.整改数 }}`` in any text of a report is
replaced by that cell as the table shows it, so a figure in a sentence and in its table
can never disagree.

The syntax is a Jinja expression, rendered in the same sandboxed, strict environment as
the kinds' formulas: ``表`` holds the tables by id, a table its rows by the text of the
first text column (合计, 小计 and each row's name), a row its cells by column name. A name
that is not a plain word is written in brackets: ``{{ 表.隐患统计["第二中学（初中部）"].整改数 }}``.
A name that does not exist is an error (I064) with the names that do.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from reportgen import codes
from reportgen.core.load import Loaded, Path_
from reportgen.problem import Problem
from reportgen.tables.build import ComputedTable

MARK = "{{"
# A citation as written, for the checker (which sees the YAML text before it is filled in).
CITATION = re.compile(r"\{\{\s*表\s*[.\[][^{}\n]{0,200}?\}\}")


class CitationError(Exception):
    """A name that is not there; the message (Chinese) lists the names that are."""


class _Names:
    """A read-only lookup by name for the sandbox: ``a.b`` and ``a["b"]`` both end in
    ``__getitem__`` (the object has no attributes of its own to shadow a name)."""

    __slots__ = ("_values", "_what")

    def __init__(self, what: str, values: dict[str, Any]) -> None:
        self._what = what
        self._values = values

    def __getitem__(self, name: str) -> Any:
        if name not in self._values:
            known = "、".join(self._values) or "（无）"
            raise CitationError(f"{self._what}没有“{name}”；可用的有：{known}")
        return self._values[name]

    def __str__(self) -> str:
        raise CitationError(f"{self._what}不是一个数：引用要写到单元格，如 表.表名.行名.列名")


def namespace(tables: list[ComputedTable]) -> dict[str, Any]:
    """The ``表`` variable: tables by id → rows by label → cells by column."""
    by_id: dict[str, Any] = {}
    for table in tables:
        if not table.id:
            continue
        rows: dict[str, dict[str, str]] = {}
        for (row, column), text in table.cells.items():
            if row:
                rows.setdefault(row, {})[column] = text
        by_id[table.id] = _Names(
            f"表“{table.id}”",
            {row: _Names(f"表“{table.id}”的“{row}”行", cells) for row, cells in rows.items()},
        )
    return {"表": _Names("报告", by_id) if by_id else _Names("报告里的表格（写了 id 的）", {})}


def cite_text(text: str, context: dict[str, Any]) -> str:
    """``text`` with its citations filled in; CitationError says what is wrong. Only
    ``{{ 表… }}`` is rendered: other braces (a roster's ``{{ 学校 }}`` left unfilled) stay
    as written, for ``check`` to find (C003)."""
    return CITATION.sub(lambda m: _cite_one(m.group(), context), text)


def _cite_one(expression: str, context: dict[str, Any]) -> str:
    import jinja2

    from reportgen.render.templating import environment

    try:
        return environment().from_string(expression).render(context)
    except CitationError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise CitationError(f"引用的写法不对（{exc.message}）") from None
    except Exception as exc:  # undefined names, sandbox refusals: all the text's fault
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, CitationError):
            raise cause from None
        raise CitationError(f"引用看不懂（{exc}）") from None


_SKIP = frozenset({"style", "kind", "columns", "rows", "file"})


def cite_report(report: BaseModel, tables: list[ComputedTable], loaded: Loaded) -> list[Problem]:
    """Fill in every citation in the report's texts, in place; a problem for each bad one."""
    context = namespace(tables)
    problems: list[Problem] = []

    def one(value: str, path: Path_) -> str:
        if MARK not in value:
            return value
        try:
            return cite_text(value, context)
        except CitationError as exc:
            problems.append(loaded.problem(path, codes.TABLE_CITATION, f"{exc}。"))
            return value

    def walk(model: BaseModel, path: Path_) -> None:
        for name in type(model).model_fields:
            if name in _SKIP:
                continue
            value = getattr(model, name)
            here = (*path, name)
            if isinstance(value, str):
                setattr(model, name, one(value, here))
            elif isinstance(value, BaseModel):
                walk(value, here)
            elif isinstance(value, list):
                for i, entry in enumerate(value):
                    if isinstance(entry, str):
                        value[i] = one(entry, (*here, i))
                    elif isinstance(entry, BaseModel):
                        walk(entry, (*here, i))

    walk(report, ())
    return problems
