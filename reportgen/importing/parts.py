"""The outline tree → YAML nodes: parts and items with headings, text and points.

Markers are not kept: the YAML numbers by position. Where the source's numbering differs
from what will be generated, an M004 warning says so; where its layout does (a subheading
set differently from its siblings, points written as paragraphs or a list, items nested
deeper than the format allows), an M006 or M008 warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportgen import codes
from reportgen.core.blocks import Block
from reportgen.core.document import end_sentence, strip_end
from reportgen.core.numbering import Family, Ladder, marker
from reportgen.importing.notes import Notes, short
from reportgen.importing.points import Arranged, arrange, unbullet
from reportgen.importing.tables import table_map
from reportgen.importing.tree import Node
from reportgen.importing.yaml_writer import Map, Seq, Value

# Items of these families cannot have sub-items (I027 under 一是, I026 under （1））.
_LEAFS = (Family.INLINE, Family.PAREN_ARABIC)


def check_numbers(nodes: list[Node], family: Family | None, notes: Notes) -> None:
    """Warn where siblings' markers are not ``family`` numbered 1, 2, 3 …"""
    for n, node in enumerate(nodes, 1):
        b = node.block
        if b.family is None:
            continue
        if family is not None and b.family is not family:
            notes.at(
                b,
                codes.NOTE_NUMBERING,
                f"编号“{b.marker}”与同级的“{family.value}”不是一种样式；"
                f"生成时统一为“{marker(family, n)}”。",
            )
        elif b.number != n:
            notes.at(
                b,
                codes.NOTE_NUMBERING,
                f"编号“{b.marker}”应为第 {n} 项；生成时按顺序编为“{marker(family or b.family, n)}”。",
            )


def part_role(node: Node) -> tuple[str, str]:
    """(role, why) of a part: from its heading, else from its block's heading, else ("", "")
    for the default role (the work)."""
    from reportgen.genre.registry import default_role, infer_roles

    heading = strip_end((node.block.text or node.block.body).replace("\n", "").strip())
    roles = infer_roles(heading)
    if roles:
        also = f"，也含 {'、'.join(roles[1:])}" if len(roles) > 1 else ""
        return roles[0], f"由标题“{heading}”推断{also}"
    if node.block.role and node.block.role != default_role():
        return node.block.role, "取自所在板块的标题"
    return "", ""


def part(
    node: Node,
    ladder: Ladder,
    notes: Notes,
    *,
    run_in_default: bool = True,
    role: tuple[str, str] = ("", ""),
) -> Map:
    """One part: its block (group), heading, role, numbering, run_in, intro, points, items.

    ``ladder``: the kind's numbering of each level; ``role``: (role, why) to write; ("", "")
    when the heading says nothing (the default role)."""
    b = node.block
    out = Map()
    if node.group is not None:
        out.add("group", node.group.text, f"原文“{node.group.marker.strip()}”")
    heading = (b.text or b.body).replace("\n", "").strip()
    paras = node.paras
    if b.text and b.body.strip():
        # 一、工作情况。今年以来……: the part's heading runs into its first paragraph.
        paras = [b.body.strip(), *node.paras]
        heading = strip_end(heading)
        notes.at(
            b,
            codes.NOTE_LAYOUT,
            f"部分标题“{b.marker}{short(b.text, 20)}”与正文同段；生成时标题“{short(heading, 20)}”"
            "单独成行，其后的文字另起一段。",
        )
    elif heading != strip_end(heading):
        notes.at(
            b,
            codes.NOTE_LAYOUT,
            f"部分标题“{b.marker}{short(heading, 20)}”单独成行，生成时不带末尾的标点："
            f"“{short(strip_end(heading), 20)}”。",
        )
        heading = strip_end(heading)
    out.add("heading", heading)
    if role[0]:
        out.add("role", role[0], role[1])
    family = ladder.items
    run_in = run_in_default
    if node.children:
        family = node.children[0].block.family or family
        if family is not ladder.items:
            out.add("numbering", family.value)
        run_in = _run_in(node, family, ladder, run_in_default, notes)
        if run_in != run_in_default:
            why = "与正文同段" if run_in else "单独成行"
            out.add("run_in", run_in, f"原文小标题{why}")
    arranged = arrange(paras)
    _note_changes(arranged, b, notes)
    if arranged.text:
        out.add("intro", "\n".join(arranged.text))
    if arranged.points:
        out.add("points", Seq(list(arranged.points)))
    entries: list[Value] = list(arranged.after)  # paragraphs after the points: unnumbered
    entries += _table_entries(node.tables, notes)
    if node.children:
        check_numbers(node.children, family, notes)
        entries += _items(node.children, family, ladder, run_in, notes)
    if entries:
        out.add("items", Seq(entries))
    elif not (arranged.text or arranged.points):
        out.add("intro", f"[请填写“{heading}”的内容]")
        notes.at(b, codes.NOTE_PLACEHOLDER, f"“{heading}”下面没有内容，写了占位文字。")
    return out


