"""A table's values: cells parsed by column type, shown as the table shows them, and the
formulas of computed columns (``整改数 / 排查数``) evaluated over a row's numbers."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from reportgen.tables.model import Column, ColumnType

_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


# ---------------------------------------------------------------- formulas


class FormulaError(ValueError):
    pass


def _tokens(formula: str) -> list[str]:
    return [t.strip() for t in re.split(r"([-+*/()])", formula) if t.strip()]


def formula_names(formula: str) -> list[str]:
    """The column names a formula uses."""
    return [t for t in _tokens(formula) if t not in "+-*/()" and not _is_number(t)]


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text))


def evaluate(formula: str, values: dict[str, Decimal | None]) -> Decimal | None:
    """``整改数 / 排查数`` over a row's numbers; None when a value is missing or a divisor is 0."""
    tokens = _tokens(formula)
    pos = 0

    def peek() -> str:
        return tokens[pos] if pos < len(tokens) else ""

    def take() -> str:
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def atom() -> Decimal | None:
        tok = take() if pos < len(tokens) else ""
        if tok == "(":
            value = expr()
            if take() != ")" if pos < len(tokens) else True:
                raise FormulaError("括号不成对")
            return value
        if tok == "-":
            inner = atom()
            return None if inner is None else -inner
        if not tok or tok in "+*/)":
            raise FormulaError("公式不完整")
        if _is_number(tok):
            return Decimal(tok.replace(",", ""))
        if tok not in values:
            raise FormulaError(f"没有“{tok}”列")
        return values[tok]

    def term() -> Decimal | None:
        value = atom()
        while peek() in ("*", "/"):
            op, right = take(), atom()
            if value is None or right is None:
                value = None
            elif op == "*":
                value = value * right
            else:
                value = None if right == 0 else value / right
        return value

    def expr() -> Decimal | None:
        value = term()
        while peek() in ("+", "-"):
            op, right = take(), term()
            if value is None or right is None:
                value = None
            else:
                value = value + right if op == "+" else value - right
        return value

    result = expr()
    if pos != len(tokens):
        raise FormulaError(f"多出了“{tokens[pos]}”")
    return result


# ---------------------------------------------------------------- cells


def parse_cell(text: str, column_type: ColumnType, raw: Any = None) -> Decimal | str | None:
    """A cell's value for its column type; raises ValueError with a Chinese reason."""
    from reportgen.core.model import normalize_date

    if column_type == "text":
        return text
    if column_type == "date":
        import datetime as dt

        if isinstance(raw, dt.date):
            return f"{raw.year}年{raw.month}月{raw.day}日"
        try:
            return normalize_date(text)
        except Exception:
            raise ValueError("不是日期（应写成 2024年10月8日 或 2024-10-08）") from None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        number = Decimal(str(raw))
        if column_type == "percent" and "%" not in text:
            return number / 100 if abs(number) > 1 else number  # 75 or a stored ratio 0.75
        if column_type == "percent":
            return number  # Excel stores 75% as 0.75
    else:
        cleaned = text.replace(" ", "").replace("，", ",")
        percent = cleaned.endswith(("%", "％"))
        cleaned = cleaned.rstrip("%％")
        if not _is_number(cleaned):
            raise ValueError("不是数字")
        number = Decimal(cleaned.replace(",", ""))
        if column_type == "percent":
            return number / 100  # 91.7% and 91.7 both mean 91.7 percent
        if percent:
            raise ValueError("带了百分号（这一列的 type 不是 percent）")
    if column_type == "integer" and number != number.to_integral_value():
        raise ValueError("不是整数")
    return number


def shown(value: Decimal | str | None, column: Column, places: int) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if column.type == "integer":
        return str(int(value.to_integral_value()))
    if column.type == "percent":
        return f"{value * 100:.{places}f}%"
    return f"{value:.{places}f}"


def places_of(column: Column, values: list[Decimal]) -> int:
    if column.decimals is not None:
        return column.decimals
    if column.type == "percent":
        return 1
    if column.type == "decimal":
        exps = [-int(v.as_tuple().exponent) for v in values if v.is_finite()]
        return max(0, *exps) if exps else 2
    return 0
