"""Exact positions from a LibreOffice PDF: glyph baselines, glyph ink and drawn lines, read
from ``pdftocairo -svg`` (glyphs are placed by their baseline there; lines are paths)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

PT_PER_MM = 72 / 25.4
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Glyph:
    x: float
    baseline: float
    ink_top: float  # the glyph's drawn extent, in page points
    ink_bottom: float
    fill: str  # e.g. "rgb(100%,0%,0%)"


@dataclass(frozen=True)
class Rule:
    x1: float
    x2: float
    y: float
    width: float
    stroke: str


@dataclass
class Page:
    glyphs: list[Glyph]
    rules: list[Rule]

    def baselines(self, x_min: float, x_max: float, y_min: float, y_max: float) -> list[float]:
        return sorted(
            {
                round(g.baseline, 2)
                for g in self.glyphs
                if x_min - 1 <= g.x <= x_max + 1 and y_min - 1 <= g.baseline <= y_max + 1
            }
        )


def _style(element: etree._Element, key: str) -> str:
    for item in (element.get("style") or "").split(";"):
        name, _, value = item.partition(":")
        if name.strip() == key:
            return value.strip()
    return ""


def _matrix(element: etree._Element) -> tuple[float, ...]:
    found = re.search(r"matrix\(([^)]*)\)", element.get("transform") or "")
    if not found:
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return tuple(float(v) for v in _NUMBER.findall(found.group(1)))


def page(pdf: Path, number: int, folder: Path) -> Page:
    svg = folder / f"{pdf.stem}-{number}.svg"
    subprocess.run(
        ["pdftocairo", "-svg", "-f", str(number), "-l", str(number), str(pdf), str(svg)],
        check=True,
    )
    root = etree.parse(str(svg)).getroot()
    extents: dict[str, tuple[float, float]] = {}
    for symbol in root.iter(f"{SVG}symbol"):
        ys = [
            float(v)
            for path in symbol.iter(f"{SVG}path")
            for v in _NUMBER.findall(path.get("d") or "")[1::2]
        ]
        if ys:
            extents[symbol.get("id") or ""] = (min(ys), max(ys))
    glyphs = []
    for use in root.iter(f"{SVG}use"):
        ref = (use.get(XLINK) or "").lstrip("#")
        if ref not in extents:
            continue
        parent = use.getparent()
        fill = _style(parent, "fill") if parent is not None else ""
        x, y = float(use.get("x") or 0), float(use.get("y") or 0)
        low, high = extents[ref]
        glyphs.append(Glyph(x, y, y + low, y + high, fill))
    rules = []
    for path in root.iter(f"{SVG}path"):
        stroke = _style(path, "stroke")
        if not stroke or stroke == "none":
            continue
        numbers = [float(v) for v in _NUMBER.findall(path.get("d") or "")]
        if len(numbers) != 4 or abs(numbers[1] - numbers[3]) > 0.01:
            continue  # not a horizontal line
        a, _, _, d, e, f = _matrix(path)
        rules.append(
            Rule(
                min(numbers[0], numbers[2]) * a + e,
                max(numbers[0], numbers[2]) * a + e,
                numbers[1] * d + f,
                float(_style(path, "stroke-width") or 1) * abs(d),
                stroke,
            )
        )
    return Page(glyphs, rules)


@dataclass(frozen=True)
class Word:
    left: float
    top: float
    right: float
    bottom: float
    text: str


@dataclass
class Rendered:
    document: Any  # reportgen.core.blocks.Document
    pdf: Path
    folder: Path
    words: list[list[Word]]
    pages: dict[int, Page] = field(default_factory=dict)

    def page(self, number: int) -> Page:
        if number not in self.pages:
            self.pages[number] = page(self.pdf, number, self.folder)
        return self.pages[number]

    def find(self, number: int, text: str) -> Word:
        """The visual line (pdftotext splits at Latin/Chinese boundaries) starting with
        a word that starts with ``text``."""
        first = next(w for w in self.words[number - 1] if w.text.startswith(text))
        same = [w for w in self.words[number - 1] if abs(w.bottom - first.bottom) < 1]
        return Word(
            min(w.left for w in same),
            min(w.top for w in same),
            max(w.right for w in same),
            max(w.bottom for w in same),
            "".join(w.text for w in sorted(same, key=lambda w: w.left)),
        )

    def red_line(self) -> Rule:
        """The red separator (LibreOffice may draw a border twice, at the same place)."""
        (line,) = {r.y: r for r in self.page(1).rules if red(r.stroke)}.values()
        return line

    def baseline(self, number: int, word: Word) -> float:
        found = self.page(number).baselines(word.left, word.right, word.top, word.bottom)
        assert len(found) == 1, found
        return found[0]


def words(pdf: Path) -> list[list[Word]]:
    html = pdf.with_suffix(".html")
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(html)], check=True)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    return [
        [
            Word(*(float(w.get(k) or 0) for k in ("xMin", "yMin", "xMax", "yMax")), w.text or "")
            for w in p.iterfind(".//h:word", ns)
        ]
        for p in etree.parse(str(html)).iterfind(".//h:page", ns)
    ]


def red(fill: str) -> bool:
    """A red fill or stroke as cairo writes it (``rgb(100%,0%,0%)``; a template's E60012 is
    ``rgb(90.196078%,0%,7.058824%)``)."""
    found = re.fullmatch(r"rgb\(([\d.]+)%,([\d.]+)%,([\d.]+)%\)", fill.replace(" ", ""))
    if not found:
        return False
    r, g, b = (float(v) for v in found.groups())
    return r >= 60 and g <= 25 and b <= 25
