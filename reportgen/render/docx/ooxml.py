"""WordprocessingML helpers shared by the DOCX modules: schema order, fonts, units, text.

The element orders are the ECMA-376 sequences (CT_PPrBase, CT_RPr, CT_SectPr, CT_Style,
CT_DocDefaults): Word "repairs" or rejects elements out of order.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from lxml import etree

from reportgen.core.text import XML_ILLEGAL

if TYPE_CHECKING:
    from reportgen.core.style import StyleProfile

# Kept as word lists: the schema sequences read better as text than as 160 list items.
PPR = (  # noqa: SIM905
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
RPR = (  # noqa: SIM905
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout "
    "specVanish oMath"
).split()
SECT = (  # noqa: SIM905
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
    "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection "
    "bidi rtlGutter docGrid printerSettings sectPrChange"
).split()
STYLE = (  # noqa: SIM905
    "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden "
    "unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr rPr "
    "tblPr trPr tcPr tblStylePr"
).split()
DEFAULTS = ["rPrDefault", "pPrDefault"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

THEME_ATTRS = tuple(qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))


def put(parent: Any, tag: str, order: Sequence[str], attrs: dict[str, str] | None = None) -> Any:
    """Replace child ``w:tag`` of ``parent`` with a new one, inserted in schema order."""
    old = parent.find(qn(f"w:{tag}"))
    if old is not None:
        parent.remove(old)
    element = OxmlElement(f"w:{tag}")
    for key, value in (attrs or {}).items():
        element.set(qn(f"w:{key}"), value)
    later = _later(tag, tuple(order))
    for index, child in enumerate(parent):
        if child.tag in later:
            parent.insert(index, element)
            break
    else:
        parent.append(element)
    return element


@functools.lru_cache(maxsize=256)
def _later(tag: str, order: tuple[str, ...]) -> frozenset[str]:
    """The qualified names of the elements that come after ``w:tag`` in schema ``order``."""
    return frozenset(qn(f"w:{t}") for t in order[order.index(tag) + 1 :])


def ensure(parent: Any, tag: str, order: Sequence[str]) -> Any:
    found = parent.find(qn(f"w:{tag}"))
    return found if found is not None else put(parent, tag, order)


def font_attrs(chinese: str, latin: str | None) -> dict[str, str]:
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


def twips(pt: float) -> str:
    return str(round(pt * 20))


def mm(millimetres: float) -> str:
    # Word's own conversion (567 twips per cm), so 28 mm is the 1588 Word writes when a
    # user types 2.8 cm, and the margins match the layout spec's numbers exactly.
    return str(round(millimetres * 56.7))


def line_pitch(p: StyleProfile) -> str:
    return twips(p.line_pitch_pt)


def clean(text: str) -> str:
    """Drop characters XML 1.0 cannot hold; the loader cleans input, this is the last guard."""
    return XML_ILLEGAL.sub("", text)


def serialise(element: Any) -> bytes:
    return bytes(etree.tostring(element, encoding="UTF-8", standalone=True))
