"""attachments[].file: x.docx — the file's body paragraphs and tables appended on the
attachment's pages in the 公文 styles, pictures left out with a warning; the path confined to
the report's folder; a file that cannot be used is a coded error at the field."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.shared import Pt, RGBColor
from lxml import etree

from reportgen.core.blocks import BlockKind
from reportgen.errors import InputError
from reportgen.pipeline import prepare
from reportgen.render.docx import render_docx

from conftest import MINIMAL

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TITLE = "青山县2025年上半年教师培训情况统计"
REPORT = MINIMAL + f"format: file\nattachments:\n  - title: {TITLE}\n    file: 附件/培训统计.docx\n"


def png() -> bytes:
    """A 2 × 2 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\xff\xff\xff" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def attachment_docx(path: Path, picture: bool = True) -> Path:
    """An attachment as a colleague types it in Word: its title again, a blue theme
    heading, body paragraphs, a table and a picture."""
    path.parent.mkdir(parents=True, exist_ok=True)
    d = docx.Document()
    d.add_paragraph(TITLE, style="Title")
    d.add_heading("一、培训期数和人数", level=1)
    body = d.add_paragraph("上半年共组织培训11期，培训教师1380人次。")
    body.runs[0].font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
    body.runs[0].font.size = Pt(10.5)
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate(
        (("类别", "期数", "人次"), ("新入职教师", "2", "68"), ("骨干教师", "1", "42"))
    ):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("二、经费保障")
    d.add_paragraph("三、其他：培训经费全部由县财政保障，按时拨付到位。")
    if picture:
        d.add_picture(io.BytesIO(png()))
    d.save(str(path))
    return path


