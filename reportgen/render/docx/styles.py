"""The styles a report uses: their specs from the style profile, and the builder that makes
them in styles.xml (fresh from the profile, or alongside a reference document's own)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from reportgen.render.docx.ooxml import (
    DEFAULTS,
    PPR,
    RPR,
    STYLE,
    THEME_ATTRS,
    ensure,
    font_attrs,
    line_pitch,
    put,
    twips,
)
from reportgen.style import StyleProfile


@dataclass(frozen=True)
class StyleSpec:
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


def style_specs(p: StyleProfile) -> list[StyleSpec]:
    body = p.body_font
    size = p.body_size_pt
    fonts = (p.level1_font, p.level2_font, p.level3_font, p.level4_font)
    headings = [
        StyleSpec(
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
        StyleSpec(
            "normal",
            "Normal",
            "Normal",
            font=body,
            size_pt=size,
            jc="both",
            first_line_chars=200,
            spacing=True,
        ),
        StyleSpec(
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
        StyleSpec("recipient", "Salutation", "Salutation", jc="left", first_line_chars=0),
        StyleSpec("signature", "Signature", "Signature", jc="right", first_line_chars=0),
        StyleSpec("date", "Date", "Date", jc="right", first_line_chars=0),
        StyleSpec(
            "doc_number", "发文字号", "DocNumber", jc="center", first_line_chars=0, builtin=False
        ),
        StyleSpec(
            "attachments", "附件说明", "Attachments", jc="left", first_line_chars=0, builtin=False
        ),
        StyleSpec(
            "footer",
            "footer",
            "Footer",
            font=p.page_number_font,
            size_pt=p.page_number_size_pt,
            first_line_chars=0,
        ),
        StyleSpec(
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


def _base_ppr(ppr: Any, p: StyleProfile) -> None:
    """Paragraph settings every text paragraph needs for the 22-line grid."""
    put(ppr, "widowControl", PPR, {"val": "0"})
    put(ppr, "kinsoku", PPR, {"val": "1"})
    # overflowPunct is ON although the spec asks for off: LibreOffice 7.4 with it off
    # silently drops a full-width ，。、 that falls at the end of a justified line (measured:
    # 5 marks lost in a 4,000-character report); with it on LibreOffice moves the previous
    # character down instead (kinsoku) and Word hangs the mark in the margin, Chinese
    # Word's own default. No text is lost either way.
    put(ppr, "overflowPunct", PPR, {"val": "1"})
    put(
        ppr,
        "spacing",
        PPR,
        {"before": "0", "after": "0", "line": line_pitch(p), "lineRule": "exact"},
    )


def _chars_ind(chars: int, size_pt: float) -> dict[str, str]:
    # firstLineChars is what Word uses; the twips value is for readers that ignore it.
    return {"firstLineChars": str(chars), "firstLine": twips(chars / 100 * size_pt)}


class StyleBuilder:
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
        for spec in style_specs(self.profile):
            element = self._find(spec)
            if element is None:
                element = self._create(spec)
            result[spec.role] = element.get(qn("w:styleId"))
        if self.fresh:
            for rfonts in self.root.iter(qn("w:rFonts")):
                for attr in THEME_ATTRS:
                    rfonts.attrib.pop(attr, None)
        return result

    def _prune(self) -> None:
        """Drop the template's styles except the defaults Word requires; ours are rebuilt."""
        keep = {"Default Paragraph Font", "Normal Table", "No List"}
        for element in self.root.findall(qn("w:style")):
            name = element.find(qn("w:name"))
            if name is None or name.get(qn("w:val")) not in keep:
                self.root.remove(element)

    def _find(self, spec: StyleSpec) -> Any:
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

    def _create(self, spec: StyleSpec) -> Any:
        p = self.profile
        element = OxmlElement("w:style")
        element.set(qn("w:type"), spec.kind)
        element.set(qn("w:styleId"), self._unique_id(spec.style_id))
        if spec.role == "normal":
            element.set(qn("w:default"), "1")
        if not spec.builtin:
            element.set(qn("w:customStyle"), "1")
        put(element, "name", STYLE, {"val": spec.name})
        if spec.kind == "paragraph" and spec.role != "normal":
            normal = self._find(StyleSpec("normal", "Normal", "Normal"))
            if normal is not None:
                put(element, "basedOn", STYLE, {"val": normal.get(qn("w:styleId"))})
                put(element, "next", STYLE, {"val": normal.get(qn("w:styleId"))})
        if spec.outline is not None or spec.role in ("normal", "title"):
            put(element, "qFormat", STYLE)
        if spec.kind == "paragraph":
            self._paragraph_properties(put(element, "pPr", STYLE), spec)
        rpr = put(element, "rPr", STYLE)
        if spec.font:
            put(rpr, "rFonts", RPR, font_attrs(spec.font, p.latin_font))
        if spec.bold is not None:
            put(rpr, "b", RPR, {"val": "1" if spec.bold else "0"})
            put(rpr, "bCs", RPR, {"val": "1" if spec.bold else "0"})
        if spec.kind == "paragraph":
            # Headings and the like inherit Normal's tightened spacing; the title and the
            # footer are not on the 28-character grid.
            if spec.spacing and spec.role == "normal":
                put(rpr, "spacing", RPR, {"val": twips(p.char_spacing_pt)})
            elif spec.role in ("title", "footer"):
                put(rpr, "spacing", RPR, {"val": "0"})
        if spec.size_pt:
            put(rpr, "sz", RPR, {"val": str(round(spec.size_pt * 2))})
            put(rpr, "szCs", RPR, {"val": str(round(spec.size_pt * 2))})
        if not len(rpr):
            element.remove(rpr)
        self.root.append(element)
        return element

    def _paragraph_properties(self, ppr: Any, spec: StyleSpec) -> None:
        p = self.profile
        if spec.role == "normal":
            _base_ppr(ppr, p)
        if spec.role == "signature":
            put(ppr, "keepNext", PPR)  # never leave the date alone on a new page
        if spec.role == "footer":
            # Out of the body's line grid: a plain line exactly one page-number high.
            put(ppr, "snapToGrid", PPR, {"val": "0"})
            put(
                ppr,
                "spacing",
                PPR,
                {
                    "before": "0",
                    "after": "0",
                    "line": twips(p.page_number_size_pt),
                    "lineRule": "exact",
                },
            )
        if spec.first_line_chars is not None:
            size = spec.size_pt or p.body_size_pt
            put(ppr, "ind", PPR, _chars_ind(spec.first_line_chars, size))
        if spec.jc:
            put(ppr, "jc", PPR, {"val": spec.jc})
        if spec.outline is not None:
            put(ppr, "outlineLvl", PPR, {"val": str(spec.outline)})

    def _doc_defaults(self) -> None:
        p = self.profile
        defaults = self.root.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = OxmlElement("w:docDefaults")
            self.root.insert(0, defaults)
        rpr = ensure(ensure(defaults, "rPrDefault", DEFAULTS), "rPr", ["rPr"])
        ppr = ensure(ensure(defaults, "pPrDefault", DEFAULTS), "pPr", ["pPr"])
        size = str(round(p.body_size_pt * 2))
        if self.fresh or rpr.find(qn("w:rFonts")) is None:
            put(rpr, "rFonts", RPR, font_attrs(p.body_font, p.latin_font))
        if self.fresh:
            put(rpr, "sz", RPR, {"val": size})
            put(rpr, "szCs", RPR, {"val": size})
            _base_ppr(ppr, p)
        lang = ensure(rpr, "lang", RPR)
        if self.fresh or not lang.get(qn("w:eastAsia")):
            # zh-CN keeps LibreOffice from drawing Chinese in a Japanese or Kai face.
            lang.set(qn("w:eastAsia"), "zh-CN")
            lang.set(qn("w:val"), lang.get(qn("w:val")) or "en-US")
