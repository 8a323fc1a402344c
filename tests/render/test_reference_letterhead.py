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
    # The template's number placeholder (青教发〔2025〕　号) holds the report's number line;
    # its red border moved to the empty paragraph under it.
    assert [text(p) for p in paragraphs[:4]] == [
        "青山县教育局文件",
        "青教发〔2024〕9号签发人：王明",
        "",
        "关于2024年第三季度校园安全工作情况的报告",
    ]
    assert paragraphs[1].find(f"{W}pPr/{W}pBdr") is None
    border = paragraphs[2].find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert (border.get(f"{W}color"), border.get(f"{W}sz")) == ("FF0000", "12")
    assert "示例正文" not in "".join(text(p) for p in paragraphs)
    # The report's own 标志 is not set a second time.
    assert sum(text(p) == "青山县教育局文件" for p in paragraphs) == 1
    # The title two lines under the red line (less half the 1.5 pt line).
    spacing = paragraphs[3].find(f"{W}pPr/{W}spacing")
    assert spacing.get(f"{W}before") == str(round((2 * 28.95 - 0.75) * 20))
    # The cached base keeps its 红头: a second report gets it too, byte for byte the same.
    assert render_docx(prepared.document, None, reference) == data
    notes = reference_notes(None, reference)
    assert any(n.startswith("沿用了参考文档正文开头的红头（2 段") for n in notes)
    # The base keeps the template's 红头 as it was: a report without a 发文字号 gets it as is.
    plain = body(render_docx(prepare(write(MINIMAL)).document, None, reference))
    assert [text(p) for p in plain[:2]] == ["青山县教育局文件", "青教发〔2025〕　号"]
    assert plain[1].find(f"{W}pPr/{W}pBdr/{W}bottom") is not None
    assert render_docx(prepared.document, None, reference) == data