def body_of(data: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return list(root.find(f"{W}body"))


def text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def test_paragraphs_and_tables_come_over_in_the_report_styles(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    attachment_docx(tmp_path / "附件" / "培训统计.docx")
    prepared = prepare(write(REPORT))
    # The picture is left out, and the user is told where.
    assert [w.format() for w in prepared.warnings if w.code == "I041"] == [
        f"{tmp_path / 'r.report.yaml'}:19:11: warning I041 [attachment-docx-dropped] "
        "attachments[0].file: 附件文件“附件/培训统计.docx”中的 1 处图片、图表、文本框或嵌入对象没有附上"
        "（只附文字段落和表格）；需要时请在生成的文件中手工插入，或把附件另行报送。"
    ]
    blocks = prepared.document.blocks
    head = next(i for i, b in enumerate(blocks) if b.kind is BlockKind.ATTACHMENT_HEAD)
    after = blocks[head + 1 : head + 6]
    # The file's first paragraph repeated the attachment's title: the page has it already.
    assert [(b.kind, b.text) for b in after] == [
        (BlockKind.PARAGRAPH, "一、培训期数和人数"),
        (BlockKind.PARAGRAPH, "上半年共组织培训11期，培训教师1380人次。"),
        (BlockKind.TABLE, ""),
        (BlockKind.PARAGRAPH, "二、经费保障"),
        (BlockKind.PARAGRAPH, "三、其他：培训经费全部由县财政保障，按时拨付到位。"),
    ]
    assert after[2].rows == (
        ("类别", "期数", "人次"),
        ("新入职教师", "2", "68"),
        ("骨干教师", "1", "42"),
    )
    assert after[0].origin.path == "attachments[0].file"
    data = render_docx(prepared.document)
    children = body_of(data)
    start = next(i for i, c in enumerate(children) if text(c) == "附件")
    page = children[start:]
    texts = [text(c) for c in page]
    assert "上半年共组织培训11期，培训教师1380人次。" in texts
    paragraph = page[texts.index("上半年共组织培训11期，培训教师1380人次。")]
    # The report's Normal style: no style, colour or size of the file's own.
    assert paragraph.find(f"{W}pPr/{W}pStyle") is None
    assert not list(paragraph.iter(f"{W}color")) and not list(paragraph.iter(f"{W}sz"))
    (table,) = [c for c in page if c.tag == f"{W}tbl"]
    assert [text(tc) for tc in table.iter(f"{W}tc")][:3] == ["类别", "期数", "人次"]
    # No picture, and no section break: the page numbers go on.
    assert not list(page[0].getparent().iter(f"{W}drawing"))
    assert [c.tag for c in children].count(f"{W}sectPr") == 1
    assert not list(page[0].getparent().iter(f"{W}pgNumType"))


def test_a_rendered_docx_attachment_reads_back_with_check_and_import(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from cli_helpers import run

    attachment_docx(tmp_path / "附件" / "培训统计.docx", picture=False)
    out = tmp_path / "报告.docx"
    code, _, err = run(["render", str(write(REPORT)), "-o", str(out)])
    assert code == 0, err
    imported = tmp_path / "回读.report.yaml"
    code, _, err = run(["import", str(out), "-o", str(imported)])
    assert code == 0, err
    yaml_text = imported.read_text("utf-8")
    assert f"title: {TITLE}" in yaml_text
    assert "上半年共组织培训11期，培训教师1380人次。" in yaml_text
    assert "三、其他：培训经费全部由县财政保障，按时拨付到位。" in yaml_text
    # check finds the 附件说明 and the attachment page in agreement (no 附件 finding).
    code, out_text, err = run(["check", str(out)])
    assert code == 0, out_text + err


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (
            "outside",
            "error I044 [attachment-file-outside] attachments[0].file: 附件文件 {outside} 不在 {base} 里；"
            "附件的 file 只能指向写它的文件所在目录（及其子目录）中的附件文件。确实要用这个文件，"
            "请设置环境变量 REPORTGEN_ALLOW_STYLE_OUTSIDE=1，或把它复制到报告旁边。",
        ),
        (
            "corrupt",
            "error I040 [attachment-docx] attachments[0].file: 附件文件“培训统计.docx”不是有效的 Word 文档"
            "（.docx）：文件已损坏，或根本不是 .docx。请用 Word 或 WPS 打开后另存为 .docx"
            "（.doc、.wps 和模板 .dotx 也需另存）。",
        ),
        (
            "large",
            "error I040 [attachment-docx] attachments[0].file: 附件文件“培训统计.docx”的文字部分（XML）"
            "解压后共 1.4 MB，超过 1 MB 的上限，拒绝打开（可能是压缩炸弹）；确需处理更大的文件，"
            "可设环境变量 REPORTGEN_MAX_DOCX_MB（单位 MB）。",
        ),
    ],
)
def test_unusable_files_are_coded_errors_at_the_field(
    write,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    setup: str,
    expected: str,
) -> None:
    folder = tmp_path / "报告"
    folder.mkdir()
    target = folder / "附件" / "培训统计.docx"
    name = "附件/培训统计.docx"
    if setup == "outside":
        attachment_docx(tmp_path / "别处" / "培训统计.docx")
        name = "../别处/培训统计.docx"
    elif setup == "corrupt":
        target.parent.mkdir()
        target.write_bytes(b"PK\x03\x04 not really a zip")
    else:
        monkeypatch.setenv("REPORTGEN_MAX_DOCX_MB", "1")
        d = docx.Document()
        for i in range(8000):
            d.add_paragraph(f"第{i}段：培训经费全部由县财政保障。")
        target.parent.mkdir()
        d.save(str(target))
    report = MINIMAL + f"format: file\nattachments:\n  - title: {TITLE}\n    file: {name}\n"
    source = folder / "r.report.yaml"
    source.write_text(report, "utf-8")
    with pytest.raises(InputError) as caught:
        prepare(source)
    found = [p.format() for p in caught.value.problems]
    message = expected.format(outside=tmp_path / "别处" / "培训统计.docx", base=folder)
    assert found == [f"{source}:19:11: {message}"]
