"""Document properties: docProps/core.xml from the report (fixed dates, so bytes repeat) and
a docProps/app.xml that names reportgen instead of the template's Word."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lxml import etree

from reportgen import __version__
from reportgen.core.blocks import Document
from reportgen.render.docx.ooxml import clean

_FIXED_DATE = dt.datetime(1980, 1, 1)
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
# Counts and part lists describe the template's empty page, not the report; Word
# recomputes them on save. AppVersion is Word's own version number (14.0000 = Word 2010).
_STALE = (
    "Pages",
    "Words",
    "Characters",
    "CharactersWithSpaces",
    "Lines",
    "Paragraphs",
    "HeadingPairs",
    "TitlesOfParts",
    "AppVersion",
)


# OOXML core properties are limited to 255 characters (python-docx refuses longer ones);
# the document itself keeps the whole title and organisation.
MAX_PROPERTY = 255


def _clamp(text: str) -> str:
    return text if len(text) <= MAX_PROPERTY else text[: MAX_PROPERTY - 1] + "…"


def set_core_properties(doc: Any, document: Document) -> None:
    core = doc.core_properties
    try:
        when = dt.datetime.strptime(document.iso_date, "%Y-%m-%d")
    except ValueError:
        when = _FIXED_DATE
    author = _clamp(clean(document.org))
    core.title = _clamp(clean(document.title))
    core.author = author
    core.last_modified_by = author
    core.revision = 1
    core.created = when
    core.modified = when
    for field in ("subject", "keywords", "comments"):
        setattr(core, field, "")
    # The kind, by its Chinese name, as Word's 类别: check and import read it back, so a
    # report of a kind its title does not name (a user's kind) is still recognised.
    core.category = _clamp(kind_label(document.kind))


def kind_label(name: str) -> str:
    """The label of the kind ``name`` in the current genre ("" for no kind, e.g. a roll-up)."""
    from reportgen.genre.registry import current

    kind = current().kind(name) if name else None
    return kind.spec.label if kind else ""


def app_xml(xml: bytes) -> bytes:
    """``docProps/app.xml`` saying reportgen made the document, without stale statistics.
    Everything else (a reference document's Company, Manager, Template …) is kept."""
    root = etree.fromstring(xml)
    for name in _STALE:
        for element in root.findall(f"{{{_EP}}}{name}"):
            root.remove(element)
    application = root.find(f"{{{_EP}}}Application")
    if application is None:  # CT_Properties is an xsd:all: any position is valid
        application = etree.SubElement(root, f"{{{_EP}}}Application")
    application.text = f"reportgen {__version__}"
    return bytes(etree.tostring(root, encoding="UTF-8", standalone=True))
