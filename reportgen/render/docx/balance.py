"""Widow and orphan control that keeps 22 lines on every full page.

Word's and LibreOffice's own widow control end a page a line early (21 lines), which GB/T
9704 does not allow. Since the page is a fixed grid (exact line pitch, 28 characters a line),
where every page ends can be worked out instead: each paragraph's line count is predicted
(render/docx/linebreak.py, measured against LibreOffice 7.4), the pages are laid out in
arithmetic, and where a paragraph would leave one line alone at the top of a page (a widow),
its first line alone at the foot of one (an orphan), an own-line heading at a page foot or a
blank line at a page top, the character spacing of a few paragraphs is changed slightly so
that they take one line more (spacing +0.25 to +0.85 pt: 27 or 26 characters a line instead
of 28) or one line less (−0.85 pt: 29). GB/T 9704 7.1 allows such adjustment. The paragraphs to change
are chosen by dynamic programming over the page position (the fewest changes, loosening
preferred to tightening); every page still holds 22 lines, and the keep-with-next settings
the writer makes never have to act.

What cannot be predicted (a table, a frame, an inline picture, a reference document's
红头, a style separator) ends the prediction until the next page break.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.etree import tostring

from reportgen.core.style import StyleProfile
from reportgen.render.docx.linebreak import MeasuredText, Run, latin_advances
from reportgen.render.docx.ooxml import RPR, W, put, twips

__all__ = ["LOOSEN_PT", "TIGHTEN_PT", "balance", "plan", "violating"]

LOOSEN_PT = 0.25  # added to the spacing: 16.0 pt a character, 27 a line
TIGHTEN_PT = -0.85  # 15.15 pt a character: 29 a line, 27 after the first-line indent
_DELTAS = (LOOSEN_PT, 0.5, 0.85, TIGHTEN_PT)
# A change is used only when its line count is the same with the line 0.6 pt shorter or
# longer: a prediction that close to an edge is not safe.
_MARGIN = 0.6
_VIOLATION = 1000  # the cost of a widow, orphan, heading at a foot or blank line at a top
_EPSILON = 0.05


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _number(value: str | None) -> float:
    try:
        return float(value) if value else 0.0
    except ValueError:
        return 0.0


def _twips(value: str | None) -> float:
    return _number(value) / 20


@dataclass(frozen=True)
class Option:
    """A change of a paragraph's character spacing by ``delta`` pt, and what it costs."""

    delta: float
    cost: float


NO_CHANGE = Option(0.0, 0.0)


@dataclass
class Item:
    """One body element as the page arithmetic sees it."""

    element: Any
    lines: int = 1
    height: float = 0.0  # of each line
    before: float = 0.0
    after: float = 0.0
    keep_next: bool = False
    page_break: bool = False
    blank: bool = False  # an empty paragraph: never the first line of a page
    text: bool = False  # widow and orphan rules apply
    unknown: bool = False  # its height cannot be predicted
    # line count → (spacing change, cost); loosening costs less than tightening, and a
    # change that leaves a last line of one or two characters costs more.
    options: dict[int, Option] = field(default_factory=dict)
    runs: list[Run] = field(default_factory=list)
    prepared: MeasuredText | None = None
    adjustable: bool = False
    spacings: list[tuple[Any, float]] = field(default_factory=list)  # each w:r, its spacing
    breaks: list[int] = field(default_factory=list)
    first_width: float = 0.0
    width: float = 0.0


class _Styles:
    """Property lookup through the style hierarchy (basedOn chains, then docDefaults)."""

    def __init__(self, styles_root: Any) -> None:
        self.by_id = {s.get(_w("styleId")): s for s in styles_root.iter(_w("style"))}
        defaults = styles_root.find(_w("docDefaults"))
        self.rpr_default = (
            defaults.find(f"{_w('rPrDefault')}/{_w('rPr')}") if defaults is not None else None
        )
        self.ppr_default = (
            defaults.find(f"{_w('pPrDefault')}/{_w('pPr')}") if defaults is not None else None
        )
        normal = next(
            (
                s
                for s in self.by_id.values()
                if s.get(_w("default")) == "1" and s.get(_w("type")) == "paragraph"
            ),
            None,
        )
        self.normal = normal.get(_w("styleId")) if normal is not None else None
        self.cache: dict[tuple[str, str, tuple[str | None, ...]], Any] = {}

    def chain(self, style_id: str | None) -> Iterator[Any]:
        seen: set[int] = set()
        style = self.by_id.get(style_id) if style_id else None
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            yield style
            based = style.find(_w("basedOn"))
            style = self.by_id.get(based.get(_w("val"))) if based is not None else None

    def find(self, section: str, tag: str, *style_ids: str | None) -> Any:
        key = (section, tag, style_ids)
        if key not in self.cache:
            self.cache[key] = self._find(section, tag, *style_ids)
        return self.cache[key]

    def _find(self, section: str, tag: str, *style_ids: str | None) -> Any:
        for style_id in style_ids:
            for style in self.chain(style_id):
                props = style.find(_w(section))
                found = props.find(_w(tag)) if props is not None else None
                if found is not None:
                    return found
        default = self.rpr_default if section == "rPr" else self.ppr_default
        return default.find(_w(tag)) if default is not None else None


