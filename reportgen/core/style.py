"""The DOCX style profile: page, fonts, sizes and spacing, defaulting to GB/T 9704-2012.

Every field is documented in Chinese because the descriptions end up in the JSON Schema
that a user's editor shows while they write an organisation's own profile. This module
only declares data; render/docx/ turns it into Word XML (so no python-docx here).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class StyleProfile(BaseModel):
    """版式配置：页面、字体、字号与间距。默认值即 GB/T 9704-2012《党政机关公文格式》。"""

    # frozen: a profile is a cache key for the prepared base document in render/docx/.
    model_config = ConfigDict(extra="forbid", frozen=True)

    paper: Literal["A4"] = Field("A4", description="纸张幅面，公文用 A4（210 mm × 297 mm）。")
    margin_top_mm: float = Field(
        37, gt=0, lt=150, description="上页边距（天头），单位毫米。国标为 37 mm ± 1 mm。"
    )
    margin_bottom_mm: float = Field(
        35, gt=0, lt=150, description="下页边距，单位毫米。版心高 225 mm 时为 35 mm。"
    )
    margin_left_mm: float = Field(
        28, gt=0, lt=100, description="左页边距（订口），单位毫米。国标为 28 mm ± 1 mm。"
    )
    margin_right_mm: float = Field(
        26, gt=0, lt=100, description="右页边距，单位毫米。版心宽 156 mm 时为 26 mm。"
    )

    title_font: str = Field("方正小标宋简体", description="标题字体。")
    body_font: str = Field(
        "仿宋_GB2312",
        description="正文字体，也用于主送机关、附件说明、署名和成文日期。",
    )
    level1_font: str = Field("黑体", description="一级标题（“一、”）字体。")
    level2_font: str = Field("楷体_GB2312", description="二级标题（“（一）”）字体。")
    level3_font: str = Field("仿宋_GB2312", description="三级标题（“1.”）字体。")
    level4_font: str = Field("仿宋_GB2312", description="四级标题（“（1）”）字体。")
    page_number_font: str = Field("宋体", description="页码字体。")
    latin_font: str | None = Field(
        None,
        description=(
            "数字和西文字母所用字体，如 “Times New Roman”。"
            "不填则与各处的中文字体相同。引号、破折号、省略号始终用中文字体。"
        ),
    )

    title_size_pt: float = Field(22, gt=0, le=72, description="标题字号，单位磅。二号为 22 磅。")
    body_size_pt: float = Field(
        16, gt=0, le=72, description="正文及各级标题字号，单位磅。三号为 16 磅。"
    )
    page_number_size_pt: float = Field(
        14, gt=0, le=72, description="页码字号，单位磅。四号为 14 磅。"
    )
    line_pitch_pt: float = Field(
        28.95,
        gt=0,
        le=100,
        description=("固定行距，单位磅。28.95 磅使版心正好排 22 行；29 磅及以上只能排 21 行。"),
    )
    char_spacing_pt: float = Field(
        -0.25,
        ge=-5,
        le=5,
        description=("字符间距（负数为紧缩），单位磅。三号字紧缩 0.25 磅才能每行排满 28 个字。"),
    )
    level3_bold: bool = Field(True, description="三级标题（“1.”）是否加粗。")
    style_separator: bool = Field(
        False,
        description=(
            "与正文同段的小标题用 Word 的样式分隔符（隐藏的段落标记）与正文分开：Word 的导航窗格、目录和 pandoc "
            "只看到小标题句，不再列出整段。LibreOffice 7.4 不支持样式分隔符，会把小标题和正文显示成两段，"
            "因此默认不用；只用 Word 或 WPS 时可设为 true。"
        ),
    )
    avoid_widows: bool = Field(
        True,
        description=(
            "避免孤行：预先算出每页在哪里结束，某段只剩一行落在下页页首（或段首一行落在上页页尾）、"
            "独占一行的小标题落在页尾时，把附近一两段的字符间距略放宽（+0.25 磅起，每行少一个字）"
            "或略紧缩（−0.85 磅，每行多一个字），使每页仍排满 22 行。设为 false 则不作调整。"
        ),
    )
    page_number_format: str = Field(
        "— {page} —",
        description="页码格式，{page} 处为页码域。国标为一字线、空格、页码、空格、一字线。",
    )
    page_number_gap_mm: float = Field(
        7,
        ge=0,
        lt=30,
        description="页码一字线上距版心下边缘的距离，单位毫米。国标为 7 mm。",
    )

    @field_validator(
        "title_font",
        "body_font",
        "level1_font",
        "level2_font",
        "level3_font",
        "level4_font",
        "page_number_font",
        "latin_font",
    )
    @classmethod
    def _font_name(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not value or len(value) > 64:
            raise ValueError("字体名不能为空，也不能超过 64 个字符")
        return value

    @field_validator("page_number_format")
    @classmethod
    def _page_placeholder(cls, value: str) -> str:
        if value.count("{page}") != 1:
            raise ValueError("页码格式必须恰好包含一个 {page}，例如 “— {page} —”")
        return value


DEFAULT_PROFILE = StyleProfile()
