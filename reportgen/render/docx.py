"""Document model → DOCX bytes, laid out per GB/T 9704-2012 (22 lines × 28 characters).

The numbers and traps are in the project's layout spec (shared/spec/layout.md). A base
document (styles, settings, page setup, footers) is built once per process for each
(style profile, reference document) and reused: a report only adds its paragraphs,
serialises word/document.xml and docProps/core.xml, and is zipped with every other part
already compressed, so batches of hundreds of reports stay cheap.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import pathlib
import re
import struct
import threading
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.text.run import Run
from lxml import etree

from reportgen.blocks import Block, BlockKind, Document
from reportgen.errors import InputError, UsageError
from reportgen.numbering import Family
from reportgen.problem import Level, Problem
from reportgen.style import StyleProfile

__all__ = ["render_docx"]

MAX_REFERENCE_BYTES = 50 * 1024 * 1024
_FIXED_DATE = dt.datetime(1980, 1, 1)

# Schema order of the children we touch (ECMA-376 CT_PPrBase, CT_RPr, CT_SectPr,
# CT_Style, CT_DocDefaults): Word "repairs" or rejects elements out of order.
# Kept as word lists: the schema sequences read better as text than as 160 list items.
_PPR = (  # noqa: SIM905
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
_RPR = (  # noqa: SIM905
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout "
    "specVanish oMath"
).split()
_SECT = (  # noqa: SIM905
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
    "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection "
    "bidi rtlGutter docGrid printerSettings sectPrChange"
).split()
_STYLE = (  # noqa: SIM905
    "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden "
    "unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr rPr "
    "tblPr trPr tcPr tblStylePr"
).split()
_DEFAULTS = ["rPrDefault", "pPrDefault"]

_THEME_ATTRS = tuple(qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def render_docx(
    document: Document,
    style: StyleProfile | None = None,
    reference_doc: pathlib.Path | None = None,
) -> bytes:
    """Render ``document`` as DOCX bytes; the same document always gives the same bytes.

    ``reference_doc`` is an organisation's own .docx whose styles, page setup and
    headers/footers (e.g. a red letterhead) are kept, like pandoc's ``--reference-doc``;
    whatever it lacks comes from ``style``. Raises :class:`InputError` (I020, I021)
    when it is not a usable .docx.
    """
    profile = style or StyleProfile()
    base = _base(profile, _reference_key(reference_doc))
    with base.lock:
        body = base.doc.element.body
        try:
            _Writer(base, profile, document).write()
            _set_core_properties(base.doc, document)
            document_xml = _serialise(base.doc.element)
            core_xml = _serialise(base.core_element)
        finally:
            for child in list(body):
                if child is not base.sect_pr:
                    body.remove(child)
    fresh = {"word/document.xml": document_xml, "docProps/core.xml": core_xml}
    entries = [_deflate(name, fresh[name]) if name in fresh else e for name, e in base.entries]
    return _zip(entries)


# --- the base document, built once per (profile, reference doc) ---------------------------


@dataclass
class _Base:
    doc: Any  # docx.document.Document; python-docx is untyped
    sect_pr: Any
    core_element: Any
    styles: dict[str, str]  # role → w:styleId
    entries: list[tuple[str, _Entry]]
    lock: threading.Lock


def _reference_key(path: pathlib.Path | None) -> tuple[str, int, int] | None:
    if path is None:
        return None
    try:
        stat = path.stat()
    except OSError as exc:
        raise UsageError(f"无法读取参考文档 {path}：{exc.strerror or exc}") from exc
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _base(profile: StyleProfile, reference: tuple[str, int, int] | None) -> _Base:
    if reference is None:
        doc = docx.Document()
        _drop_template_leftovers(doc)
        return _finish_base(doc, profile, fresh=True)
    path = pathlib.Path(reference[0])
    doc = _open_reference(path)
    try:
        return _finish_base(doc, profile, fresh=False)
    except Exception as exc:  # a parseable but odd package: still the user's file at fault
        raise _bad_reference(path, f"无法使用（{type(exc).__name__}: {exc}）") from exc


def _finish_base(doc: Any, profile: StyleProfile, fresh: bool) -> _Base:
    styles = _StyleBuilder(doc, profile, fresh).build()
    sect_pr = _prepare_body(doc, profile, fresh)
    _prepare_footers(doc, profile, styles, sect_pr)
    _prepare_settings(doc)
    core = doc.core_properties  # created here when a reference doc has none
    core.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as zf:
        entries = [
            (info.filename, _deflate(info.filename, zf.read(info))) for info in zf.infolist()
        ]
    core_element = doc.part.package.part_related_by(RT.CORE_PROPERTIES).element
    return _Base(doc, sect_pr, core_element, styles, entries, threading.Lock())


def _drop_template_leftovers(doc: Any) -> None:
    """python-docx's template carries a Word 2010 styles copy and a thumbnail of a blank page."""
    for rels in (doc.part.rels, doc.part.package.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith(("/stylesWithEffects", "/metadata/thumbnail")):
                del rels[rid]


def _bad_reference(path: pathlib.Path, why: str) -> InputError:
    return InputError(
        [
            Problem(
                str(path),
                0,
                0,
                Level.ERROR,
                "I020",
                "bad-reference-doc",
                f"参考文档不是有效的 Word 文档（.docx）：{why}。"
                "请用 Word 或 WPS 打开后另存为 .docx（模板 .dotx 也需另存）",
            )
        ]
    )


def _open_reference(path: pathlib.Path) -> Any:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"无法读取参考文档 {path}：{exc.strerror or exc}") from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise _bad_reference(path, f"不是 ZIP 压缩包（{exc}）") from exc
    if "word/document.xml" not in {info.filename for info in infos}:
        raise _bad_reference(path, "压缩包里没有 word/document.xml")
    total = sum(info.file_size for info in infos)
    if total > MAX_REFERENCE_BYTES:
        raise InputError(
            [
                Problem(
                    str(path),
                    0,
                    0,
                    Level.ERROR,
                    "I021",
                    "reference-doc-too-large",
                    f"参考文档解压后共 {total / 1048576:.0f} MB，超过 "
                    f"{MAX_REFERENCE_BYTES // 1048576} MB 上限，拒绝打开",
                )
            ]
        )
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx fails in many ways (KeyError, ValueError, lxml …)
        raise _bad_reference(path, f"无法解析（{type(exc).__name__}: {exc}）") from exc