@dataclass(frozen=True)
class _Page:
    width: float  # the type area's width, pt
    height: float  # the type area's height, pt


def _page(sect_pr: Any) -> _Page:
    size, margins = sect_pr.find(_w("pgSz")), sect_pr.find(_w("pgMar"))
    if size is None or margins is None:
        return _Page(442.2, 637.8)
    return _Page(
        _twips(size.get(_w("w")))
        - _twips(margins.get(_w("left")))
        - _twips(margins.get(_w("right"))),
        _twips(size.get(_w("h")))
        - _twips(margins.get(_w("top")))
        - _twips(margins.get(_w("bottom"))),
    )


@dataclass(frozen=True)
class _Paragraph:
    """What a paragraph's properties (its style and its w:pPr) decide, worked out once for
    every paragraph with the same ones."""

    style: str | None
    unknown: bool = False
    height: float = 0.0
    before: float = 0.0
    after: float = 0.0
    keep_next: bool = False
    page_break: bool = False
    direct: bool = False  # a w:spacing of its own: an empty one is not a blank line
    width: float = 0.0
    first_width: float = 0.0


@dataclass(frozen=True)
class _RunFace:
    """What a run's properties (its w:rPr within its paragraph style) decide."""

    hidden: bool
    size: float
    gap: float
    latin: Any


_DRAWING, _SPEC_VANISH = _w("drawing"), _w("specVanish")
_P, _R, _PPR, _RPR = _w("p"), _w("r"), _w("pPr"), _w("rPr")
_T, _TAB, _BR, _TYPE = _w("t"), _w("tab"), _w("br"), _w("type")


