"""Mark a rendered DOCX as a draft: a red “草稿” line at the top of every page's header.

Done on the finished package (a few parts rewritten) so the writer and its cached base
document know nothing of drafts. An existing header (a reference document's letterhead)
keeps its content, the draft line goes first; without one, a header part is added for
every page type the section distinguishes (default, even, first).
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from lxml import etree

from reportgen.render.docx.package import deflate, write_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
HEADER_TYPE = R + "/header"
HEADER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
NEW_PART = "word/header-draft.xml"
NEW_ID = "rIdReportgenDraft"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def draft_paragraph(note: str) -> str:
    return (
        f'<w:p xmlns:w="{W}"><w:pPr><w:jc w:val="center"/></w:pPr>'
        '<w:r><w:rPr><w:rFonts w:ascii="黑体" w:hAnsi="黑体" w:eastAsia="黑体"/><w:b/>'
        '<w:color w:val="C00000"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(note)}</w:t></w:r></w:p>'
    )


def mark_draft(docx: bytes, note: str) -> bytes:
    """``docx`` with ``note`` (e.g. “草稿（……）”) as the first line of every header."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    parts = {name: source.read(name) for name in source.namelist()}
    body = etree.fromstring(parts["word/document.xml"])
    sect_pr = body.find(f"{_w('body')}/{_w('sectPr')}")
    if sect_pr is None:
        sect_pr = etree.SubElement(body.find(_w("body")), _w("sectPr"))
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    refs = sect_pr.findall(_w("headerReference"))
    paragraph = etree.fromstring(draft_paragraph(note))
    if refs:
        for rid in dict.fromkeys(r.get(f"{{{R}}}id") for r in refs):
            name = "word/" + str(targets.get(rid, "")).lstrip("/").removeprefix("word/")
            if name not in parts:
                continue
            header = etree.fromstring(parts[name])
            header.insert(0, etree.fromstring(draft_paragraph(note)))
            parts[name] = etree.tostring(header, xml_declaration=True, encoding="UTF-8")
    else:
        parts[NEW_PART] = (
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:hdr xmlns:w="{W}" xmlns:r="{R}">'
            ).encode()
            + etree.tostring(paragraph, encoding="UTF-8").split(b"?>", 1)[-1]
            + b"</w:hdr>"
        )
        rel = etree.SubElement(rels, f"{{{PR}}}Relationship")
        rel.set("Id", NEW_ID)
        rel.set("Type", HEADER_TYPE)
        rel.set("Target", NEW_PART.removeprefix("word/"))
        parts["word/_rels/document.xml.rels"] = etree.tostring(
            rels, xml_declaration=True, encoding="UTF-8"
        )
        types = etree.fromstring(parts["[Content_Types].xml"])
        override = etree.SubElement(types, f"{{{CT}}}Override")
        override.set("PartName", "/" + NEW_PART)
        override.set("ContentType", HEADER_CT)
        parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
        kinds = ["default"]
        settings = parts.get("word/settings.xml", b"")
        if b"evenAndOddHeaders" in settings:
            kinds.append("even")
        if sect_pr.find(_w("titlePg")) is not None:
            kinds.append("first")
        for i, kind in enumerate(kinds):
            ref = etree.Element(_w("headerReference"))
            ref.set(_w("type"), kind)
            ref.set(f"{{{R}}}id", NEW_ID)
            sect_pr.insert(i, ref)
        parts["word/document.xml"] = etree.tostring(body, xml_declaration=True, encoding="UTF-8")
    return write_zip(deflate(name, data) for name, data in parts.items())
