"""The document read from a finished report → the YAML tree of a report file.

Metadata first (each guess with a ``# 请核对`` comment and an M002/M003 warning), then the
title block, lead, parts, closing and attachments, in the order a report file has them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reportgen import codes
from reportgen.core.blocks import Block, BlockKind, Document
from reportgen.core.numbering import Family, group_marker, parse_group
from reportgen.genre.registry import current, load_kind, settle_roles, umbrella_roles
from reportgen.importing import gongwen as import_gongwen
from reportgen.importing.guess import (
    PLACEHOLDER_ORG,
    PLACEHOLDER_PERIOD,
    PLACEHOLDER_TOPIC,
    Meta,
    kind_defaults,
    kind_for,
    lead_formula,
    recover_meta,
)
from reportgen.importing.notes import CHECK, Notes, short
from reportgen.importing.parts import check_numbers, part, part_role
from reportgen.importing.tree import tree, without_parts, work_heading
from reportgen.importing.yaml_writer import Map, Seq

GENERATED_LEAD = "原文没有导语：生成时按文种公式写一段导语，请核对；也可以在这里加上 lead。"


def build_yaml(
    doc: Document, notes: Notes, *, kind: str | None, source_name: str, kind_note: str = ""
) -> tuple[Map, str, list[str]]:
    """(YAML tree, kind name, header comment) for a document read from a finished report."""
    whole = doc
    doc = import_gongwen.body_only(doc)
    title_block = _first(doc, BlockKind.TITLE)
    title = "".join(doc.title.split("\n")).strip()
    sig = _first(doc, BlockKind.SIGNATURE)
    date, date_note = _date(doc, notes)
    kind_name, guessed = kind_for(title, kind)
    doc = _lead_not_recipient(doc, kind_name)
    kind_note = kind_note or guessed
    # A subtitle (——在全县……会议上) names no org, topic or period.
    meta = recover_meta(title.split("——")[0], sig.text if sig else "", date)
    root = Map()
    root.add("kind", kind_name, kind_note)
    _add_meta(root, meta, title_block or sig, notes)
    if kind_note:
        notes.add(
            title_block.origin.line if title_block else 0,
            0,
            codes.NOTE_GUESSED,
            f"文种推断为 {kind_name}（{kind_note}）；可用 --kind 指定。",
        )
    formula = _formulas(kind_name, meta, doc)
    reused = _add_front(root, doc, title, (date, date_note), meta, notes, formula[0])
    reused += _add_body(root, doc, kind_name, notes, formula[1])
    closing = _texts(doc, BlockKind.CLOSING)
    root.add("closing", "\n".join(closing), "" if closing else "原文没有结束语", blank_before=True)
    for b in whole.blocks:
        # A 版记 line read apart (抄送, 印发机关和日期) becomes cc / printed_by / printed_on;
        # any other (主题词：…) has no place in a report file.
        if b.kind is BlockKind.IMPRINT and not b.items and not b.body:
            notes.at(
                b,
                codes.NOTE_LAYOUT,
                f"版记“{short(b.text)}”不是报告正文，报告文件里没有它的位置，没有导入；"
                "需要时请在生成的 Word 文件里加上。",
            )
    attachments = [name for b in doc.blocks if b.kind is BlockKind.ATTACHMENTS for name in b.items]
    if attachments:
        root.add("attachments", import_gongwen.attachments(whole, attachments), blank_before=True)
    import_gongwen.add_tail(root, whole, date)
    header = [
        f"由 reportgen import 从 {source_name} 导入。",
        f"带“{CHECK}”注释的内容是推断出来的：核对无误后可删去注释。编号按顺序自动生成，不要手写。",
        "生成：reportgen render 本文件 -o 报告.docx",
    ]
    if reused:
        header.append(
            f"原文的{'和'.join(reused)}与文种按 org、topic、period 生成的完全相同，所以没有写出："
            "下一期改了 period，它们随之改变。"
        )
    return root, kind_name, header


def _formulas(kind_name: str, meta: Meta, doc: Document) -> tuple[str, str]:
    """(title, lead) the kind would generate from the imported org, topic and period."""
    from reportgen.core.document import _generated, self_name
    from reportgen.errors import ReportgenError
    from reportgen.genre.registry import load_kind
    from reportgen.render.templating import render_string

    kind = load_kind(kind_name)
    if kind is None or not (meta.org and meta.topic and meta.period):
        return "", ""
    recipient = next((b.text for b in doc.blocks if b.kind is BlockKind.RECIPIENT), "")
    ctx = {
        "org": meta.org,
        "topic": meta.topic.rstrip("。；，、：.;,: "),
        "period": meta.period,
        "self_name": self_name(meta.org),
        "kind": kind.spec.label,
        "recipient": recipient.rstrip("：:"),
        "date": doc.date,
    }
    try:
        return tuple(  # type: ignore[return-value]
            _generated(render_string(getattr(kind.spec, f), ctx, f)) for f in ("title", "lead")
        )
    except ReportgenError:
        return "", ""


def _same(text: str, generated: str) -> bool:
    return bool(generated) and re.sub(r"\s", "", text) == re.sub(r"\s", "", generated)


def _lead_not_recipient(doc: Document, kind_name: str) -> Document:
    """A short lead right below the title ends in ： like a recipient line: one that says
    现将…如下： is the lead."""
    formula = lead_formula(kind_name)
    blocks = [
        replace(b, kind=BlockKind.LEAD)
        if b.kind is BlockKind.RECIPIENT and formula.search(b.text)
        else b
        for b in doc.blocks
    ]
    return replace(doc, blocks=blocks)


# The zero of a year in Chinese numerals typed as a letter O, a digit 0 or ○ (二O二五年).
_YEAR_ZEROS = re.compile(r"^\s*[〇零一二三四五六七八九OoＯｏ○0]{4}(?=\s*年)")


def _date(doc: Document, notes: Notes) -> tuple[str, str]:
    """(the date for the ``date`` field, a ``# 请核对`` comment when it was corrected)."""
    from reportgen.core.model import normalize_date

    block = _first(doc, BlockKind.DATE)
    if block is None:
        return "", ""
    try:
        return normalize_date(block.text), ""
    except ValueError:
        pass
    fixed = _YEAR_ZEROS.sub(lambda m: re.sub("[OoＯｏ○0]", "〇", m.group().strip()), block.text)
    try:
        date = normalize_date(fixed) if fixed != block.text else ""
    except ValueError:
        date = ""
    if date:
        notes.at(
            block,
            codes.NOTE_GUESSED,
            f"成文日期“{block.text}”年份里的零写成了别的字符，导入为“{date}”，请核对。",
        )
        return date, f"{CHECK}：原文写作“{block.text.strip()}”"
    notes.at(
        block,
        codes.NOTE_PLACEHOLDER,
        f"成文日期“{block.text}”看不懂，没有导入；请在 date 里补写。",
    )
    return "", ""


def _add_meta(root: Map, meta: Meta, where: Block | None, notes: Notes) -> None:
    """org, topic and period: the guess or a placeholder, each with a warning."""
    line = where.origin.line if where else 0
    no_title = "标题里找不到，请填写"
    for key, value, note, what, placeholder, missing in (
        ("org", meta.org, meta.org_note, "发文机关（org）", PLACEHOLDER_ORG, "没有署名，请填写"),
        ("topic", meta.topic, meta.topic_note, "主题（topic）", PLACEHOLDER_TOPIC, no_title),
        ("period", meta.period, meta.period_note, "报告期（period）", PLACEHOLDER_PERIOD, no_title),
    ):
        root.add(key, value or placeholder, note or missing)
        if value:
            message = f"{what}推断为“{value}”（{note.split('：')[-1]}），请核对。"
            notes.add(line, 0, codes.NOTE_GUESSED, message)
        else:
            notes.add(line, 0, codes.NOTE_PLACEHOLDER, f"找不到{what}，写了占位文字，请填写。")


def _add_front(
    root: Map,
    doc: Document,
    title: str,
    date: tuple[str, str],
    meta: Meta,
    notes: Notes,
    generated: str = "",
) -> list[str]:
    """title, doc_number, recipient, date and signature, as far as the source has them;
    returns ["标题"] when the title is left out because the kind generates it as it is."""
    reused: list[str] = []
    if title and _same(title, generated):
        reused.append("标题")
    elif title:
        root.add("title", title, blank_before=True)
    else:
        notes.add(0, 0, codes.NOTE_PLACEHOLDER, "找不到标题；将按文种公式生成标题，请核对。")
    if found := _texts(doc, BlockKind.DOC_NUMBER):
        root.add("doc_number", found[0])
    import_gongwen.add_masthead(root, doc, meta.org)
    if found := _texts(doc, BlockKind.RECIPIENT):
        root.add("recipient", found[0].rstrip("：:"))
    if date[0]:
        root.add("date", *date)
    sig = _first(doc, BlockKind.SIGNATURE)
    if sig and meta.org != sig.text:
        root.add("signature", sig.text)
    return reused


def _add_body(
    root: Map, doc: Document, kind_name: str, notes: Notes, generated: str = ""
) -> list[str]:
    """lead and parts; text above the title joins whatever the first paragraph went to."""
    top = _top_level(doc)
    title_block = _first(doc, BlockKind.TITLE)
    first_title = doc.blocks.index(title_block) if title_block else 0
    early = [b for b in doc.blocks[:first_title] if b.kind is BlockKind.LEAD]
    kinds = (
        BlockKind.LEAD,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.TABLE,
        BlockKind.GROUP,
    )
    body = [b for b in doc.blocks[first_title:] if b.kind in kinds]
    lead, parts = tree(body, top)
    if not parts:
        example = current().lead_example(load_kind(kind_name))
        lead, work = without_parts(early, body, lead_formula(kind_name), example, notes)
        parts = [work]
    else:
        lead = [b.text for b in early] + lead
        if top > 1:
            notes.at(
                parts[0].block,
                codes.NOTE_NUMBERING,
                f"最高一级标题用的是“{parts[0].block.marker}”；生成时各部分编为“一、二、三、”。",
            )
    into = "导语" if lead else f"“{work_heading()}”部分"
    for b in early:
        notes.at(b, codes.NOTE_LAYOUT, f"标题之前的文字并入了{into}：“{short(b.text)}”。")
    reused = []
    if lead and _same("".join(lead), generated):
        reused.append("导语")
    elif lead:
        root.add("lead", "\n".join(lead), blank_before=True)
    ladder, run_in = kind_defaults(kind_name)
    # 一、 restarts in each block above it (第一部分 …): numbers are checked block by block.
    starts = [k for k, p in enumerate(parts) if k == 0 or p.group is not None]
    for lo, hi in zip(starts, [*starts[1:], len(parts)], strict=True):
        check_numbers(parts[lo:hi], None if top > 1 else Family.CHAPTER, notes)
    roles = [part_role(p) for p in parts]
    heads = [(p.block.text or p.block.body).strip() for p in parts]
    default = current().roles.default
    settled = settle_roles(heads, [r or default for r, _ in roles], kind_name)
    roles = [
        (default, f"“{h}”是一个专题：其后还有工作部分") if new != (old or default) else (old, why)
        for h, new, (old, why) in zip(heads, settled, roles, strict=True)
    ]
    umbrella = roles[0][0] in umbrella_roles() if parts else False
    if umbrella and not any(r in ("", default) for r, _ in roles):
        # 总体情况 / 工作成绩 / 成效及亮点 at the head of a report without a work part: the
        # umbrella that holds the work.
        holds = work_heading()
        roles[0] = (default, f"“{roles[0][0]}”式的总括部分，写的是{holds}")
    if group := next((p.group for p in parts if p.group is not None), None):
        found = parse_group(group.marker)
        if found is not None and found.style != "部分":
            root.add("group_style", found.style, blank_before=True)
        _note_group_markers([p.group for p in parts if p.group is not None], notes)
    nodes = Seq(
        [
            part(p, ladder, notes, run_in_default=run_in, role=role)
            for p, role in zip(parts, roles, strict=True)
        ],
        blank_between=True,
    )
    root.add("parts", nodes, blank_before=True, above="" if lead else GENERATED_LEAD)
    return reused


def _note_group_markers(groups: list[Block], notes: Notes) -> None:
    """Blocks above 一、 are numbered and punctuated from group_style: say where that differs."""
    first = parse_group(groups[0].marker)
    if first is None:
        return
    for n, block in enumerate(groups, 1):
        mark, separator = group_marker(first.style, n, len(groups))
        if block.marker != mark + separator:
            notes.at(
                block,
                codes.NOTE_NUMBERING,
                f"板块“{block.marker.strip()}{short(block.text, 20)}”生成时写作"
                f"“{mark}{separator}{short(block.text, 20)}”（板块编号按 group_style 和顺序生成）。",
            )


def _first(doc: Document, kind: BlockKind) -> Block | None:
    return next((b for b in doc.blocks if b.kind is kind), None)


def _texts(doc: Document, kind: BlockKind) -> list[str]:
    return [b.text for b in doc.blocks if b.kind is kind and b.text.strip()]


def _top_level(doc: Document) -> int:
    levels = [b.level for b in doc.headings() if b.family is not Family.INLINE and b.level]
    return min(levels) if levels else 1
