"""Shared by the DOCX tests: a realistic report built by hand, and XML look-ups."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Pt, RGBColor
from lxml import etree

from reportgen.core.blocks import Block, BlockKind, Document
from reportgen.core.numbering import Family, marker

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

# Neutral school-system prose without digits, so a full line is exactly 28 characters.
_SENTENCES = (
    "学校坚持把师生生命安全放在首位，逐级签订安全责任书，明确校长为第一责任人。",
    "每学期开学前组织一次全面排查，重点检查教学楼、实验室、食堂和学生宿舍。",
    "对排查发现的隐患建立台账，实行销号管理，整改完成后由专人复核签字。",
    "应急疏散演练覆盖全体师生，演练前制定方案，演练后召开总结会查找不足。",
    "消防器材由后勤处按月巡检，过期灭火器及时更换，疏散通道保持畅通。",
    "结合季节特点开展防溺水、防踩踏、交通安全和食品安全等专题教育。",
    "教师培训以提升课堂教学能力为重点，采取集中研修与校本教研相结合的方式。",
    "新入职教师实行师徒结对，由骨干教师一对一指导备课、听课和评课。",
    "学校组织青年教师参加教学基本功展示活动，以赛促练，以练促学。",
    "班主任培训突出心理健康教育和家校沟通，帮助教师掌握常见问题的处理方法。",
    "信息技术应用能力提升工程稳步推进，教师普遍能够熟练使用智慧教学平台。",
    "各教研组每周开展一次集体备课，围绕教学重难点共同研讨，形成共享资源。",
    "学校邀请应急管理部门专家进校授课，讲解火灾逃生和地震避险的基本要领。",
    "家长学校定期举办安全讲座，引导家长履行监护责任，形成家校共育合力。",
    "值班巡查制度进一步落实，上下学时段安排教师和保安在校门口护导。",
    "校园视频监控实现重点区域全覆盖，门卫室严格执行来访登记制度。",
)


def prose(seed: int, length: int) -> str:
    """Deterministic body text of at least ``length`` characters."""
    out: list[str] = []
    index = seed
    while sum(map(len, out)) < length:
        out.append(_SENTENCES[index % len(_SENTENCES)])
        index += 7
    return "".join(out)


def _heading(level: int, family: Family, number: int, text: str, body: str = "") -> Block:
    return Block(
        BlockKind.HEADING,
        text,
        level=level,
        family=family,
        number=number,
        marker=marker(family, number),
        run_in=bool(body),
        body=body,
    )


def sample_document(seal: bool = False, doc_number: bool = False) -> Document:
    """A work report of about 4,000 characters: title, recipient, lead, three parts with
    run-in level-2 headings, a level-3 heading, 一是 items, closing, attachments,
    signature and date."""
    blocks: list[Block] = []
    if doc_number:
        blocks.append(Block(BlockKind.DOC_NUMBER, "城东教〔2024〕12号"))
    blocks += [
        Block(BlockKind.TITLE, "关于校园安全和教师培训工作的报告"),
        Block(BlockKind.RECIPIENT, "区教育局："),
        Block(BlockKind.LEAD, "今年以来，我校认真落实上级部署，" + prose(0, 150)),
    ]
    parts = (
        (
            "主要工作和成效",
            (
                "抓好安全排查，消除事故隐患。",
                "强化应急演练，提升避险能力。",
                "深化教师培训，提升育人水平。",
            ),
        ),
        ("存在的问题", ("安全教育的针对性还不够强。", "培训成果转化还不够充分。")),
        ("下一步工作打算", ("健全长效机制，压实安全责任。", "完善培训体系，建强教师队伍。")),
    )
    seed = 1
    for number, (heading, sections) in enumerate(parts, 1):
        blocks.append(_heading(1, Family.CHAPTER, number, heading))
        for sub, sentence in enumerate(sections, 1):
            blocks.append(_heading(2, Family.SECTION, sub, sentence, prose(seed, 260)))
            seed += 3
        if number == 1:
            blocks.append(_heading(3, Family.ARABIC, 1, "完善安全管理制度"))
            blocks.append(Block(BlockKind.PARAGRAPH, prose(seed, 240)))
            blocks.append(_heading(0, Family.INLINE, 1, "修订应急预案，" + prose(seed + 1, 90)))
            blocks.append(_heading(0, Family.INLINE, 2, "规范值班制度，" + prose(seed + 2, 90)))
            seed += 3
        blocks.append(Block(BlockKind.PARAGRAPH, prose(seed, 300)))
        seed += 5
    blocks += [
        Block(BlockKind.CLOSING, "特此报告。"),
        Block(
            BlockKind.ATTACHMENTS,
            "",
            items=("二〇二四年校园安全隐患排查整改情况统计表", "教师培训名册"),
        ),
        Block(BlockKind.SIGNATURE, "城东区第一实验中学"),
        Block(BlockKind.DATE, "2024年10月8日"),
    ]
    return Document(
        title="关于校园安全和教师培训工作的报告",
        blocks=blocks,
        org="城东区第一实验中学",
        date="2024年10月8日",
        iso_date="2024-10-08",
        kind="work-report",
        seal=seal,
    )


def part_xml(data: bytes, name: str) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def wattr(element: Any, name: str) -> str | None:
    value = element.get(f"{{{W}}}{name}")
    return None if value is None else str(value)


def paragraphs(seed: int, lengths: tuple[int, ...]) -> list[Block]:
    return [Block(BlockKind.PARAGRAPH, prose(seed + i, n)[:n]) for i, n in enumerate(lengths)]


def heading_at_page_foot_document() -> Document:
    """Own-line headings that fall on a page's last line (line 22) without keep-with-next.

    Page 1: title, blank line, recipient, 18 lines of text (three 150-character paragraphs,
    6 lines each), then 一、 on line 22. Page 2 (with the heading moved down): 一、 and 20
    lines (four 5-line paragraphs), then an own-line （一） on line 22. Page 3: （一）, 19
    lines, then 二、 on line 21 and an own-line （一） on line 22: both move down together.
    """
    blocks = [
        Block(BlockKind.TITLE, "关于教师培训工作的报告"),
        Block(BlockKind.RECIPIENT, "区教育局："),
        *paragraphs(0, (150, 150, 150)),
        _heading(1, Family.CHAPTER, 1, "主要工作"),
        *paragraphs(3, (120, 120, 120, 120)),
        _heading(2, Family.SECTION, 1, "强化安全管理"),
        *paragraphs(7, (150, 150, 180)),
        _heading(1, Family.CHAPTER, 2, "下一步打算"),
        _heading(2, Family.SECTION, 1, "完善培训体系"),
        *paragraphs(10, (150, 150)),
        Block(BlockKind.CLOSING, "特此报告。"),
        Block(BlockKind.SIGNATURE, "城东区第一实验中学"),
        Block(BlockKind.DATE, "2024年10月8日"),
    ]
    return Document(title="关于教师培训工作的报告", blocks=blocks, org="城东区第一实验中学")


OUTLINE = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."))


def _abstract(abstract_id: int, levels: tuple[tuple[str, str], ...]) -> str:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    return f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'


def _num(num_id: int, abstract_id: int, restart: bool = False) -> str:
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    return (
        f'<w:num xmlns:w="{W}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
        f"{override if restart else ''}</w:num>"
    )


def numbered_docx(lines: list[tuple[str, int | None, int] | str]) -> bytes:
    """A report typed in Word with its outline numbered by Word.

    A line is plain text, or (text, numId, ilvl): numId 90 is the outline list 一、（一）1.,
    91 a bulleted list, 92 a 1. 2. list sharing 93's definition, 93 the same list
    restarted, 99 a numId the file does not define. A text starting with ``**…**`` has
    that part in bold.
    """
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    for xml in (
        _abstract(90, OUTLINE),
        _abstract(91, (("bullet", "●"),)),
        _abstract(92, (("decimal", "%1."),)),
    ):
        numbering.insert(0, etree.fromstring(xml))
    for xml in (_num(90, 90), _num(91, 91), _num(92, 92), _num(93, 92, restart=True)):
        numbering.append(etree.fromstring(xml))
    for line in lines:
        text, num_id, ilvl = (line, None, 0) if isinstance(line, str) else line
        p = doc.add_paragraph()
        if num_id is not None:
            numpr = etree.SubElement(p._p.get_or_add_pPr(), qn("w:numPr"))
            etree.SubElement(numpr, qn("w:ilvl")).set(qn("w:val"), str(ilvl))
            etree.SubElement(numpr, qn("w:numId")).set(qn("w:val"), str(num_id))
        if text.startswith("**"):
            bold, _, text = text[2:].partition("**")
            p.add_run(bold).bold = True
        if text:
            p.add_run(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def hand_typed_docx() -> bytes:
    """A report typed in Word: no heading styles, typed markers, wrong forms, a missing part."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    title = d.add_paragraph("关于2024年秋季学期教师培训工作情况的报告")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("县教育局：")
    d.add_paragraph("本学期，我校围绕教师专业发展开展系列培训。现将有关情况报告如下：")
    d.add_paragraph("一、工作情况")
    p = d.add_paragraph()
    p.add_run("(一)抓师德师风建设。").bold = True
    p.add_run("组织全体教师学习师德规范，开展专题讨论4次。")
    d.add_paragraph("(二)抓业务能力提升。组织青年教师参加县级培训××人次。")
    d.add_paragraph("1、开展集体备课。各学科组每周集体备课1次。")
    d.add_paragraph("2、开展听评课活动。本学期听评课120节。")
    d.add_paragraph("二、下一步工作打算")
    d.add_paragraph("（一）完善培训制度。修订教师培训管理办法。")
    d.add_paragraph("特此报告。")
    d.add_paragraph("青山县第一小学")
    d.add_paragraph("2024年12月20日")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def red_border(paragraph: object) -> None:
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "12"), ("space", "1"), ("color", "FF0000")):
        bottom.set(qn(f"w:{key}"), value)
    bdr.append(bottom)
    ppr.append(bdr)


