"""The base document, built once per process for each (style profile, reference document):
styles, page setup, footers and settings, with every part but the body already compressed.
Also the guards that turn an unusable reference document into a clear input error."""

from __future__ import annotations

import copy
import functools
import io
import pathlib
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml.etree import SubElement

from reportgen import codes
from reportgen.core.docx_archive import MAX_DOCX_BYTES, vet_docx
from reportgen.core.style import StyleProfile
from reportgen.errors import InputError, UsageError
from reportgen.problem import Level, Problem
from reportgen.render.docx.fonts import font_table_xml
from reportgen.render.docx.ooxml import serialise
from reportgen.render.docx.package import Entry, deflate
from reportgen.render.docx.page import prepare_body, prepare_footers, prepare_settings
from reportgen.render.docx.properties import app_xml
from reportgen.render.docx.reference import letterhead, red_in
from reportgen.render.docx.styles import StyleBuilder

MAX_REFERENCE_BYTES = MAX_DOCX_BYTES


@dataclass
class Base:
    doc: Any  # docx.document.Document; python-docx is untyped
    sect_pr: Any
    core_element: Any
    styles: dict[str, str]  # role → w:styleId
    fonts: dict[str, str]  # role → the Chinese font its style resolves to
    entries: list[tuple[str, Entry]]
    lock: threading.Lock
    letterhead: list[Any] = field(default_factory=list)  # a reference's body 红头, kept
    notes: list[str] = field(default_factory=list)  # what was taken from the reference
    # The reference's headers that carry a 红头, emptied: used instead of the reference's
    # when the report lays out its own 版头 (render_docx), so that there is one 红头, at
    # the standard's place, on the first page only.
    blank_headers: dict[str, Entry] = field(default_factory=dict)
    # What the page-balancing pass worked out from these styles (render/docx/balance.py):
    # the styles never change after the base is built, so every report reuses it.
    balance_cache: dict[Any, Any] = field(default_factory=dict)


def reference_key(path: pathlib.Path | None) -> tuple[str, int, int] | None:
    """The cache key of a reference document: a file edited in place is read again."""
    if path is None:
        return None
    try:
        stat = path.stat()
    except OSError as exc:
        raise UsageError(f"无法读取参考文档 {path}：{exc.strerror or exc}") from exc
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def base_for(
    profile: StyleProfile, reference: tuple[str, int, int] | None, keep_styles: bool = False
) -> Base:
    """``keep_styles``: use the reference's own definitions of the report's styles
    (``--reference-styles``); by default they are replaced by the profile's."""
    if reference is None:
        doc = docx.Document()
        _drop_template_leftovers(doc)
        return _finish_base(doc, profile, fresh=True)
    path = pathlib.Path(reference[0])
    doc = _open_reference(path)
    try:
        return _finish_base(doc, profile, fresh=False, keep_styles=keep_styles)
    except Exception as exc:  # a parseable but odd package: still the user's file at fault
        raise _bad_reference(path, f"无法使用（{type(exc).__name__}: {exc}）") from exc


def _finish_base(doc: Any, profile: StyleProfile, fresh: bool, keep_styles: bool = False) -> Base:
    # A reference without word/styles.xml gets python-docx's template styles (theme fonts,
    # blue headings, en-US): none of them are the organisation's, so all are rebuilt.
    no_styles = _related_name(doc.part, RT.STYLES) is None
    builder = StyleBuilder(doc, profile, fresh or no_styles, keep_reference=keep_styles)
    styles = builder.build()
    fonts = builder.east_asian_fonts(styles)
    kept = [] if fresh else letterhead(doc.element.body)
    notes = [] if fresh else _reference_notes(doc, builder, kept)
    sect_pr = prepare_body(doc, profile, fresh, keep=kept)
    prepare_footers(doc, profile, styles, sect_pr)
    prepare_settings(doc)
    core = doc.core_properties  # created here when a reference doc has none
    core.revision = 1
    # Parts python-docx does not model, rewritten as bytes; found by relationship, since
    # a reference document may name them differently.
    rewrites: dict[str, Callable[[bytes], bytes]] = {}
    if (font_table := _related_name(doc.part, RT.FONT_TABLE)) is not None:
        rewrites[font_table] = functools.partial(font_table_xml, p=profile)
    if (app := _related_name(doc.part.package, RT.EXTENDED_PROPERTIES)) is not None:
        rewrites[app] = app_xml
    buffer = io.BytesIO()
    doc.save(buffer)
    entries = []
    with zipfile.ZipFile(buffer) as zf:
        for info in zf.infolist():
            raw = zf.read(info)
            if info.filename in rewrites:
                raw = rewrites[info.filename](raw)
            entries.append((info.filename, deflate(info.filename, raw)))
    core_element = doc.part.package.part_related_by(RT.CORE_PROPERTIES).element
    blank = {} if fresh or kept else _blank_headers(doc)
    return Base(
        doc, sect_pr, core_element, styles, fonts, entries, threading.Lock(), kept, notes, blank
    )


