"""生成示例表格文件 各年级学生数.xlsx（内容虚构）：python make_xlsx.py

工作表“学生数”的 A1 是说明文字，A3:E9 是表格（第 3 行是表头）；“学生数”列带千位分隔格式，
“参演率”列以百分比格式（0.0%）显示，reportgen 按“参加演练人数 / 学生数”重新计算并与之核对。
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

ROWS = [
    ("一年级", 7, 318, 318),
    ("二年级", 7, 326, 326),
    ("三年级", 7, 331, 329),
    ("四年级", 7, 337, 335),
    ("五年级", 7, 340, 338),
    ("六年级", 7, 334, 330),
]


def main() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "学生数"
    sheet["A1"] = "青山县实验小学2024年秋季学期各年级学生数及应急疏散演练参加情况（教务处填报）"
    sheet.append([])
    sheet.append(["年级", "班级数", "学生数", "参加演练人数", "参演率"])
    for row, (grade, classes, pupils, drilled) in enumerate(ROWS, 4):
        sheet.append([grade, classes, pupils, drilled, drilled / pupils])
        sheet[f"C{row}"].number_format = "#,##0"
        sheet[f"E{row}"].number_format = "0.0%"
    book.properties.created = dt.datetime(2025, 1, 10)
    book.properties.modified = dt.datetime(2025, 1, 10)
    book.save(Path(__file__).with_name("各年级学生数.xlsx"))


if __name__ == "__main__":
    main()
