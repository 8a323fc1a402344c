"""The styles a report uses: their specs from the style profile, and the builder that makes
them in styles.xml (fresh from the profile, or alongside a reference document's own)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from reportgen.core.style import StyleProfile
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


@dataclass(frozen=True)
class StyleSpec:
    role: str
    name: str  # w:name: Word's internal English name for built-ins, Chinese for ours
    style_id: str
    style_type: Literal["paragraph", "character"] = "paragraph"  # w:type
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
        # The text after a run-in heading: it looks like Normal (font, size, colour, spacing)
        # whatever the heading style sets; ``_create`` copies Normal's run properties.
        StyleSpec(
            "run_in_body",
            "接排正文",
            "RunInBody",
            style_type="character",
            font=body,
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

    def __init__(
        self, doc: Any, profile: StyleProfile, fresh: bool, keep_reference: bool = True
    ) -> None:
        self.doc = doc
        self.profile = profile
        self.fresh = fresh
        # False: a reference document's own definitions of the styles a report uses are
        # replaced by the profile's (same style ids), so its theme fonts, blue headings and
        # spacing never reach the report; True: they are used as the organisation made them.
        self.keep_reference = keep_reference
        self.root = doc.styles.element
        self.taken: list[str] = []  # w:name of the reference styles used as they were
        self.replaced: list[str] = []  # w:name of the reference styles redefined

    def build(self) -> dict[str, str]:
        if self.fresh:
            self._prune()
        self._doc_defaults()
        result: dict[str, Any] = {}
        for spec in style_specs(self.profile):
            element = self._find(spec)
            if element is None:
                element = self._create(spec)
            elif not self.fresh and not self.keep_reference:
                element = self._replace(element, spec)
                self.replaced.append(spec.name)
            elif not self.fresh and spec.role == "normal" and _is_empty(element):
                self._fill(element, spec)
                self.taken.append(spec.name)
            elif not self.fresh:
                self.taken.append(spec.name)
            elif spec.role == "normal" and _is_empty(element):
                # A reference's Normal that says nothing (python-docx's template, Chinese
                # Word's normal.dotm) would give body text the theme font at 10.5–12 pt:
                # it counts as missing and gets the profile's settings.
                self._fill(element, spec)
            result[spec.role] = element.get(qn("w:styleId"))
        if self.fresh:
            for rfonts in self.root.iter(qn("w:rFonts")):
                for attr in THEME_ATTRS:
                    rfonts.attrib.pop(attr, None)
        return result

    def east_asian_fonts(self, styles: dict[str, str]) -> dict[str, str]:
        """Each role's Chinese font as its style resolves it (style, basedOn chain, then
        docDefaults); the profile's font where a theme font or nothing decides it."""
        by_id = {e.get(qn("w:styleId")): e for e in self.root.findall(qn("w:style"))}
        defaults = self.root.find(
            f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"
        )
        fonts = {}
        for spec in style_specs(self.profile):
            fallback = spec.font or self.profile.body_font
            style, seen = by_id.get(styles.get(spec.role)), set()
            found: str | None = None
            while style is not None and id(style) not in seen and found is None:
                seen.add(id(style))
                rfonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
                if rfonts is not None and rfonts.get(qn("w:eastAsiaTheme")) is not None:
                    break
                if rfonts is not None:
                    found = rfonts.get(qn("w:eastAsia"))
                based = style.find(qn("w:basedOn"))
                style = by_id.get(based.get(qn("w:val"))) if based is not None else None
            if (
                found is None
                and style is None
                and defaults is not None
                and defaults.get(qn("w:eastAsiaTheme")) is None
            ):
                found = defaults.get(qn("w:eastAsia"))
            fonts[spec.role] = found or fallback
        return fonts

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
                and element.get(qn("w:type")) == spec.style_type
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

    def _replace(self, old: Any, spec: StyleSpec) -> Any:
        """The profile's definition in place of a reference style, under the same id (the
        reference's own paragraphs, a body 红头 among them, still name it)."""
        style_id = old.get(qn("w:styleId"))
        old.set(qn("w:styleId"), "reportgen-replaced-style")  # free the id for _make
        new = self._make(spec)
        new.set(qn("w:styleId"), style_id)
        old.addprevious(new)
        self.root.remove(old)
        return new

    def _create(self, spec: StyleSpec) -> Any:
        element = self._make(spec)
        self.root.append(element)
        return element

    def _fill(self, element: Any, spec: StyleSpec) -> None:
        """Add the profile's paragraph and run properties that ``element`` lacks."""
        made = self._make(spec)
        for section in ("pPr", "rPr"):
            source = made.find(qn(f"w:{section}"))
            if source is None:
                continue
            order = PPR if section == "pPr" else RPR
            target = ensure(element, section, STYLE)
            for child in list(source):
                tag = child.tag.rpartition("}")[2]
                if target.find(child.tag) is None:
                    put(target, tag, order, {k.rpartition("}")[2]: v for k, v in child.items()})

    def _make(self, spec: StyleSpec) -> Any:
        p = self.profile
        element = OxmlElement("w:style")
        element.set(qn("w:type"), spec.style_type)
        element.set(qn("w:styleId"), self._unique_id(spec.style_id))
        if spec.role == "normal":
            element.set(qn("w:default"), "1")
        if not spec.builtin:
            element.set(qn("w:customStyle"), "1")
        put(element, "name", STYLE, {"val": spec.name})
        if spec.style_type == "paragraph" and spec.role != "normal":
            normal = self._find(StyleSpec("normal", "Normal", "Normal"))
            if normal is not None:
                put(element, "basedOn", STYLE, {"val": normal.get(qn("w:styleId"))})
                put(element, "next", STYLE, {"val": normal.get(qn("w:styleId"))})
        if spec.outline is not None or spec.role in ("normal", "title"):
            put(element, "qFormat", STYLE)
        if spec.style_type == "paragraph":
            self._paragraph_properties(put(element, "pPr", STYLE), spec)
        rpr = put(element, "rPr", STYLE)
        if spec.font:
            put(rpr, "rFonts", RPR, font_attrs(spec.font, p.latin_font))
        if spec.bold is not None:
            put(rpr, "b", RPR, {"val": "1" if spec.bold else "0"})
            put(rpr, "bCs", RPR, {"val": "1" if spec.bold else "0"})
        if spec.style_type == "paragraph":
            # Headings and the like inherit Normal's tightened spacing; the title and the
            # footer are not on the 28-character grid.
            if spec.spacing and spec.role == "normal":
                put(rpr, "spacing", RPR, {"val": twips(p.char_spacing_pt)})
            elif spec.role in ("title", "footer"):
                put(rpr, "spacing", RPR, {"val": "0"})
        if spec.size_pt:
            put(rpr, "sz", RPR, {"val": str(round(spec.size_pt * 2))})
            put(rpr, "szCs", RPR, {"val": str(round(spec.size_pt * 2))})
        if spec.role == "run_in_body":
            self._like_normal(rpr)
        if not len(rpr):
            element.remove(rpr)
        return element

    def _like_normal(self, rpr: Any) -> None:
        """Run properties that make text in a heading paragraph look like Normal's: its
        fonts, size, character spacing and colour (auto when it sets none), upright and
        not bold, whatever the heading style (blue, 13 pt, italic …) says."""
        normal = self._find(StyleSpec("normal", "Normal", "Normal"))
        own = normal.find(qn("w:rPr")) if normal is not None else None
        defaults = self.root.find(qn("w:docDefaults"))
        inherited = (
            defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        )
        for tag in ("rFonts", "spacing", "sz", "szCs", "color"):
            for source in (own, inherited if tag in ("sz", "szCs") else None):
                found = source.find(qn(f"w:{tag}")) if source is not None else None
                if found is not None:
                    put(rpr, tag, RPR, {k.rpartition("}")[2]: v for k, v in found.items()})
                    break
        for tag in ("i", "iCs"):
            put(rpr, tag, RPR, {"val": "0"})
        if rpr.find(qn("w:color")) is None:
            put(rpr, "color", RPR, {"val": "auto"})

    def _paragraph_properties(self, ppr: Any, spec: StyleSpec) -> None:
        p = self.profile
        if spec.role == "normal":
            _base_ppr(ppr, p)
        if spec.role in ("signature", "h1"):
            # Never leave the date alone on a new page, nor a 一、 heading at a page foot
            # (own-line headings of levels 2–4 get keepNext on the paragraph).
            put(ppr, "keepNext", PPR)
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
        if spec.role == "title":
            # Off the line grid: a title face with a tall line box would otherwise take two
            # grid lines a line; the exact line height keeps it on the 22-line pitch.
            put(ppr, "snapToGrid", PPR, {"val": "0"})
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
        fonts = rpr.find(qn("w:rFonts"))
        if self.fresh or fonts is None:
            put(rpr, "rFonts", RPR, font_attrs(p.body_font, p.latin_font))
        elif fonts.get(qn("w:eastAsia")) is None and fonts.get(qn("w:eastAsiaTheme")) is None:
            fonts.set(qn("w:eastAsia"), p.body_font)
        if self.fresh or rpr.find(qn("w:sz")) is None:
            put(rpr, "sz", RPR, {"val": size})
            put(rpr, "szCs", RPR, {"val": size})
        if self.fresh:
            _base_ppr(ppr, p)
        lang = ensure(rpr, "lang", RPR)
        if self.fresh or not (lang.get(qn("w:eastAsia")) or "").startswith("zh"):
            # zh-CN keeps LibreOffice from drawing Chinese in a Japanese or Kai face; a
            # reference's en-US or ja-JP East Asian language is wrong for a Chinese report.
            lang.set(qn("w:eastAsia"), "zh-CN")
            lang.set(qn("w:val"), lang.get(qn("w:val")) or "en-US")


def _is_empty(style: Any) -> bool:
    """A style that sets no font, size or line spacing of its own."""
    rpr = style.find(qn("w:rPr"))
    ppr = style.find(qn("w:pPr"))
    has_run = rpr is not None and any(
        rpr.find(qn(f"w:{tag}")) is not None for tag in ("rFonts", "sz")
    )
    return not has_run and (ppr is None or ppr.find(qn("w:spacing")) is None)
