"""A file appended as an attachment's pages (``attachments[].file``): a .md or .txt file's
paragraphs, or a .docx file's body paragraphs and tables.

The path is confined like other side files (core/side_files.py): it must lie in the
report's folder or below (symlinks followed), else I044. A .docx is read through the shared reader
(reportgen/core/reading.py: the file and its unpacked parts within the .docx limits, the
package vetted before python-docx parses it); a file that cannot be used is I040. Only the
text comes over, set in the report's 公文 styles (the file's own styles, headers, footers
and page setup are not used); pictures, charts, text boxes and embedded objects are left
out, and the validation says how many (I041, a warning).
"""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from reportgen import codes
from reportgen.errors import InputError, UsageError

ATTACHMENT_SUFFIXES = (".md", ".txt", ".markdown", ".docx")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DRAWINGS = (f"{_W}drawing", f"{_W}pict", f"{_W}object")


class AttachmentFileError(Exception):
    """Why an attachment file cannot be used (I040) and the message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.code, self.message = codes.ATTACHMENT_DOCX, message


@dataclass(frozen=True)
class Piece:
    """A paragraph (``rows`` empty) or a table (``rows``: the header row first)."""

    text: str
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class DocxContent:
    pieces: tuple[Piece, ...]
    dropped: int  # pictures, charts, text boxes and objects left out


def read_docx_attachment(path: Path) -> DocxContent:
    """The body paragraphs and tables of the .docx ``path`` (cached while it is unchanged);
    raises :class:`AttachmentFileError` (I040) when it cannot be used."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise AttachmentFileError(f"附件文件“{path.name}”无法读取（{exc.strerror}）。") from None
    return _read(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _read(resolved: str, _mtime: int, _size: int) -> DocxContent:
    from reportgen.core.docx_archive import vet_docx
    from reportgen.core.reading import ZIP_ENV, read_file, zip_limits
    from reportgen.read.docx import docx_paragraphs

    path = Path(resolved)
    what = f"附件文件“{path.name}”"
    try:
        data = read_file(path, zip_limits().file, ZIP_ENV, what=what)
        vet_docx(
            data,
            resolved,
            what=what,
            bad=codes.ATTACHMENT_DOCX,
            too_large=codes.ATTACHMENT_DOCX,
        )
        paras = docx_paragraphs(data, resolved)
    except InputError as exc:
        message = "；".join(p.message for p in exc.problems)
        raise AttachmentFileError(message) from None
    except UsageError as exc:
        raise AttachmentFileError(f"{what}无法读取：{exc}") from None
    pieces = tuple(Piece(p.text, p.rows) for p in paras if p.rows or p.text.strip())
    return DocxContent(pieces, _drawings(data))


def _drawings(data: bytes) -> int:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    body = root.find(f"{_W}body")
    if body is None:
        return 0
    # A drawing inside another (a picture in a text box) counts once.
    return sum(
        1
        for element in body.iter(*_DRAWINGS)
        if not any(a.tag in _DRAWINGS for a in element.iterancestors())
    )