# --- styles ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _StyleSpec:
    role: str
    name: str  # w:name: Word's internal English name for built-ins, Chinese for ours
    style_id: str
    kind: str = "paragraph"
    font: str = ""
    size_pt: float = 0.0
    bold: bool | None = None
    jc: str | None = None
    first_line_chars: int | None = None  # hundredths of a character, as Word stores it
    outline: int | None = None
    spacing: bool = False  # True: apply the profile's character spacing
    builtin: bool = True


def _style_specs(p: StyleProfile) -> list[_StyleSpec]:
    body = p.body_font
    size = p.body_size_pt
    fonts = (p.level1_font, p.level2_font, p.level3_font, p.level4_font)
    headings = [
        _StyleSpec(
            f"h{level}",
            f"heading {level}",
            f"Heading{level}",
            font=fonts[level - 1],
            size_pt=size,
            bold=p.level3_bold if level == 3 else False,
            outline=level - 1,
            spacing=True,
        )
        for level in (1, 2, 3, 4)
    ]
    return [
        _StyleSpec(
            "normal",
            "Normal",
            "Normal",
            font=body,
            size_pt=size,
            jc="both",
            first_line_chars=200,
            spacing=True,
        ),
        _StyleSpec(
            "title",
            "Title",
            "Title",
            font=p.title_font,
            size_pt=p.title_size_pt,
            bold=False,
            jc="center",
            first_line_chars=0,
        ),
        *headings,
        _StyleSpec("recipient", "Salutation", "Salutation", jc="left", first_line_chars=0),
        _StyleSpec("signature", "Signature", "Signature", jc="right", first_line_chars=0),
        _StyleSpec("date", "Date", "Date", jc="right", first_line_chars=0),
        _StyleSpec(
            "doc_number", "发文字号", "DocNumber", jc="center", first_line_chars=0, builtin=False
        ),
        _StyleSpec(
            "attachments", "附件说明", "Attachments", jc="left", first_line_chars=0, builtin=False
        ),
        _StyleSpec(
            "footer",
            "footer",
            "Footer",
            font=p.page_number_font,
            size_pt=p.page_number_size_pt,
            first_line_chars=0,
        ),
        _StyleSpec(
            "run_in_body",
            "接排正文",
            "RunInBody",
            kind="character",
            font=body,
            size_pt=size,
            bold=False,
            builtin=False,
        ),
    ]


