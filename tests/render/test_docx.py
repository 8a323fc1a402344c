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
import docx.shared
import pytest
from lxml import etree

import reportgen
from reportgen.core.blocks import Block, BlockKind, Document
from reportgen.core.numbering import Family
from reportgen.core.style import StyleProfile
from reportgen.errors import InputError
from reportgen.render.docx import fonts, missing_fonts, render_docx

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
    # 35 mm − 7 mm − half a 14 pt line (the dash's place in it) ≈ 25.5 mm from the bottom edge.
    assert 1440 <= int(wattr(margins, "footer") or 0) <= 1450
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


AREA_PT = 156 / 25.4 * 72


def left_twips(paragraph: Any) -> int:
    return int(wattr(paragraph.find("w:pPr/w:ind", NS), "left") or 0)


def ind(paragraph: Any) -> dict[str, str | None]:
    element = paragraph.find("w:pPr/w:ind", NS)
    return {k: wattr(element, k) for k in ("rightChars", "leftChars", "hangingChars")}


def test_signature_and_date_without_seal(rendered: bytes) -> None:
    # 城东区第一实验中学 is 9 characters right-indented 2 (Word's unit: 16 pt each); the
    # date starts 2 characters right of its first character, left-aligned:
    # 156 mm − 2 × 16 pt − 7 × 15.75 pt from the margin.
    signature = paragraphs_of(rendered, "城东区第一实验中学")[0]
    date = paragraphs_of(rendered, "2024年10月8日")[0]
    assert ind(signature)["rightChars"] == "200"
    assert left_twips(date) == round((AREA_PT - 2 * 16 - 7 * 15.75) * 20)
    assert wattr(date.find("w:pPr/w:jc", NS), "val") == "left"
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
    # Date right-indented 2, so it starts 2 + 7.6 line characters (15.75 pt) from the
    # margin (6.5 and a fifth of a character at each of 5 hanzi–digit boundaries); the
    # signature starts 2 further left and is 4 long: 2 + 7.6 + 2 − 4 = 7.6 line characters,
    # 7.48 of Word's (16 pt).
    assert ind(paragraphs_of(data, "市教育局")[0])["rightChars"] == "748"
    # It starts two characters right of the signature's start: 7.6 + 4 − 2 from the right.
    assert left_twips(paragraphs_of(data, "2024年")[0]) == round((AREA_PT - 9.6 * 15.75) * 20)


