"""Output file names for `batch`: a pattern of report fields → one safe file name per report.

Pure functions: a name is made portable (Windows, macOS, Linux), kept inside the output
folder, capped in length, and two reports that would share a file are found before
anything is written.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from reportgen.errors import UsageError

NAME_FIELDS = ("stem", "org", "period", "kind", "title")
DEFAULT_PATTERN = "{stem}"
MAX_CHARS = 100
# Linux allows 255 bytes per name; atomic_write adds ".<name>.XXXXXXXX.tmp" (~15 bytes).
MAX_BYTES = 200
FALLBACK = "报告"

_ILLEGAL = re.compile(r'[<>:"/\\|?*]')
# Windows device names, also with an extension (NUL.txt) or trailing spaces (NUL .txt):
# COM0–COM9 and LPT0–LPT9 (0 since Windows 11), the superscript digits ¹ ² ³ that Windows
# also treats as 1 2 3, and the console names CONIN$ and CONOUT$.
_DIGITS = "0123456789¹²³"
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{p}{d}" for p in ("COM", "LPT") for d in _DIGITS
}
_REPORT_SUFFIXES = (".report.yaml", ".report.yml", ".yaml", ".yml")
# A batch manifest (here, not in batch.plan: `check` asks this of every file it is given,
# and importing the planner for it cost a YAML check about 2 % of its start-up).
MANIFEST_SUFFIXES = (".batch.yaml", ".batch.yml")


def is_manifest(path: Path) -> bool:
    return path.name.lower().endswith(MANIFEST_SUFFIXES)


def input_stem(filename: str) -> str:
    """``一中.report.yaml`` → ``一中``; ``一中.yaml`` → ``一中``."""
    lower = filename.lower()
    for suffix in _REPORT_SUFFIXES:
        if lower.endswith(suffix) and len(filename) > len(suffix):
            return filename[: -len(suffix)]
    return filename


_NO_SPEC = "文件名模式不支持格式说明（:）和转换（!），只能写字段名"


def _syntax_message(exc: ValueError) -> str:
    """string.Formatter's English complaint → what is wrong, in the user's terms."""
    text = str(exc)
    if "conversion" in text or "format spec" in text:  # {org!}, {org!rr}, {org:{}
        return f"{_NO_SPEC}，如 {{org}}-{{period}}。"
    lone, other = ("}", "{") if "'}' encountered" in text else ("{", "}")
    return (
        f"有“{lone}”没有配对的“{other}”；字段要写在一对花括号里，如 {{org}}-{{period}}"
        "（字面的花括号写成 {{ 和 }}）。"
    )


def check_pattern(pattern: str) -> tuple[str, ...]:
    """The fields ``pattern`` uses; UsageError for an unknown field, a format spec or
    conversion (``{stem:>10}``, ``{stem!r}``) or broken braces."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise UsageError(f"--name 的格式有误：{_syntax_message(exc)}") from None
    allowed = "、".join(f"{{{f}}}" for f in NAME_FIELDS)
    used: list[str] = []
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in NAME_FIELDS:
            raise UsageError(f"--name 里的“{{{field}}}”不认识；可用的字段：{allowed}。")
        if spec or conversion:
            written = "{" + field + (f"!{conversion}" if conversion else "")
            written += (f":{spec}" if spec else "") + "}"
            raise UsageError(
                f"--name 里的“{written}”：{_NO_SPEC}，如 {{{field}}}；可用的字段：{allowed}。"
            )
        used.append(field)
    if not used and not pattern.strip():
        raise UsageError("--name 不能为空。")
    return tuple(used)


def _cap(stem: str, suffix: str) -> str:
    room_chars = MAX_CHARS - len(suffix)
    room_bytes = MAX_BYTES - len(suffix.encode("utf-8"))
    stem = stem[:room_chars]
    while len(stem.encode("utf-8")) > room_bytes:
        stem = stem[:-1]
    return stem.rstrip(". ")


def safe_stem(text: str, suffix: str = ".docx") -> str:
    """A file name stem every system accepts, that cannot name another folder.

    Format characters (bidi overrides, zero-width characters) are dropped; control
    characters, illegal characters and separators become ``_``; leading dots and spaces
    (hidden files, ``..``) and trailing dots and spaces (dropped by Windows) are removed;
    reserved device names (also with an extension) get a ``_``; the stem plus ``suffix`` is capped at
    MAX_CHARS characters and MAX_BYTES bytes of UTF-8.
    """
    text = unicodedata.normalize("NFC", text)
    text = "".join(_visible(c) for c in text)
    text = _ILLEGAL.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = _cap(text, suffix)
    if not text:
        return FALLBACK
    if is_reserved(text):
        text = "_" + text
    return text


def is_reserved(name: str) -> bool:
    """True for a name Windows takes as a device: ``NUL``, ``com1.report``, ``LPT¹``, ``CON .md``."""
    return name.split(".")[0].rstrip(" ").upper() in _RESERVED


# Default-ignorable characters that are not format characters: they show as nothing.
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0\ufe00-\ufe0f\U000e0100-\U000e01ef]"
)


def _visible(char: str) -> str:
    """Format characters (bidi overrides such as U+202E, zero-width spaces and joiners, the
    BOM, soft hyphens) and other invisible ones (Hangul fillers, variation selectors) are
    dropped: they make a name look unlike what it is. Control characters (C0, DEL, C1)
    and lone surrogates, which no file system takes, become ``_``."""
    category = unicodedata.category(char)
    if category == "Cf" or _IGNORABLE.match(char):
        return ""
    if category in ("Cc", "Cs"):
        return "_"
    return char


def output_stem(pattern: str, fields: Mapping[str, str], suffix: str = ".docx") -> str:
    """Fill ``pattern`` with ``fields`` and make the result one safe file name stem."""
    return safe_stem(pattern.format_map({k: fields.get(k, "") for k in NAME_FIELDS}), suffix)


def collision_key(name: str) -> str:
    """Names equal on a case-insensitive, normalising file system (Windows, macOS) share a key."""
    return unicodedata.normalize("NFC", name).casefold()


def find_collisions(names: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """``(name, owner)`` pairs → ``(name, first owner, second owner)`` for every clash."""
    seen: dict[str, str] = {}
    clashes: list[tuple[str, str, str]] = []
    for name, owner in names:
        key = collision_key(name)
        if key in seen and seen[key] != owner:
            clashes.append((name, seen[key], owner))
        else:
            seen.setdefault(key, owner)
    return clashes