def body_letterhead(path: Path) -> Path:
    d = docx.Document()
    mark = d.add_paragraph()
    run = mark.add_run("青山县教育局文件")
    run.font.color.rgb = RGBColor(0xFF, 0, 0)
    run.font.size = Pt(36)
    number = d.add_paragraph("青教发〔2025〕　号")
    red_border(number)
    d.add_paragraph("这里是模板中的示例正文，生成时应当去掉。")
    d.save(str(path))
    return path


MARK_SIZE_PT = 42.0


def _exact(paragraph: object, line: float, before: float = 0.0) -> None:
    """Exact line height, space before, off the line grid: how an office places its 标志."""
    from docx.enum.text import WD_LINE_SPACING

    fmt = paragraph.paragraph_format  # type: ignore[attr-defined]
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(line)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(0)
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert(0, snap)


def _vml_line(paragraph: object, weight_pt: float = 1.5) -> None:
    """A red line drawn with Word's line tool (VML, as WPS and older Word save it),
    anchored in ``paragraph`` and placed under it."""
    pict = etree.fromstring(
        f'<w:pict xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml">'
        '<v:line style="position:absolute;z-index:1;mso-position-horizontal-relative:margin;'
        'mso-position-vertical-relative:line" from="0,6pt" to="442.2pt,6pt" '
        f'strokecolor="#E60012" strokeweight="{weight_pt}pt"/></w:pict>'
    )
    paragraph.add_run()._r.append(pict)  # type: ignore[attr-defined]