class _Reader:
    """Reads the body's paragraphs into Items. A writer's paragraphs share a handful of
    property sets: each distinct w:pPr (and w:rPr within a style) is resolved through the
    style hierarchy once, keyed by its serialised XML."""

    def __init__(self, styles: _Styles, profile: StyleProfile, page: _Page, adjustable: set[str]):
        self.styles = styles
        self.profile = profile
        self.page = page
        self.adjustable = adjustable  # paragraph style ids whose spacing may change
        self.paragraphs: dict[bytes, _Paragraph] = {}
        self.faces: dict[tuple[bytes, str | None], _RunFace] = {}

    def paragraph(self, ppr: Any) -> _Paragraph:
        key = b"" if ppr is None else tostring(ppr)
        found = self.paragraphs.get(key)
        if found is None:
            found = self.paragraphs[key] = self._paragraph(ppr)
        return found

    def _paragraph(self, ppr: Any) -> _Paragraph:
        style_el = ppr.find(_w("pStyle")) if ppr is not None else None
        style = style_el.get(_w("val")) if style_el is not None else self.styles.normal

        def prop(tag: str) -> Any:
            direct = ppr.find(_w(tag)) if ppr is not None else None
            return direct if direct is not None else self.styles.find("pPr", tag, style)

        if prop("framePr") is not None:
            return _Paragraph(style, unknown=True)
        spacing = prop("spacing")
        height = self.profile.line_pitch_pt
        if spacing is not None:
            if spacing.get(_w("lineRule")) != "exact" or spacing.get(_w("line")) is None:
                return _Paragraph(style, unknown=True)
            height = _twips(spacing.get(_w("line")))
        direct = ppr.find(_w("spacing")) if ppr is not None else None
        keep = prop("keepNext")
        ind = prop("ind")
        left = right = first = 0.0
        if ind is not None:
            left = _twips(ind.get(_w("left")) or ind.get(_w("start")))
            right = _twips(ind.get(_w("right")) or ind.get(_w("end")))
            first = _twips(ind.get(_w("firstLine"))) - _twips(ind.get(_w("hanging")))
        width = self.page.width - left - right
        return _Paragraph(
            style,
            height=height,
            before=_twips(direct.get(_w("before"))) if direct is not None else 0.0,
            after=_twips(direct.get(_w("after"))) if direct is not None else 0.0,
            keep_next=keep is not None and keep.get(_w("val"), "1") not in ("0", "false"),
            page_break=ppr is not None and ppr.find(_w("pageBreakBefore")) is not None,
            direct=direct is not None,
            width=width,
            first_width=width - first,
        )

    def face(self, rpr: Any, style: str | None) -> _RunFace:
        key = (b"" if rpr is None else tostring(rpr), style)
        found = self.faces.get(key)
        if found is None:
            found = self.faces[key] = self._face(rpr, style)
        return found

    def _face(self, rpr: Any, style: str | None) -> _RunFace:
        rstyle_el = rpr.find(_w("rStyle")) if rpr is not None else None
        rstyle = rstyle_el.get(_w("val")) if rstyle_el is not None else None

        def rprop(tag: str) -> Any:
            direct = rpr.find(_w(tag)) if rpr is not None else None
            return direct if direct is not None else self.styles.find("rPr", tag, rstyle, style)

        size_el, spacing_el, fonts = rprop("sz"), rprop("spacing"), rprop("rFonts")
        latin = fonts.get(_w("ascii")) if fonts is not None else None
        return _RunFace(
            hidden=rprop("vanish") is not None,
            # w:sz is in half-points; Word's default is 10.5 pt when nothing says.
            size=(_number(size_el.get(_w("val"))) / 2 if size_el is not None else 0) or 10.5,
            gap=_twips(spacing_el.get(_w("val"))) if spacing_el is not None else 0.0,
            latin=latin_advances(latin or ""),
        )

    def item(self, element: Any) -> Item:
        if element.tag != _P:
            return Item(element, unknown=True)
        ppr = element.find(_PPR)
        para = self.paragraph(ppr)
        # A picture, or a style separator (two paragraphs drawn on one line).
        if para.unknown or next(element.iter(_DRAWING, _SPEC_VANISH), None) is not None:
            return Item(element, unknown=True)
        style = para.style
        item = Item(
            element,
            height=para.height,
            before=para.before,
            after=para.after,
            keep_next=para.keep_next,
            page_break=para.page_break,
            width=para.width,
            first_width=para.first_width,
        )
        text = 0
        for r in element.iter(_R):
            face = self.face(r.find(_RPR), style)
            if face.hidden:
                continue
            pieces = []
            for child in r:
                tag = child.tag
                if tag == _T:
                    pieces.append(child.text or "")
                elif tag == _TAB:
                    pieces.append(" ")
                elif tag == _BR:
                    if child.get(_TYPE) in ("page", "column"):
                        return Item(element, unknown=True)
                    run_text = "".join(pieces)
                    item.runs.append(Run(run_text, face.size, face.gap, face.latin))
                    text += len(run_text)
                    item.breaks.append(text)
                    pieces = []
            run_text = "".join(pieces)
            if run_text:
                item.runs.append(Run(run_text, face.size, face.gap, face.latin))
                text += len(run_text)
            item.spacings.append((r, face.gap))
        if not text and not item.breaks:
            item.blank = style == self.styles.normal and not para.direct
            return item
        item.prepared = MeasuredText(item.runs, item.breaks)
        item.lines = len(item.prepared.starts(item.first_width, item.width))
        item.text = True
        # Own-line headings (kept with what follows) keep their spacing.
        own_line = item.keep_next and style != self.styles.normal
        item.adjustable = style in self.adjustable and not item.breaks and not own_line
        return item


def _options(item: Item) -> None:
    """The line counts ``item`` can take with its spacing changed, and what each costs."""
    prepared = item.prepared
    if prepared is None or not item.adjustable:
        return
    size = len(prepared)
    for delta in _DELTAS:
        starts = prepared.starts(item.first_width, item.width, delta)
        lines = len(starts)
        if lines == item.lines or lines in item.options:
            continue
        counts = {
            len(prepared.starts(item.first_width + m, item.width + m, delta))
            for m in (-_MARGIN, _MARGIN)
        }
        if counts != {lines}:
            continue
        cost = 10 + 40 * abs(delta) + (20 if delta < 0 else 0)
        if size - starts[-1] <= 2:
            cost += 30
        item.options[lines] = Option(delta, cost)


# --- the page arithmetic ---------------------------------------------------------------

_UNKNOWN = -1.0


def _place(y: float, keep: bool, item: Item, lines: int, height: float) -> tuple[float, int]:
    """Lay out ``item`` from ``y`` (the height used on the current page); returns the new
    ``y`` and the number of rule violations."""
    if item.page_break:
        y = 0.0
    if item.unknown or y == _UNKNOWN:
        return _UNKNOWN, 0
    bad = 0
    y += item.before
    step, limit, blank = item.height, height + _EPSILON, item.blank
    # Lines on the current page, on the first page the item reaches, on the last one, and
    # how many pages it spans (a first line that does not fit moves down: no part there).
    current = first = last = spans = 0
    for _ in range(lines):
        if y + step > limit and (current or y > 0):
            if current:
                spans += 1
                first, last = first or current, current
            elif keep or blank:
                bad += 1  # a heading left at a foot, or a blank line opening a page
            current, y = 0, 0.0
        y += step
        current += 1
    if current:
        spans += 1
        first, last = first or current, current
    if item.text and spans > 1:
        bad += (first < 2) + (last < 2)
    return min(y + item.after, height), bad


