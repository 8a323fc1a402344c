"""The rule registry: code → module. Each module documents itself in its docstring."""

from __future__ import annotations

from types import ModuleType

from reportgen.check.rules import (
    attachment_refs,
    dash,
    date_padding,
    doc_number_brackets,
    double_marker,
    doubled_punct,
    duplicate_item,
    ellipsis,
    empty_heading,
    full_width_alnum,
    half_width_punct,
    heading_length,
    heading_style_mixed,
    invisible_character,
    lead_formula,
    level_inversion,
    level_skip,
    marker_form,
    marker_space,
    missing_part,
    missing_work_part,
    mixed_date_style,
    mixed_numbering,
    number_sequence,
    numeral_zero,
    part_order,
    period_mismatch,
    placeholder,
    range_sign,
    short_year,
    space_in_chinese,
    straight_quotes,
    table_total,
    title_length,
    unbalanced_brackets,
    web_junk,
)

_ALL: tuple[ModuleType, ...] = (
    missing_work_part,
    missing_part,
    part_order,
    level_skip,
    level_inversion,
    number_sequence,
    mixed_numbering,
    double_marker,
    marker_form,
    heading_style_mixed,
    marker_space,
    empty_heading,
    duplicate_item,
    placeholder,
    title_length,
    heading_length,
    lead_formula,
    date_padding,
    short_year,
    mixed_date_style,
    numeral_zero,
    web_junk,
    attachment_refs,
    table_total,
    period_mismatch,
    half_width_punct,
    unbalanced_brackets,
    straight_quotes,
    ellipsis,
    dash,
    doc_number_brackets,
    full_width_alnum,
    space_in_chinese,
    invisible_character,
    doubled_punct,
    range_sign,
)

RULES: dict[str, ModuleType] = {rule.CODE: rule for rule in _ALL}
BY_NAME: dict[str, ModuleType] = {rule.ID: rule for rule in _ALL}


def find(code_or_name: str) -> ModuleType | None:
    """A rule by its code (T001, case-insensitive) or its name (half-width-punct)."""
    return RULES.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())


def summary(rule: ModuleType) -> str:
    """The first line of a rule's docstring."""
    return (rule.__doc__ or "").strip().splitlines()[0]
