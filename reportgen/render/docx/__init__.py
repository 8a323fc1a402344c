"""Document model → DOCX bytes, laid out per GB/T 9704-2012 (22 lines × 28 characters).

The numbers and traps are in the project's layout spec (shared/spec/layout.md). A base
document (styles, settings, page setup, footers) is built once per process for each
(style profile, reference document) and reused: a report only adds its paragraphs,
serialises word/document.xml and docProps/core.xml, and is zipped with every other part
already compressed, so batches of hundreds of reports stay cheap.

Modules: ``base`` (the cached base document, reference-document guards), ``styles``,
``page`` (page setup, footers, settings), ``writer`` (the report's paragraphs),
``properties`` (docProps), ``fonts`` (font-table fallbacks, fonts missing here),
``package`` (the deterministic zip), ``ooxml`` (shared XML helpers). This package is the
only part of reportgen that imports python-docx.
"""

from __future__ import annotations

import pathlib
from typing import TYPE_CHECKING

from reportgen import codes
from reportgen.core.blocks import BlockKind, Document
from reportgen.core.style import StyleProfile
from reportgen.render.docx.base import (
    HEADER_LETTERHEAD_KEPT,
    HEADER_LETTERHEAD_REPLACED,
    MAX_REFERENCE_BYTES,
    Base,
    base_for,
    reference_key,
)
from reportgen.render.docx.fonts import missing_fonts
from reportgen.render.docx.letterhead import fill
from reportgen.render.docx.ooxml import serialise
from reportgen.render.docx.package import deflate, write_zip
from reportgen.render.docx.properties import set_core_properties
from reportgen.render.docx.writer import Writer

if TYPE_CHECKING:
    from reportgen.pipeline import Prepared
    from reportgen.render.formats import RenderOptions

__all__ = ["MAX_REFERENCE_BYTES", "make", "missing_fonts", "reference_notes", "render_docx"]


def reference_notes(
    style: StyleProfile | None,
    reference_doc: pathlib.Path,
    reference_styles: bool = False,
    document: Document | None = None,
) -> list[str]:
    """What rendering ``document`` with ``reference_doc`` took from it (styles, a 红头) and
    what it could not place; the base document is cached, so this costs nothing after a
    render."""
    base = base_for(style or StyleProfile(), reference_key(reference_doc), reference_styles)
    notes = list(base.notes)
    if base.blank_headers:
        replaced = document is not None and _own_masthead(base, document)
        notes.append(HEADER_LETTERHEAD_REPLACED if replaced else HEADER_LETTERHEAD_KEPT)
    if base.letterhead and document is not None:
        markings = [b for b in document.blocks if b.kind is BlockKind.MARKINGS]
        if markings:
            notes.append(
                f"份号、密级和紧急程度（{'、'.join(markings[0].items)}）没有放进参考文档的红头："
                "模板红头的位置由模板决定。需要时请在模板红头上方自行加上，或不用参考文档而写 format: file。"
            )
    return notes


def _own_masthead(base: Base, document: Document) -> bool:
    """Whether the report lays out its own 版头 (no body 红头 in the reference)."""
    return document.format != "plain" and not base.letterhead


def render_docx(
    document: Document,
    style: StyleProfile | None = None,
    reference_doc: pathlib.Path | None = None,
    reference_styles: bool = False,
) -> bytes:
    """Render ``document`` as DOCX bytes; the same document always gives the same bytes.

    ``reference_doc`` is an organisation's own .docx whose styles, page setup and
    headers/footers (e.g. a red letterhead) are kept, like pandoc's ``--reference-doc``;
    whatever it lacks comes from ``style``. Raises :class:`InputError` (I020, I021)
    when it is not a usable .docx.
    """
    profile = style or StyleProfile()
    base = base_for(profile, reference_key(reference_doc), reference_styles)
    kept = {id(e) for e in base.letterhead}
    with base.lock:
        # The 红头 with this report's 标志, 发文字号 and 签发人 (a copy: the base is shared;
        # copied under the lock, while no other report has moved the base's 红头 out).
        filled = fill(base.letterhead, document, profile) if base.letterhead else None
        swapped = filled is not None and filled.elements is not base.letterhead
        body = base.doc.element.body
        if swapped:
            assert filled is not None
            for element in base.letterhead:
                body.remove(element)
            for index, element in enumerate(filled.elements):
                body.insert(index, element)
        writer = Writer(base, profile, document, filled.title_gap if filled else None)
        try:
            writer.write()
            set_core_properties(base.doc, document)
            document_xml = serialise(base.doc.element)
            core_xml = serialise(base.core_element)
        finally:
            writer.cleanup()
            for child in list(body):
                if child is not base.sect_pr and id(child) not in kept:
                    body.remove(child)
            if swapped:
                for index, element in enumerate(base.letterhead):
                    body.insert(index, element)
    fresh = {"word/document.xml": document_xml, "docProps/core.xml": core_xml}
    # A header 红头 gives way to the report's own 版头 (it cannot sit at the standard's place).
    blank = base.blank_headers if _own_masthead(base, document) else {}
    entries = [
        deflate(name, fresh[name]) if name in fresh else blank.get(name, e)
        for name, e in base.entries
    ]
    return write_zip(entries)


def make(prepared: Prepared, options: RenderOptions) -> bytes:
    """The report as a DOCX file (the format registry's entry point); what a reference
    document gave, and a 红头 it could not place, are added to the warnings (I057)."""
    from reportgen.problem import Level, Problem

    docx = render_docx(
        prepared.document, prepared.style, options.reference_doc, options.reference_styles
    )
    if options.reference_doc is not None:
        notes = reference_notes(
            prepared.style, options.reference_doc, options.reference_styles, prepared.document
        )
        prepared.warnings += [
            Problem.of(str(options.reference_doc), 0, 0, Level.WARNING, codes.REFERENCE_DOC, note)
            for note in notes
        ]
    if options.draft:
        from reportgen.render.docx.draft import mark_draft

        docx = mark_draft(docx, options.draft)
    return docx
