"""Outline kinds (``templates/kinds/NAME.yaml``): one file owns everything about its genre —
its names and title words, its parts with roles and default headings, its numbering and
its lead and closing formulas with the words that recognise them.

A kind is data, not code: the same file drives rendering (default headings, formulas) and
checking and import (required parts, order, which title names it), so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from reportgen.errors import InputError
from reportgen.genre.files import GENRE_CONFLICT, KIND_FILE, Regex, load_model
from reportgen.genre.roles import RoleTable
from reportgen.problem import Problem

# The item families (as in core.model.ItemFamily; kept here so the genre loads without the
# report model).
ItemFamily = Literal["（一）", "1.", "（1）", "一是"]


class PartSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    role: str = Field(..., description="部分的作用（roles.yaml 里的 id）")
    heading: str = Field(..., description="默认标题")
    required: bool = Field(False, description="报告必须有这一部分")
    repeat: bool = Field(False, description="可以有多个这种部分（按专题写的工作部分）")


class KindSpec(BaseModel):
    """One outline kind, as written in ``templates/kinds/NAME.yaml``."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    name: str = ""
    label: str = Field(..., description="文种名称（中文）")
    aliases: list[str] = Field(default_factory=list, description="kind: 也可以写的其他中文名称")
    description: str = ""
    title: str = Field(..., description="标题公式（Jinja）")
    lead: str = Field(..., description="导语公式（Jinja），报告没写导语时使用")
    closing: str = Field("", description="结束语公式（Jinja），空表示没有")
    parts: list[PartSpec] = Field(..., min_length=1)
    numbering: ItemFamily = Field("（一）", description="条目的默认编号样式")
    run_in: bool = Field(True, description="小标题默认与正文同段")
    title_words: list[str] = Field(
        default_factory=list, description="标题里出现这些词，就是这一文种（check、import 用）"
    )
    priority: int = Field(0, description="几个文种的标题词都出现时，priority 大的优先")
    title_endings: list[str] = Field(
        default_factory=list, description="标题的结尾；导入时去掉它得到主题"
    )
    closing_words: list[str] = Field(
        default_factory=list, description="结束套语：以它们开头的末段是结束语"
    )
    lead_formula: Regex = Field(
        "",
        description="导语结尾套语的正则，check 用；省略时用 words.yaml 的 lead_formula",
    )
    problems_first: bool = Field(
        False,
        description="问题写在前面也是常见写法：check 不为部分顺序提醒（O003）",
    )
    lead_formula_usual: bool = Field(
        True,
        description="这一文种的导语通常以套语结尾；false 时 check 不提醒缺少套语（C006）",
    )


@dataclass(frozen=True)
class Kind:
    spec: KindSpec
    path: Path
    role_labels: tuple[tuple[str, str], ...] = ()  # (role, label) of the genre it was loaded in

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def names(self) -> tuple[str, ...]:
        """Every name ``kind:`` may use: the id, the label, the aliases."""
        return (self.name, self.spec.label, *self.spec.aliases)

    def default_heading(self, role: str) -> str:
        for part in self.spec.parts:
            if part.role == role:
                return part.heading
        return dict(self.role_labels).get(role, role)

    def required_roles(self) -> list[str]:
        return [p.role for p in self.spec.parts if p.required]


def load_kind_file(path: Path, roles: RoleTable) -> Kind:
    """A kind file, validated: InputError with I029 for a malformed file, I031 for a part
    whose role ``roles`` does not have (or a ``name`` other than the file's)."""
    spec, loaded = load_model(path, KindSpec, KIND_FILE)
    problems: list[Problem] = []
    if spec.name and spec.name != path.stem:
        # The file name is what reports write as `kind:`; a different `name:` would mislead.
        problems.append(
            loaded.problem(
                ("name",),
                KIND_FILE,
                f"文种文件里的 name（{spec.name}）应与文件名（{path.stem}）一致：报告里写的 kind 是文件名。",
            )
        )
    for i, part in enumerate(spec.parts):
        if part.role not in roles.roles:
            problems.append(
                loaded.problem(
                    ("parts", i, "role"),
                    GENRE_CONFLICT,
                    f"没有名为“{part.role}”的作用（role）：可用的有 {'、'.join(roles.roles)}；"
                    "新的作用请写进同一模板目录的 roles.yaml。",
                )
            )
    if problems:
        raise InputError(problems)
    labels = tuple((r, s.label) for r, s in roles.roles.items())
    return Kind(spec, path, labels)
