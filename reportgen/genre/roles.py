"""Part roles (``templates/roles.yaml``): a validated table of :class:`RoleSpec`, and how a
heading's words give its roles.

Roles are data: a user's ``DIR/roles.yaml`` adds a role, or replaces a built-in one by its
id, and every command (render, check, import, the roll-up) sees the same table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
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
    default: bool = Field(False, description="默认的作用：标题说不出作用的部分（按专题写的工作）")
    repeat: bool = Field(False, description="任何文种里都可以有多个这种部分")
    umbrella: bool = Field(
        False, description="总括部分：没有默认作用的部分时，第一部分是它就承载工作"
    )
    weak_yields: bool = Field(
        False, description="只靠 weak 词得到本作用、其后还有默认作用的部分时，算按专题写的工作"
    )
    rollup_opening: bool = Field(False, description="批量汇总草稿的第一部分汇集这一作用")
    rollup_named: bool = Field(False, description="汇总统计表也计入标题里同时提到本作用的其他部分")


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
    default: bool = False  # the role of a part whose heading names none (exactly one)
    repeat: bool = False  # may have several parts in any kind
    umbrella: bool = False  # a first part of this role may stand for the whole work
    weak_yields: bool = False  # named by weak words only, before a default part: a theme
    rollup_opening: bool = False  # the roll-up opens with a part of this role
    rollup_named: bool = False  # the roll-up also counts parts whose heading names it


@dataclass(frozen=True, eq=False)  # compared by identity: one per genre
class RoleTable:
    """Every role, in canonical order, with the vetoes all roles share."""

    roles: dict[str, RoleSpec]
    vetoes: tuple[str, ...]
    # The kinds' own part headings (对策建议 → next-steps) that no keyword gives that role:
    # a report rendered from a user's kind is read back with the roles it was written with.
    headings: dict[str, str] = field(default_factory=dict)

    @cached_property
    def order(self) -> dict[str, int]:
        return {role: i for i, role in enumerate(self.roles)}

    def is_theme(self, heading: str) -> bool:
        """A topical heading (坚持问题导向，推动整改落实) rather than a part's name: two
        clauses, or a shared veto word in it. Weak keywords decide nothing in a theme."""
        text = heading.strip().rstrip("。；;，,")
        return bool(re.search("[，,；;]", text)) or any(v in text for v in self.vetoes)

    def infer(self, heading: str) -> list[str]:
        """The roles a heading names, earliest keyword first; a kind's own part heading
        names its part's role first."""
        own = self.headings.get(heading.strip().rstrip("。：:"))
        if own is not None:
            return [own, *(r for r in self._by_keywords(heading) if r != own)]
        return self._by_keywords(heading)

    def _by_keywords(self, heading: str) -> list[str]:
        found: dict[str, int] = {}
        clauses = bool(re.search("[，,；;]", heading.strip().rstrip("。；;，,")))
        for role, spec in self.roles.items():
            weak = () if clauses or any(v in heading for v in spec.vetoes) else spec.weak
            positions = [heading.find(k) for k in (*spec.keywords, *weak) if k in heading]
            if positions:
                found[role] = min(positions)
        order = self.order
        return sorted(found, key=lambda r: (found[r], order[r]))

    @cached_property
    def default(self) -> str:
        """The role of a part whose heading names none (roles.yaml ``default``)."""
        return next(role for role, spec in self.roles.items() if spec.default)

    @cached_property
    def rollup_opening(self) -> str:
        """The role the roll-up's first part gathers ("" when no role says ``rollup_opening``)."""
        return next((role for role, spec in self.roles.items() if spec.rollup_opening), "")

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
        default=entry.default,
        repeat=entry.repeat,
        umbrella=entry.umbrella,
        weak_yields=entry.weak_yields,
        rollup_opening=entry.rollup_opening,
        rollup_named=entry.rollup_named,
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


def _flag_problems(parsed: RolesFile, loaded: Loaded) -> list[Problem]:
    """Flags that contradict each other or are given twice in one file."""
    problems = []
    for flag in ("default", "rollup_opening"):
        flagged = [role for role, e in parsed.roles.items() if getattr(e, flag)]
        problems += [
            loaded.problem(
                ("roles", role, flag),
                ROLE_FILE,
                f"{flag}: true 只能写在一个作用上，这里已有“{flagged[0]}”。",
                key=True,
            )
            for role in flagged[1:]
        ]
    for role, e in parsed.roles.items():
        for flag, wrong, why in (
            ("default", not e.holds_work, "默认的作用写的是工作，要同时写 holds_work: true"),
            ("umbrella", not e.holds_work, "总括部分承载工作，要同时写 holds_work: true"),
            ("rollup_opening", e.rollup, "汇总的第一部分已经汇集这一作用，不能再写 rollup: true"),
        ):
            if getattr(e, flag) and wrong:
                problems.append(
                    loaded.problem(("roles", role, flag), ROLE_FILE, f"{why}。", key=True)
                )
    return problems


def _single(entries: dict[str, tuple[RoleEntry, int, int]], flag: str) -> str:
    """The role that keeps a flag only one role may have: the one of the latest file."""
    flagged = [(n, role) for role, (e, _, n) in entries.items() if getattr(e, flag)]
    return max(flagged)[1] if flagged else ""


def load_roles(files: list[Path]) -> RoleTable:
    """The role table from ``files`` (built-in first): a later file adds roles or replaces
    one by id, and adds its shared vetoes; a later file's ``default`` (``rollup_opening``)
    role takes the flag from an earlier file's. InputError (I030) for a malformed file."""
    entries: dict[str, tuple[RoleEntry, int, int]] = {}  # entry, place, file
    vetoes: list[str] = []
    problems: list[Problem] = []
    last: Loaded | None = None
    for n, path in enumerate(files):
        parsed, last = load_model(path, RolesFile, ROLE_FILE)
        problems += _bad_ids(parsed, last) + _flag_problems(parsed, last)
        for role, entry in parsed.roles.items():
            entries[role] = (entry, len(entries), n)
        vetoes += [v for v in parsed.vetoes if v not in vetoes]
    default, opening = _single(entries, "default"), _single(entries, "rollup_opening")
    if not default and last is not None and not problems:
        problems.append(
            last.problem(
                ("roles",),
                ROLE_FILE,
                "没有默认的作用：请在一个作用上写 default: true（标题说不出作用的部分用它）。",
                key=True,
            )
        )
    if problems:
        raise InputError(problems)
    shared = tuple(vetoes)
    ordered = sorted(entries.items(), key=lambda kv: (kv[1][0].order, kv[1][1]))
    specs = {
        role: replace(
            _spec(role, e, shared), default=role == default, rollup_opening=role == opening
        )
        for role, (e, _, _) in ordered
    }
    return RoleTable(specs, shared)
