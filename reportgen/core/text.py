"""Character classes shared by the loader, the readers, the checker and the DOCX writer."""

from __future__ import annotations

import re

from reportgen.core.lazy_re import lazy

# Hanzi: CJK Extension A, the Unified Ideographs and the compatibility ideographs.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width punctuation and CJK symbols (what counts as "Chinese context" besides hanzi).
WIDE_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2026\u201c\u201d\u2018\u2019"
CJK = HAN + WIDE_PUNCT
# Everything drawn one em wide in Chinese text: CJK, radicals, full-width letters and digits.
WIDE = CJK + "\u2e80-\u2fff\uff00-\uffef"
RE_HAN = re.compile(f"[{HAN}]")
RE_CJK = lazy(f"[{CJK}]")  # a few ms to compile, and most runs never need it


def is_han(ch: str) -> bool:
    return bool(ch) and bool(RE_HAN.match(ch))


def is_cjk(ch: str) -> bool:
    return bool(ch) and bool(RE_CJK.match(ch))


# Characters XML 1.0 cannot hold (and so no DOCX can), lone surrogates included.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