def test_signature_is_centred_over_the_date_with_a_seal() -> None:
    data = render_docx(sample_document(seal=True))
    # One centre tab stop for both: the date (6.5 characters) ends 4 from the right.
    centre = str(round((AREA_PT - (4 + 6.5 / 2) * 15.75) * 20))
    for text in ("2024年10月8日", "城东区第一实验中学"):
        (tab,) = paragraphs_of(data, text)[0].iterfind("w:pPr/w:tabs/w:tab", NS)
        assert (wattr(tab, "val"), wattr(tab, "pos")) == ("center", centre)


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
    subprocess.run(
        [sys.executable, "-c", script, str(out), str(Path(__file__).parent.parent)], check=True
    )
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
        # The limit counts XML (what is parsed): 51 MB of it is refused before inflating.
        zf.writestr("word/pad.xml", bytes(51 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    assert bad_code(path) == "I021 reference-doc-too-large"


def test_reference_media_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pictures have their own allowance, four times the XML one (4 MB here).
    monkeypatch.setenv("REPORTGEN_MAX_DOCX_MB", "1")
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr("word/media/pad.bin", bytes(5 * 1024 * 1024))
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
    code = "import sys, reportgen.core.style; sys.exit('docx' in sys.modules)"
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

    from reportgen.core.blocks import Block, BlockKind, Document

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

    from reportgen.core.blocks import Block, BlockKind, Document

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


def test_table_rows_never_split_and_the_first_column_is_wider() -> None:
    header = (
        "单位",
        "工作情况（条）",
        "工作成效（条）",
        "存在的问题（条）",
        "下一步工作打算（条）",
        "全文字数",
    )
    rows = (header, ("青山县第二中学", "3", "2", "2", "3", "4120"))
    doc = Document(title="汇总", blocks=[Block(BlockKind.TABLE, "", rows=rows)])
    tbl = part_xml(render_docx(doc), "word/document.xml").find("w:body/w:tbl", NS)
    for tr in tbl.findall("w:tr", NS):
        tags = [child.tag.rpartition("}")[2] for child in tr.find("w:trPr", NS)]
        assert tags[0] == "cantSplit"  # CT_TrPr order: cantSplit before tblHeader
    assert tbl.xpath("./w:tr[1]/w:trPr/w:tblHeader", namespaces=NS)
    grid = [int(v) for v in tbl.xpath("./w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
    area = round(156 / 25.4 * 1440)
    assert sum(grid) <= area and sum(grid) > area - len(grid)
    # Every column is as wide as its widest cell on one line (青山县第二中学, 7 characters)
    # and its header on at most two lines (下一步工作打算（条）, 10 characters: 5 a line) in
    # the cells' size (小四 here: the headers do not fit on one line) plus the cell margins.
    size = int(tbl.xpath("string(.//w:tr[2]//w:r/w:rPr/w:sz/@w:val)", namespaces=NS)) / 2
    assert size in (14, 12)
    assert grid[0] / 20 >= 7 * (size - 0.25) + 10.8
    assert size == 12
    assert grid[4] / 20 >= 5 * (size - 0.25) + 10.8
    assert grid[0] > grid[5]
    for tr in tbl.findall("w:tr", NS):
        cells = tr.xpath("./w:tc/w:tcPr/w:tcW/@w:w", namespaces=NS)
        assert [int(c) for c in cells] == grid
    assert tbl.find("w:tblPr/w:tblLayout", NS).get(f"{{{W}}}type") == "fixed"


def test_a_two_column_table_keeps_equal_columns() -> None:
    doc = Document(title="汇总", blocks=[Block(BlockKind.TABLE, "", rows=(("单位", "条数"),))])
    tbl = part_xml(render_docx(doc), "word/document.xml").find("w:body/w:tbl", NS)
    grid = tbl.xpath("./w:tblGrid/w:gridCol/@w:w", namespaces=NS)
    assert len(set(grid)) == 1


# --- keep with next -----------------------------------------------------------------------


def keeps(paragraph: Any) -> bool:
    element = paragraph.find("w:pPr/w:keepNext", NS)
    return element is not None and wattr(element, "val") in (None, "1", "true", "on")


def test_own_line_headings_keep_with_the_next_paragraph(rendered: bytes) -> None:
    assert keeps(paragraphs_of(rendered, "一、主要工作和成效")[0])
    assert keeps(paragraphs_of(rendered, "1.完善安全管理制度")[0])
    assert style_by_name(rendered, "heading 1").find("w:pPr/w:keepNext", NS) is not None
    # Run-in headings are body paragraphs: they may end a page.
    assert not keeps(paragraphs_of(rendered, "（一）抓好安全排查")[0])
    assert style_by_name(rendered, "heading 2").find("w:pPr/w:keepNext", NS) is None
    own_line = Document(
        title="t",
        blocks=[
            Block(
                BlockKind.HEADING, "完善培训体系", level=2, family=Family.SECTION, marker="（一）"
            ),
            Block(BlockKind.PARAGRAPH, "正文。"),
        ],
    )
    data = render_docx(own_line)
    assert keeps(paragraphs_of(data, "（一）完善培训体系")[0])
    assert not keeps(paragraphs_of(data, "正文。")[0])


def test_the_last_body_paragraph_keeps_with_the_signature_block(rendered: bytes) -> None:
    paragraphs = body_paragraphs(rendered)
    texts = [text_of(p) for p in paragraphs]
    closing = texts.index("特此报告。")
    # closing, blank, 附件 1, 附件 2, blank, signature keep with the next; the date ends it.
    assert [keeps(p) for p in paragraphs[closing:]] == [True] * 6 + [False]
    assert texts[closing - 1] and not keeps(paragraphs[closing - 1])
    assert sum(keeps(p) for p in paragraphs[:closing]) == sum(
        1 for t in texts[:closing] if t.startswith(("一、", "二、", "三、", "1."))
    )


def test_without_closing_or_attachments_the_last_paragraph_keeps_with_the_signature() -> None:
    blocks = [
        b
        for b in sample_document(seal=True).blocks
        if b.kind not in (BlockKind.CLOSING, BlockKind.ATTACHMENTS)
    ]
    data = render_docx(Document(title="t", blocks=blocks, seal=True))
    paragraphs = body_paragraphs(data)
    # Body, three blank lines of room for the seal, signature, date.
    assert [keeps(p) for p in paragraphs[-7:]] == [False, True, True, True, True, True, False]
    assert text_of(paragraphs[-6]) == blocks[-3].text
    assert text_of(paragraphs[-1]) == "2024年10月8日"


def test_a_table_before_the_signature_keeps_its_last_row_with_it() -> None:
    blocks = [
        Block(BlockKind.TABLE, "", rows=(("单位", "条数"), ("一中", "3"))),
        Block(BlockKind.SIGNATURE, "城东区教育局"),
        Block(BlockKind.DATE, "2024年10月8日"),
    ]
    root = part_xml(render_docx(Document(title="t", blocks=blocks)), "word/document.xml")
    (tbl,) = root.findall("w:body/w:tbl", NS)
    assert [keeps(p) for p in tbl.iterfind("w:tr[2]//w:p", NS)] == [True, True]
    assert not any(keeps(p) for p in tbl.iterfind("w:tr[1]//w:p", NS))


# --- quotes, ellipses and dashes with a Latin font ----------------------------------------

# Marks after a digit or a Latin letter (or before one at the start) are the ones
# LibreOffice would draw in the Latin font; marks between Chinese characters it already
# draws in the Chinese font.
MARKED = "“2024”是关键一年，完成率95%……下一步——继续‘抓落实’，做到A——B。"
SPLIT = ["“", "”", "……", "——"]


def marked_document() -> Document:
    return Document(
        title="关于“2024”工作的报告",
        blocks=[
            Block(BlockKind.TITLE, "关于“2024”工作的报告"),
            Block(BlockKind.PARAGRAPH, MARKED),
            Block(
                BlockKind.HEADING,
                "抓“落实”……见成效。",
                level=2,
                family=Family.SECTION,
                marker="（一）",
                run_in=True,
                body=MARKED,
            ),
        ],
    )


def run_fonts(run: Any) -> dict[str, str | None]:
    fonts = run.find("w:rPr/w:rFonts", NS)
    slots = ("ascii", "hAnsi", "eastAsia", "cs")
    return dict.fromkeys(slots) if fonts is None else {s: wattr(fonts, s) for s in slots}


@pytest.mark.parametrize(
    ("start", "text", "font", "split"),
    [
        ("关于", "关于“2024”工作的报告", "方正小标宋简体", ["”"]),
        ("“2024", MARKED, "仿宋_GB2312", SPLIT),
        # After the heading's 。 the opening quote is Chinese already.
        ("（一）", "（一）抓“落实”……见成效。" + MARKED, "仿宋_GB2312", SPLIT[1:]),
    ],
)
def test_marks_next_to_latin_text_take_the_chinese_font_with_a_latin_font(
    start: str, text: str, font: str, split: list[str]
) -> None:
    data = render_docx(marked_document(), StyleProfile(latin_font="Times New Roman"))
    paragraph = paragraphs_of(data, start)[0]
    assert text_of(paragraph) == text  # nothing lost, nothing reordered
    runs = paragraph.findall("w:r", NS)
    own = [r for r in runs if run_fonts(r)["ascii"] is not None]
    # …… and —— stay whole in one run, so no line break falls inside them.
    assert [text_of(r) for r in own] == split
    for run in own:
        assert set(run_fonts(run).values()) == {font}
        assert wattr(run.find("w:rPr/w:rFonts", NS), "hint") == "eastAsia"
    # Everything else keeps the style's fonts (Latin digits), marks between Chinese
    # characters included: ‘抓落实’ and 步——继 are not split.
    kept = "".join(text_of(r) for r in runs if r not in own)
    if start != "关于":
        assert "‘抓落实’" in kept and "步——继" in kept
    if start == "（一）":  # the run-in body keeps its character style in every run
        body = [r for r in runs if r.find("w:rPr/w:rStyle", NS) is not None]
        assert "".join(text_of(r) for r in body) == MARKED
        assert text_of(runs[0]) == "（一）抓“落实”……见成效。"


def test_page_number_dashes_take_the_chinese_font_with_a_latin_font() -> None:
    data = render_docx(marked_document(), StyleProfile(latin_font="Times New Roman"))
    for kind, part in footer_parts(data).items():
        runs = [r for r in part.iterfind(".//w:r", NS) if "—" in text_of(r)]
        assert len(runs) == 2, kind
        assert all(set(run_fonts(r).values()) == {"宋体"} for r in runs)


# --- reference documents: run-in text, missing or empty styles -----------------------------


def blue_reference(path: Path) -> Path:
    """Heading 2 blue, 13 pt, italic; Normal 11 pt Calibri-like (python-docx's template)."""
    reference = docx.Document()
    normal = reference.styles["Normal"]
    normal.font.size = docx.shared.Pt(11)
    heading = reference.styles["Heading 2"]
    heading.font.color.rgb = docx.shared.RGBColor(0x1F, 0x4E, 0xA0)
    heading.font.italic = True
    reference.save(path)
    return path


def resolved(data: bytes, run: Any, tag: str) -> Any:
    """The w:tag run property in force for ``run``: run, character style, paragraph
    style chain, docDefaults."""
    styles = styles_by_id(data)

    def chain(style_id: str | None) -> Any:
        while style_id:
            style = styles[style_id]
            if (found := style.find(f"w:rPr/w:{tag}", NS)) is not None:
                return found
            based = style.find("w:basedOn", NS)
            style_id = None if based is None else wattr(based, "val")
        return None

    if (found := run.find(f"w:rPr/w:{tag}", NS)) is not None:
        return found
    rstyle = run.find("w:rPr/w:rStyle", NS)
    if rstyle is not None and (found := chain(wattr(rstyle, "val"))) is not None:
        return found
    pstyle = run.getparent().find("w:pPr/w:pStyle", NS)
    if (found := chain(wattr(pstyle, "val") if pstyle is not None else "Normal")) is not None:
        return found
    return part_xml(data, "word/styles.xml").find(f"w:docDefaults/w:rPrDefault/w:rPr/w:{tag}", NS)


def test_run_in_text_looks_like_normal_under_a_blue_reference_heading(tmp_path: Path) -> None:
    # --reference-styles: the reference's own (blue) heading style is used as it is.
    data = render_docx(
        sample_document(),
        reference_doc=blue_reference(tmp_path / "blue.docx"),
        reference_styles=True,
    )
    heading, body = paragraphs_of(data, "（一）")[0].findall("w:r", NS)
    assert wattr(resolved(data, heading, "color"), "val") == "1F4EA0"  # the heading stays blue
    assert wattr(resolved(data, body, "color"), "val") == "auto"
    assert wattr(resolved(data, body, "sz"), "val") == "22"  # Normal's 11 pt, not 16
    assert wattr(resolved(data, body, "i"), "val") == "0"
    assert wattr(resolved(data, body, "b"), "val") == "0"
    style = style_by_name(data, "接排正文")
    assert wattr(style.find("w:rPr/w:sz", NS), "val") == "22"


def test_run_in_style_of_a_fresh_document_resets_colour_and_follows_normal(
    rendered: bytes,
) -> None:
    style = style_by_name(rendered, "接排正文")
    assert wattr(style.find("w:rPr/w:color", NS), "val") == "auto"
    assert wattr(style.find("w:rPr/w:sz", NS), "val") == "32"
    assert wattr(style.find("w:rPr/w:spacing", NS), "val") == "-5"


def without_styles(source: Path, path: Path) -> Path:
    """``source`` with word/styles.xml, its relationship and content type removed."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            raw = zin.read(info)
            if info.filename == "word/styles.xml":
                continue
            if info.filename in ("word/_rels/document.xml.rels", "[Content_Types].xml"):
                root = etree.fromstring(raw)
                for element in list(root):
                    if "styles.xml" in (element.get("Target") or element.get("PartName") or ""):
                        root.remove(element)
                raw = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            zout.writestr(info, raw)
    return path


def assert_body_text_from_the_profile(data: bytes) -> None:
    paragraph = paragraphs_of(data, "今年以来")[0]
    run = paragraph.find("w:r", NS)
    assert effective(data, run, "eastAsia") == "仿宋_GB2312"
    assert wattr(resolved(data, run, "sz"), "val") == "32"
    normal = style_by_name(data, "Normal")
    spacing = normal.find("w:pPr/w:spacing", NS)
    assert (wattr(spacing, "line"), wattr(spacing, "lineRule")) == ("579", "exact")
    assert not [a for a in THEME_ATTRS if wattr(normal.find("w:rPr/w:rFonts", NS), a)]
    rpr = part_xml(data, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert wattr(rpr.find("w:lang", NS), "eastAsia") == "zh-CN"


def test_reference_without_styles_gets_the_profile_styles(tmp_path: Path) -> None:
    reference = without_styles(make_reference(tmp_path / "r.docx"), tmp_path / "bare.docx")
    data = render_docx(sample_document(), reference_doc=reference)
    assert_body_text_from_the_profile(data)
    # python-docx's stand-in styles are not the organisation's: headings are the profile's.
    assert effective(data, paragraphs_of(data, "一、")[0].find("w:r", NS), "eastAsia") == "黑体"
    # The reference's page furniture is still used.
    assert "城东区第一实验中学文件" in "".join(
        zipfile.ZipFile(io.BytesIO(data)).read(n).decode()
        for n in zipfile.ZipFile(io.BytesIO(data)).namelist()
        if "header" in n
    )


def test_reference_with_an_empty_normal_gets_the_profile_body_text(tmp_path: Path) -> None:
    # python-docx's template: Normal names no font, size or spacing; docDefaults are
    # theme fonts, 11 pt, East Asian language en-US.
    data = render_docx(sample_document(), reference_doc=make_reference(tmp_path / "r.docx"))
    assert_body_text_from_the_profile(data)
    ind = style_by_name(data, "Normal").find("w:pPr/w:ind", NS)
    assert wattr(ind, "firstLineChars") == "200"


def test_reference_normal_with_its_own_font_is_kept(tmp_path: Path) -> None:
    reference = docx.Document()
    reference.styles["Normal"].font.size = docx.shared.Pt(15)
    reference.save(tmp_path / "own.docx")
    data = render_docx(
        sample_document(), reference_doc=tmp_path / "own.docx", reference_styles=True
    )
    normal = style_by_name(data, "Normal")
    assert wattr(normal.find("w:rPr/w:sz", NS), "val") == "30"
    assert normal.find("w:pPr/w:spacing", NS) is None
    # Without --reference-styles Normal is the profile's: 三号, the exact 28.95 pt pitch.
    data = render_docx(sample_document(), reference_doc=tmp_path / "own.docx")
    normal = style_by_name(data, "Normal")
    assert wattr(normal.find("w:rPr/w:sz", NS), "val") == "32"
    assert wattr(normal.find("w:pPr/w:spacing", NS), "line") == "579"


@pytest.mark.parametrize(
    ("width", "height", "said"),
    [
        (215.9, 279.4, "参考文档的纸张是 215.9×279.4 mm，不是公文用的 A4"),  # Word's US Letter
        (297, 210, None),  # A4 landscape is A4
        (210, 297, None),
    ],
)
def test_a_reference_doc_on_other_paper_is_said(
    tmp_path: Path, width: float, height: float, said: str | None
) -> None:
    from cli_helpers import run
    from docx.shared import Mm

    from conftest import EXAMPLES

    reference = docx.Document()
    reference.sections[0].page_width = Mm(width)
    reference.sections[0].page_height = Mm(height)
    reference.save(tmp_path / "ref.docx")
    code, _, err = run(
        [
            "render",
            str(EXAMPLES[0]),
            "--reference-doc",
            str(tmp_path / "ref.docx"),
            "-o",
            str(tmp_path / "out.docx"),
        ]
    )
    assert code == 0, err
    notes = [line for line in err.splitlines() if "纸张" in line]
    if said is None:
        assert notes == []
    else:
        assert len(notes) == 1 and said in notes[0] and "warning I057 [reference-doc]" in notes[0]
