"""Tiny .docx files that took minutes (issue 16, item 4): style chains and list levels.

A 30 KB file with a long ``basedOn`` chain took 23 s, an abstract numbering with 1,000 /
2,000 levels 26 s / 97 s: each paragraph walked the chain or re-read every level. Styles
and lists are now worked out once per document, chains cut at 50 styles (and at a cycle),
levels past Word's nine ignored.
"""

from __future__ import annotations

import io
import time

from lxml import etree

from reportgen.read.docx import MAX_STYLE_CHAIN, docx_paragraphs

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _elapsed(data: bytes) -> tuple[float, list[str]]:
    started = time.process_time()
    paras = docx_paragraphs(data, "h.docx")
    return time.process_time() - started, [p.text for p in paras]


def _save(doc: object) -> bytes:
    out = io.BytesIO()
    doc.save(out)  # type: ignore[attr-defined]
    return out.getvalue()


def chain_docx(length: int, *, cycle: bool = False, heading_at_root: bool = False) -> bytes:
    """Styles S0 ← S1 ← … ← S{length-1} (each based on the one before), one paragraph in
    each; S0 based on the last one when ``cycle``; S0 is 标题 1 when ``heading_at_root``."""
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document()
    styles = doc.styles.element
    for i in range(length):
        style = etree.SubElement(
            styles, qn("w:style"), {qn("w:type"): "paragraph", qn("w:styleId"): f"S{i}"}
        )
        name = "标题 1" if i == 0 and heading_at_root else f"链{i}"
        etree.SubElement(style, qn("w:name"), {qn("w:val"): name})
        if i or cycle:
            base = f"S{i - 1}" if i else f"S{length - 1}"
            etree.SubElement(style, qn("w:basedOn"), {qn("w:val"): base})
    for k in range(length):
        p = doc.add_paragraph(f"本季度召开专题会议{k}次。")
        ppr = p._p.get_or_add_pPr()
        ppr.insert(0, etree.Element(qn("w:pStyle"), {qn("w:val"): f"S{length - 1 - k}"}))
    return _save(doc)


def test_a_long_style_chain_reads_fast() -> None:
    data = chain_docx(1500)
    assert len(data) < 80_000
    seconds, texts = _elapsed(data)
    assert seconds < 1.5, seconds
    assert len(texts) == 1500


def test_a_style_cycle_is_cut() -> None:
    seconds, texts = _elapsed(chain_docx(300, cycle=True))
    assert seconds < 1.5, seconds
    assert len(texts) == 300


def test_a_chain_is_followed_up_to_its_limit_only() -> None:
    """Heading 1 at the root: styles within 50 steps of it are headings, further ones not."""
    import docx

    data = chain_docx(MAX_STYLE_CHAIN + 5, heading_at_root=True)
    from reportgen.read.docx import _Styles

    styles = _Styles(docx.Document(io.BytesIO(data)))
    assert styles.info(f"S{MAX_STYLE_CHAIN - 1}")[0] == "heading"
    assert styles.info(f"S{MAX_STYLE_CHAIN}")[0] == ""


def levels_docx(levels: int, paragraphs: int) -> bytes:
    """One abstract list with ``levels`` levels; paragraphs numbered at levels 0, 1, 2 … 1999."""
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document()
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{"".join(f"%{k + 1}." for k in range(min(i + 1, 9)))}"/></w:lvl>'
        for i in range(levels)
    )
    numbering = doc.part.numbering_part.element
    numbering.insert(
        0,
        etree.fromstring(
            f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="7000">{lvls}</w:abstractNum>'
        ),
    )
    numbering.append(
        etree.fromstring(
            f'<w:num xmlns:w="{W}" w:numId="7000"><w:abstractNumId w:val="7000"/></w:num>'
        )
    )
    for k in range(paragraphs):
        p = doc.add_paragraph()
        numpr = etree.SubElement(p._p.get_or_add_pPr(), qn("w:numPr"))
        etree.SubElement(numpr, qn("w:ilvl")).set(qn("w:val"), str(k % levels))
        etree.SubElement(numpr, qn("w:numId")).set(qn("w:val"), "7000")
        p.add_run(f"完善隐患排查台账{k}。")
    return _save(doc)


def test_a_list_with_thousands_of_levels_reads_fast() -> None:
    data = levels_docx(2000, 2000)
    seconds, texts = _elapsed(data)
    assert seconds < 2, seconds
    # Levels 0–8 are Word's; the paragraphs on level 10 and deeper get no number.
    assert texts[:3] == [
        "1.完善隐患排查台账0。",
        "1.1.完善隐患排查台账1。",
        "1.1.1.完善隐患排查台账2。",
    ]
    assert texts[9] == "完善隐患排查台账9。"
    assert texts[2000 - 1] == "完善隐患排查台账1999。"
