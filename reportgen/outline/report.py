"""How an outline finding is reported: the code, level, message and position come from the
source, not from the rule.

A report YAML is a source where the tool builds the outline, so a missing part is an error
(I016) and the finding points at the YAML node to edit (``parts:``, or the part); a finished
report is someone's own outline, so the same finding is a `check` warning (O002) at the part
heading in the file. The rules themselves are in :mod:`reportgen.outline.rules`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reportgen import codes
from reportgen.core.blocks import Block, Document
from reportgen.outline.rules import OutlineFinding, OutlineRule, outline_findings
from reportgen.problem import Level, Problem

if TYPE_CHECKING:
    from reportgen.core.load import Loaded
    from reportgen.genre.registry import Kind

# rule → (code, level) for a report YAML; the check rule modules carry the finished codes
# (O001 missing-work-part, O002 missing-part, O003 part-order).
YAML_CODES: dict[OutlineRule, tuple[codes.Code, Level]] = {
    OutlineRule.MISSING_WORK_PART: (codes.MISSING_PART, Level.ERROR),
    OutlineRule.MISSING_PART: (codes.MISSING_PART, Level.ERROR),
    OutlineRule.PART_ORDER: (codes.PART_ORDER, Level.WARNING),
    OutlineRule.REPEATED_PART: (codes.REPEATED_PART, Level.WARNING),
}

_PART = re.compile(r"parts\[(\d+)\]")


def yaml_message(finding: OutlineFinding, kind: Kind) -> str:
    """The message for a report YAML: says which ``role:`` to write."""
    from reportgen.genre.registry import role_labels, role_order_text

    role = finding.role
    if finding.rule in (OutlineRule.MISSING_PART, OutlineRule.MISSING_WORK_PART):
        heading = kind.default_heading(role)
        return f"{kind.spec.label}应有“{heading}”部分（role: {role}），这里没有。"
    label = role_labels().get(role, role)
    if finding.rule is OutlineRule.PART_ORDER:
        return f"“{label}”通常写在前面的部分之前（顺序：{role_order_text()}）。"
    return f"“{label}”（{role}）出现了不止一次；是否应合并？"


def finished_message(finding: OutlineFinding, kind: Kind) -> str:
    """The message for a finished report (`check` of Markdown or DOCX)."""
    from reportgen.genre.registry import default_role, role_labels, role_order_text

    if finding.rule is OutlineRule.MISSING_WORK_PART:
        # The kind's own work part (a 述职报告's 履职情况) by its heading.
        role = finding.role
        work = role_labels()[role] if role == default_role() else kind.default_heading(role)
        return f"没有写{work}的部分：各部分都是问题或打算，缺少“{work}”。"
    if finding.rule is OutlineRule.MISSING_PART:
        heading = kind.default_heading(finding.role)
        return f"{kind.spec.label}通常应有“{heading}”部分，这里没有找到。"
    label = role_labels().get(finding.role, finding.role)
    if finding.rule is OutlineRule.PART_ORDER:
        return f"“{label}”部分通常写在前面的部分之前（顺序：{role_order_text()}）。"
    return f"“{label}”部分出现了不止一次；是否应合并？"


def yaml_problems(document: Document, kind: Kind, loaded: Loaded) -> list[Problem]:
    """The outline findings of a document built from a report YAML, as validation problems:
    a missing part at the ``parts:`` key, any other finding at its part's node."""
    problems = []
    for finding in outline_findings(document, kind):
        code, level = YAML_CODES[finding.rule]
        message = yaml_message(finding, kind)
        if finding.whole:
            problems.append(loaded.problem(("parts",), code, message, key=True, level=level))
            continue
        found = _PART.match(finding.block.origin.path)
        path: tuple[str | int, ...] = ("parts", int(found.group(1))) if found else ("parts",)
        problems.append(loaded.problem(path, code, message, level=level))
    return problems


def finished_findings(
    document: Document, kind: Kind, rule: OutlineRule
) -> Iterator[tuple[Block, str]]:
    """(block, message) for each finding of ``rule`` in a finished report."""
    for finding in outline_findings(document, kind, (rule,)):
        yield finding.block, finished_message(finding, kind)