def _put(parent: Any, tag: str, order: Sequence[str], attrs: dict[str, str] | None = None) -> Any:
    """Replace child ``w:tag`` of ``parent`` with a new one, inserted in schema order."""
    old = parent.find(qn(f"w:{tag}"))
    if old is not None:
        parent.remove(old)
    element = OxmlElement(f"w:{tag}")
    for key, value in (attrs or {}).items():
        element.set(qn(f"w:{key}"), value)
    later = {qn(f"w:{t}") for t in order[order.index(tag) + 1 :]}
    for index, child in enumerate(parent):
        if child.tag in later:
            parent.insert(index, element)
            break
    else:
        parent.append(element)
    return element


def _ensure(parent: Any, tag: str, order: Sequence[str]) -> Any:
    found = parent.find(qn(f"w:{tag}"))
    return found if found is not None else _put(parent, tag, order)


def _font_attrs(chinese: str, latin: str | None) -> dict[str, str]:
    # hint=eastAsia sends quotes, dashes and ellipses (shared code points) to the
    # eastAsia font even when a separate Latin font is configured.
    western = latin or chinese
    return {
        "ascii": western,
        "hAnsi": western,
        "eastAsia": chinese,
        "cs": western,
        "hint": "eastAsia",
    }


def _twips(pt: float) -> str:
    return str(round(pt * 20))


def _line_pitch(p: StyleProfile) -> str:
    return _twips(p.line_pitch_pt)


def _base_ppr(ppr: Any, p: StyleProfile) -> None:
    """Paragraph settings every text paragraph needs for the 22-line grid."""
    _put(ppr, "widowControl", _PPR, {"val": "0"})
    _put(ppr, "kinsoku", _PPR, {"val": "1"})
    # overflowPunct is ON although the spec asks for off: LibreOffice 7.4 with it off
    # silently drops a full-width ，。、 that falls at the end of a justified line (measured:
    # 5 marks lost in a 4,000-character report); with it on LibreOffice moves the previous
    # character down instead (kinsoku) and Word hangs the mark in the margin, Chinese
    # Word's own default. No text is lost either way.
    _put(ppr, "overflowPunct", _PPR, {"val": "1"})
    _put(
        ppr,
        "spacing",
        _PPR,
        {"before": "0", "after": "0", "line": _line_pitch(p), "lineRule": "exact"},
    )


def _chars_ind(chars: int, size_pt: float) -> dict[str, str]:
    # firstLineChars is what Word uses; the twips value is for readers that ignore it.
    return {"firstLineChars": str(chars), "firstLine": _twips(chars / 100 * size_pt)}