def office_letterhead(
    path: Path,
    line: str = "border",
    placeholder: str = "number",
    localised: bool = False,
) -> Path:
    """An office's 红头模板 on A4 with the GB/T 9704 margins: the red 标志 (42 pt 小标宋)
    placed 35 mm under the type area's top with exact spacing, a 发文字号 line, and the red
    line: ``border`` a red bottom border (1.5 pt) on the number paragraph; ``drawn`` a
    drawn VML line in an empty paragraph under it. ``placeholder``: ``number`` the number
    typed as templates do (``青教发〔2025〕　号``); ``marked`` the bookmarks
    ``reportgen_mark``/``reportgen_number`` on the texts ``〔发文机关标志〕``/``〔发文字号〕``;
    ``none`` no number line at all. ``localised``: style ids as Chinese Word saves them.
    Sample text follows the 红头."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    d = docx.Document()
    section = d.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    pitch = 28.95
    mark = d.add_paragraph()
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    line_height = MARK_SIZE_PT / 0.8
    _exact(mark, line_height, 35 * 72 / 25.4 + 0.88 * MARK_SIZE_PT - 0.8 * line_height)
    text = "〔发文机关标志〕" if placeholder == "marked" else "青山县教育局文件"
    run = mark.add_run(text)
    run.font.color.rgb = RGBColor(0xFF, 0, 0)
    run.font.size = Pt(MARK_SIZE_PT)
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正小标宋简体")
    if placeholder == "marked":
        _bookmark(mark, "reportgen_mark", 1)
    blank = d.add_paragraph()
    _exact(blank, pitch)
    last = blank
    if placeholder != "none":
        number = d.add_paragraph(
            "〔发文字号〕" if placeholder == "marked" else "青教发〔2025〕　号"
        )
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _exact(number, pitch, pitch)
        if placeholder == "marked":
            _bookmark(number, "reportgen_number", 2)
        last = number
    if line == "border":
        red_border(last)
    else:
        holder = d.add_paragraph()
        _exact(holder, pitch)
        _vml_line(holder)
    d.add_paragraph("这里是模板中的示例正文，生成时应当去掉。")
    d.save(str(path))
    if localised:
        _localise_style_ids(path)
    return path


def _bookmark(paragraph: object, name: str, number: int) -> None:
    p = paragraph._p  # type: ignore[attr-defined]
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    ppr = p.find(qn("w:pPr"))
    (ppr.addnext if ppr is not None else lambda e: p.insert(0, e))(start)
    p.append(end)


def _localise_style_ids(path: Path) -> None:
    """Style ids as Chinese Word writes them (a Normal, 1 heading 1, a3 Title)."""
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    ids = {"Normal": "a", "Heading1": "1", "Heading2": "2", "Title": "a3"}
    styles = etree.fromstring(parts["word/styles.xml"])
    for style in styles.iter(qn("w:style")):
        if style.get(qn("w:styleId")) in ids:
            style.set(qn("w:styleId"), ids[style.get(qn("w:styleId"))])
    for ref in styles.iter(qn("w:basedOn"), qn("w:next"), qn("w:link")):
        if ref.get(qn("w:val")) in ids:
            ref.set(qn("w:val"), ids[ref.get(qn("w:val"))])
    parts["word/styles.xml"] = etree.tostring(styles)
    document = etree.fromstring(parts["word/document.xml"])
    for ref in document.iter(qn("w:pStyle")):
        if ref.get(qn("w:val")) in ids:
            ref.set(qn("w:val"), ids[ref.get(qn("w:val"))])
    parts["word/document.xml"] = etree.tostring(document)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def header_letterhead_template(path: Path) -> Path:
    """A 红头 made in the header (red 标志 with a red bottom border), A4 with GB margins."""
    from docx.shared import Mm

    d = docx.Document()
    section = d.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    p = section.header.paragraphs[0]
    run = p.add_run("青山县教育局文件")
    run.font.color.rgb = RGBColor(0xC0, 0, 0)
    run.font.size = Pt(26)
    red_border(p)
    d.add_paragraph("示例正文")
    d.save(str(path))
    return path
