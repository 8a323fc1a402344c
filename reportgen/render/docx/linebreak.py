"""How LibreOffice breaks a paragraph of Chinese text into lines, predicted: widths from the
faces' own advance widths, the run's character spacing, the space LibreOffice adds where
Chinese meets a digit or a Latin letter, and the kinsoku rules (a closing mark never starts
a line, an opening mark never ends one, a number or a Latin word is never split).

Measured in LibreOffice 7.4 (render/docx/balance.py uses it to see where pages end): each
character takes its advance plus the run's spacing; a line holds what fits within its width;
when the next character may not start a line, the line ends one character earlier.
"""

from __future__ import annotations

import bisect
import functools
import glob
import itertools
import mmap
import operator
import os
import re
import shutil
import struct
import subprocess
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# Characters that may not start a line, and those that may not end one (LibreOffice's
# zh-CN forbidden characters, as measured).
# zh-CN forbidden characters, plus the closing brackets ICU's rules never start a line with.
NO_START = frozenset(
    '!%),.:;?]}¢°·’"†‡›℃∶、。〃〆〕〗〞﹚﹜！＂％＇），．：；？！］｝～”〉》」』】'
)
NO_END = frozenset("$(£¥·‘〈《「『【〔〖〝﹙﹛＄（．［｛￡￥“")
# An opening quotation mark never starts a line after a full-width ； or ：, nor after a mark
# that follows a digit or Latin letter (95%？“…: LibreOffice breaks that by the Latin rules,
# which keep quotes with both neighbours). Dashes and ellipses may be split and start a line.
_NO_QUOTE_AFTER = frozenset("；：")
_OPENING_QUOTES = frozenset("“‘")
# Where Chinese text meets Latin text, and at the end of a run, LibreOffice drops a negative
# character spacing from the last character before the change; where a Chinese character
# meets a digit or a Latin letter it also adds 0.2 em (autospace): 中→1 is 16 + 3.18 pt
# whatever the spacing (measured at −1.1, −0.25 and +0.6 pt).
AUTOSPACE_EM = 0.199
_EPSILON = 0.05  # pt: rounding in LibreOffice's twip arithmetic
# Float sums taken in another order differ in the last bits; a width this close to the limit
# counts as fitting in both ways of adding up a line.
_TIE = 1e-9


@functools.lru_cache(maxsize=4096)
def wide(c: str) -> bool:
    """Drawn one em wide by a Chinese face (quotes, dashes and ellipses included)."""
    return unicodedata.east_asian_width(c) in ("W", "F", "A") and not c.isascii()


@functools.lru_cache(maxsize=4096)
def _ideograph(c: str) -> bool:
    return unicodedata.category(c) == "Lo" and wide(c)


def _alnum_ascii(c: str) -> bool:
    return c.isascii() and c.isalnum()


@dataclass(frozen=True)
class Run:
    """A stretch of a paragraph's text drawn in one face, size and spacing."""

    text: str
    size_pt: float
    spacing_pt: float
    latin: Mapping[str, float]  # ASCII advance widths in em (missing: half an em)


def _allowed(chars: Sequence[str], i: int) -> bool:
    """Whether a line may break before ``chars[i]``."""
    prev, cur = chars[i - 1], chars[i]
    if cur in NO_START or prev in NO_END:
        return False
    if cur in _OPENING_QUOTES and (
        prev in _NO_QUOTE_AFTER or prev.isascii() or (i > 1 and chars[i - 2].isascii())
    ):
        return False
    if cur == " ":
        return False  # a space stays at the end of the line before
    if prev == " ":
        return True
    # A number, a Latin word, 95% or 3.5 is never split.
    return not (prev.isascii() and cur.isascii())


# Characters certainly drawn one em wide (CJK ideographs, their punctuation, full-width
# forms, and the quotes, dashes, ellipsis and middle dot Chinese text uses): a run's
# characters outside this class are the few whose width is looked up.
_MAYBE_NARROW = re.compile(
    "[^\u00b7\u2014\u2015\u2018\u2019\u201c\u201d\u2026\u3000-\u303e\u4e00-\u9fff\uff01-\uff60]"
)