def _reference_notes(doc: Any, builder: StyleBuilder, kept: list[Any]) -> list[str]:
    """What the user is told about a reference document (code I057)."""
    notes = []
    if builder.taken:
        notes.append(f"沿用了参考文档的样式：{'、'.join(builder.taken)}。")
    if builder.replaced:
        notes.append(
            f"参考文档中的样式 {'、'.join(builder.replaced)} 已按公文版式重新设置"
            "（要沿用参考文档自己的样式，加 --reference-styles）。"
        )
    paper = _paper_mm(doc)
    if paper is not None and not _is_a4(paper):
        width, height = paper
        notes.append(
            f"参考文档的纸张是 {width:g}×{height:g} mm，不是公文用的 A4（210×297 mm，GB/T 9704 5.1），"
            "生成的文件沿用了它；请在参考文档里把纸张改为 A4。"
        )
    if kept:
        notes.append(
            f"沿用了参考文档正文开头的红头（{len(kept)} 段，到红色分隔线为止），报告从红头之后开始；"
            "报告的发文字号和签发人排在红线上方（代替模板中的发文字号占位段落），红线移到其下 4 mm；"
            "模板中有“〔发文机关标志〕”或书签 reportgen_mark 时换成报告的发文机关标志，"
            "否则沿用模板的标志。"
        )
    return notes


_EMU_PER_MM = 36000


def _paper_mm(doc: Any) -> tuple[float, float] | None:
    """The reference's paper (its last section's, the body's), in whole millimetres."""
    section = doc.sections[-1] if len(doc.sections) else None
    if section is None or section.page_width is None or section.page_height is None:
        return None
    return (
        round(section.page_width / _EMU_PER_MM, 1),
        round(section.page_height / _EMU_PER_MM, 1),
    )


def _is_a4(paper: tuple[float, float]) -> bool:
    """A4 either way round, within a millimetre (Word stores 11906 × 16838 twips)."""
    short, long = sorted(paper)
    return abs(short - 210) <= 1 and abs(long - 297) <= 1


HEADER_LETTERHEAD_KEPT = (
    "参考文档的红头在页眉里：页眉位于上边距（天头 37 mm）之内，红头会高于 GB/T 9704 规定的位置"
    "（发文机关标志上边缘距版心上边缘 35 mm），而且每一页都会出现；这份报告没有版头（format: plain），"
    "因此页眉照原样保留、未作调整。要得到合乎国标的红头，请在报告中写 format: file（和 doc_number），"
    "由报告数据在第一页排出红头（页眉中的红头随之不用），或把红头做在参考文档正文的开头"
    "（以带红色下框线的段落或一条红线结束）。"
)
HEADER_LETTERHEAD_REPLACED = (
    "参考文档的红头在页眉里：页眉位于上边距（天头 37 mm）之内，红头会高于 GB/T 9704 规定的位置"
    "（发文机关标志上边缘距版心上边缘 35 mm），而且每一页都会出现，因此没有使用页眉中的红头"
    "（带红头的页眉留空），由报告数据在第一页按国标排出红头（发文机关标志、发文字号和签发人、红色分隔线）。"
    "要沿用模板的红头，请把它做在参考文档正文的开头（以带红色下框线的段落或一条红线结束）。"
)


def _blank_headers(doc: Any) -> dict[str, Entry]:
    """Each header part of the reference that carries a 红头, emptied (one empty paragraph)."""
    blank = {}
    for rel in doc.part.rels.values():
        if rel.is_external or rel.reltype != RT.HEADER:
            continue
        element = rel.target_part.element
        if not red_in(element):
            continue
        empty = copy.deepcopy(element)
        for child in list(empty):
            empty.remove(child)
        SubElement(empty, qn("w:p"))
        name = str(rel.target_part.partname.membername)
        blank[name] = deflate(name, serialise(empty))
    return blank


def _related_name(source: Any, reltype: str) -> str | None:
    """The zip entry name of the part ``source`` relates to by ``reltype``, if any."""
    try:
        part = source.part_related_by(reltype)
    except KeyError:
        return None
    return str(part.partname.membername)


def _drop_template_leftovers(doc: Any) -> None:
    """python-docx's template carries a Word 2010 styles copy and a thumbnail of a blank page."""
    for rels in (doc.part.rels, doc.part.package.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith(("/stylesWithEffects", "/metadata/thumbnail")):
                del rels[rid]


def _bad_reference(path: pathlib.Path, why: str) -> InputError:
    return InputError(
        [
            Problem.of(
                str(path),
                0,
                0,
                Level.ERROR,
                codes.BAD_REFERENCE_DOC,
                f"参考文档不是有效的 Word 文档（.docx）：{why}。"
                "请用 Word 或 WPS 打开后另存为 .docx（模板 .dotx 也需另存）",
            )
        ]
    )


def _open_reference(path: pathlib.Path) -> Any:
    from reportgen.core.reading import ZIP_ENV, read_file, zip_limits

    data = read_file(path, zip_limits().file, ZIP_ENV, what="参考文档")
    vet_docx(
        data,
        str(path),
        what="参考文档",
        bad=codes.BAD_REFERENCE_DOC,
        too_large=codes.REFERENCE_DOC_TOO_LARGE,
    )
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx fails in many ways (KeyError, ValueError, lxml …)
        raise _bad_reference(path, f"无法解析（{type(exc).__name__}: {exc}）") from exc
