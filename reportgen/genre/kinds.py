"""Outline kinds (``templates/kinds/NAME.yaml``): one file owns everything about its genre —
its names and title words, its parts with roles and default headings, its numbering and
its lead and closing formulas with the words that recognise them.

A kind is data, not code: the same file drives rendering (default headings, formulas) and
checking and import (required parts, order, which title names it), so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from reportgen.core.numbering import LEVEL_OF, Family, ItemFamily, Ladder
from reportgen.errors import InputError
from reportgen.genre.files import GENRE_CONFLICT, KIND_FILE, Regex, load_model
from reportgen.genre.roles import RoleTable
from reportgen.problem import Problem


def _numbering_shape(value: Any) -> Any:
    """One family or a list of them; what each may be is checked with its position."""
    if isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    ):
        return value
    raise PydanticCustomError(
        "kind-numbering",
        "numbering 写一种编号样式（条目一级，如“（一）”），或按层级写一个列表"
        "（如 [一、, （一）, 1., （1）]）",
    )


Numbering = Annotated[str | list[str], BeforeValidator(_numbering_shape)]


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
    numbering: Numbering = Field(
        "（一）",
        description="编号样式：一个值是条目（第 2 级）的，列表是从“一、”起每一级的",
    )
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

    @property
    def ladder(self) -> Ladder:
        """The numbering family of each level (``numbering``, validated by load_kind_file)."""
        return Ladder.of(self.numbering)


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

    @property
    def title_endings(self) -> list[str]:
        """``title_endings``, else the title formula's own ending (……{{ topic }}的调研报告 →
        的调研报告): an import strips it from a title to find the topic."""
        if self.spec.title_endings:
            return self.spec.title_endings
        tail = self.spec.title.rsplit("}}", 1)[-1].strip() if "}}" in self.spec.title else ""
        return [tail] if tail else []

    def required_roles(self) -> list[str]:
        return [p.role for p in self.spec.parts if p.required]


_FAMILIES = " ".join(f.value for f in Family)
_ORDER = "层次序数由高到低是 一、（一）1.（1），只能向下用，最多跳过一级（如一、之下直接用 1.）"


def _numbering(value: str | list[str]) -> list[tuple[tuple[str | int, ...], str]]:
    """(field path, message) of every problem of a kind's ``numbering``: an unknown family,
    levels out of order, more than four levels, 一是 anywhere but at the bottom."""
    if isinstance(value, str):
        if value in get_args(ItemFamily):
            return []
        why = "“一、”是部分的编号；" if value == Family.CHAPTER.value else ""
        return [
            (
                ("numbering",),
                f"“{value}”不是条目的编号样式：{why}一个值写条目（第 2 级）的样式，可选 "
                f"（一）、1.、（1）、一是；要写每一级时写成列表，如 [一、, （一）, 1., （1）]。",
            )
        ]
    known = {f.value for f in Family}
    wrong = [(("numbering", i), v) for i, v in enumerate(value) if v not in known]
    if wrong:
        return [(at, f"“{v}”不是编号样式：可选 {_FAMILIES}。") for at, v in wrong]
    families = [Family(v) for v in value]
    if len(families) < 2 or families[0] is not Family.CHAPTER:
        return [
            (
                ("numbering", 0) if families else ("numbering",),
                "按层级写的编号从第 1 级（部分，“一、”）写起，至少写到条目一级，"
                "如 [一、, （一）, 1., （1）]；只写条目的样式时写一个值，如 numbering: （一）。",
            )
        ]
    if len(families) > len(LEVEL_OF):
        return [(("numbering", len(LEVEL_OF)), "编号最多四级（一、（一）1.（1））。")]
    for i in range(1, len(families)):
        above, here = families[i - 1], families[i]
        if here is Family.INLINE and i == len(families) - 1:
            continue  # 一是 items: paragraphs at the bottom, below any heading level
        if here is Family.INLINE:
            return [(("numbering", i), "“一是”的条目是一段话，其下不能再分级：只能写在最后一级。")]
        if LEVEL_OF[here] <= LEVEL_OF[above]:
            return [(("numbering", i), f"“{here.value}”不能写在“{above.value}”之下：{_ORDER}。")]
        if LEVEL_OF[here] - LEVEL_OF[above] > 2:
            return [
                (
                    ("numbering", i),
                    f"“{here.value}”直接写在“{above.value}”之下跳过了两级：{_ORDER}。",
                )
            ]
    return []


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
    problems += [
        loaded.problem(at, KIND_FILE, message) for at, message in _numbering(spec.numbering)
    ]
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
