"""The base document, built once per process for each (style profile, reference document):
styles, page setup, footers and settings, with every part but the body already compressed.
Also the guards that turn an unusable reference document into a clear input error."""

from __future__ import annotations

import functools
import io
import pathlib
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from reportgen.docx_archive import MAX_DOCX_BYTES, vet_docx
from reportgen.errors import InputError, UsageError
from reportgen.problem import Level, Problem
from reportgen.render.docx.fonts import font_table_xml
from reportgen.render.docx.package import Entry, deflate
from reportgen.render.docx.page import prepare_body, prepare_footers, prepare_settings
from reportgen.render.docx.properties import app_xml
from reportgen.render.docx.styles import StyleBuilder
from reportgen.style import StyleProfile

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
def base_for(profile: StyleProfile, reference: tuple[str, int, int] | None) -> Base:
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


def _finish_base(doc: Any, profile: StyleProfile, fresh: bool) -> Base:
    # A reference without word/styles.xml gets python-docx's template styles (theme fonts,
    # blue headings, en-US): none of them are the organisation's, so all are rebuilt.
    no_styles = _related_name(doc.part, RT.STYLES) is None
    builder = StyleBuilder(doc, profile, fresh or no_styles)
    styles = builder.build()
    fonts = builder.east_asian_fonts(styles)
    sect_pr = prepare_body(doc, profile, fresh)
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
    return Base(doc, sect_pr, core_element, styles, fonts, entries, threading.Lock())


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
    from reportgen.reading import ZIP_ENV, read_file, zip_limits

    data = read_file(path, zip_limits().file, ZIP_ENV, what="参考文档")
    vet_docx(
        data,
        str(path),
        what="参考文档",
        bad=("I020", "bad-reference-doc"),
        too_large=("I021", "reference-doc-too-large"),
    )
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx fails in many ways (KeyError, ValueError, lxml …)
        raise _bad_reference(path, f"无法解析（{type(exc).__name__}: {exc}）") from exc
