"""Page geometry (GB/T 9704 type area on A4) and what the LibreOffice layout tests share: the
lines read back from a PDF, and the marks that skip a test where LibreOffice, poppler or the
office faces are missing."""

from __future__ import annotations

import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

PT_PER_MM = 72 / 25.4
LEFT = 28 * PT_PER_MM
RIGHT = (210 - 26) * PT_PER_MM
TOP = 37 * PT_PER_MM
BOTTOM = (297 - 35) * PT_PER_MM
PITCH = 28.95


@dataclass
class Line:
    top: float
    bottom: float
    left: float
    right: float
    text: str

    @property
    def width(self) -> float:
        """In characters: CJK one, digits and Latin half."""
        return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in self.text)


def visual_lines(html: Path) -> list[list[Line]]:
    """Words grouped by their baseline: pdftotext may split one visual line in several."""
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in etree.parse(str(html)).iterfind(".//h:page", ns):
        words = sorted(
            (
                float(w.get("yMax")),
                float(w.get("xMin")),
                float(w.get("xMax")),
                float(w.get("yMin")),
                w.text or "",
            )
            for w in page.iterfind(".//h:word", ns)
        )
        lines: list[Line] = []
        for bottom, left, right, top, text in words:
            if lines and abs(lines[-1].bottom - bottom) < 3:
                line = lines[-1]
                line.left, line.right = min(line.left, left), max(line.right, right)
                line.text += text
            else:
                lines.append(Line(top, bottom, left, right, text))
        pages.append(lines)
    return pages


# The office faces a 公文 is set in; a layout test is meaningless where one has no stand-in.
OFFICE_FACES = ("仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体")


def gongwen_layout_marks() -> list[pytest.MarkDecorator]:
    """``pytestmark`` of a test module that measures a whole 公文 in LibreOffice's PDF."""
    from reportgen.render.fontmap import font_plan
    from reportgen.render.pdf import find_soffice

    absent = font_plan().missing(OFFICE_FACES)
    return [
        pytest.mark.slow,
        pytest.mark.skipif(
            find_soffice() is None
            or shutil.which("pdftotext") is None
            or shutil.which("pdftocairo") is None
            or bool(absent),
            reason="LibreOffice、pdftotext 或 pdftocairo 未安装，或本机缺少字体"
            f"（{'、'.join(absent) or '无'}）：跳过版面测试",
        ),
    ]
