"""Points (一是……；二是……。) in the text of a finished report → the ``points`` of a part or item.

Reports enumerate in three ways: inline in one paragraph (``一是……；二是……。`` or with
``。`` between the points), one paragraph a point (``一是……`` / ``二是……``), or as a
bulleted list (Markdown ``-``, a typed ``•``). The model has one form: ``points`` after
the text, rendered ``一是……；二是……。`` in the text's last paragraph. :func:`arrange`
finds the first group and says how the render will differ from the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportgen.core.document import strip_end, with_points
from reportgen.core.numbering import Family, chinese_numeral, parse_marker
from reportgen.importing.notes import differing, short

# A point starts after one of these (一是甲；二是乙。 / 一是甲。二是乙。 / 一是甲，二是乙。).
_SEPARATORS = "；;。，,！？!?"
# A bullet typed in plain text or Word; Markdown list items get "• " from import_source.
BULLET = "• "
_BULLET = re.compile(r"^(?:[•·●▪◦■◆]\s*|-\s+)(?=\S)")
_WORD = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
# 二是… typed where a point starts: left in the text, it would not be renumbered.
_TYPED = re.compile(f"(?:^|[{_SEPARATORS}：:])[二三四五六七八九十]是")


def unbullet(text: str) -> str:
    """``text`` without a leading bullet."""
    return _BULLET.sub("", text, count=1)


def is_bullet(text: str) -> bool:
    return bool(_BULLET.match(text))


@dataclass
class Found:
    """Inline points in one paragraph: the text before them, the points, and whether
    rendering ``prefix`` + ``points`` gives the paragraph back exactly."""

    prefix: str
    points: list[str]
    exact: bool


def find_points(text: str) -> Found | None:
    """The last run of inline points 一是…二是… (at least two, numbered in order) in ``text``.

    The last, so that an 一是 paragraph holding points of its own (``一是……。一是……；二是……。``,
    sub-items flattened) is read as the item and its points."""
    for m in reversed(list(re.finditer("一是", text))):
        start = m.start()
        if start and _WORD.match(text[start - 1]):
            continue  # 统一是…, not a marker
        points: list[str] = []
        at = m.end()
        n = 2
        while True:
            nxt = re.compile(f"[{_SEPARATORS}]{chinese_numeral(n)}是").search(text, at + 1)
            if nxt is None:
                points.append(text[at:])
                break
            points.append(text[at : nxt.start()])
            at = nxt.end()
            n += 1
        if len(points) < 2 or any(
            not p.strip() or re.match(r"[\W_]", p) or parse_marker(p) for p in points
        ):
            continue
        prefix = text[:start]
        points = [strip_end(p) for p in points]
        if not all(points):
            continue
        return Found(prefix, points, with_points(prefix, points) == text)
    return None


def split_points(text: str) -> tuple[str, list[str]] | None:
    """``主要有：一是……；二是……。`` → (``主要有：``, [``……``, ``……``]) when rendering the
    result gives ``text`` back exactly; None otherwise."""
    found = find_points(text)
    if found is None or not found.exact:
        return None
    return found.prefix, found.points


def _inline_number(text: str) -> int:
    found = parse_marker(text)
    return found.number if found and found.family is Family.INLINE else 0


@dataclass
class Arranged:
    """Paragraphs split around their first group of points.

    ``text``: the paragraphs before the points (the text field); ``after``: paragraphs
    after them, which the model cannot put after points in the same field;
    ``changes``: how the render will differ from the source, for an M008 warning.
    """

    text: list[str]
    points: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


def arrange(paras: list[str]) -> Arranged:
    """Find the first group of points in ``paras`` (see the module docstring)."""
    paras = [p for p in paras if p.strip()]
    for i, para in enumerate(paras):
        if is_bullet(para):
            end = i
            while end < len(paras) and is_bullet(paras[end]):
                end += 1
            if end - i < 2:
                continue
            points = [strip_end(unbullet(p)) for p in paras[i:end]]
            change = f"列表（{end - i} 条）改为要点 points，生成时写成“一是……；二是……。”"
            return _done(paras[:i], points, paras[end:], change)
        if (found := find_points(para)) is not None:
            text = [*paras[:i], found.prefix] if found.prefix else paras[:i]
            change = ""
            if not found.exact:
                rendered = with_points(found.prefix, found.points)
                was, will = differing(para, rendered)
                change = f"“{was}”生成时写成“{will}”"
            return _done(text, found.points, paras[i + 1 :], change, joins=not found.prefix)
        if _inline_number(para) == 1 and (run := _marker_run(paras, i)) is not None:
            end, points = run
            change = f"分段写的“一是”“二是”……（{end - i} 段）改为要点 points"
            change += "" if i else "，生成时合为一段"
            return _done(paras[:i], points, paras[end:], change)
    arranged = Arranged([unbullet(p) for p in paras])
    left = [p for p in paras if _TYPED.search(p)]
    if left:
        arranged.changes.append(f"“{short(left[0], 20)}”里的“二是”等没能改为要点，原样保留")
    return arranged


def _marker_run(paras: list[str], start: int) -> tuple[int, list[str]] | None:
    """(end, points) of paragraphs 一是… 二是… from ``start``; a paragraph without a marker
    between two of them continues the point before it."""
    points: list[str] = []
    k = start
    while k < len(paras):
        found = parse_marker(paras[k])
        n = found.number if found and found.family is Family.INLINE else 0
        if found and n == len(points) + 1:
            points.append(paras[k][found.length :])
        elif found or is_bullet(paras[k]):
            break
        elif any(_inline_number(p) == len(points) + 1 for p in paras[k + 1 :]):
            points[-1] += paras[k]
        else:
            break
        k += 1
    points = [strip_end(p) for p in points]
    if len(points) < 2 or not all(points):
        return None
    return k, points


def _done(
    text: list[str], points: list[str], after: list[str], change: str, *, joins: bool = True
) -> Arranged:
    changes = [change] if change else []
    if joins and text:
        changes.append(f"生成时要点接在上一段“{short(text[-1], 20)}”之后，合为一段")
    left = [p for p in [*text, *after] if _TYPED.search(p)]
    if left:
        changes.append(
            f"“{short(left[0], 20)}”里的“二是”等没能改为要点（一处只能有一组），原样保留"
        )
    return Arranged([unbullet(p) for p in text], points, [unbullet(p) for p in after], changes)
