"""Outline kinds (工作报告, 工作总结, 自查报告 …) and part roles, read from template data.

A kind is data, not code: the same file drives rendering (default headings, formulas)
and checking (required parts, order), so the two cannot disagree. Users add or override
kinds with ``--templates DIR`` (``DIR/kinds/NAME.yaml``), their folder first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from reportgen import codes
from reportgen.core.load import load_file
from reportgen.core.model import ROLES, ItemFamily, Role
from reportgen.core.reading import is_regular
from reportgen.errors import InputError
from reportgen.render.templating import builtin_dir, search_path

ROLE_ORDER = {role: i for i, role in enumerate(ROLES)}


class PartSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role = Field(..., description="部分的作用")
    heading: str = Field(..., description="默认标题")
    required: bool = Field(False, description="报告必须有这一部分")
    repeat: bool = Field(False, description="可以有多个这种部分（按专题写的工作部分）")


class KindSpec(BaseModel):
    """One outline kind, as written in ``templates/kinds/NAME.yaml``."""

    model_config = ConfigDict(extra="forbid")

    name: str = ""
    label: str = Field(..., description="文种名称，如“工作报告”")
    description: str = ""
    title: str = Field(..., description="标题公式（Jinja）")
    lead: str = Field(..., description="导语公式（Jinja），报告没写导语时使用")
    closing: str = Field("", description="结束语公式（Jinja），空表示没有")
    parts: list[PartSpec] = Field(..., min_length=1)
    numbering: ItemFamily = Field("（一）", description="条目的默认编号样式")
    run_in: bool = Field(True, description="小标题默认与正文同段")
    lead_formula: str = Field(
        r"(现将.{0,80}?(汇报|报告|总结|分析|说明|通报)如下|(汇报|报告|通报|说明)如下"
        r"|特作如下(汇报|报告|说明)|具体情况如下|主要(做法|情况|工作)(是|如下))[：:。]$",
        description="导语结尾套语的正则，check 用（现将……报告如下：、……通报如下。、主要做法是：……）",
    )
    problems_first: bool = Field(
        False,
        description="问题写在前面也是常见写法（自查报告）：check 不为部分顺序提醒（O003）",
    )
    lead_formula_usual: bool = Field(
        True,
        description="这一文种的导语通常以套语结尾；false（如工作总结）时 check 不提醒缺少套语（C006）",
    )


@dataclass(frozen=True)
class Kind:
    spec: KindSpec
    path: Path

    @property
    def name(self) -> str:
        return self.path.stem

    def default_heading(self, role: str) -> str:
        for part in self.spec.parts:
            if part.role == role:
                return part.heading
        return role_labels()[role]

    def required_roles(self) -> list[str]:
        return [p.role for p in self.spec.parts if p.required]


@dataclass(frozen=True)
class RoleInfo:
    label: str
    keywords: tuple[str, ...]
    weak: tuple[str, ...] = ()  # count only in a heading that names a part (see roles.yaml)


@cache
def _roles_from(path: Path) -> tuple[dict[str, RoleInfo], tuple[str, ...]]:
    loaded = load_file(path)
    if loaded.problems:
        raise InputError(loaded.problems)
    data = loaded.data or {}
    found = {
        role: RoleInfo(
            str(data[role]["label"]),
            tuple(str(k) for k in data[role]["keywords"]),
            tuple(str(k) for k in data[role].get("weak", ())),
        )
        for role in ROLES
    }
    return found, tuple(str(v) for v in data.get("vetoes", ()))


def roles() -> dict[str, RoleInfo]:
    return _roles_from(builtin_dir() / "roles.yaml")[0]


def _vetoes() -> tuple[str, ...]:
    return _roles_from(builtin_dir() / "roles.yaml")[1]


def is_theme(heading: str) -> bool:
    """A topical heading (坚持问题导向，推动整改落实) rather than a part's name (存在的问题):
    two clauses, or a word of ``vetoes`` in it. Weak keywords decide nothing in a theme."""
    text = heading.strip().rstrip("。；;，,")
    return bool(re.search("[，,；;]", text)) or any(v in text for v in _vetoes())


def role_labels() -> dict[str, str]:
    return {role: info.label for role, info in roles().items()}


def infer_roles(heading: str) -> list[str]:
    """The roles a heading names, earliest keyword first (存在的问题及整改措施 → problems, next-steps)."""
    found: dict[str, int] = {}
    theme = is_theme(heading)
    for role, info in roles().items():
        words = info.keywords if theme else info.keywords + info.weak
        positions = [heading.find(k) for k in words if k in heading]
        if positions:
            found[role] = min(positions)
    return sorted(found, key=lambda r: (found[r], ROLE_ORDER[r]))


def weak_only(heading: str) -> bool:
    """Whether only weak keywords (问题, 隐患, 打算 …) give ``heading`` its role."""
    info = roles()
    strong = any(k in heading for r in info.values() for k in r.keywords)
    return not strong and bool(infer_roles(heading))


def settle_roles(
    headings: list[str], found: list[str], kind: str = "", fixed: set[int] | None = None
) -> list[str]:
    """Part roles with position taken into account: a part whose problems / next-steps role
    rests on a weak keyword alone (加强问题学生帮扶, 安全隐患整治) and that a work part
    follows is a topical work part, not the problems. Not in kinds where problems come
    first (self-inspection: problems_first); ``fixed``: parts whose role is written."""
    loaded = load_kind(kind) if kind else None
    if loaded is not None and loaded.spec.problems_first:
        return list(found)
    out = list(found)
    for k, heading in enumerate(headings):
        if fixed and k in fixed:
            continue
        later_work = any(r == "work" for r in out[k + 1 :])
        if out[k] in ("problems", "next-steps") and later_work and weak_only(heading):
            out[k] = "work"
    return out


def infer_role(heading: str, default: Literal["work"] | None = "work") -> str | None:
    found = infer_roles(heading)
    return found[0] if found else default


def _load_kind(path: Path) -> Kind:
    loaded = load_file(path)
    if loaded.problems:
        raise InputError(loaded.problems)
    try:
        spec = KindSpec.model_validate(loaded.data)
    except ValidationError as exc:
        from reportgen.core.validate import translate_errors

        raise InputError(translate_errors(exc, loaded, KindSpec)) from None
    if spec.name and spec.name != path.stem:
        # The file name is what reports write as `kind:`; a different `name:` would mislead.
        raise InputError(
            [
                loaded.problem(
                    ("name",),
                    codes.INVALID_VALUE,
                    f"文种文件里的 name（{spec.name}）应与文件名（{path.stem}）一致：报告里写的 kind 是文件名。",
                )
            ]
        )
    return Kind(spec, path)


@cache  # per process: the folders are globbed once, not for every report of a batch
def kind_files(template_dirs: tuple[Path, ...] = ()) -> dict[str, Path]:
    """Kind name → file; a user's folder wins over the built-ins."""
    found: dict[str, Path] = {}
    for folder in reversed(search_path(template_dirs)):
        for path in sorted((folder / "kinds").glob("*.yaml")):
            if is_regular(path):  # a FIFO or device named *.yaml is no kind
                found[path.stem] = path
    return found


@cache
def _cached_kind(path: Path, mtime: float) -> Kind:
    return _load_kind(path)


def load_kind(name: str, template_dirs: tuple[Path, ...] = ()) -> Kind | None:
    """A kind by its id (``summary``) or its Chinese name (``工作总结``, the kind's label)."""
    path = kind_files(template_dirs).get(name)
    if path is None:
        wanted = "".join(name.split())
        return next((k for k in all_kinds(template_dirs) if k.spec.label == wanted), None)
    return _cached_kind(path, path.stat().st_mtime)


def kind_choices(template_dirs: tuple[Path, ...] = ()) -> str:
    """Every kind for a message: ``work-report（工作报告）、summary（工作总结）…``."""
    return "、".join(f"{k.name}（{k.spec.label}）" for k in all_kinds(template_dirs))


def all_kinds(template_dirs: tuple[Path, ...] = ()) -> list[Kind]:
    return [_cached_kind(p, p.stat().st_mtime) for p in kind_files(template_dirs).values()]