class _StyleBuilder:
    """Makes every style a report uses. In a fresh document the styles are (re)built from
    the profile; in a reference document existing styles (found by w:name, since Chinese
    Word localises style ids) are left as the organisation made them."""

    def __init__(self, doc: Any, profile: StyleProfile, fresh: bool) -> None:
        self.doc = doc
        self.profile = profile
        self.fresh = fresh
        self.root = doc.styles.element

    def build(self) -> dict[str, str]:
        if self.fresh:
            self._prune()
        self._doc_defaults()
        result: dict[str, Any] = {}
        for spec in _style_specs(self.profile):
            element = self._find(spec)
            if element is None:
                element = self._create(spec)
            result[spec.role] = element.get(qn("w:styleId"))
        if self.fresh:
            for rfonts in self.root.iter(qn("w:rFonts")):
                for attr in _THEME_ATTRS:
                    rfonts.attrib.pop(attr, None)
        return result

    def _prune(self) -> None:
        """Drop the template's styles except the defaults Word requires; ours are rebuilt."""
        keep = {"Default Paragraph Font", "Normal Table", "No List"}
        for element in self.root.findall(qn("w:style")):
            name = element.find(qn("w:name"))
            if name is None or name.get(qn("w:val")) not in keep:
                self.root.remove(element)

    def _find(self, spec: _StyleSpec) -> Any:
        wanted = spec.name.casefold()
        for element in self.root.findall(qn("w:style")):
            name = element.find(qn("w:name"))
            if (
                name is not None
                and (name.get(qn("w:val")) or "").casefold() == wanted
                and element.get(qn("w:type")) == spec.kind
            ):
                return element
        return None

    def _unique_id(self, wanted: str) -> str:
        taken = {e.get(qn("w:styleId")) for e in self.root.findall(qn("w:style"))}
        style_id, n = wanted, 1
        while style_id in taken:
            n += 1
            style_id = f"{wanted}{n}"
        return style_id

    def _create(self, spec: _StyleSpec) -> Any:
        p = self.profile
        element = OxmlElement("w:style")
        element.set(qn("w:type"), spec.kind)
        element.set(qn("w:styleId"), self._unique_id(spec.style_id))
        if spec.role == "normal":
            element.set(qn("w:default"), "1")
        if not spec.builtin:
            element.set(qn("w:customStyle"), "1")
        _put(element, "name", _STYLE, {"val": spec.name})
        if spec.kind == "paragraph" and spec.role != "normal":
            normal = self._find(_StyleSpec("normal", "Normal", "Normal"))
            if normal is not None:
                _put(element, "basedOn", _STYLE, {"val": normal.get(qn("w:styleId"))})
                _put(element, "next", _STYLE, {"val": normal.get(qn("w:styleId"))})
        if spec.outline is not None or spec.role in ("normal", "title"):
            _put(element, "qFormat", _STYLE)
        if spec.kind == "paragraph":
            ppr = _put(element, "pPr", _STYLE)
            if spec.role == "normal":
                _base_ppr(ppr, p)
            if spec.role == "signature":
                _put(ppr, "keepNext", _PPR)  # never leave the date alone on a new page
            if spec.role == "footer":
                # Out of the body's line grid: a plain line exactly one page-number high.
                _put(ppr, "snapToGrid", _PPR, {"val": "0"})
                _put(
                    ppr,
                    "spacing",
                    _PPR,
                    {
                        "before": "0",
                        "after": "0",
                        "line": _twips(p.page_number_size_pt),
                        "lineRule": "exact",
                    },
                )
            if spec.first_line_chars is not None:
                size = spec.size_pt or p.body_size_pt
                _put(ppr, "ind", _PPR, _chars_ind(spec.first_line_chars, size))
            if spec.jc:
                _put(ppr, "jc", _PPR, {"val": spec.jc})
            if spec.outline is not None:
                _put(ppr, "outlineLvl", _PPR, {"val": str(spec.outline)})
        rpr = _put(element, "rPr", _STYLE)
        if spec.font:
            _put(rpr, "rFonts", _RPR, _font_attrs(spec.font, p.latin_font))
        if spec.bold is not None:
            _put(rpr, "b", _RPR, {"val": "1" if spec.bold else "0"})
            _put(rpr, "bCs", _RPR, {"val": "1" if spec.bold else "0"})
        if spec.kind == "paragraph":
            # Headings and the like inherit Normal's tightened spacing; the title and the
            # footer are not on the 28-character grid.
            if spec.spacing and spec.role == "normal":
                _put(rpr, "spacing", _RPR, {"val": _twips(p.char_spacing_pt)})
            elif spec.role in ("title", "footer"):
                _put(rpr, "spacing", _RPR, {"val": "0"})
        if spec.size_pt:
            _put(rpr, "sz", _RPR, {"val": str(round(spec.size_pt * 2))})
            _put(rpr, "szCs", _RPR, {"val": str(round(spec.size_pt * 2))})
        if not len(rpr):
            element.remove(rpr)
        self.root.append(element)
        return element

    def _doc_defaults(self) -> None:
        p = self.profile
        defaults = self.root.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = OxmlElement("w:docDefaults")
            self.root.insert(0, defaults)
        rpr = _ensure(_ensure(defaults, "rPrDefault", _DEFAULTS), "rPr", ["rPr"])
        ppr = _ensure(_ensure(defaults, "pPrDefault", _DEFAULTS), "pPr", ["pPr"])
        size = str(round(p.body_size_pt * 2))
        if self.fresh or rpr.find(qn("w:rFonts")) is None:
            _put(rpr, "rFonts", _RPR, _font_attrs(p.body_font, p.latin_font))
        if self.fresh:
            _put(rpr, "sz", _RPR, {"val": size})
            _put(rpr, "szCs", _RPR, {"val": size})
            _base_ppr(ppr, p)
        lang = _ensure(rpr, "lang", _RPR)
        if self.fresh or not lang.get(qn("w:eastAsia")):
            # zh-CN keeps LibreOffice from drawing Chinese in a Japanese or Kai face.
            lang.set(qn("w:eastAsia"), "zh-CN")
            lang.set(qn("w:val"), lang.get(qn("w:val")) or "en-US")


