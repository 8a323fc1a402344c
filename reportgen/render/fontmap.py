"""Which installed faces a PDF made here draws the office font names in.

The documents name 仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体 and 宋体, as offices expect.
A machine without them makes LibreOffice substitute whatever fontconfig offers (often one
Japanese sans face for everything). This module asks fontconfig what is installed, also
finds the free Fandol faces where fontconfig does not look (TeX Live's tree), and maps each
office name to the best installed face: the name itself, its common fallback (仿宋, 楷体,
宋体 and their English names), then Fandol. ``conf_xml`` is the fontconfig file that makes
LibreOffice follow the map; ``substitutes`` is what the user is told.
"""

from __future__ import annotations

import functools
import glob
import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["CHAINS", "FontPlan", "font_plan", "scan"]

# Office name → faces to use, best first. The first entry is the name itself.
CHAINS: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "FandolFang"),
    "仿宋": ("仿宋", "FangSong", "仿宋_GB2312", "FangSong_GB2312", "FandolFang"),
    "FangSong": ("FangSong", "仿宋", "仿宋_GB2312", "FandolFang"),
    "楷体_GB2312": ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "FandolKai"),
    "楷体": ("楷体", "KaiTi", "楷体_GB2312", "KaiTi_GB2312", "FandolKai"),
    "KaiTi": ("KaiTi", "楷体", "楷体_GB2312", "FandolKai"),
    "黑体": ("黑体", "SimHei", "FandolHei"),
    "SimHei": ("SimHei", "黑体", "FandolHei"),
    "方正小标宋简体": (
        "方正小标宋简体",
        "方正小标宋_GBK",
        "FZXiaoBiaoSong-B05S",
        "宋体",
        "SimSun",
        "FandolSong",
    ),
    "宋体": ("宋体", "SimSun", "FandolSong"),
    "SimSun": ("SimSun", "宋体", "FandolSong"),
}

# Where TeX Live keeps Fandol; fontconfig does not scan these by default.
_FANDOL_GLOBS = (
    "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol",
    "/usr/share/texmf-dist/fonts/opentype/public/fandol",
    "/usr/local/texlive/*/texmf-dist/fonts/opentype/public/fandol",
    "/opt/texlive/*/texmf-dist/fonts/opentype/public/fandol",
    "/Library/TeX/Root/texmf-dist/fonts/opentype/public/fandol",
    "~/texmf/fonts/opentype/public/fandol",
)


def _key(name: str) -> str:
    # fontconfig compares family names ignoring case and blanks.
    return "".join(name.split()).casefold()


@dataclass(frozen=True)
class FontPlan:
    """The faces this machine has, and what each office name is drawn in."""

    installed: frozenset[str]  # family keys fontconfig (or the extra folders) provide
    extra_dirs: tuple[str, ...] = ()  # folders to add to fontconfig's (Fandol in TeX Live)
    faces: dict[str, str] = field(default_factory=dict)  # office name → face used
    known: bool = True  # False: no fontconfig here, nothing can be said

    def face(self, name: str) -> str | None:
        """The installed face ``name`` is drawn in, ``None`` when there is none."""
        if name in self.faces:
            return self.faces[name]
        return name if _key(name) in self.installed else None

    def substitutes(self, names: Iterable[str]) -> dict[str, str]:
        """The names among ``names`` drawn in another face: name → face."""
        result = {}
        for name in dict.fromkeys(names):
            face = self.face(name)
            if face is not None and face != name:
                result[name] = face
        return result

    def missing(self, names: Iterable[str]) -> list[str]:
        """The names among ``names`` with no face at all here."""
        if not self.known:
            return []
        return [n for n in dict.fromkeys(names) if self.face(n) is None]

    def conf_xml(self) -> str:
        """A fontconfig file: the system's configuration, the extra folders, and an alias
        (binding "same", so the substitute counts as the name itself) per substitute."""
        lines = [
            '<?xml version="1.0"?>',
            '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
            "<!-- Written by reportgen for one LibreOffice run (render/fontmap.py). -->",
            "<fontconfig>",
        ]
        system = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
        lines.append(f'  <include ignore_missing="yes">{escape(system)}</include>')
        lines += [f"  <dir>{escape(d)}</dir>" for d in self.extra_dirs]
        for name, face in sorted(self.faces.items()):
            if face == name:
                continue
            lines += [
                '  <alias binding="same">',
                f"    <family>{escape(name)}</family>",
                f"    <prefer><family>{escape(face)}</family></prefer>",
                "  </alias>",
            ]
        lines.append("</fontconfig>")
        return "\n".join(lines) + "\n"


def _run(command: list[str]) -> str | None:
    try:
        result = subprocess.run(command, capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.decode("utf-8", "replace")


def _families(field_text: str) -> list[str]:
    """``宋体,SimSun`` → both names (a comma escaped as ``\\,`` belongs to a name)."""
    return [re.sub(r"\\(.)", r"\1", n) for n in re.split(r"(?<!\\),", field_text) if n]


def _fandol_dirs(known_files: set[str]) -> list[str]:
    """Folders holding Fandol faces that fontconfig does not already see."""
    found: list[str] = []
    candidates: list[str] = []
    for pattern in _FANDOL_GLOBS:
        candidates += sorted(glob.glob(os.path.expanduser(pattern)))
    kpsewhich = shutil.which("kpsewhich")
    if kpsewhich:
        out = _run([kpsewhich, "FandolFang-Regular.otf"])
        if out and out.strip():
            candidates.append(str(Path(out.strip()).parent))
    for folder in dict.fromkeys(candidates):
        files = glob.glob(os.path.join(folder, "Fandol*.otf"))
        if files and not any(os.path.realpath(f) in known_files for f in files):
            found.append(folder)
    return found


def _scan_dir(folder: str) -> set[str]:
    """Family names of the fonts in ``folder`` (fc-scan, or the Fandol file names)."""
    names: set[str] = set()
    fc_scan = shutil.which("fc-scan")
    for path in sorted(glob.glob(os.path.join(folder, "*.[ot]t[fc]"))):
        out = _run([fc_scan, "--format", "%{family}\n", path]) if fc_scan else None
        if out:
            for line in out.splitlines():
                names.update(_families(line))
        else:
            names.add(Path(path).stem.split("-")[0])
    return names


def scan() -> tuple[frozenset[str], tuple[str, ...], bool]:
    """Installed family keys, extra folders, and whether fontconfig could be asked."""
    fc_list = shutil.which("fc-list")
    out = _run([fc_list, "--format", "%{file}\t%{family}\n"]) if fc_list else None
    if out is None:
        return frozenset(), (), False
    families: set[str] = set()
    files: set[str] = set()
    for line in out.splitlines():
        path, _, names = line.partition("\t")
        files.add(os.path.realpath(path))
        families.update(_key(n) for n in _families(names))
    extra = _fandol_dirs(files)
    for folder in extra:
        families.update(_key(n) for n in _scan_dir(folder))
    families.discard("")
    return frozenset(families), tuple(extra), True


def plan_from(installed: frozenset[str], extra: tuple[str, ...], known: bool) -> FontPlan:
    faces: dict[str, str] = {}
    for name, chain in CHAINS.items():
        face = next((f for f in chain if _key(f) in installed), None)
        if face is not None:
            faces[name] = face
    return FontPlan(installed, extra, faces, known)


@functools.lru_cache(maxsize=1)
def font_plan() -> FontPlan:
    """This machine's plan, worked out once per process."""
    return plan_from(*scan())
