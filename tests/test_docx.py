"""Structural tests of the DOCX back-end: open the package and check the XML."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

import reportgen
from reportgen.blocks import Block, BlockKind, Document
from reportgen.errors import InputError
from reportgen.numbering import Family
from reportgen.render.docx import fonts, missing_fonts, render_docx
from reportgen.style import StyleProfile

from docx_helpers import NS, W, part_xml, sample_document, wattr

THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


@pytest.fixture(scope="module")
def sample() -> Document:
    return sample_document()


@pytest.fixture(scope="module")
def rendered(sample: Document) -> bytes:
    return render_docx(sample)


def styles_by_id(data: bytes) -> dict[str, Any]:
    root = part_xml(data, "word/styles.xml")
    return {wattr(s, "styleId"): s for s in root.iterfind("w:style", NS)}


def style_by_name(data: bytes, name: str) -> Any:
    root = part_xml(data, "word/styles.xml")
    found = root.xpath("w:style[w:name/@w:val=$n]", namespaces=NS, n=name)
    assert len(found) == 1, name
    return found[0]


def effective(data: bytes, run: Any, what: str) -> str | None:
    """An rFonts attribute for ``run``: run → character style → paragraph style chain →
    docDefaults, the order Word resolves it in."""
    styles = styles_by_id(data)

    def from_style(style_id: str | None) -> str | None:
        while style_id:
            style = styles[style_id]
            fonts = style.find("w:rPr/w:rFonts", NS)
            if fonts is not None and wattr(fonts, what):
                return wattr(fonts, what)
            based = style.find("w:basedOn", NS)
            style_id = None if based is None else wattr(based, "val")
        return None

    fonts = run.find("w:rPr/w:rFonts", NS)
    if fonts is not None and wattr(fonts, what):
        return wattr(fonts, what)
    rstyle = run.find("w:rPr/w:rStyle", NS)
    if rstyle is not None and (found := from_style(wattr(rstyle, "val"))):
        return found
    pstyle = run.getparent().find("w:pPr/w:pStyle", NS)
    if (found := from_style(wattr(pstyle, "val") if pstyle is not None else "Normal")) is not None:
        return found
    defaults = part_xml(data, "word/styles.xml").find(
        "w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS
    )
    return wattr(defaults, what)


def body_paragraphs(data: bytes) -> list[Any]:
    return part_xml(data, "word/document.xml").findall("w:body/w:p", NS)


def text_of(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iterfind(".//w:t", NS))


def style_of(paragraph: Any) -> str | None:
    pstyle = paragraph.find("w:pPr/w:pStyle", NS)
    return None if pstyle is None else wattr(pstyle, "val")


def paragraphs_of(data: bytes, text: str) -> list[Any]:
    return [p for p in body_paragraphs(data) if text_of(p).startswith(text)]


# --- page setup ---------------------------------------------------------------------------


def test_page_setup_is_a4_with_gbt9704_margins_and_a_lines_only_grid(rendered: bytes) -> None:
    sect = part_xml(rendered, "word/document.xml").find("w:body/w:sectPr", NS)
    pg_size = sect.find("w:pgSz", NS)
    assert (wattr(pg_size, "w"), wattr(pg_size, "h")) == ("11906", "16838")
    margins = sect.find("w:pgMar", NS)
    assert {k: wattr(margins, k) for k in ("top", "bottom", "left", "right")} == {
        "top": "2098",
        "bottom": "1984",
        "left": "1588",
        "right": "1474",
    }
    # 35 mm − 7 mm − one 14 pt line ≈ 23.1 mm from the bottom edge.
    assert 1300 <= int(wattr(margins, "footer") or 0) <= 1315
    grid = sect.find("w:docGrid", NS)
    assert wattr(grid, "type") == "lines"
    assert wattr(grid, "linePitch") == "579"
    assert wattr(grid, "charSpace") is None


def test_line_pitch_spacing_widows_and_kinsoku_on_the_body_style(rendered: bytes) -> None:
    normal = style_by_name(rendered, "Normal")
    spacing = normal.find("w:pPr/w:spacing", NS)
    assert (wattr(spacing, "line"), wattr(spacing, "lineRule")) == ("579", "exact")
    assert wattr(normal.find("w:pPr/w:widowControl", NS), "val") == "0"
    assert wattr(normal.find("w:pPr/w:kinsoku", NS), "val") == "1"
    assert wattr(normal.find("w:rPr/w:spacing", NS), "val") == "-5"
    ind = normal.find("w:pPr/w:ind", NS)
    assert (wattr(ind, "firstLineChars"), wattr(ind, "firstLine")) == ("200", "640")
    assert wattr(normal.find("w:pPr/w:jc", NS), "val") == "both"


# --- fonts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("style_name", "font", "size"),
    [
        ("Normal", "仿宋_GB2312", "32"),
        ("Title", "方正小标宋简体", "44"),
        ("heading 1", "黑体", "32"),
        ("heading 2", "楷体_GB2312", "32"),
        ("heading 3", "仿宋_GB2312", "32"),
        ("heading 4", "仿宋_GB2312", "32"),
        ("footer", "宋体", "28"),
        ("接排正文", "仿宋_GB2312", "32"),
    ],
)
def test_every_font_slot_is_set_on_each_style(
    rendered: bytes, style_name: str, font: str, size: str
) -> None:
    style = style_by_name(rendered, style_name)
    fonts = style.find("w:rPr/w:rFonts", NS)
    assert {
        slot: wattr(fonts, slot) for slot in ("ascii", "hAnsi", "eastAsia", "cs")
    } == dict.fromkeys(("ascii", "hAnsi", "eastAsia", "cs"), font)
    assert wattr(fonts, "hint") == "eastAsia"
    assert wattr(style.find("w:rPr/w:sz", NS), "val") == size


def test_doc_defaults_name_the_body_font_and_chinese_language(rendered: bytes) -> None:
    rpr = part_xml(rendered, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    fonts = rpr.find("w:rFonts", NS)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert wattr(fonts, slot) == "仿宋_GB2312"
    assert wattr(rpr.find("w:sz", NS), "val") == "32"
    assert wattr(rpr.find("w:lang", NS), "eastAsia") == "zh-CN"


def test_no_theme_font_attribute_anywhere(rendered: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(rendered)) as zf:
        for name in zf.namelist():
            if name.startswith("word/") and name.endswith(".xml") and "theme" not in name:
                root = part_xml(rendered, name)
                for fonts in root.iter(f"{{{W}}}rFonts"):
                    assert not [a for a in THEME_ATTRS if wattr(fonts, a)], name


def test_bold_level3_follows_the_profile() -> None:
    plain = render_docx(sample_document(), StyleProfile(level3_bold=False))
    assert wattr(style_by_name(plain, "heading 3").find("w:rPr/w:b", NS), "val") == "0"
    bold = render_docx(sample_document())
    assert wattr(style_by_name(bold, "heading 3").find("w:rPr/w:b", NS), "val") == "1"


def test_latin_font_goes_to_the_western_slots_only() -> None:
    data = render_docx(sample_document(), StyleProfile(latin_font="Times New Roman"))
    fonts = style_by_name(data, "Normal").find("w:rPr/w:rFonts", NS)
    assert wattr(fonts, "ascii") == wattr(fonts, "hAnsi") == "Times New Roman"
    assert wattr(fonts, "eastAsia") == "仿宋_GB2312"
    # Quotes, dashes and ellipses are shared code points: the hint keeps them Chinese.
    assert wattr(fonts, "hint") == "eastAsia"


def test_run_in_heading_is_a_kai_run_then_a_fangsong_run(rendered: bytes) -> None:
    paragraph = paragraphs_of(rendered, "（一）")[0]
    runs = paragraph.findall("w:r", NS)
    assert len(runs) == 2
    assert text_of(runs[0]) == "（一）抓好安全排查，消除事故隐患。"
    assert effective(rendered, runs[0], "eastAsia") == "楷体_GB2312"
    assert effective(rendered, runs[1], "eastAsia") == "仿宋_GB2312"
    assert effective(rendered, runs[1], "hAnsi") == "仿宋_GB2312"
    assert text_of(runs[1]).startswith("每学期开学前")


def test_level1_heading_is_heiti_on_its_own_line(rendered: bytes) -> None:
    paragraph = paragraphs_of(rendered, "一、")[0]
    assert text_of(paragraph) == "一、主要工作和成效"
    assert effective(rendered, paragraph.find("w:r", NS), "eastAsia") == "黑体"


# --- headings, structure, text ------------------------------------------------------------


def test_heading_styles_have_outline_levels_and_are_used(rendered: bytes) -> None:
    for level in (1, 2, 3, 4):
        style = style_by_name(rendered, f"heading {level}")
        assert wattr(style.find("w:pPr/w:outlineLvl", NS), "val") == str(level - 1)
        assert wattr(style.find("w:basedOn", NS), "val") == "Normal"
    used = {style_of(p) for p in body_paragraphs(rendered)}
    assert {"Heading1", "Heading2", "Heading3", "Title"} <= used


def test_inline_items_are_body_paragraphs(rendered: bytes) -> None:
    paragraph = paragraphs_of(rendered, "一是")[0]
    assert style_of(paragraph) is None  # Normal
    assert text_of(paragraph).startswith("一是修订应急预案，")


def test_every_block_appears_in_order(sample: Document, rendered: bytes) -> None:
    texts = [text_of(p) for p in body_paragraphs(rendered) if text_of(p)]
    expected: list[str] = []
    for block in sample.blocks:
        if block.kind is BlockKind.ATTACHMENTS:
            expected += [
                ("附件：" if i == 1 else "") + f"{i}.{name}"
                for i, name in enumerate(block.items, 1)
            ]
        else:
            expected.append(block.full_text)
    assert texts == expected


def test_blank_lines_under_title_and_above_attachments_and_signature(rendered: bytes) -> None:
    texts = [text_of(p) for p in body_paragraphs(rendered)]
    assert texts[:3] == ["关于校园安全和教师培训工作的报告", "", "区教育局："]
    tail = texts[texts.index("特此报告。") :]
    assert tail[1] == ""
    assert tail[2].startswith("附件：1.")
    assert tail[4:] == ["", "城东区第一实验中学", "2024年10月8日"]


def test_document_number_is_centred_above_the_title() -> None:
    data = render_docx(sample_document(doc_number=True))
    paragraphs = body_paragraphs(data)
    assert text_of(paragraphs[0]) == "城东教〔2024〕12号"
    assert wattr(style_by_name(data, "发文字号").find("w:pPr/w:jc", NS), "val") == "center"
    assert text_of(paragraphs[1]) == ""
    assert style_of(paragraphs[2]) == "Title"


def ind(paragraph: Any) -> dict[str, str | None]:
    element = paragraph.find("w:pPr/w:ind", NS)
    return {k: wattr(element, k) for k in ("rightChars", "leftChars", "hangingChars")}


def test_signature_and_date_without_seal(rendered: bytes) -> None:
    # 城东区第一实验中学 is 9 characters, 2024年10月8日 6.5 (digits are half-width):
    # signature right-indented 2, date starts 2 right of it → 9 + 2 − 2 − 6.5 = 2.5.
    signature = paragraphs_of(rendered, "城东区第一实验中学")[0]
    date = paragraphs_of(rendered, "2024年10月8日")[0]
    assert ind(signature)["rightChars"] == "200"
    assert ind(date)["rightChars"] == "250"
    assert style_of(signature) == "Signature"
    assert style_by_name(rendered, "Signature").find("w:pPr/w:keepNext", NS) is not None
    assert style_of(date) == "Date"


def test_long_date_keeps_two_characters_and_moves_the_signature() -> None:
    document = sample_document()
    blocks = [
        Block(BlockKind.SIGNATURE, "市教育局") if b.kind is BlockKind.SIGNATURE else b
        for b in document.blocks
    ]
    data = render_docx(Document(document.title, blocks))
    # Date right-indented 2, so it starts 2 + 6.5 from the margin; the signature starts
    # 2 further left and is 4 long: 2 + 6.5 + 2 − 4 = 6.5.
    assert ind(paragraphs_of(data, "市教育局")[0])["rightChars"] == "650"
    assert ind(paragraphs_of(data, "2024年")[0])["rightChars"] == "200"


def test_signature_is_centred_over_the_date_with_a_seal() -> None:
    data = render_docx(sample_document(seal=True))
    assert ind(paragraphs_of(data, "2024年10月8日")[0])["rightChars"] == "400"
    # 4 + (6.5 − 9) / 2
    assert ind(paragraphs_of(data, "城东区第一实验中学")[0])["rightChars"] == "275"


def test_attachment_items_hang_under_the_first_name(rendered: bytes) -> None:
    first, second = paragraphs_of(rendered, "附件：1.")[0], paragraphs_of(rendered, "2.教师")[0]
    # 附件 at 2 characters; names start after 附件：(3) and 1.(1) = 6.
    assert ind(first) == {"rightChars": None, "leftChars": "600", "hangingChars": "400"}
    assert ind(second) == {"rightChars": None, "leftChars": "600", "hangingChars": "100"}


# --- footers and settings -----------------------------------------------------------------


def footer_parts(data: bytes) -> dict[str, Any]:
    document = part_xml(data, "word/document.xml")
    rels = part_xml(data, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    refs = document.findall("w:body/w:sectPr/w:footerReference", NS)
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    return {wattr(r, "type"): part_xml(data, "word/" + targets[r.get(rid)]) for r in refs}


def test_page_number_fields_in_odd_and_even_footers(rendered: bytes) -> None:
    footers = footer_parts(rendered)
    assert set(footers) == {"default", "even"}
    for kind, side, indent in (("default", "right", "rightChars"), ("even", "left", "leftChars")):
        paragraph = footers[kind].find("w:p", NS)
        chars = [wattr(f, "fldCharType") for f in paragraph.iterfind(".//w:fldChar", NS)]
        assert chars == ["begin", "separate", "end"]
        instr = paragraph.find(".//w:instrText", NS)
        assert instr.text.strip() == "PAGE"
        assert wattr(paragraph.find("w:pPr/w:jc", NS), "val") == side
        assert wattr(paragraph.find("w:pPr/w:ind", NS), indent) == "100"
        assert text_of(paragraph).startswith("— ") and text_of(paragraph).endswith(" —")
    settings = part_xml(rendered, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None


def test_core_properties_come_from_the_report(rendered: bytes) -> None:
    core = docx.Document(io.BytesIO(rendered)).core_properties
    assert core.title == "关于校园安全和教师培训工作的报告"
    assert core.author == core.last_modified_by == "城东区第一实验中学"
    assert core.revision == 1
    assert core.created == core.modified == dt.datetime(2024, 10, 8, tzinfo=dt.timezone.utc)


# --- determinism and robustness -----------------------------------------------------------


def test_same_document_gives_identical_bytes(sample: Document, rendered: bytes) -> None:
    assert render_docx(sample_document()) == rendered
    with zipfile.ZipFile(io.BytesIO(rendered)) as zf:
        assert zf.testzip() is None
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_identical_bytes_in_a_fresh_process(rendered: bytes, tmp_path: Path) -> None:
    out = tmp_path / "other.docx"
    script = (
        "import sys, pathlib; sys.path.insert(0, sys.argv[2]);"
        "from docx_helpers import sample_document;"
        "from reportgen.render.docx import render_docx;"
        "pathlib.Path(sys.argv[1]).write_bytes(render_docx(sample_document()))"
    )
    subprocess.run([sys.executable, "-c", script, str(out), str(Path(__file__).parent)], check=True)
    assert out.read_bytes() == rendered


def test_python_docx_opens_the_output(rendered: bytes) -> None:
    opened = docx.Document(io.BytesIO(rendered))
    assert opened.paragraphs[0].style.name == "Title"
    assert opened.settings.odd_and_even_pages_header_footer


def test_control_characters_are_dropped_not_fatal() -> None:
    dirty = "安全\x00检查\x0b工作\x1f\ufffe\ud800。"
    document = Document(
        title="报告\x07",
        blocks=[
            Block(BlockKind.TITLE, "报告\x07"),
            Block(BlockKind.PARAGRAPH, dirty),
            Block(
                BlockKind.HEADING,
                "标题\x0c。",
                level=2,
                family=Family.SECTION,
                marker="（一）",
                run_in=True,
                body="正文\x01",
            ),
            Block(BlockKind.ATTACHMENTS, "", items=("表\x02",)),
        ],
        org="学校\x00",
    )
    data = render_docx(document)
    texts = [text_of(p) for p in body_paragraphs(data)]
    assert texts == ["报告", "", "安全检查工作。", "（一）标题。正文", "", "附件：表"]
    assert docx.Document(io.BytesIO(data)).core_properties.author == "学校"


def test_tabs_and_newlines_become_word_breaks() -> None:
    document = Document("题", [Block(BlockKind.TITLE, "第一行\n第二行")])
    paragraph = body_paragraphs(render_docx(document))[0]
    assert paragraph.find(".//w:br", NS) is not None


# --- reference documents ------------------------------------------------------------------


def make_reference(path: Path) -> Path:
    """A Chinese-Word-like reference: heading 1 has the localised id "1", a red header
    sits in the header part, and the body holds a leftover paragraph."""
    reference = docx.Document()
    styles = reference.styles.element
    heading = styles.xpath('w:style[w:name/@w:val="heading 1"]')[0]
    heading.set(f"{{{W}}}styleId", "1")
    for ref in styles.xpath('//w:basedOn[@w:val="Heading1"] | //w:next[@w:val="Heading1"]'):
        ref.set(f"{{{W}}}val", "1")
    section = reference.sections[0]
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = "城东区第一实验中学文件"
    reference.add_paragraph("模板里的示例正文", style="Heading 1")
    reference.save(path)
    return path


def test_reference_doc_with_localised_style_ids(tmp_path: Path) -> None:
    reference = make_reference(tmp_path / "ref.docx")
    data = render_docx(sample_document(), reference_doc=reference)
    root = part_xml(data, "word/styles.xml")
    named = root.xpath('w:style[w:name/@w:val="heading 1"]', namespaces=NS)
    assert [wattr(s, "styleId") for s in named] == ["1"]
    assert style_of(paragraphs_of(data, "一、")[0]) == "1"
    texts = [text_of(p) for p in body_paragraphs(data)]
    assert "模板里的示例正文" not in texts
    headers = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if "header" in n]
    assert any(
        "城东区第一实验中学文件" in zipfile.ZipFile(io.BytesIO(data)).read(n).decode()
        for n in headers
    )
    # The reference had no footers: page numbers are added, and its letterhead stays
    # on even pages too.
    assert set(footer_parts(data)) == {"default", "even"}
    sect = part_xml(data, "word/document.xml").find("w:body/w:sectPr", NS)
    header_types = {wattr(h, "type") for h in sect.findall("w:headerReference", NS)}
    assert header_types == {"default", "even"}
    # Missing styles are created from the profile.
    assert wattr(style_by_name(data, "接排正文").find("w:rPr/w:rFonts", NS), "eastAsia")
    assert render_docx(sample_document(), reference_doc=reference) == data


def bad_code(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        render_docx(sample_document(), reference_doc=path)
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    assert problem.message  # Chinese, for people
    return f"{problem.code} {problem.name}"


def test_reference_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("这不是 Word 文档", encoding="utf-8")
    assert bad_code(path) == "I020 bad-reference-doc"


def test_reference_zip_without_document_part(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert bad_code(path) == "I020 bad-reference-doc"


def test_reference_with_broken_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    good = make_reference(tmp_path / "good.docx")
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, b"<w:document" if info.filename == "word/document.xml" else data)
    assert bad_code(path) == "I020 bad-reference-doc"


def test_reference_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr("word/media/pad.bin", bytes(51 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    assert bad_code(path) == "I021 reference-doc-too-large"


# --- the style profile --------------------------------------------------------------------


def test_style_profile_is_documented_strict_and_free_of_python_docx() -> None:
    schema = StyleProfile.model_json_schema()
    assert schema["additionalProperties"] is False
    for name, prop in schema["properties"].items():
        assert any("\u4e00" <= c <= "\u9fff" for c in prop.get("description", "")), name
    with pytest.raises(ValueError):
        StyleProfile(page_number_format="第页")
    with pytest.raises(ValueError):
        StyleProfile.model_validate({"body_font": "仿宋", "colour": "red"})
    code = "import sys, reportgen.style; sys.exit('docx' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --- font fallbacks, app properties, missing fonts ----------------------------------------


def font_entry(data: bytes, name: str) -> Any:
    found = part_xml(data, "word/fontTable.xml").xpath("w:font[@w:name=$n]", namespaces=NS, n=name)
    assert len(found) == 1, name
    return found[0]


@pytest.mark.parametrize(
    ("font", "alt_name", "family"),
    [
        ("仿宋_GB2312", "仿宋", "modern"),
        ("楷体_GB2312", "楷体", "modern"),
        ("方正小标宋简体", "宋体", "script"),
        ("黑体", "SimHei", "modern"),
        ("宋体", "SimSun", "auto"),
    ],
)
def test_font_table_names_a_fallback_for_each_chinese_font(
    rendered: bytes, font: str, alt_name: str, family: str
) -> None:
    entry = font_entry(rendered, font)
    assert wattr(entry.find("w:altName", NS), "val") == alt_name
    assert wattr(entry.find("w:charset", NS), "val") == "86"  # GB2312
    assert wattr(entry.find("w:family", NS), "val") == family
    # CT_Font's sequence: altName first, then charset, family, pitch.
    assert [child.tag.split("}")[1] for child in entry] == [
        "altName",
        "charset",
        "family",
        "pitch",
    ]


def test_font_table_follows_the_profile_and_keeps_existing_entries(tmp_path: Path) -> None:
    data = render_docx(
        sample_document(), StyleProfile(body_font="仿宋", level3_font="某某体", level4_font="仿宋")
    )
    names = [wattr(f, "name") for f in part_xml(data, "word/fontTable.xml").iterfind("w:font", NS)]
    assert wattr(font_entry(data, "仿宋").find("w:altName", NS), "val") == "FangSong"
    assert "仿宋_GB2312" not in names  # no longer used by this profile
    assert "某某体" not in names  # unknown faces get no guessed entry
    assert {"Times New Roman", "Calibri"} <= set(names)  # the template's entries stay
    reference = render_docx(sample_document(), reference_doc=make_reference(tmp_path / "r.docx"))
    assert wattr(font_entry(reference, "仿宋_GB2312").find("w:altName", NS), "val") == "仿宋"


def test_app_properties_name_reportgen_without_template_statistics(rendered: bytes) -> None:
    ep = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    root = part_xml(rendered, "docProps/app.xml")
    assert root.findtext(f"{ep}Application") == f"reportgen {reportgen.__version__}"
    for stale in ("Pages", "Words", "Characters", "Lines", "Paragraphs", "AppVersion"):
        assert root.find(f"{ep}{stale}") is None, stale
    with zipfile.ZipFile(io.BytesIO(rendered)) as zf:
        assert b"Microsoft" not in zf.read("docProps/app.xml")


@pytest.fixture
def fresh_font_list() -> Iterator[None]:
    fonts._installed_families.cache_clear()
    yield
    fonts._installed_families.cache_clear()


def fake_fc_list(folder: Path, script: str) -> str:
    path = folder / "fc-list"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return str(folder)


@pytest.mark.usefixtures("fresh_font_list")
def test_missing_fonts_lists_the_profile_fonts_fontconfig_lacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listing = "宋体,SimSun\\nsimhei,黑体\\nNoto Serif CJK SC\\n"
    monkeypatch.setenv("PATH", fake_fc_list(tmp_path, f"printf '{listing}'\n"))
    assert missing_fonts(StyleProfile()) == ["方正小标宋简体", "仿宋_GB2312", "楷体_GB2312"]
    # fontconfig ignores case and blanks in family names, and so does the comparison.
    assert missing_fonts(StyleProfile(body_font="SIM SUN", title_font="黑体")) == [
        "楷体_GB2312",
        "仿宋_GB2312",
    ]


@pytest.mark.usefixtures("fresh_font_list")
def test_missing_fonts_says_nothing_when_it_cannot_tell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no fc-list at all
    assert missing_fonts(StyleProfile()) == []
    fonts._installed_families.cache_clear()
    monkeypatch.setenv("PATH", fake_fc_list(tmp_path, "exit 1\n"))
    assert missing_fonts(StyleProfile()) == []


def test_long_title_is_broken_at_a_safe_place() -> None:
    from docx import Document as OpenDocx

    from reportgen.blocks import Block, BlockKind, Document

    doc = Document(
        title="关于2024年第三季度校园安全工作情况的报告",
        blocks=[
            Block(BlockKind.TITLE, "关于2024年第三季度校园安全工作情况的报告"),
            Block(BlockKind.LEAD, "本季度工作平稳。"),
        ],
    )
    opened = OpenDocx(io.BytesIO(render_docx(doc)))
    title = opened.paragraphs[0]
    assert title.text == "关于2024年第三季度\n校园安全工作情况的报告"
    assert len(title._p.xpath(".//w:br")) == 1


def test_table_block_is_a_bordered_table_with_a_repeated_header() -> None:
    from docx import Document as OpenDocx

    from reportgen.blocks import Block, BlockKind, Document

    doc = Document(
        title="汇总",
        blocks=[
            Block(BlockKind.TITLE, "汇总"),
            Block(BlockKind.TABLE, "", rows=(("单位", "条数"), ("一中", "3"), ("二中",))),
        ],
    )
    opened = OpenDocx(io.BytesIO(render_docx(doc)))
    (table,) = opened.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["单位", "条数"],
        ["一中", "3"],
        ["二中", ""],
    ]
    tbl = table._tbl
    assert tbl.xpath("./w:tblPr/w:tblBorders/w:insideH/@w:val") == ["single"]
    assert len(tbl.xpath("./w:tr[1]/w:trPr/w:tblHeader")) == 1
    assert len(tbl.xpath("./w:tr[1]//w:r/w:rPr/w:b")) == 2
    assert tbl.xpath(".//w:p/w:pPr/w:ind/@w:firstLine") == ["0"] * 6
