"""The outline rules of the genre, over the document model: which parts a report of a kind
must have, in which order, and which may not repeat.

One implementation for every front: `render`/`validate` run it on the document built from a
report YAML, `check` on the document read back from a finished Markdown or DOCX file. What
differs between the two is only how a finding is reported (code, level, position), which
:mod:`reportgen.outline.report` decides from the source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING

from reportgen.core.blocks import Block, BlockKind, Document

if TYPE_CHECKING:
    from reportgen.genre.registry import Kind
    from reportgen.genre.roles import RoleTable


class OutlineRule(str, Enum):
    MISSING_WORK_PART = "missing-work-part"  # no part holds the work
    MISSING_PART = "missing-part"  # a part the kind requires is absent
    PART_ORDER = "part-order"  # a part comes before one it usually follows
    REPEATED_PART = "repeated-part"  # a part of one role (not work) appears twice


@dataclass(frozen=True)
class OutlineFinding:
    rule: OutlineRule
    role: str  # the role missing, out of order or repeated
    block: Block  # the part heading it is about (for a missing part: the last part)
    whole: bool = False  # about the list of parts as a whole (a part is missing), not one part


_PROSE = (BlockKind.LEAD, BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.CLOSING)


def parts(document: Document) -> list[Block]:
    """The part headings (一、二、三、), in order."""
    return [b for b in document.blocks if b.kind is BlockKind.HEADING and b.level == 1]


def _named(heading: str) -> tuple[tuple[str, ...], bool]:
    """The roles ``heading`` names, and whether only weak keywords name them."""
    from reportgen.genre.registry import current

    return _named_in(heading, current().roles)


@lru_cache(maxsize=4096)  # a batch's reports share their headings (and their genre)
def _named_in(heading: str, table: RoleTable) -> tuple[tuple[str, ...], bool]:
    named = tuple(table.infer(heading))
    return named, bool(named) and table.weak_only(heading)


def covered_roles(block: Block) -> list[str]:
    """The roles a part stands for: its own, and the other roles its heading names
    (存在的问题及整改措施 is problems and next-steps) unless the heading is a theme whose
    weak words decided nothing (加强问题学生帮扶 settled as work)."""
    named, weak = _named(block.text or block.body)
    if block.role in named or (named and not weak):
        return list(dict.fromkeys([block.role, *named]))
    return [block.role]


def _present_elsewhere(role: str, document: Document) -> bool:
    """A required part whose content the report gives without a part of its own: next
    steps in the closing (今后，…), problems in the lead or another part (存在以下问题：…),
    as the role's ``in_closing`` / ``in_text`` in roles.yaml say."""
    from reportgen.genre.registry import roles

    spec = roles().get(role)
    if spec is None:
        return False
    if spec.in_closing:
        closing = "".join(b.text for b in document.blocks if b.kind is BlockKind.CLOSING)
        if spec.in_closing.search(closing):
            return True
    if spec.in_text:
        text = "".join(b.full_text for b in document.blocks if b.kind in _PROSE)
        if spec.in_text.search(text):
            return True
    return False


def work_bearing() -> set[str]:
    """The roles whose parts can hold a report's work (roles.yaml ``holds_work``): an umbrella
    first part (总体情况 / 工作成绩 / 成效及亮点) is a well-formed report's only work part."""
    from reportgen.genre.registry import roles

    return {role for role, spec in roles().items() if spec.holds_work}


def missing_parts(document: Document, kind: Kind) -> list[OutlineFinding]:
    """The kind's required parts that are absent. A report without part headings (prose
    with inline 一是…四是) has no parts to miss."""
    heads = parts(document)
    if not heads:
        return []
    from reportgen.genre.registry import default_role, roles

    found = {role for b in heads for role in covered_roles(b)}
    no_work = not found & work_bearing()
    out: list[OutlineFinding] = []
    for role in kind.required_roles():
        spec = roles().get(role)
        holds_work = role == default_role() or (spec is not None and spec.holds_work)
        if holds_work and no_work:
            # No part holds any work: the report lacks its substance, whatever the kind
            # calls its work part (工作情况, a 述职报告's 履职情况). Said once.
            if not any(f.rule is OutlineRule.MISSING_WORK_PART for f in out):
                out.append(OutlineFinding(OutlineRule.MISSING_WORK_PART, role, heads[0], True))
        elif role == default_role():
            continue  # the work: any part that holds work will do
        elif role not in found and not _present_elsewhere(role, document):
            out.append(OutlineFinding(OutlineRule.MISSING_PART, role, heads[-1], True))
    return out


def part_order(document: Document, kind: Kind) -> list[OutlineFinding]:
    """Parts out of the usual order (overview → work → results → experience → problems →
    next steps); none where the kind puts problems first (self-inspection)."""
    from reportgen.genre.registry import ROLE_ORDER, default_role

    if kind.spec.problems_first:
        return []
    out = []
    last = -1
    for block in parts(document):
        order = ROLE_ORDER.get(block.role, ROLE_ORDER[default_role()])
        if order < last:
            out.append(OutlineFinding(OutlineRule.PART_ORDER, block.role, block))
        last = max(last, order)
    return out


def repeated_parts(document: Document, kind: Kind) -> list[OutlineFinding]:
    """A role in more than one part, unless the kind lets it repeat or the role does (roles.yaml
    ``repeat``: the work)."""
    from reportgen.genre.registry import roles

    repeatable = {p.role for p in kind.spec.parts if p.repeat}
    repeatable |= {role for role, spec in roles().items() if spec.repeat}
    seen: set[str] = set()
    out = []
    for block in parts(document):
        if block.role in seen and block.role not in repeatable:
            out.append(OutlineFinding(OutlineRule.REPEATED_PART, block.role, block))
        seen.add(block.role)
    return out


def outline_findings(
    document: Document, kind: Kind, rules: Sequence[OutlineRule] = tuple(OutlineRule)
) -> list[OutlineFinding]:
    """Every finding of the outline ``rules`` in ``document``, a report of ``kind``."""
    out: list[OutlineFinding] = []
    if OutlineRule.MISSING_WORK_PART in rules or OutlineRule.MISSING_PART in rules:
        out += [f for f in missing_parts(document, kind) if f.rule in rules]
    if OutlineRule.PART_ORDER in rules:
        out += part_order(document, kind)
    if OutlineRule.REPEATED_PART in rules:
        out += repeated_parts(document, kind)
    return out