def _item_nodes(nodes: list[Node], family: Family, ladder: Ladder) -> Iterator[Node]:
    """The nodes that stay items in the YAML (those below an 一是 or （1） item are flattened)."""
    for n in nodes:
        yield n
        if family not in _LEAFS:
            yield from _item_nodes(n.children, ladder.below(family), ladder)


def _run_in(node: Node, family: Family, ladder: Ladder, default: bool, notes: Notes) -> bool:
    """Run-in or own-line subheadings for the whole part: as most of them are written."""
    heads = [c.block for c in _item_nodes(node.children, family, ladder) if c.block.text]
    heads = [h for h in heads if h.family is not Family.INLINE]  # 一是 items are always run-in
    run = [h for h in heads if _runs_in(h)]
    own = [h for h in heads if not h.run_in]
    run_in = default if len(run) == len(own) else len(run) > len(own)
    minority = own if run_in else run
    if minority and (run if run_in else own):
        names = "、".join(f"“{h.marker}{strip_end(h.text)}”" for h in minority[:4])
        names += f"等 {len(minority)} 个" if len(minority) > 4 else ""
        most, few = ("与正文同段", "单独成行") if run_in else ("单独成行", "与正文同段")
        notes.at(
            minority[0],
            codes.NOTE_LAYOUT,
            f"“{node.block.marker}{strip_end(node.block.text)}”的小标题多数{most}，"
            f"{names}{few}；生成时一律{most}（run_in: {'true' if run_in else 'false'}）。",
        )
    return run_in


def _items(
    nodes: list[Node], family: Family, ladder: Ladder, run_in: bool, notes: Notes
) -> list[Value]:
    found = [_item(c, family, ladder, run_in, notes) for c in nodes]
    return [m for m in found if m is not None]


def _item(node: Node, family: Family, ladder: Ladder, run_in: bool, notes: Notes) -> Map | None:
    b = node.block
    item = Map()
    heading, paras = _heading(b, family, notes)
    if heading:
        item.add("heading", heading)
    paras += node.paras
    arranged = arrange(paras)
    if node.children and family in _LEAFS:
        _flatten(node, family, arranged, notes)
    if arranged.after and family in _LEAFS:
        # These items cannot hold paragraphs as entries: the text joins the last point.
        arranged.points[-1] = strip_end(arranged.points[-1] + "。" + "".join(arranged.after))
        arranged.changes.append(f"其后的 {len(arranged.after)} 段并入最后一条要点")
        arranged.after = []
    _note_changes(arranged, b, notes)
    if arranged.text:
        item.add("text", "\n".join(arranged.text))
    if arranged.points:
        item.add("points", Seq(list(arranged.points)))
    if node.tables:
        item.add("table", table_map(node.tables[0], notes))
    entries: list[Value] = list(arranged.after)
    if family in _LEAFS:
        for extra in node.tables[1:]:
            notes.at(
                extra, codes.NOTE_TABLE, f"“{b.marker}”这一级条目只能带一张表格，这张没有导入。"
            )
    else:
        entries += _table_entries(node.tables[1:], notes)
    if node.children and family not in _LEAFS:
        entries += _sub_items(node, family, ladder, run_in, notes)
    if entries:
        item.add("items", Seq(entries))
    if not item.entries:
        notes.at(b, codes.NOTE_LAYOUT, f"“{b.marker}”后面没有文字，这一条没有导入。")
        return None
    return item


