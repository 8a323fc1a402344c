"""Vetting a .docx before python-docx opens it: a zip, with word/document.xml, of sane size.

Shared by the readers (`check`, `import`) and `--reference-doc`. A .docx is a zip, and a
small zip can expand to gigabytes (a zip bomb): the declared sizes are checked before a
single byte is inflated. The limit counts the XML parts (the text the readers parse);
pictures, stored as they are, have a larger allowance of their own (see reportgen.core.reading).
"""

from __future__ import annotations

import io
import zipfile

from reportgen.codes import Code
from reportgen.core.reading import zip_limits, zip_too_large
from reportgen.errors import InputError
from reportgen.problem import Level, Problem

# The unpacked XML a .docx may hold (REPORTGEN_MAX_DOCX_MB raises it); a long report is ~1 MB.
MAX_DOCX_BYTES = zip_limits().xml


def vet_docx(data: bytes, source: str, *, what: str, bad: Code, too_large: Code) -> None:
    """Raise InputError (code ``bad`` or ``too_large``) unless ``data`` looks like a safe .docx.

    ``what`` names the file for the message (“参考文档”, “文件”).
    """

    def fail(code: Code, message: str) -> InputError:
        return InputError([Problem.of(source, 0, 0, Level.ERROR, code, message)])

    hint = "请用 Word 或 WPS 打开后另存为 .docx（.doc、.wps 和模板 .dotx 也需另存）"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise fail(
            bad, f"{what}不是有效的 Word 文档（.docx）：文件已损坏，或根本不是 .docx。{hint}。"
        ) from None
    if "word/document.xml" not in {info.filename for info in infos}:
        raise fail(
            bad, f"{what}不是有效的 Word 文档（.docx）：压缩包里没有 word/document.xml。{hint}。"
        )
    why = zip_too_large(infos, what)
    if why is not None:
        raise fail(too_large, why)
