"""Tables in LibreOffice: widths within the type area, headers on one line, the text after a
table back on the 28.95 pt grid, a wide table on a landscape page; pandoc reads them back."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from layout_helpers import BOTTOM, LEFT, PITCH, RIGHT, TOP, Line, visual_lines
from lxml import etree

from reportgen.core.blocks import Block, BlockKind, Document, TableInfo
from reportgen.pipeline import prepare
from reportgen.render.docx import render_docx
from reportgen.render.pdf import docx_to_pdf, find_soffice

from docx_helpers import NS, part_xml

pytestmark = pytest.mark.slow

EXAMPLE = (
    Path(__file__).resolve().parent.parent.parent
    / "examples"
    / "tables"
    / "青山县实验小学-2024秋季学期-安全工作-含表格.report.yaml"
)
AREA_TW = round(156 / 25.4 * 1440)


def wide_document() -> Document:
    """Nine columns of long headers: too wide for the portrait type area even at 小四 with
    two-line headers; on a landscape page they fit with two-line headers."""
    header = ("学校", *(f"第{n}项检查得分" for n in range(1, 9)))
    rows = (header, ("青山县第二中学", *("95",) * 8), ("青山县实验小学", *("88",) * 8))
    blocks = [
        Block(BlockKind.TITLE, "关于检查情况的报告"),
        Block(BlockKind.PARAGRAPH, "各校检查得分如下表。"),
        Block(BlockKind.TABLE, "各校检查得分表", rows=rows, table=TableInfo(unit="单位：分")),
        Block(BlockKind.PARAGRAPH, "以上得分由检查组评定。"),
    ]
    return Document(title="关于检查情况的报告", blocks=blocks)


def rollup_document() -> Document:
    """The roll-up's figures table for schools with long names."""
    from reportgen.batch.rollup import Contribution, PartText, figures_table

    schools = [
        Contribution(name, "", "", "", {"work": 7, "problems": 5, "next-steps": 5, "chars": 2840})
        for name in ("青山县第二中学", "青山县实验小学", "青山县城关镇中心小学")
    ]
    for c in schools:
        c.parts = [PartText(role, "", False, []) for role in ("work", "problems", "next-steps")]
    blocks = [
        Block(BlockKind.TITLE, "各单位报告汇总（草稿）"),
        figures_table(schools),
        Block(BlockKind.PARAGRAPH, "以上为各单位报告分条内容统计。"),
    ]
    return Document(title="各单位报告汇总（草稿）", blocks=blocks)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) 或 pdftotext 未安装")
    folder = tmp_path_factory.mktemp("tables")
    example = folder / "example.docx"
    example.write_bytes(render_docx(prepare(EXAMPLE).document))
    wide = folder / "wide.docx"
    wide.write_bytes(render_docx(wide_document()))
    rollup = folder / "rollup.docx"
    rollup.write_bytes(render_docx(rollup_document()))
    pdfs = docx_to_pdf([example, wide, rollup], folder / "pdf")
    made = {"example": example, "wide": wide, "rollup": rollup}
    return {**made, **{f"{p.stem}.pdf": p for p in pdfs}}


def pages_of(pdf: Path) -> tuple[list[list[Line]], list[tuple[float, float]]]:
    html = pdf.with_suffix(".html")
    subprocess.run(["pdftotext", "-bbox-layout", str(pdf), str(html)], check=True)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    sizes = [
        (float(p.get("width")), float(p.get("height")))
        for p in etree.parse(str(html)).iterfind(".//h:page", ns)
    ]
    return visual_lines(html), sizes