def plan(items: list[Item], height: float) -> list[Option]:
    """The spacing change of each item (``NO_CHANGE``: none) that leaves the fewest
    violations, then the fewest and smallest changes."""
    # state: (y, keep) → (cost, previous state, choice)
    states: dict[tuple[float, bool], tuple[float, Any]] = {(0.0, False): (0.0, None)}
    history = []
    for item in items:
        nxt: dict[tuple[float, bool], tuple[float, Any]] = {}
        choices = [(item.lines, NO_CHANGE), *item.options.items()]
        for (y, keep), (cost, _) in states.items():
            for lines, option in choices:
                y2, bad = _place(y, keep, item, lines, height)
                extra = bad * _VIOLATION + option.cost
                key = (round(y2, 2), item.keep_next and y2 != _UNKNOWN)
                total = cost + extra
                if key not in nxt or total < nxt[key][0] - 1e-9:
                    nxt[key] = (total, ((y, keep), option))
        history.append(nxt)
        states = nxt
    best = min(states, key=lambda k: states[k][0])
    chosen = []
    for step in reversed(history):
        _, (previous, option) = step[best]
        chosen.append(option)
        best = previous
    return chosen[::-1]


def violating(items: list[Item], height: float) -> list[int]:
    """The indexes of the items that break a rule as they stand."""
    y, keep, found = 0.0, False, []
    for index, item in enumerate(items):
        y, bad = _place(y, keep, item, item.lines, height)
        keep = item.keep_next and y != _UNKNOWN
        if bad:
            found.append(index)
    return found


# Options (a dozen line-breakings a paragraph) are worked out only for the paragraphs up to
# three pages' lines before each violation: a change further back moves every page end in
# between. Over 120 stress reports this leaves no more violations than trying every
# paragraph; in 13 of 110 the changes chosen cost a little more (more or larger).
_REACH_PAGES = 3


def _near(items: list[Item], bad: list[int], height: float) -> set[int]:
    """The items within reach of each violation: itself, what follows on its lines, and the
    paragraphs back to about two pages' worth of lines before it."""
    per_page = max(1, int(height // max(items[0].height if items else 1.0, 1.0)))
    near: set[int] = set()
    for index in bad:
        lines, start = 0, index
        while start > 0 and lines <= _REACH_PAGES * per_page:
            start -= 1
            lines += max(items[start].lines, 1)
        near.update(range(start, min(index + 2, len(items))))
    return near


def read(
    body_children: list[Any],
    styles_root: Any,
    sect_pr: Any,
    profile: StyleProfile,
    adjustable: set[str],
    cache: dict[Any, Any] | None = None,
) -> tuple[list[Item], float]:
    """The items of ``body_children``, and the type area's height. ``cache`` keeps the
    resolved paragraph and run properties for the next report drawn with the same (never
    changed) ``styles_root`` and ``profile``."""
    page = _page(sect_pr)
    key = (page, frozenset(adjustable))
    reader = cache.get(key) if cache is not None else None
    if reader is None:
        reader = _Reader(_Styles(styles_root), profile, page, adjustable)
        if cache is not None:
            cache[key] = reader
    return [reader.item(e) for e in body_children], page.height


def balance(
    body_children: list[Any],
    styles_root: Any,
    sect_pr: Any,
    profile: StyleProfile,
    adjustable: set[str],
    unknown: int = 0,
    cache: dict[Any, Any] | None = None,
) -> int:
    """Adjust the character spacing of paragraphs among ``body_children`` (in order, the
    first on page 1's first line) so that no page ends or starts badly; returns how many
    paragraphs were changed. The first ``unknown`` children (a reference document's 红头)
    are not predicted."""
    items, height = read(body_children, styles_root, sect_pr, profile, adjustable, cache)
    for item in items[:unknown]:
        item.unknown = True
    bad = violating(items, height)
    if not bad:
        return 0
    for index in _near(items, bad, height):
        _options(items[index])
    changed = 0
    for item, option in zip(items, plan(items, height), strict=True):
        if option is not NO_CHANGE:
            changed += 1
            _apply(item, option)
    return changed


def _apply(item: Item, option: Option) -> None:
    for r, gap in item.spacings:
        rpr = r.find(_w("rPr"))
        if rpr is None:
            rpr = r.makeelement(_w("rPr"), {})
            r.insert(0, rpr)
        put(rpr, "spacing", RPR, {"val": twips(gap + option.delta)})
