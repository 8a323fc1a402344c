"""Part roles (``templates/roles.yaml``): a validated table of :class:`RoleSpec`, and how a
heading's words give its roles.

Roles are data: a user's ``DIR/roles.yaml`` adds a role, or replaces a built-in one by its
id, and every command (render, check, import, the roll-up) sees the same table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from reportgen.core.load import Loaded
from reportgen.errors import InputError
from reportgen.genre.files import ROLE_FILE, Regex, load_model
from reportgen.problem import Problem

ROLE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class RoleEntry(BaseModel):
    """One role as written in roles.yaml."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    label: str = Field(..., min_length=1, description="中文名称，也是默认的部分标题")
    short: str = Field("", description="简称，用在提示里；省略时同 label")
    order: int = Field(..., description="惯常顺序，数字小的写在前面")
    keywords: list[str] = Field(default_factory=list, description="单独出现就能决定作用的词")
    weak: list[str] = Field(default_factory=list, description="只在名词式标题里算数的词")
    vetoes: list[str] = Field(default_factory=list, description="让本作用的 weak 词失效的词")
    holds_work: bool = Field(False, description="这一作用的部分写的是工作（O001）")
    rollup: bool = Field(False, description="批量汇总是否收集这一作用的部分")
    column: str = Field("", description="汇总统计表的列名；省略时同 label")
    in_closing: Regex = Field("", description="写在结束语里也算有这一作用（正则）")
    in_text: Regex = Field("", description="写在正文里也算有这一作用（正则）")


class RolesFile(BaseModel):
    """roles.yaml: the roles by id, and the veto words every role shares."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    roles: dict[str, RoleEntry] = Field(default_factory=dict)
    vetoes: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class RoleSpec:
    """One part role: what it is called, the words that recognise it, where it goes."""

    id: str
    label: str
    short: str
    order: int
    keywords: tuple[str, ...]
    weak: tuple[str, ...] = ()  # count only in a heading that names a part (see roles.yaml)
    vetoes: tuple[str, ...] = ()  # the shared vetoes and the role's own
    holds_work: bool = False
    rollup: bool = False
    column: str = ""
    in_closing: re.Pattern[str] | None = None
    in_text: re.Pattern[str] | None = None


@dataclass(frozen=True, eq=False)  # compared by identity: one per genre
class RoleTable:
    """Every role, in canonical order, with the vetoes all roles share."""

    roles: dict[str, RoleSpec]
    vetoes: tuple[str, ...]

    @cached_property
    def order(self) -> dict[str, int]:
        return {role: i for i, role in enumerate(self.roles)}

    def is_theme(self, heading: str) -> bool:
        """A topical heading (坚持问题导向，推动整改落实) rather than a part's name: two
        clauses, or a shared veto word in it. Weak keywords decide nothing in a theme."""
        text = heading.strip().rstrip("。；;，,")
        return bool(re.search("[，,；;]", text)) or any(v in text for v in self.vetoes)

    def infer(self, heading: str) -> list[str]:
        """The roles a heading names, earliest keyword first."""
        found: dict[str, int] = {}
        clauses = bool(re.search("[，,；;]", heading.strip().rstrip("。；;，,")))
        for role, spec in self.roles.items():
            weak = () if clauses or any(v in heading for v in spec.vetoes) else spec.weak
            positions = [heading.find(k) for k in (*spec.keywords, *weak) if k in heading]
            if positions:
                found[role] = min(positions)
        order = self.order
        return sorted(found, key=lambda r: (found[r], order[r]))

    def weak_only(self, heading: str) -> bool:
        """Whether only weak keywords (问题, 隐患, 打算 …) give ``heading`` its role."""
        strong = any(k in heading for r in self.roles.values() for k in r.keywords)
        return not strong and bool(self.infer(heading))


def _spec(role: str, entry: RoleEntry, shared: tuple[str, ...]) -> RoleSpec:
    return RoleSpec(
        id=role,
        label=entry.label,
        short=entry.short or entry.label,
        order=entry.order,
        keywords=tuple(entry.keywords),
        weak=tuple(entry.weak),
        vetoes=(*shared, *entry.vetoes),
        holds_work=entry.holds_work,
        rollup=entry.rollup,
        column=entry.column or entry.label,
        in_closing=re.compile(entry.in_closing) if entry.in_closing else None,
        in_text=re.compile(entry.in_text) if entry.in_text else None,
    )


def _bad_ids(parsed: RolesFile, loaded: Loaded) -> list[Problem]:
    return [
        loaded.problem(
            ("roles", role),
            ROLE_FILE,
            f"作用的 id“{role}”不合适：只用小写英文字母、数字和连字符（如 next-steps），以字母开头。",
            key=True,
        )
        for role in parsed.roles
        if not ROLE_ID.match(role)
    ]


def load_roles(files: list[Path]) -> RoleTable:
    """The role table from ``files`` (built-in first): a later file adds roles or replaces
    one by id, and adds its shared vetoes. InputError (I030) for a malformed file."""
    entries: dict[str, tuple[RoleEntry, int]] = {}
    vetoes: list[str] = []
    problems: list[Problem] = []
    for path in files:
        parsed, loaded = load_model(path, RolesFile, ROLE_FILE)
        problems += _bad_ids(parsed, loaded)
        for role, entry in parsed.roles.items():
            entries[role] = (entry, len(entries))
        vetoes += [v for v in parsed.vetoes if v not in vetoes]
    if problems:
        raise InputError(problems)
    shared = tuple(vetoes)
    ordered = sorted(entries.items(), key=lambda kv: (kv[1][0].order, kv[1][1]))
    return RoleTable({role: _spec(role, e, shared) for role, (e, _) in ordered}, shared)
