"""The outline tree → YAML nodes: parts and items with headings, text and inline points.

Markers are not kept: the YAML numbers by position. Where the source's numbering differs
from what will be generated, an M004 warning says so.
"""

from __future__ import annotations

import re

from reportgen.document import end_sentence, join_points
from reportgen.import_notes import Notes
from reportgen.import_tree import Node, walk
from reportgen.numbering import Family, marker, next_family, parse_marker
from reportgen.yaml_writer import Map, Seq


def split_points(text: str) -> tuple[str, list[str]] | None:
    """``主要有：一是……；二是……。`` → (``主要有：``, [``……``, ``……``]) when rendering the
    result gives ``text`` back exactly; None otherwise (the text stays as written)."""
    for m in re.finditer("一是", text):
        start = m.start()
        if start and re.match(r"[\u3400-\u9fffA-Za-z0-9]", text[start - 1]):
            continue  # 统一是…, not a marker
        pieces = re.split(r"；([一二三四五六七八九十]+)是", text[start + 2 :])
        points = pieces[0::2]
        numerals = pieces[1::2]
        if len(points) < 2 or not points[-1].endswith("。"):
            continue
        points[-1] = points[-1][:-1]
        expected = [marker(Family.INLINE, n)[:-1] for n in range(2, len(points) + 1)]
        if numerals != expected or any(
            not p or re.match(r"[\W_]", p) or parse_marker(p) for p in points
        ):
            continue
        if text[:start] + join_points(points) == text:
            return text[:start], points
    return None


def points_into(node: Map, paras: list[str], text_key: str) -> None:
    """Write ``paras`` as ``text_key`` (and ``points`` when the last one round-trips)."""
    paras = [p for p in paras if p.strip()]
    found = split_points(paras[-1]) if paras else None
    # Points join the paragraph before them: a bare 一是… paragraph stays text unless alone.
    if found and (found[0] or len(paras) == 1):
        prefix, points = found
        rest = [*paras[:-1], prefix] if prefix else paras[:-1]
        if rest:
            node.add(text_key, "\n".join(rest))
        node.add("points", Seq(list(points)))
    elif paras:
        node.add(text_key, "\n".join(paras))


def check_numbers(nodes: list[Node], family: Family | None, notes: Notes) -> None:
    """Warn where siblings' markers are not ``family`` numbered 1, 2, 3 …"""
    for n, node in enumerate(nodes, 1):
        b = node.block
        if b.family is None:
            continue
        if family is not None and b.family is not family:
            notes.at(
                b,
                "M004",
                "numbering",
                f"编号“{b.marker}”与同级的“{family.value}”不是一种样式；"
                f"生成时统一为“{marker(family, n)}”。",
            )
        elif b.number != n:
            notes.at(
                b,
                "M004",
                "numbering",
                f"编号“{b.marker}”应为第 {n} 项；生成时按顺序编为“{marker(family or b.family, n)}”。",
            )


def part(node: Node, default_family: str, notes: Notes) -> Map:
    """One part: heading, role (inferred), intro, numbering and its items."""
    from reportgen.outline import infer_roles

    b = node.block
    out = Map()
    heading = (b.text or b.body).replace("\n", "").strip()
    out.add("heading", heading)
    roles = infer_roles(heading)
    if roles:
        also = f"，也含 {'、'.join(roles[1:])}" if len(roles) > 1 else ""
        out.add("role", roles[0], f"由标题“{heading}”推断{also}")
    intro = [p for p in node.paras if p.strip()]
    if not node.children:
        points_into(out, intro, "intro")
        if not intro:
            out.add("intro", f"[请填写“{heading}”的内容]")
            notes.at(b, "M003", "placeholder", f"“{heading}”下面没有内容，写了占位文字。")
        return out
    family = node.children[0].block.family or Family(default_family)
    if family.value != default_family:
        out.add("numbering", family.value)
    heads = [c.block for c in walk(node.children) if c.block.family is not Family.INLINE]
    own = sum(1 for h in heads if not h.run_in)
    run_in = own * 2 <= len(heads)
    if not run_in:
        out.add("run_in", False, "原文小标题单独成行")
    points_into(out, intro, "intro")
    check_numbers(node.children, family, notes)
    out.add("items", _items(node.children, family, run_in, notes))
    return out


def _items(nodes: list[Node], family: Family, run_in: bool, notes: Notes) -> Seq:
    found = [_item(c, family, run_in, notes) for c in nodes]
    return Seq([m for m in found if m is not None])


def _item(node: Node, family: Family, run_in: bool, notes: Notes) -> Map | None:
    b = node.block
    item = Map()
    keeps_heading = run_in or family is Family.INLINE
    if b.run_in:
        paras = _run_in_heading(item, node, keeps_heading)
    elif keeps_heading:
        paras = [b.text, *node.paras]  # an own-line heading among run-in siblings: keep it a line
    else:
        item.add("heading", b.text.replace("\n", ""))
        paras = list(node.paras)
    points_into(item, paras, "text")
    if node.children:
        item.add("items", _sub_items(node, family, run_in, notes))
    if not item.entries:
        notes.at(b, "M006", "layout", f"“{b.marker}”后面没有文字，这一条没有导入。")
        return None
    return item


def _run_in_heading(item: Map, node: Node, keeps_heading: bool) -> list[str]:
    """Add the heading of a run-in item when it renders the same; return its text paragraphs."""
    b = node.block
    sentence = b.text
    if sentence and keeps_heading and end_sentence(sentence) == sentence:
        item.add("heading", sentence[:-1] if sentence.endswith("。") else sentence)
        return [b.body, *node.paras] if b.body else list(node.paras)
    if sentence:
        return [sentence + b.body, *node.paras]  # keep the words; the format decides the layout
    return [b.body, *node.paras] if b.body else list(node.paras)


def _sub_items(node: Node, family: Family, run_in: bool, notes: Notes) -> Seq:
    sub = next_family(family)
    first = node.children[0].block.family
    if first is not None and first is not sub and first is not Family.INLINE:
        notes.at(
            node.children[0].block,
            "M004",
            "numbering",
            f"“{node.block.marker}”下一级用了“{first.value}”；生成时用“{sub.value}”。",
        )
    check_numbers(node.children, sub, notes)
    return _items(node.children, sub, run_in, notes)
