"""A table as a user writes it in the report YAML: columns, rows (inline or from a file),
computed totals and ratios, notes. The figures are checked and computed in tables.py.

A table stands on its own (it needs nothing from the part or item around it), so the same
model serves a part, an item or, later, an attachment's body.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

ColumnType = Literal["text", "integer", "decimal", "percent", "date"]
NUMBER_TYPES = ("integer", "decimal", "percent")


def nonempty(value: str) -> str:
    """``value`` stripped; an empty one is a validation error (empty-text)."""
    value = value.strip()
    if not value:
        raise PydanticCustomError("empty-text", "内容是空的；不需要这一项就整行删除。")
    return value


# A value that must say something: stripped, never empty. The report model (core.model)
# uses the same type for its own text fields.
Text = Annotated[str, AfterValidator(nonempty)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Column(_Strict):
    """One column of a table."""

    name: Text = Field(..., description="列名（表头文字），如“学校”“排查隐患数”。")
    type: ColumnType = Field(
        "text",
        description="类型：text 文字（默认）、integer 整数、decimal 小数、percent 百分比、date 日期。"
        "数字列右对齐，合计行自动求和。",
    )
    align: Literal["left", "center", "right"] | None = Field(
        None, description="对齐：left、center、right；省略时文字列居中、数字列右对齐。"
    )
    width: float | None = Field(
        None,
        gt=0,
        le=100,
        description="列宽提示（相对比例，如 3 和 1 表示前一列是后一列的三倍宽）；省略时按内容自动分配。",
    )
    decimals: int | None = Field(
        None,
        ge=0,
        le=6,
        description="小数位数（decimal、percent 列）；percent 默认 1 位（如 91.7%），decimal 默认按数据。",
    )
    compute: Text | None = Field(
        None,
        description="计算公式，用列名和 + - * / 括号写，如“整改数 / 排查数”（配 type: percent 得到占比）。"
        "计算列不必在 rows 里写；写了会与计算结果核对。",
    )
    sum: bool = Field(
        True,
        description="合计、小计行是否对本列求和（integer、decimal 列默认 true；如“年份”列写 false）。"
        "percent 列不求和：合计行的百分比用 compute 按合计数计算。",
    )
    required: bool = Field(False, description="是否每行都必须填写。")


class TableFile(_Strict):
    """Rows read from a CSV or XLSX file; its first row (of the range) holds the column names."""

    path: Text = Field(..., description="CSV 或 XLSX 文件路径，相对于报告文件所在的目录。")
    sheet: Text | None = Field(None, description="XLSX 工作表名称；省略时用第一个工作表。")
    range: Text | None = Field(
        None,
        pattern=r"^\s*[A-Za-z]{1,3}[1-9][0-9]*\s*:\s*[A-Za-z]{1,3}[1-9][0-9]*\s*$",
        description="XLSX 单元格区域，如“A2:E9”；区域的第一行是表头。省略时用整个工作表。",
    )


Cell = str | None
Row = list[Cell] | dict[str, Cell]


class Table(_Strict):
    """A table of figures: title, unit line, columns, rows, totals and notes."""

    id: Text | None = Field(
        None,
        description="表的名称，供正文引用其中的数字，如 id 为“隐患统计”时正文写 "
        "{{ 表.隐患统计.合计.整改数 }}。",
    )
    title: Text | None = Field(
        None, description="表题，居中写在表格上方，如“2024年秋季学期安全隐患排查整改统计表”。"
    )
    unit: Text | None = Field(
        None, description="计量单位，写成“单位：人”放在表格右上方；只写“人”也可以。"
    )
    columns: list[Column] = Field(..., min_length=1, description="各列，按从左到右的顺序。")
    rows: list[Row] | None = Field(
        None,
        description="各行：列表（按非计算列的顺序写各格）或“列名: 值”。"
        "第一列写“合计”或“小计”的行由程序求和（写了数字会被核对）。",
    )
    file: TableFile | None = Field(None, description="从 CSV 或 XLSX 文件读入各行（代替 rows）。")
    total: bool | Text = Field(
        False,
        union_mode="left_to_right",  # every YAML scalar loads as text: "true" is the bool
        description="在表末自动加一行合计：true（行名“合计”）或写行名（如“总计”）。",
    )
    notes: list[Text] | None = Field(
        None, description="表注，每项一段，写在表格下方；开头的“注：”可省略。"
    )
    landscape: bool | None = Field(
        None, description="是否放在横向页面上；省略时表格太宽（竖版放不下）才横排。"
    )

    @model_validator(mode="after")
    def _one_source(self) -> Table:
        if (self.rows is None) == (self.file is None):
            raise PydanticCustomError(
                "table-rows",
                "表格要写 rows（各行）或 file（从文件读入），两者只写一个。",
            )
        return self


class TableEntry(_Strict):
    """A table among a part's or an item's entries (unnumbered, like a plain paragraph)."""

    table: Table = Field(..., description="一张表格。")
