"""The report as a user writes it: every field, documented in place.

The descriptions are written for the clerk who types the YAML: they become the JSON
Schema (`reportgen schema`) that editors show while typing. Numbers are never written
by the user: they come from the order of parts and items.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

from reportgen.core.numbering import ItemFamily
from reportgen.core.style import StyleProfile
from reportgen.tables.model import Table, TableEntry, Text, nonempty


def _known_role(value: str) -> str:
    """A part's role must be one of the genre's (templates/roles.yaml and the user's)."""
    from reportgen.genre.registry import role_ids

    ids = role_ids()
    if value not in ids:
        expected = ", ".join(f"'{r}'" for r in ids[:-1]) + f" or '{ids[-1]}'"
        raise PydanticCustomError(
            "literal_error", "Input should be {expected}", {"expected": expected}
        )
    return value


# A role id; which ids exist is data (the genre registry), checked when a report is validated.
Role = Annotated[str, AfterValidator(_known_role)]

_CN_DATE = re.compile(
    r"^[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$"
)
_DATE = re.compile(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$")


def normalize_date(value: str) -> str:
    """``2024-10-08`` / ``2024/10/8`` / ``2024年10月08日`` → ``2024年10月8日`` (GB/T 9704 form)."""
    value = value.strip()
    if _CN_DATE.match(value):
        return value
    m = _DATE.match(value)
    if not m:
        raise PydanticCustomError(
            "invalid-date",
            "日期“{value}”看不懂；请写成 2024年10月8日 或 2024-10-08。",
            {"value": value},
        )
    year, month, day = (int(g) for g in m.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        raise PydanticCustomError(
            "invalid-date",
            "日期“{value}”不存在（{year}年没有{month}月{day}日）。",
            {"value": value, "year": year, "month": month, "day": day},
        ) from None
    return f"{year}年{month}月{day}日"


def iso_date(shown: str) -> str:
    """``2024年10月8日`` → ``2024-10-08``; "" for a date written in Chinese numerals."""
    m = _DATE.match(shown)
    if not m:
        return ""
    year, month, day = (int(g) for g in m.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _entry_kind(value: Any) -> str:
    if isinstance(value, str):
        return "text"
    if isinstance(value, TableEntry) or (isinstance(value, dict) and set(value) == {"table"}):
        return "table"  # `- table: …` alone is an unnumbered table among the entries
    return "item"


class Item(_Strict):
    """A numbered item: （一） in a part, 1. under a （一）, and so on."""

    heading: Text | None = Field(
        None,
        description="小标题，不写编号（编号按顺序自动生成）。与正文同段时写成一句话，如“抓队伍，强化组织领导”，"
        "句末“。”可省略。",
        examples=["抓队伍，强化组织领导"],
    )
    text: Text | None = Field(
        None,
        description="正文。与小标题同段（默认）时紧接在小标题之后；用“|”写多行时每行是一段。",
    )
    points: list[Text] | None = Field(
        None,
        description="分条列举的要点，按顺序生成“一是……；二是……；三是……。”，写在正文之后、同一段内。"
        "每条不写“一是”，句末标点可省略。",
    )
    table: Table | None = Field(
        None, description="表格，写在本条正文（和要点）之后、下一级条目之前。"
    )
    items: list[Entry] | None = Field(
        None,
        description="下一级条目：（一）之下是 1.，1. 之下是（1）（文种的 numbering 可以另定）。"
        "写法与本级条目相同。",
    )

    @model_validator(mode="after")
    def _has_content(self) -> Item:
        if not (self.heading or self.text or self.points or self.items or self.table):
            raise PydanticCustomError(
                "empty-item",
                "这个条目是空的：至少要写 heading（小标题）、text（正文）或 points（要点）之一。",
            )
        return self


Entry = Annotated[
    Annotated[str, AfterValidator(nonempty), Tag("text")]
    | Annotated[Item, Tag("item")]
    | Annotated[TableEntry, Tag("table")],
    Discriminator(_entry_kind),
]
Item.model_rebuild()  # resolve the forward reference to Entry (items within items)


class Part(_Strict):
    """A top-level part, numbered 一、二、三、 in order."""

    heading: Text | None = Field(
        None,
        description="部分标题，不写“一、”。省略时按 role 用文种的默认标题。"
        "按专题写的部分，每个专题写自己的标题，如“强化组织领导，压实工作责任”。",
    )
    role: Role | None = Field(
        None,
        description="这一部分的作用（templates/roles.yaml 里的 id，自定义模板目录可以增加）。"
        "省略时从标题里的关键词判断，判断不出的算作 work。",
    )
    numbering: ItemFamily | None = Field(
        None,
        description="本部分条目的编号样式：“（一）”（默认，文种的 numbering 可以另定）、“1.”、“（1）”"
        "或“一是”（每条一段，以一是、二是开头）。",
    )
    run_in: bool | None = Field(
        None,
        description="小标题与正文同段（true，默认：小标题后加“。”接正文），"
        "或小标题单独成行（false：不加标点，正文另起一段）。",
    )
    intro: Text | None = Field(
        None, description="部分开头的一段话，写在条目之前，如“主要存在以下几点：”。"
    )
    points: list[Text] | None = Field(
        None,
        description="部分开头那段话里的要点，生成“一是……；二是……。”。适合篇幅短的部分。",
    )
    items: list[Entry] = Field(
        default_factory=list,
        description="条目。写一段文字是不编号的段落；写 heading/text 等字段是编号条目；"
        "只写 table 是一张不编号的表格。",
    )
    group: Text | None = Field(
        None,
        description="从这一部分起开始一个新的板块（“一、”之上的一级），写板块标题，不写“第一部分”："
        "生成“第一部分　2024年主要成绩”这样的一行，其下的部分重新从“一、”编号。样式见 group_style。",
        examples=["2024年主要成绩", "2025年重点任务"],
    )

    @model_validator(mode="after")
    def _has_content(self) -> Part:
        if not (self.heading or self.role):
            raise PydanticCustomError(
                "part-needs-heading",
                "这一部分既没有 heading（标题）也没有 role（作用）；请至少写一个。",
            )
        if not (self.intro or self.points or self.items):
            raise PydanticCustomError(
                "empty-part",
                "这一部分没有内容：请写 items（条目）、intro（开头一段）或 points（要点）。",
            )
        return self


class PeriodSpec(_Strict):
    """A period given by its parts; exactly one of quarter / half / month / term, or none (a year)."""

    year: int = Field(..., ge=1949, le=2100, description="年份，如 2024。")
    quarter: int | None = Field(None, ge=1, le=4, description="季度，1–4。")
    half: int | None = Field(None, ge=1, le=2, description="半年：1 上半年，2 下半年。")
    month: int | None = Field(None, ge=1, le=12, description="月份，1–12。")
    term: Literal["春季", "秋季"] | None = Field(None, description="学期：春季 或 秋季。")

    @model_validator(mode="after")
    def _one_unit(self) -> PeriodSpec:
        given = [n for n in ("quarter", "half", "month", "term") if getattr(self, n) is not None]
        if len(given) > 1:
            raise PydanticCustomError(
                "invalid-period",
                "quarter、half、month、term 只能写一个，这里写了 {given}。",
                {"given": "、".join(given)},
            )
        return self

    def text(self) -> str:
        from reportgen.core.numbering import chinese_numeral

        if self.quarter:
            return f"{self.year}年第{chinese_numeral(self.quarter)}季度"
        if self.half:
            return f"{self.year}年{'上' if self.half == 1 else '下'}半年"
        if self.month:
            return f"{self.year}年{self.month}月"
        if self.term:
            return f"{self.year}年{self.term}学期"
        return f"{self.year}年"


def _style_kind(value: Any) -> str:
    return "profile" if isinstance(value, dict) else "path"


StyleChoice = Annotated[
    Annotated[StyleProfile, Tag("profile")] | Annotated[str, AfterValidator(nonempty), Tag("path")],
    Discriminator(_style_kind),
]


def _period_kind(value: Any) -> str:
    return "spec" if isinstance(value, dict) else "text"


def _period_text(value: str) -> str:
    value = nonempty(value)
    return f"{value}年" if re.fullmatch(r"\d{4}", value) else value


Period = Annotated[
    Annotated[str, AfterValidator(_period_text), Tag("text")] | Annotated[PeriodSpec, Tag("spec")],
    Discriminator(_period_kind),
]


class Attachment(_Strict):
    """An attachment with pages of its own: 附件N and its title on a new page, then its content."""

    title: Text = Field(..., description="附件名称，与附件说明中的名称相同，不写序号和标点。")
    text: Text | None = Field(None, description="附件正文；用“|”写多行时每行是一段。")
    items: list[Entry] | None = Field(
        None, description="附件中的编号条目（（一）（二）……），写法与正文各部分的 items 相同。"
    )
    file: Text | None = Field(
        None,
        description="附在后面的文件（.md、.txt 或 .docx，路径相对于本报告文件，须在其所在文件夹内）："
        "文本文件每个空行隔开的段落成为一段；.docx 附上其中的文字段落和表格（按公文版式，图片不附）。",
    )


def _attachment_kind(value: Any) -> str:
    return "name" if isinstance(value, str) else "attachment"


AttachmentEntry = Annotated[
    Annotated[str, AfterValidator(nonempty), Tag("name")]
    | Annotated[Attachment, Tag("attachment")],
    Discriminator(_attachment_kind),
]


def _names(value: Any) -> Any:
    """One name may be written without a list: ``signers: 张三``."""
    return [value] if isinstance(value, str) else value


Names = Annotated[list[Text], BeforeValidator(_names)]


def _copy_number(value: Any) -> str:
    """份号: up to six Arabic digits, shown as six (YAML reads 000123 as the number 123)."""
    text = str(value).strip() if not isinstance(value, bool) else ""
    if not re.fullmatch(r"\d{1,6}", text):
        raise PydanticCustomError(
            "invalid-copy-number",
            "份号“{value}”不对：份号是 1 到 6 位阿拉伯数字，如 000123（不足 6 位自动补 0）。",
            {"value": value},
        )
    return text.zfill(6)


_SECRECY = re.compile(r"^(绝密|机密|秘密)(★.+)?$")


def _secrecy(value: str) -> str:
    value = nonempty(value).replace("*", "★").replace("☆", "★")
    if not _SECRECY.match(value):
        raise PydanticCustomError(
            "invalid-secrecy",
            "密级“{value}”不对：应为 绝密、机密 或 秘密，有保密期限时写成“秘密★1年”。",
            {"value": value},
        )
    return value


def _default_kind() -> str:
    from reportgen.genre.registry import default_kind

    return default_kind()


class Report(_Strict):
    """One report: metadata, lead, parts, closing. Only org, topic, period and parts are required."""

    kind: str = Field(
        default_factory=lambda: _default_kind(),
        description="文种（提纲类型）：英文名或中文名；`reportgen kinds` 列出全部；"
        "省略时为 words.yaml 的 default_kind。",
    )
    org: Text = Field(
        ...,
        description="发文机关全称，如“青山县教育局”“青山县实验小学”。",
        examples=["青山县教育局"],
    )
    topic: Text = Field(
        ...,
        description="报告的主题，用于生成标题和导语，如“校园安全工作”“教师培训工作”。",
        examples=["校园安全工作"],
    )
    period: Period = Field(
        ...,
        description="报告期：文字（“2024年第三季度”“2024年秋季学期”），或年份 2024，"
        "或 {year: 2024, quarter: 3} / {year: 2024, half: 1} / {year: 2024, month: 5} / {year: 2024, term: 秋季}。",
    )
    title: Text | None = Field(None, description="标题。省略时按文种的标题公式生成。")
    recipient: Text | None = Field(None, description="主送机关，如“市教育局”，末尾的“：”可省略。")
    doc_number: Text | None = Field(
        None, description="发文字号，如“青教发〔2024〕12号”（年份用六角括号〔〕）。"
    )
    date: Annotated[str, AfterValidator(normalize_date)] | None = Field(
        None, description="成文日期：2024年10月8日 或 2024-10-08（输出为 2024年10月8日）。"
    )
    signature: Text | None = Field(None, description="署名，省略时用发文机关（org）。")
    self_name: Text | None = Field(
        None, description="导语和结束语里的自称，如“我局”“我校”；省略时按发文机关名称推断。"
    )
    lead: Text | None = Field(
        None,
        description="导语：开头一段，交代背景和全貌，通常以文种的过渡套语结尾。省略时按文种生成。",
    )
    closing: str | None = Field(
        None,
        description='结束语。省略时按文种生成；写空字符串 "" 表示不要结束语。',
    )
    attachments: list[AttachmentEntry] = Field(
        default_factory=list,
        description="附件，每项一个：只写名称（不写序号和书名号以外的标点），"
        "或写 {title: 名称, text: 正文, items: 条目, file: 文件} 另起一页排出附件内容。",
    )
    # As written in YAML; the document carries it as blocks.DocFormat.
    format: Literal["file", "letter", "plain"] | None = Field(
        None,
        description="公文格式：file 文件格式（红头、发文字号、红色分隔线）、letter 信函格式、"
        "plain 无版头（学校报送的材料常用）。省略时：写了 signers（签发人）为 file，否则为 plain。",
    )
    issuer_mark: Text | None = Field(
        None,
        description="发文机关标志（红头），如“青山县教育局文件”。省略时文件格式用“发文机关名称＋文件”，"
        "信函格式用发文机关名称。",
    )
    signers: Names = Field(
        default_factory=list,
        description="签发人姓名，一人或多人（上行文必须标注）。写了签发人即为上行文：发文字号居左，签发人居右。",
    )
    copy_number: Annotated[str, BeforeValidator(_copy_number)] | None = Field(
        None, description="份号：6 位阿拉伯数字，如 000123；涉密公文应当标注。"
    )
    secrecy: Annotated[str, AfterValidator(_secrecy)] | None = Field(
        None, description="密级和保密期限，如“秘密★1年”“机密”。"
    )
    urgency: Literal["特急", "加急"] | None = Field(None, description="紧急程度：特急 或 加急。")
    note: Text | None = Field(
        None,
        description="附注，如“联系人：王明，电话：0000-1234567”；排在成文日期下一行，自动加圆括号。",
    )
    cc: Names = Field(
        default_factory=list, description="抄送机关，每项一个，如“市教育局办公室”；排在版记中。"
    )
    printed_by: Text | None = Field(
        None, description="印发机关，通常是发文机关的办公室，如“青山县教育局办公室”；排在版记中。"
    )
    printed_on: Annotated[str, AfterValidator(normalize_date)] | None = Field(
        None, description="印发日期，如 2024-10-08；省略时用成文日期。"
    )
    seal: bool = Field(False, description="是否加盖印章：true 时署名和日期按加盖印章的格式排布。")
    style: StyleChoice | None = Field(
        None,
        description="DOCX 版式：省略时用 GB/T 9704-2012 默认版式；可写字体、字号、行距等覆盖项，"
        "或一个版式文件（YAML）的路径（相对于本文件）。",
    )
    parts: list[Part] = Field(
        ..., min_length=1, description="正文各部分，按顺序编号“一、二、三、”。"
    )
    group_style: Literal["部分", "板块", "篇", "上下篇"] = Field(
        "部分",
        description="板块（parts 的 group）的编号样式：部分（第一部分　…）、板块（第一板块：…）、"
        "篇（第一篇　…）或上下篇（上篇　…／下篇　…）。",
    )


def period_text(period: str | PeriodSpec) -> str:
    return period if isinstance(period, str) else period.text()


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, looking through list[…], Optional, unions and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def model_at(path: tuple[str | int, ...], root: type[BaseModel] = Report) -> type[BaseModel] | None:
    """Which model a path inside the data leads to, for "did you mean" suggestions."""
    model: type[BaseModel] | None = root
    for step in path:
        if isinstance(step, int) or model is None:
            continue
        field = model.model_fields.get(step)
        model = _submodel(field.annotation) if field is not None else None
    return model
