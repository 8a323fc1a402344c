"""Character classes shared by the loader, the readers, the checker and the DOCX writer."""

from __future__ import annotations

import re
from bisect import bisect_right

from reportgen.core.lazy_re import lazy

# Hanzi: CJK Extension A, the Unified Ideographs and the compatibility ideographs.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width punctuation and CJK symbols (what counts as "Chinese context" besides hanzi).
WIDE_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2026\u201c\u201d\u2018\u2019"
CJK = HAN + WIDE_PUNCT
# Everything drawn one em wide in Chinese text: CJK, radicals, full-width letters and digits.
WIDE = CJK + "\u2e80-\u2fff\uff00-\uffef"
# Compiling a class this large takes ~5 ms (re builds a map of all 65,536 BMP characters),
# a tenth of what the rest of a command costs: the tests below use the ranges instead, and
# the patterns are compiled only where a caller still asks for one.
RE_HAN = lazy(f"[{HAN}]")
RE_CJK = lazy(f"[{CJK}]")


def _bounds(body: str) -> list[str]:
    """A character-class body (``a-z_``) as the sorted starts and ends of its merged ranges,
    ``[start, end + 1, start, end + 1, …]``: a character is in the class when
    ``bisect_right`` puts it at an odd index (one C call, as fast as a compiled pattern)."""
    ranges = []
    i = 0
    while i < len(body):
        if body[i + 1 : i + 2] == "-" and i + 2 < len(body):
            ranges.append((ord(body[i]), ord(body[i + 2])))
            i += 3
        else:
            ranges.append((ord(body[i]), ord(body[i])))
            i += 1
    merged: list[list[int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return [chr(code) for low, high in merged for code in (low, high + 1)]


_HAN_BOUNDS = _bounds(HAN)
_CJK_BOUNDS = _bounds(CJK)
_WIDE_BOUNDS = _bounds(WIDE)


def is_han(ch: str) -> bool:
    """The first character of ``ch`` is a hanzi (HAN)."""
    return bool(ch) and bisect_right(_HAN_BOUNDS, ch[0]) % 2 == 1


def is_cjk(ch: str) -> bool:
    """The first character of ``ch`` is a hanzi or wide punctuation (CJK)."""
    return bool(ch) and bisect_right(_CJK_BOUNDS, ch[0]) % 2 == 1


def is_wide(ch: str) -> bool:
    """The first character of ``ch`` is drawn one em wide (WIDE)."""
    return bool(ch) and bisect_right(_WIDE_BOUNDS, ch[0]) % 2 == 1


def has_han(text: str, start: int = 0, end: int | None = None) -> bool:
    """``text[start:end]`` holds a hanzi (``RE_HAN.search(text, start, end)``)."""
    part = text[start:end]
    return not part.isascii() and any(bisect_right(_HAN_BOUNDS, ch) % 2 for ch in part)


# Characters XML 1.0 cannot hold (and so no DOCX can), lone surrogates included.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