def _table_entries(tables: list[Block], notes: Notes) -> list[Value]:
    """Tables as unnumbered entries: ``- table: …``."""
    out: list[Value] = []
    for block in tables:
        entry = Map()
        entry.add("table", table_map(block, notes))
        out.append(entry)
    return out


def _runs_in(b: Block) -> bool:
    """A run-in heading sentence: one ending like a sentence, or one that formatting (bold,
    another font) sets off from the prose after it in the same paragraph, as ``check``
    counts it."""
    return b.run_in and bool(b.text) and (end_sentence(b.text) == b.text or bool(b.body.strip()))


def _heading(b: Block, family: Family, notes: Notes) -> tuple[str, list[str]]:
    """(heading, text paragraphs) of an item's own paragraph.

    Headings are kept whether run-in or on their own line (the part's ``run_in`` decides
    the layout), unless the render would change the words: a bold sentence alone in its
    paragraph without a sentence end, or an 一是 item on its own line (一是 items are always
    run-in). A bold sentence without 。 before prose is a heading: the render adds the 。.
    """
    # 1. 加强…: the space typed after the marker is no part of the text (check's O011 says so).
    sentence = b.text.replace("\n", "").lstrip(_PAD)
    if b.run_in or family is Family.INLINE:
        if _runs_in(b):
            rendered = end_sentence(sentence)
            if rendered != sentence:
                notes.at(
                    b,
                    codes.NOTE_LAYOUT,
                    f"小标题“{b.marker}{short(sentence, 30)}”与正文同段，原文没有句末标点；"
                    f"生成时写成“{short(rendered, 30)}”，再接正文。",
                )
            return (rendered[:-1] if rendered.endswith("。") else rendered), [b.body]
        return "", [(sentence + b.body).lstrip(_PAD)]
    return sentence, []


_PAD = " \u3000\t"


def _flatten(node: Node, family: Family, arranged: Arranged, notes: Notes) -> None:
    """Sub-items of an 一是 or （1） item (I027, I026) become its points."""
    flat = [strip_end(_flat_text(c)) for c in node.children]
    flat = [t for t in flat if t]
    if not flat:
        return
    if arranged.after:
        arranged.points[-1] = strip_end(arranged.points[-1] + "。" + "".join(arranged.after))
        arranged.after = []
    arranged.points += flat
    why = "以“一是”编号的条目下不能再分条" if family is Family.INLINE else "（1）之下不能再分条"
    first = node.children[0].block
    notes.at(
        first,
        codes.NOTE_LAYOUT,
        f"“{node.block.marker}{short(strip_end(node.block.text), 20)}”下面的 {len(flat)} 条"
        f"（“{first.marker or short(strip_end(first.text), 10)}”……）：{why}，"
        "改为要点 points（一是……）。",
    )


def _flat_text(node: Node) -> str:
    """A node and everything below it as one run of text (markers below the first kept)."""
    b = node.block
    sentence = end_sentence(b.text) if b.text and not b.run_in else b.text
    parts = [sentence + b.body, *(unbullet(p) for p in node.paras)]
    for c in node.children:
        parts.append(c.block.marker + _flat_text(c))
    return "".join(p for p in parts if p)


def _note_changes(arranged: Arranged, b: Block, notes: Notes) -> None:
    if arranged.changes:
        where = f"{b.marker}{strip_end(b.text)}" or short(b.body, 20)
        notes.at(b, codes.NOTE_POINTS, f"“{short(where, 30)}”中：{'；'.join(arranged.changes)}。")


def _sub_items(
    node: Node, family: Family, ladder: Ladder, run_in: bool, notes: Notes
) -> list[Value]:
    sub = ladder.below(family)  # the kind's next level: what the YAML will generate
    first = node.children[0].block.family
    if first is not None and first is not sub and first is not Family.INLINE:
        notes.at(
            node.children[0].block,
            codes.NOTE_NUMBERING,
            f"“{node.block.marker}”下一级用了“{first.value}”；生成时用“{sub.value}”。",
        )
    check_numbers(node.children, sub, notes)
    return _items(node.children, sub, ladder, run_in, notes)
