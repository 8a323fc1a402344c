"""Bytes → text for report files: which encoding a Chinese office's file is in.

UTF-8 (with or without BOM), UTF-16 with a BOM, and GBK/GB18030 (what Chinese Windows
editors save as "ANSI"); binary data is refused before GB18030, which decodes almost
anything, can turn it into nonsense text.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from reportgen import codes
from reportgen.problem import Problem, error

# Control bytes that never occur in text (tab, line feed, carriage return excepted).
_BINARY_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])


@dataclass(frozen=True)
class Decoded:
    """A decoded file, and how it was encoded (so that ``check --fix`` can write it back alike).

    ``encoding`` is a Python codec name: ``utf-8``, ``utf-16-le``, ``utf-16-be``, ``gbk`` or
    ``gb18030`` (``gbk`` when every byte reads the same as GBK, so a GBK-only editor
    can still open the file after it is rewritten). ``text`` is None when it could not be read.
    """

    text: str | None
    problems: list[Problem]
    encoding: str = "utf-8"
    bom: bool = False


def decode(raw: bytes, source: str) -> tuple[str | None, list[Problem]]:
    """Decode a report file: UTF-8 (BOM or not), UTF-16 with a BOM, or GBK/GB18030."""
    decoded = decode_detail(raw, source)
    return decoded.text, decoded.problems


def decode_detail(raw: bytes, source: str) -> Decoded:
    """:func:`decode`, also saying which encoding (and whether a BOM) the file had."""
    bom = raw.startswith(codecs.BOM_UTF8)
    if bom:
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        order = "le" if raw.startswith(codecs.BOM_UTF16_LE) else "be"
        try:
            return Decoded(raw.decode("utf-16"), [], f"utf-16-{order}", True)
        except UnicodeDecodeError:
            return Decoded(
                None,
                [
                    error(
                        source,
                        1,
                        1,
                        codes.ENCODING,
                        "文件开头标明是 UTF-16 编码，但内容无法按 UTF-16 读取；请另存为 UTF-8。",
                    )
                ],
            )
    if b"\x00" in raw:
        return Decoded(
            None,
            [
                error(
                    source,
                    1,
                    1,
                    codes.ENCODING,
                    "文件含有 NUL 字节：它不是文本文件，或是不带 BOM 的 UTF-16 编码；请用文本编辑器另存为 UTF-8。",
                )
            ],
        )
    controls = sum(raw.count(bytes([b])) for b in _BINARY_BYTES)
    if controls >= 8 and controls / len(raw) > 0.01:
        # GB18030 decodes almost any byte sequence, so binary data must be caught first.
        return Decoded(
            None,
            [
                error(
                    source,
                    1,
                    1,
                    codes.ENCODING,
                    "文件像是二进制文件（如图片、压缩包或 Word 文档），不是文本；请选择报告的 YAML 或文本文件。",
                )
            ],
        )
    try:
        return Decoded(raw.decode("utf-8"), [], "utf-8", bom)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        # GB18030 is a superset of GBK and GB2312, what Chinese Windows editors save as "ANSI".
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        line = raw.count(b"\n", 0, utf8_error.start) + 1
        return Decoded(
            None,
            [
                error(
                    source,
                    line,
                    1,
                    codes.ENCODING,
                    f"第 {line} 行有既不是 UTF-8 也不是 GBK/GB18030 的字节（0x{raw[utf8_error.start]:02X}）；"
                    "请把文件另存为 UTF-8 编码。",
                )
            ],
        )
    return Decoded(text, [], "gbk" if _reads_as_gbk(raw, text) else "gb18030")


def _reads_as_gbk(raw: bytes, text: str) -> bool:
    try:
        return raw.decode("gbk") == text
    except UnicodeDecodeError:
        return False
