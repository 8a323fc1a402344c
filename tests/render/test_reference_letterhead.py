"""--reference-doc with an office's 红头 templates, built here the way offices make them:
a body 红头 ending in a paragraph with a red bottom border, a 红头 in the header, and a
template saved by Chinese Word (localised style ids, blue theme headings)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import RGBColor
from lxml import etree

from reportgen.pipeline import prepare, render_bytes
from reportgen.render.docx import reference_notes, render_docx

from conftest import MINIMAL
from docx_helpers import body_letterhead

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def header_letterhead(path: Path) -> Path:
    d = docx.Document()
    run = d.sections[0].header.paragraphs[0].add_run("青山县教育局")
    run.font.color.rgb = RGBColor(0xC0, 0, 0)
    d.add_paragraph("示例正文")
    d.save(str(path))
    return path


def chinese_word_template(path: Path) -> Path:
    """Style ids as Chinese Word writes them (a for Normal, 1 for heading 1, a3 for Title)
    and Word's blue theme heading."""
    d = docx.Document()
    d.add_paragraph("示例正文")
    d.save(str(path))
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    styles = etree.fromstring(parts["word/styles.xml"])
    ids = {"Normal": "a", "Heading1": "1", "Title": "a3"}
    for style in styles.iter(f"{W}style"):
        old = style.get(f"{W}styleId")
        if old in ids:
            style.set(f"{W}styleId", ids[old])
    for ref in styles.iter(f"{W}basedOn", f"{W}next", f"{W}link"):
        if ref.get(f"{W}val") in ids:
            ref.set(f"{W}val", ids[ref.get(f"{W}val")])
    parts["word/styles.xml"] = etree.tostring(styles)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def body(data: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return [c for c in root.find(f"{W}body") if c.tag == f"{W}p"]


def text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def styles_of(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/styles.xml"))
    return {s.get(f"{W}styleId"): s for s in root.iter(f"{W}style")}


def test_a_body_letterhead_is_kept_and_the_report_follows_it(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reference = body_letterhead(tmp_path / "红头模板.docx")
    report = MINIMAL + "format: file\ndoc_number: 青教发〔2024〕9号\nsigners: 王明\n"
    prepared = prepare(write(report))
    data = render_docx(prepared.document, None, reference)
    paragraphs = body(data)
    assert [text(p) for p in paragraphs[:3]] == [
        "青山县教育局文件",
        "青教发〔2025〕　号",
        "关于2024年第三季度校园安全工作情况的报告",
    ]
    assert "示例正文" not in "".join(text(p) for p in paragraphs)
    # The report's own 标志 and 发文字号 are not set a second time.
    assert sum(text(p) == "青山县教育局文件" for p in paragraphs) == 1
    # The title two lines under the red line.
    spacing = paragraphs[2].find(f"{W}pPr/{W}spacing")
    assert spacing.get(f"{W}before") == str(round(2 * 28.95 * 20))
    # The cached base keeps its 红头: a second report gets it too, byte for byte the same.
    assert render_docx(prepared.document, None, reference) == data
    notes = reference_notes(None, reference)
    assert any(n.startswith("沿用了参考文档正文开头的红头（2 段") for n in notes)


def test_a_header_letterhead_is_reported_not_silently_misplaced(tmp_path: Path) -> None:
    reference = header_letterhead(tmp_path / "页眉红头.docx")
    notes = reference_notes(None, reference)
    assert any(n.startswith("参考文档的红头在页眉里") for n in notes)
    assert not any("正文开头的红头" in n for n in notes)


@pytest.mark.parametrize("keep", [False, True])
def test_localised_styles_are_found_by_name_and_reset_unless_kept(
    write,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    keep: bool,
) -> None:
    reference = chinese_word_template(tmp_path / "中文Word模板.docx")
    prepared = prepare(write(MINIMAL))
    data = render_docx(prepared.document, None, reference, keep)
    heading = next(p for p in body(data) if text(p) == "一、工作情况")
    assert heading.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "1"
    style = styles_of(data)["1"]
    fonts = style.find(f"{W}rPr/{W}rFonts")
    color = style.find(f"{W}rPr/{W}color")
    if keep:  # Word's blue theme heading, as the template has it
        assert fonts is None or fonts.get(f"{W}eastAsia") != "黑体"
        assert color is not None and color.get(f"{W}val") != "auto"
    else:
        assert fonts.get(f"{W}eastAsia") == "黑体"
        assert color is None
    notes = reference_notes(None, reference, keep)
    if keep:
        assert any(n.startswith("沿用了参考文档的样式：Normal、Title、heading 1") for n in notes)
    else:
        assert any("已按公文版式重新设置" in n and "heading 1" in n for n in notes)


def test_cli_says_what_the_reference_gave(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from cli_helpers import run

    reference = header_letterhead(tmp_path / "页眉红头.docx")
    code, _, err = run(
        [
            "render",
            str(write(MINIMAL)),
            "--reference-doc",
            str(reference),
            "-o",
            str(tmp_path / "r.docx"),
        ]
    )
    assert code == 0
    assert "warning I057 [reference-doc]" in err and "参考文档的红头在页眉里" in err
    assert render_bytes(prepare(write(MINIMAL)), "docx")  # the plain path is unaffected
