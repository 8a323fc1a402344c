"""The document read from a finished report → the YAML tree of a report file.

Metadata first (each guess with a ``# 请核对`` comment and an M002/M003 warning), then the
title block, lead, parts, closing and attachments, in the order a report file has them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reportgen import import_gongwen
from reportgen.blocks import Block, BlockKind, Document
from reportgen.import_guess import (
    PLACEHOLDER_ORG,
    PLACEHOLDER_PERIOD,
    PLACEHOLDER_TOPIC,
    Meta,
    kind_defaults,
    kind_for,
    lead_formula,
    recover_meta,
)
from reportgen.import_notes import CHECK, Notes, short
from reportgen.import_parts import check_numbers, part
from reportgen.import_tree import WORK_HEADING, tree, without_parts
from reportgen.numbering import Family
from reportgen.yaml_writer import Map, Seq

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
    meta = recover_meta(title, sig.text if sig else "", date)
    root = Map()
    root.add("kind", kind_name, kind_note)
    _add_meta(root, meta, title_block or sig, notes)
    if kind_note:
        notes.add(
            title_block.origin.line if title_block else 0,
            0,
            "M002",
            "guessed",
            f"文种推断为 {kind_name}（{kind_note}）；可用 --kind 指定。",
        )
    _add_front(root, doc, title, (date, date_note), meta, notes)
    _add_body(root, doc, kind_name, notes)
    closing = _texts(doc, BlockKind.CLOSING)
    root.add("closing", "\n".join(closing), "" if closing else "原文没有结束语", blank_before=True)
    attachments = [name for b in doc.blocks if b.kind is BlockKind.ATTACHMENTS for name in b.items]
    if attachments:
        root.add("attachments", import_gongwen.attachments(whole, attachments), blank_before=True)
    import_gongwen.add_tail(root, whole, date)
    header = [
        f"由 reportgen import 从 {source_name} 导入。",
        f"带“{CHECK}”注释的内容是推断出来的：核对无误后可删去注释。编号按顺序自动生成，不要手写。",
        "生成：reportgen render 本文件 -o 报告.docx",
    ]
    return root, kind_name, header


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
    from reportgen.model import normalize_date

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
            "M002",
            "guessed",
            f"成文日期“{block.text}”年份里的零写成了别的字符，导入为“{date}”，请核对。",
        )
        return date, f"{CHECK}：原文写作“{block.text.strip()}”"
    notes.at(
        block,
        "M003",
        "placeholder",
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
            notes.add(line, 0, "M002", "guessed", message)
        else:
            notes.add(line, 0, "M003", "placeholder", f"找不到{what}，写了占位文字，请填写。")


def _add_front(
    root: Map, doc: Document, title: str, date: tuple[str, str], meta: Meta, notes: Notes
) -> None:
    """title, doc_number, recipient, date and signature, as far as the source has them."""
    if title:
        root.add("title", title, blank_before=True)
    else:
        notes.add(0, 0, "M003", "placeholder", "找不到标题；将按文种公式生成标题，请核对。")
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


def _add_body(root: Map, doc: Document, kind_name: str, notes: Notes) -> None:
    """lead and parts; text above the title joins whatever the first paragraph went to."""
    top = _top_level(doc)
    title_block = _first(doc, BlockKind.TITLE)
    first_title = doc.blocks.index(title_block) if title_block else 0
    early = [b for b in doc.blocks[:first_title] if b.kind is BlockKind.LEAD]
    kinds = (BlockKind.LEAD, BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.TABLE)
    body = [b for b in doc.blocks[first_title:] if b.kind in kinds]
    lead, parts = tree(body, top)
    if not parts:
        lead, work = without_parts(early, body, lead_formula(kind_name), notes)
        parts = [work]
    else:
        lead = [b.text for b in early] + lead
        if top > 1:
            notes.at(
                parts[0].block,
                "M004",
                "numbering",
                f"最高一级标题用的是“{parts[0].block.marker}”；生成时各部分编为“一、二、三、”。",
            )
    into = "导语" if lead else f"“{WORK_HEADING}”部分"
    for b in early:
        notes.at(b, "M006", "layout", f"标题之前的文字并入了{into}：“{short(b.text)}”。")
    if lead:
        root.add("lead", "\n".join(lead), blank_before=True)
    default_family, run_in = kind_defaults(kind_name)
    check_numbers(parts, None if top > 1 else Family.CHAPTER, notes)
    nodes = Seq(
        [part(p, default_family, notes, run_in_default=run_in) for p in parts],
        blank_between=True,
    )
    root.add("parts", nodes, blank_before=True, above="" if lead else GENERATED_LEAD)


def _first(doc: Document, kind: BlockKind) -> Block | None:
    return next((b for b in doc.blocks if b.kind is kind), None)


def _texts(doc: Document, kind: BlockKind) -> list[str]:
    return [b.text for b in doc.blocks if b.kind is kind and b.text.strip()]


def _top_level(doc: Document) -> int:
    levels = [b.level for b in doc.headings() if b.family is not Family.INLINE and b.level]
    return min(levels) if levels else 1