# --- page setup, footers, settings ---------------------------------------------------------


def _mm(mm: float) -> str:
    # Word's own conversion (567 twips per cm), so 28 mm is the 1588 Word writes when a
    # user types 2.8 cm, and the margins match the layout spec's numbers exactly.
    return str(round(mm * 56.7))


def _prepare_body(doc: Any, p: StyleProfile, fresh: bool) -> Any:
    """Empty the body but keep the final section (page setup, header/footer references)."""
    body = doc.element.body
    sect_pr = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    if sect_pr is None:
        sect_pr = OxmlElement("w:sectPr")
        body.append(sect_pr)
    if fresh or sect_pr.find(qn("w:pgSz")) is None:
        _put(sect_pr, "pgSz", _SECT, {"w": "11906", "h": "16838"})
    if fresh or sect_pr.find(qn("w:pgMar")) is None:
        _put(
            sect_pr,
            "pgMar",
            _SECT,
            {
                "top": _mm(p.margin_top_mm),
                "right": _mm(p.margin_right_mm),
                "bottom": _mm(p.margin_bottom_mm),
                "left": _mm(p.margin_left_mm),
                "header": _mm(15),
                "footer": _mm(_footer_distance_mm(p)),
                "gutter": "0",
            },
        )
    if fresh or sect_pr.find(qn("w:docGrid")) is None:
        # Lines only: the linesAndChars grid wrecks the 28-character line in LibreOffice.
        _put(sect_pr, "docGrid", _SECT, {"type": "lines", "linePitch": _line_pitch(p)})
    return sect_pr


def _footer_distance_mm(p: StyleProfile) -> float:
    """Word measures the footer from the page's bottom edge to the footer's bottom; the
    page-number line is exactly one page-number size high, so its top sits
    ``page_number_gap_mm`` below the type area: 35 − 7 − 4.94 ≈ 23.1 mm by default."""
    return p.margin_bottom_mm - p.page_number_gap_mm - p.page_number_size_pt * 25.4 / 72


def _prepare_footers(doc: Any, p: StyleProfile, styles: dict[str, str], sect_pr: Any) -> None:
    if sect_pr.find(qn("w:footerReference")) is not None:
        return  # the reference document brings its own footers
    section = doc.sections[-1]
    odd = section.footer
    odd.is_linked_to_previous = False
    even = section.even_page_footer
    even.is_linked_to_previous = False
    targets = [(odd, "right", 1), (even, "left", 2)]
    if sect_pr.find(qn("w:titlePg")) is not None:
        first = section.first_page_footer
        first.is_linked_to_previous = False
        targets.append((first, "right", 1))
    for footer, side, page in targets:
        for child in list(footer._element):
            footer._element.remove(child)
        paragraph = footer.add_paragraph()
        paragraph._p.style = styles["footer"]
        _page_number_paragraph(paragraph, p, side, page)
    _mirror_default_header(sect_pr)


def _mirror_default_header(sect_pr: Any) -> None:
    # Odd/even footers switch Word to odd/even headers too: a reference document's
    # default header (a letterhead) would vanish from even pages without this.
    refs = sect_pr.findall(qn("w:headerReference"))
    types = {r.get(qn("w:type")) for r in refs}
    default = next((r for r in refs if r.get(qn("w:type")) == "default"), None)
    if default is not None and "even" not in types:
        even = OxmlElement("w:headerReference")
        even.set(qn("w:type"), "even")
        even.set(qn("r:id"), default.get(qn("r:id")))
        default.addnext(even)