class MeasuredText:
    """A paragraph's characters with everything about them that does not depend on the
    spacing change or the line widths, so that trying several costs little.

    Built run by run with list arithmetic: a run is one size and one spacing, and in
    Chinese text only a few characters (digits, Latin letters, some marks) are not one em
    wide, so only those are visited one at a time."""

    def __init__(self, runs: Sequence[Run], breaks: Sequence[int] = ()) -> None:
        step: list[float] = []  # advance plus the run's spacing, pt
        spacing: list[float] = []
        sizes: list[float] = []
        narrow: list[int] = []  # indexes of the characters not one em wide
        run_ends: list[int] = []
        for run in runs:
            text, size, gap = run.text, run.size_pt, run.spacing_pt
            if not text:
                continue
            offset, count = len(step), len(text)
            run_step = [size + gap] * count
            latin = run.latin
            for m in _MAYBE_NARROW.finditer(text):
                c = m.group()
                if not wide(c):
                    at = m.start()
                    run_step[at] = latin.get(c, 0.5) * size + gap
                    narrow.append(offset + at)
            step.extend(run_step)
            spacing.extend([gap] * count)
            sizes.extend([size] * count)
            run_ends.append(offset + count - 1)
        chars = "".join(run.text for run in runs)
        n = len(chars)
        # Before character i (i ≥ 1): whether the spacing of i − 1 is dropped when it is
        # negative, and the autospace added: only where the width class or the run changes.
        narrow_set = set(narrow)
        changes = {i + 1 for i in run_ends if i + 1 < n}
        for i in narrow:
            if i > 0 and i - 1 not in narrow_set:
                changes.add(i)
            if i + 1 < n and i + 1 not in narrow_set:
                changes.add(i + 1)
        self.change = [False] * n
        self.auto = [0.0] * n
        self.changes = sorted(changes)
        for i in self.changes:
            self.change[i] = True
            before_narrow = i - 1 in narrow_set
            if before_narrow != (i in narrow_set):
                # One side is narrow, the other wide: autospace between a Latin letter or a
                # digit and a Chinese character.
                letter, hanzi = (
                    (chars[i - 1], chars[i]) if before_narrow else (chars[i], chars[i - 1])
                )
                if _alnum_ascii(letter) and _ideograph(hanzi):
                    self.auto[i] = AUTOSPACE_EM * sizes[i]
        self.chars = chars
        self.step = step
        self.spacing = spacing
        self.forced = frozenset(breaks)
        self._forced_sorted = sorted(breaks)
        self._has_space = " " in chars
        self._totals_by_delta: dict[float, tuple[dict[int, float], list[float]]] = {}

    def __len__(self) -> int:
        return len(self.chars)

    def _totals(self, delta: float) -> tuple[dict[int, float], list[float]]:
        """For one spacing change: the extra before each character where the width class or
        the run changes (a dropped negative spacing, autospace), and the running totals of
        the widths with those extras, so that a line's width is a difference of two totals
        and its end a binary search. Built with list operations, once per change (the
        margin checks of a change reuse them)."""
        cached = self._totals_by_delta.get(delta)
        if cached is not None:
            return cached
        spacing, auto = self.spacing, self.auto
        extra = {}
        for i in self.changes:
            gap = spacing[i - 1] + delta
            extra[i] = (-gap if gap < 0.0 else 0.0) + auto[i]
        widths = (
            list(map(operator.add, self.step, itertools.repeat(delta))) if delta else self.step[:]
        )
        for i, value in extra.items():
            widths[i] += value
        totals = extra, list(itertools.accumulate(widths, initial=0.0))
        self._totals_by_delta[delta] = totals
        return totals

    def starts(self, first_width: float, width: float, delta: float = 0.0) -> list[int]:
        """Where each line starts, with ``delta`` added to every character's spacing."""
        if self._has_space:
            return self.starts_stepwise(first_width, width, delta)
        chars, n, forced = self.chars, len(self.chars), self._forced_sorted
        extra, totals = self._totals(delta)
        bisect_right = bisect.bisect_right
        starts = [0]
        start, limit = 0, first_width
        while True:
            # Characters start … end − 1 fit: the first is never charged its extra.
            target = totals[start] + extra.get(start, 0.0) + limit + _EPSILON + _TIE
            end = bisect_right(totals, target, start + 1) - 1
            end = min(max(end, start + 1), n)
            at = bisect_right(forced, start) if forced else 0
            if at < len(forced) and forced[at] <= end:
                cut = forced[at]  # a forced break comes first
            elif end >= n:
                return starts
            else:
                # chars[end] does not fit: end the line at the last place a break is allowed.
                cut = end
                while cut > start + 1 and not _allowed(chars, cut):
                    cut -= 1
                if cut == start + 1 and not _allowed(chars, cut):
                    cut = end  # nowhere to break: the text is cut where it overflows
            starts.append(cut)
            start, limit = cut, width

    def starts_stepwise(self, first_width: float, width: float, delta: float = 0.0) -> list[int]:
        """:meth:`starts` a character at a time: spaces hang at a line's end whatever their
        width, which the binary search cannot express."""
        chars, steps, spacing, change, auto = (
            self.chars,
            self.step,
            self.spacing,
            self.change,
            self.auto,
        )
        forced = self.forced
        room = _EPSILON + _TIE
        starts = [0]
        start, used, limit, i, n = 0, 0.0, first_width, 0, len(chars)
        while i < n:
            if i in forced and i > start:
                starts.append(i)
                start, used, limit = i, 0.0, width
            step = steps[i] + delta
            if change[i] and i > start:
                step += max(0.0, -(spacing[i - 1] + delta)) + auto[i]
            if used + step <= limit + room or i == start or chars[i] == " ":
                used += step
                i += 1
                continue
            # chars[i] does not fit: end the line at the last place a break is allowed.
            cut = i
            while cut > start + 1 and not _allowed(chars, cut):
                cut -= 1
            if not _allowed(chars, cut):
                cut = i  # nowhere to break: the text is cut where it overflows
            starts.append(cut)
            start, used, limit, i = cut, 0.0, width, cut
        return starts