def test_widths_sum_to_the_type_area_and_cells_are_single_spaced(
    rendered: dict[str, Path],
) -> None:
    body = part_xml(rendered["example"].read_bytes(), "word/document.xml").find("w:body", NS)
    tables = body.findall("w:tbl", NS)
    assert len(tables) == 2
    for tbl in tables:
        grid = [int(w) for w in tbl.xpath("./w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
        assert AREA_TW - len(grid) <= sum(grid) <= AREA_TW
        assert tbl.xpath("./w:tr[1]/w:trPr/w:tblHeader", namespaces=NS)
        assert len(tbl.xpath("./w:tr/w:trPr/w:cantSplit", namespaces=NS)) == len(
            tbl.findall("w:tr", NS)
        )
        assert set(tbl.xpath(".//w:r/w:rPr/w:sz/@w:val", namespaces=NS)) == {"28"}  # 四号
        assert set(tbl.xpath(".//w:pPr/w:spacing/@w:line", namespaces=NS)) == {"240"}
        assert set(tbl.xpath(".//w:pPr/w:snapToGrid/@w:val", namespaces=NS)) == {"0"}
        # Numbers right-aligned: the 排查数 / 班级数 column of every body row.
        assert set(tbl.xpath("./w:tr[position()>1]/w:tc[2]//w:jc/@w:val", namespaces=NS)) == {
            "right"
        }


def test_text_stays_in_the_type_area_headers_on_one_line_and_the_grid_holds(
    rendered: dict[str, Path],
) -> None:
    pages, sizes = pages_of(rendered["example.pdf"])
    assert all(w < h for w, h in sizes)  # nothing in the example needs a landscape page
    lines = [line for page in pages for line in page]
    for line in lines:
        if TOP - 5 < line.top < BOTTOM:
            assert line.left >= LEFT - 1 and line.right <= RIGHT + 1, line
    texts = [line.text for line in lines]
    # Every header cell on one line: the whole header row is one visual line.
    assert "隐患类别排查数整改数整改率责任部门" in texts
    assert "年级班级数学生数参加演练人数参演率" in texts
    # Body text (the lines set in 三号 on the grid) after each table: on the pitch of the
    # lines above the table, that is, on the page's grid.
    # 三号 lines are 20.8 pt high in the PDF (title 28.6, table cells and page number 18.2).
    checked = []
    for page in pages:
        grid = [line for line in page if 20 < line.bottom - line.top < 21.5]
        for line in grid:
            offset = (line.bottom - grid[0].bottom) % PITCH
            assert min(offset, PITCH - offset) < 0.3, (line.text, line.bottom - grid[0].bottom)
            checked.append(line.text)
    # Among them the text right after each table.
    assert any(t.startswith("注：整改率") for t in checked)
    assert "二、存在的问题" in checked


def test_a_wide_table_goes_on_a_landscape_page(rendered: dict[str, Path]) -> None:
    pages, sizes = pages_of(rendered["wide.pdf"])
    assert [w > h for w, h in sizes] == [False, True, False]
    landscape = [line.text for line in pages[1]]
    assert "各校检查得分表" in landscape
    assert any(text.startswith("学校") for text in landscape)
    # Two-line headers (第1项检查 / 得分), the school names on one line each.
    assert "青山县第二中学" + "95" * 8 in landscape
    assert any("以上得分由检查组评定。" in line.text for line in pages[2])


def test_pandoc_reads_the_tables_back(rendered: dict[str, Path]) -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc 未安装")
    out = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "json", str(rendered["example"])],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    blocks = json.loads(out)["blocks"]
    tables = [b for b in blocks if b["t"] == "Table"]
    assert len(tables) == 2

    def plain(node: object) -> str:
        if isinstance(node, dict):
            if node.get("t") == "Str":
                return str(node["c"])
            return plain(node.get("c", []))
        if isinstance(node, list):
            return "".join(plain(n) for n in node)
        return ""

    head = tables[0]["c"][3]  # Table attr caption colspecs head bodies foot
    assert plain(head) == "隐患类别排查数整改数整改率责任部门"
    assert "合计383592.1%" in plain(tables[0]["c"][4])


def test_the_rollup_figures_headers_do_not_wrap(rendered: dict[str, Path]) -> None:
    pages, _ = pages_of(rendered["rollup.pdf"])
    texts = [line.text for line in pages[0]]
    assert "单位工作情况工作成效存在问题下一步打算全文字数" in texts
    assert "青山县城关镇中心小学7—552840" in texts
