"""The rule registry, in the order `reportgen rules` lists them: one line per rule module.

Each module documents itself in its docstring. ``text_rule``/``document_rule`` check the
module against the :class:`~reportgen.check.core.TextRule` or
:class:`~reportgen.check.core.DocumentRule` Protocol under mypy, so a ``check`` with the
wrong signature is a type error, not a crash at run time; tests/check/test_registry.py
fails when a module in this folder is not registered here.
"""

from __future__ import annotations

from reportgen.check.core import Rule, document_rule, text_rule
from reportgen.check.rules import (
    attachment_refs,
    dash,
    date_padding,
    doc_number_brackets,
    doc_number_incomplete,
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

_ALL: tuple[Rule, ...] = (
    document_rule(missing_work_part),
    document_rule(missing_part),
    document_rule(part_order),
    document_rule(level_skip),
    document_rule(level_inversion),
    document_rule(number_sequence),
    document_rule(mixed_numbering),
    text_rule(double_marker),
    document_rule(marker_form),
    document_rule(heading_style_mixed),
    text_rule(marker_space),
    document_rule(empty_heading),
    document_rule(duplicate_item),
    text_rule(placeholder),
    text_rule(doc_number_incomplete),
    document_rule(title_length),
    document_rule(heading_length),
    document_rule(lead_formula),
    text_rule(date_padding),
    text_rule(short_year),
    document_rule(mixed_date_style),
    text_rule(numeral_zero),
    text_rule(web_junk),
    document_rule(attachment_refs),
    document_rule(table_total),
    document_rule(period_mismatch),
    text_rule(half_width_punct),
    text_rule(unbalanced_brackets),
    text_rule(straight_quotes),
    text_rule(ellipsis),
    text_rule(dash),
    text_rule(doc_number_brackets),
    text_rule(full_width_alnum),
    text_rule(space_in_chinese),
    text_rule(invisible_character),
    text_rule(doubled_punct),
    text_rule(range_sign),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _ALL}
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in _ALL}


def find(code_or_name: str) -> Rule | None:
    """A rule by its code (T001, case-insensitive) or its name (half-width-punct)."""
    return RULES.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())
