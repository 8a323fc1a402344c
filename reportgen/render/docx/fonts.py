"""The profile's Chinese fonts: font-table entries that tell Word what to substitute when a
font is missing, and which of the fonts this machine lacks.

Offices expect the documents to name 仿宋_GB2312, 楷体_GB2312 and 方正小标宋简体 even though
many machines only have 仿宋, 楷体 and 宋体 (layout spec, "Fallback names"); ``w:altName``
is the package's own way of saying which installed font to use instead.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass

from lxml import etree

from reportgen.core.style import StyleProfile

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class _Face:
    alt_name: str
    family: str  # ST_FontFamily, as Word itself records the face
    pitch: str


# charset 86 is GB2312 (Windows' GB2312_CHARSET 0x86): with it Word substitutes a Chinese
# face, never a Latin one, when neither the name nor the alternative is installed. The
# families are what Word writes for these faces: the GB2312 faces and 黑体 are fixed-pitch
# "modern"; 方正小标宋简体's PANOSE family is 3 (shown by Word as "script"); 宋体 is "auto".
_FACES = {
    "仿宋_GB2312": _Face("仿宋", "modern", "fixed"),
    "楷体_GB2312": _Face("楷体", "modern", "fixed"),
    "方正小标宋简体": _Face("宋体", "script", "fixed"),
    "仿宋": _Face("FangSong", "modern", "fixed"),
    "楷体": _Face("KaiTi", "modern", "fixed"),
    "黑体": _Face("SimHei", "modern", "fixed"),
    "宋体": _Face("SimSun", "auto", "variable"),
}
_GB2312 = "86"


def east_asian_fonts(p: StyleProfile) -> list[str]:
    """The profile's Chinese font names, each once, in the profile's order."""
    names = (
        p.title_font,
        p.body_font,
        p.level1_font,
        p.level2_font,
        p.level3_font,
        p.level4_font,
        p.page_number_font,
    )
    return list(dict.fromkeys(names))


def font_table_xml(xml: bytes, p: StyleProfile) -> bytes:
    """``word/fontTable.xml`` with an entry (alternative name, charset, family, pitch) for
    each known Chinese face the profile uses. Entries already there, such as a reference
    document's own, are kept as they are; unknown fonts get none."""
    root = etree.fromstring(xml)
    present = {font.get(f"{{{_W}}}name") for font in root.iterfind(f"{{{_W}}}font")}
    wanted = [n for n in east_asian_fonts(p) if n in _FACES and n not in present]
    if not wanted:
        return xml
    for name in wanted:
        face = _FACES[name]
        font = etree.SubElement(root, f"{{{_W}}}font")
        font.set(f"{{{_W}}}name", name)
        # CT_Font's order: altName, panose1, charset, family, notTrueType, pitch, sig.
        for tag, value in (
            ("altName", face.alt_name),
            ("charset", _GB2312),
            ("family", face.family),
            ("pitch", face.pitch),
        ):
            etree.SubElement(font, f"{{{_W}}}{tag}").set(f"{{{_W}}}val", value)
    return bytes(etree.tostring(root, encoding="UTF-8", standalone=True))


def missing_fonts(style: StyleProfile) -> list[str]:
    """The profile's Chinese fonts that are not installed here, in the profile's order.

    Asks fontconfig (``fc-list``); where there is none (Windows, most Macs) or it fails,
    the answer is ``[]``: this cannot tell, so it says nothing. A font that fontconfig only
    substitutes (an alias) counts as missing: the document will not look as designed.
    """
    installed = _installed_families()
    if not installed:
        return []
    return [name for name in east_asian_fonts(style) if _key(name) not in installed]


def _key(name: str) -> str:
    # fontconfig compares family names ignoring case and blanks.
    return "".join(name.split()).casefold()


@functools.lru_cache(maxsize=1)
def _installed_families() -> frozenset[str]:
    """Every family name fontconfig knows, localised names included (fc-list prints them
    comma-separated: ``宋体,SimSun``). Asked once per process."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return frozenset()
    try:
        result = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    if result.returncode != 0:
        return frozenset()
    families = set()
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        for name in re.split(r"(?<!\\),", line):
            families.add(_key(re.sub(r"\\(.)", r"\1", name)))
    families.discard("")
    return frozenset(families)