def header_xml(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [
            "".join(t.text or "" for t in etree.fromstring(zf.read(n)).iter(f"{W}t"))
            for n in sorted(zf.namelist())
            if n.startswith("word/header")
        ]


def test_a_header_letterhead_gives_way_to_the_reports_own(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A 红头 in the header sits above the standard's place and on every page: a report
    with its own 版头 (format: file) leaves it out and says so; a plain report keeps it
    and says why it is not at the standard's place."""
    reference = header_letterhead(tmp_path / "页眉红头.docx")
    upward = prepare(write(MINIMAL + "format: file\ndoc_number: 青教发〔2024〕9号\n"))
    data = render_docx(upward.document, None, reference)
    assert header_xml(data) == [""]  # the header part is there, empty
    assert text(body(data)[0]) == "青山县教育局文件"  # the 标志 from the report's data
    (note,) = [n for n in reference_notes(None, reference, False, upward.document) if "页眉" in n]
    assert note == (
        "参考文档的红头在页眉里：页眉位于上边距（天头 37 mm）之内，红头会高于 GB/T 9704 规定的位置"
        "（发文机关标志上边缘距版心上边缘 35 mm），而且每一页都会出现，因此没有使用页眉中的红头"
        "（带红头的页眉留空），由报告数据在第一页按国标排出红头（发文机关标志、发文字号和签发人、红色分隔线）。"
        "要沿用模板的红头，请把它做在参考文档正文的开头（以带红色下框线的段落或一条红线结束）。"
    )
    plain = prepare(write(MINIMAL))
    assert header_xml(render_docx(plain.document, None, reference)) == ["青山县教育局"]
    notes = reference_notes(None, reference, False, plain.document)
    assert any(
        n.startswith("参考文档的红头在页眉里") and "照原样保留" in n and "format: file" in n
        for n in notes
    )
    assert not any("正文开头的红头" in n for n in notes)


def test_markings_not_put_into_a_body_letterhead_are_named(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reference = body_letterhead(tmp_path / "红头模板.docx")
    report = (
        MINIMAL + "format: file\ndoc_number: 青教发〔2024〕9号\ncopy_number: 12\nurgency: 加急\n"
    )
    prepared = prepare(write(report))
    notes = reference_notes(None, reference, False, prepared.document)
    assert any(
        n.startswith("份号、密级和紧急程度（000012、加急）没有放进参考文档的红头") for n in notes
    )


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


UPWARD = "format: file\ndoc_number: 青教发〔2024〕9号\nsigners: [王明, 李华]\nissuer_mark: 青山县教育局文件\n"


@pytest.mark.parametrize(
    ("line", "placeholder", "localised"),
    [("drawn", "number", False), ("border", "marked", True), ("drawn", "none", False)],
)
def test_office_templates_get_the_reports_number_signers_and_mark(
    write,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    line: str,
    placeholder: str,
    localised: bool,
) -> None:
    from docx_helpers import office_letterhead

    reference = office_letterhead(tmp_path / "模板.docx", line, placeholder, localised)
    data = render_docx(prepare(write(MINIMAL + UPWARD)).document, None, reference)
    paragraphs = body(data)
    texts = [text(p) for p in paragraphs]
    # Two 签发人 on one line, the number on the last (here the only) 签发人 line.
    number_at = texts.index("青教发〔2024〕9号签发人：王明　李华")
    assert texts[0] == "青山县教育局文件"  # a bookmarked 〔发文机关标志〕 took the report's
    assert not any("〔发文字号〕" in t or "〔发文机关标志〕" in t or "〔2025〕" in t for t in texts)
    # The red line: a border on the empty paragraph right under the number line, in the
    # template's colour and thickness (a drawn line: E60012, 1.5 pt); no drawn line left.
    border = paragraphs[number_at + 1].find(f"{W}pPr/{W}pBdr/{W}bottom")
    color = "E60012" if line == "drawn" else "FF0000"
    assert (border.get(f"{W}color"), border.get(f"{W}sz")) == (color, "12")
    assert texts[number_at + 2].startswith("关于")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "v:line" not in xml.split("关于")[0]
    # The template's paragraphs above the red line stay (标志 and blank lines).
    blanks = texts[1:number_at]
    assert blanks and not any(blanks)
    if placeholder == "none":  # just above the red line: the paragraph that held it stays
        assert len(blanks) == 2


def test_a_bookmarked_number_line_takes_a_report_without_signers(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from docx_helpers import office_letterhead

    reference = office_letterhead(tmp_path / "模板.docx", "border", "marked")
    report = MINIMAL + "format: file\ndoc_number: 青教发〔2024〕9号\n"
    paragraphs = body(render_docx(prepare(write(report)).document, None, reference))
    number = next(p for p in paragraphs if text(p) == "青教发〔2024〕9号")
    assert number.find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"  # 下行文: centred
    assert text(paragraphs[0]) == "青山县教育局文件"


def test_a_number_line_typed_in_a_table_is_replaced_whole(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A borderless table (number left, 签发人 right) over a red-bordered empty paragraph."""
    from docx_helpers import red_border

    d = docx.Document()
    mark = d.add_paragraph().add_run("青山县教育局文件")
    mark.font.color.rgb = RGBColor(0xFF, 0, 0)
    d.add_paragraph()
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "青教发〔2025〕　号"
    table.cell(0, 1).text = "签发人："
    red_border(d.add_paragraph())
    d.add_paragraph("示例正文")
    reference = tmp_path / "表格红头.docx"
    d.save(str(reference))
    data = render_docx(prepare(write(MINIMAL + UPWARD)).document, None, reference)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    children = list(root.find(f"{W}body"))
    texts = [text(c) for c in children[:5]]
    assert texts == [
        "青山县教育局文件",
        "",
        "青教发〔2024〕9号签发人：王明　李华",
        "",
        "关于2024年第三季度校园安全工作情况的报告",
    ]
    assert all(c.tag == f"{W}p" for c in children[:5])
    assert children[3].find(f"{W}pPr/{W}pBdr/{W}bottom") is not None