def line_starts(
    runs: Sequence[Run], first_width: float, width: float, breaks: Sequence[int] = ()
) -> list[int]:
    """Where each line starts (indexes into the paragraph's text): ``first_width`` for its
    first line (after the first-line indent), ``width`` for the others; ``breaks`` are the
    positions of forced line breaks."""
    return MeasuredText(runs, breaks).starts(first_width, width)


# ---------------------------------------------------------------------------------------
# Advance widths of the faces the document is drawn in, read from the font files.


def _cmap_glyphs(data: bytes | mmap.mmap, offset: int, chars: str) -> dict[str, int]:
    count = struct.unpack_from(">H", data, offset + 2)[0]
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * i)
        at = offset + sub
        if platform == 3 and encoding == 1 and struct.unpack_from(">H", data, at)[0] == 4:
            break
    else:
        return {}
    segments = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
    range_at = at + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", data, range_at)
    glyphs = {}
    for c in chars:
        code = ord(c)
        # Segments are sorted by their end code: the first that ends at or after ``code``.
        s = bisect.bisect_left(ends, code)
        if s < segments and starts[s] <= code:
            if ranges[s] == 0:
                glyphs[c] = (code + deltas[s]) & 0xFFFF
            else:
                where = range_at + 2 * s + ranges[s] + 2 * (code - starts[s])
                glyph = struct.unpack_from(">H", data, where)[0]
                glyphs[c] = (glyph + deltas[s]) & 0xFFFF if glyph else 0
    return glyphs


def font_advances(path: str) -> dict[str, float]:
    """The printable ASCII characters' advance widths (em) in the font file at ``path``;
    empty when the file cannot be read (a collection, an unusual table layout)."""
    try:
        # A CJK face is 10–20 MB: map it and touch only the tables read (cmap, hmtx).
        with (
            open(path, "rb") as handle,
            mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            return _advances(data)
    except (OSError, ValueError, KeyError, struct.error, ZeroDivisionError):
        return {}


def _advances(data: mmap.mmap) -> dict[str, float]:
    tables = {}
    for i in range(struct.unpack_from(">H", data, 4)[0]):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag] = offset
    units = struct.unpack_from(">H", data, tables[b"head"] + 18)[0]
    metrics = struct.unpack_from(">H", data, tables[b"hhea"] + 34)[0]
    chars = "".join(chr(c) for c in range(0x20, 0x7F))
    result = {}
    for c, glyph in _cmap_glyphs(data, tables[b"cmap"], chars).items():
        index = tables[b"hmtx"] + 4 * min(glyph, metrics - 1)
        result[c] = struct.unpack_from(">H", data, index)[0] / units
    return result


@functools.lru_cache(maxsize=32)
def latin_advances(name: str) -> Mapping[str, float]:
    """ASCII advance widths of the face ``name`` is drawn in here (render/fontmap.py's
    choice); half an em for every character when the face cannot be found or read."""
    from reportgen.render.fontmap import font_plan

    plan = font_plan()
    face = plan.face(name) or name
    key = "".join(face.split()).casefold()
    for folder in plan.extra_dirs:
        for path in sorted(glob.glob(os.path.join(folder, "*.otf"))):
            if os.path.basename(path).casefold().startswith(key) and "regular" in path.casefold():
                return font_advances(path)
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return {}
    try:
        out = subprocess.run(
            [fc_match, "--format", "%{family}\t%{file}", face],
            capture_output=True,
            timeout=30,
            check=False,
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return {}
    families, _, path = out.partition("\t")
    names = {"".join(f.split()).casefold() for f in families.split(",")}
    if key not in names or not path.endswith((".otf", ".ttf")):
        return {}
    return font_advances(path)