def _page_number_paragraph(paragraph: Any, p: StyleProfile, side: str, page: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    one_char = _twips(p.page_number_size_pt)
    # GB/T 9704: odd pages right with one character of space, even pages left.
    if side == "right":
        _put(
            ppr,
            "ind",
            _PPR,
            {"rightChars": "100", "right": one_char, "firstLineChars": "0", "firstLine": "0"},
        )
    else:
        _put(
            ppr,
            "ind",
            _PPR,
            {"leftChars": "100", "left": one_char, "firstLineChars": "0", "firstLine": "0"},
        )
    _put(ppr, "jc", _PPR, {"val": side})
    prefix, suffix = p.page_number_format.split("{page}")
    if prefix:
        paragraph.add_run(prefix)
    _field_char(paragraph, "begin")
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = " PAGE "
    paragraph.add_run()._r.append(instr)
    _field_char(paragraph, "separate")
    paragraph.add_run(str(page))  # the cached result, shown until fields are updated
    _field_char(paragraph, "end")
    if suffix:
        paragraph.add_run(suffix)


def _field_char(paragraph: Any, kind: str) -> None:
    _put(paragraph.add_run()._r, "fldChar", ["rPr", "fldChar"], {"fldCharType": kind})


def _prepare_settings(doc: Any) -> None:
    settings = doc.settings
    if doc.sections[-1].even_page_footer.is_linked_to_previous is False:
        settings.odd_and_even_pages_header_footer = True
    lang = settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


# --- the report's paragraphs ---------------------------------------------------------------


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot hold; the loader cleans input, this is the last guard."""
    return _ILLEGAL_XML.sub("", text)


def _width(text: str) -> float:
    """Width in characters: CJK and ambiguous-width signs one, digits and Latin half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


def _signature_indents(signature: str, date: str, seal: bool) -> tuple[float, float]:
    """Right indents (in characters) of the signature and the date lines, GB/T 9704 7.3.5.

    Without a seal the signature is right-indented 2 and the date starts 2 characters to
    the right of the signature's start: date indent = 2 + S − 2 − D = S − D. When that is
    under 2 (a date about as long as the signature, or longer) the date keeps 2 and the
    signature moves left instead: signature indent = 2 + D + 2 − S. With a seal the date
    is right-indented 4 and the signature centred over it: 4 + (D − S) / 2.
    """
    s, d = _width(signature), _width(date)
    if seal:
        return max(0.0, 4 + (d - s) / 2), 4.0
    if s - d >= 2:
        return 2.0, s - d
    return d + 4 - s, 2.0


def _add_run(paragraph: Any, text: str, style_id: str | None = None) -> None:
    text = _clean(text)
    r = paragraph._p.add_r()
    if style_id:
        r.style = style_id
    if "\t" in text or "\n" in text or "\r" in text:
        Run(r, paragraph).text = text  # turns them into w:tab and w:br
    else:
        r.add_t(text)  # Run.text walks the string one character at a time


class _Writer:
    def __init__(self, base: _Base, profile: StyleProfile, document: Document) -> None:
        self.doc = base.doc
        self.styles = base.styles
        self.profile = profile
        self.document = document
        signature = next((b for b in document.blocks if b.kind is BlockKind.SIGNATURE), None)
        date = next((b for b in document.blocks if b.kind is BlockKind.DATE), None)
        self.sig_indent, self.date_indent = _signature_indents(
            _clean(signature.text) if signature else "",
            _clean(date.text) if date else "",
            document.seal,
        )

    def write(self) -> None:
        previous: BlockKind | None = None
        for block in self.document.blocks:
            if previous is not None and _blank_line_before(block.kind, previous):
                self.doc.add_paragraph()
            self._block(block)
            previous = block.kind

    def _paragraph(self, role: str, text: str = "") -> Any:
        paragraph = self.doc.add_paragraph()
        if role != "normal":  # Normal is the default style: no pStyle needed
            # python-docx's public style setter re-reads styles.xml on every call; the
            # ids are known, so set them at the oxml level (a third of the render time).
            paragraph._p.style = self.styles[role]
        if text:
            _add_run(paragraph, text)
        return paragraph

    def _block(self, block: Block) -> None:
        kind = block.kind
        if kind is BlockKind.TITLE:
            self._paragraph("title", block.text)
        elif kind is BlockKind.DOC_NUMBER:
            self._paragraph("doc_number", block.text)
        elif kind is BlockKind.RECIPIENT:
            self._paragraph("recipient", block.text)
        elif kind is BlockKind.HEADING and block.family is not Family.INLINE:
            level = min(max(block.level, 1), 4)
            paragraph = self._paragraph(f"h{level}", block.marker + block.text)
            if block.body:
                _add_run(paragraph, block.body, self.styles["run_in_body"])
        elif kind is BlockKind.ATTACHMENTS:
            self._attachments(block)
        elif kind is BlockKind.SIGNATURE:
            self._right_indented("signature", block.text, self.sig_indent)
        elif kind is BlockKind.DATE:
            self._right_indented("date", block.text, self.date_indent)
        else:  # lead, paragraph, closing and 一是 item paragraphs are body text
            self._paragraph("normal", block.full_text)

    def _indent(self, paragraph: Any, **chars: float) -> None:
        """Direct indents in characters (Word's *Chars units) with a twips fallback."""
        size = self.profile.body_size_pt
        attrs: dict[str, str] = {}
        for side, value in chars.items():
            attrs[f"{side}Chars"] = str(round(value * 100))
            attrs[side] = _twips(value * size)
        if "hanging" not in chars:
            attrs |= {"firstLineChars": "0", "firstLine": "0"}
        _put(paragraph._p.get_or_add_pPr(), "ind", _PPR, attrs)

    def _right_indented(self, role: str, text: str, indent: float) -> None:
        self._indent(self._paragraph(role, text), right=indent)

    def _attachments(self, block: Block) -> None:
        names = [_clean(n) for n in block.items] or ([_clean(block.text)] if block.text else [])
        lead = "附件："
        # 附件 is indented 2; each name's wrapped lines align with the name's first
        # character; later items align under the first item's number.
        for index, name in enumerate(names, 1):
            label = f"{index}." if len(names) > 1 else ""
            text_start = 2 + _width(lead) + _width(label)
            first = 2 if index == 1 else 2 + _width(lead)
            paragraph = self._paragraph("attachments", (lead if index == 1 else "") + label + name)
            self._indent(paragraph, left=text_start, hanging=text_start - first)


def _blank_line_before(kind: BlockKind, previous: BlockKind) -> bool:
    """GB/T 9704 blank lines: under the title (and a document number), above the
    attachment note and above the signature block."""
    if previous is BlockKind.DOC_NUMBER:
        return True
    if previous is BlockKind.TITLE:
        return kind is not BlockKind.TITLE  # a title given as several lines
    if kind in (BlockKind.ATTACHMENTS, BlockKind.SIGNATURE):
        return True
    return kind is BlockKind.DATE and previous is not BlockKind.SIGNATURE


def _set_core_properties(doc: Any, document: Document) -> None:
    core = doc.core_properties
    try:
        when = dt.datetime.strptime(document.iso_date, "%Y-%m-%d")
    except ValueError:
        when = _FIXED_DATE
    author = _clean(document.org)
    core.title = _clean(document.title)
    core.author = author
    core.last_modified_by = author
    core.revision = 1
    core.created = when
    core.modified = when
    for field in ("subject", "keywords", "comments", "category"):
        setattr(core, field, "")


def _serialise(element: Any) -> bytes:
    return bytes(etree.tostring(element, encoding="UTF-8", standalone=True))


# --- a deterministic zip -------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    name: bytes
    crc: int
    size: int
    data: bytes  # raw deflate stream


def _deflate(name: str, raw: bytes) -> _Entry:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    data = compressor.compress(raw) + compressor.flush()
    return _Entry(name.encode("utf-8"), zlib.crc32(raw), len(raw), data)


_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest date a zip entry can hold
_DOS_TIME = 0


def _zip(entries: Iterable[_Entry]) -> bytes:
    """Write the zip by hand: zipfile would stamp the current time and recompress parts
    that are the same for every report."""
    out = bytearray()
    central = bytearray()
    count = 0
    for entry in entries:
        offset = len(out)
        fields = (20, 0, 8, _DOS_TIME, _DOS_DATE, entry.crc, len(entry.data), entry.size)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, len(entry.name), 0)
        out += entry.name + entry.data
        central += struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, len(entry.name), 0, 0, 0, 0, 0, offset
        )
        central += entry.name
        count += 1
    start = len(out)
    out += central
    out += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), start, 0)
    return bytes(out)
