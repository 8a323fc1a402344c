"""`reportgen import`: a finished report (DOCX, Markdown, plain text) → a report YAML.

The readers in :mod:`reportgen.read` turn the file into the document model; this module
drops pasted web-page junk, rebuilds parts and items from the headings, recovers the
metadata (kind, org, topic, period) from the title and signature, and writes YAML that
renders the same text again. Whatever is guessed carries a ``# 请核对`` comment in the
file and a warning on stderr.

Warning codes (all level ``warning``):

* M001 junk-dropped — a paragraph (or a tail of one) was scraped-page junk and is left out;
* M002 guessed — kind, org, topic or period was inferred and should be checked;
* M003 placeholder — something required could not be found; a ``[请填写…]`` placeholder
  stands in its place;
* M004 numbering — the source's numbering differs from what the YAML will generate
  (a gap, a repeat, mixed families, a skipped level): the render is renumbered;
* M005 control-character — invisible control characters were removed;
* M006 layout — text whose layout the report format cannot keep (text above the title,
  a document without parts) was moved; the words are kept;
* M007 invalid-output — the YAML written does not validate yet; the problems follow.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen.blocks import Block, BlockKind, Document
from reportgen.document import end_sentence, join_points
from reportgen.numbering import Family, marker, next_family, parse_marker
from reportgen.problem import Level, Problem
from reportgen.read.junk import find_junk, trailing_code
from reportgen.read.structure import Para
from reportgen.yaml_writer import Map, Seq, dump, to_data

SUFFIXES = (".docx", ".md", ".markdown", ".txt", ".text")
PLACEHOLDER_ORG = "[请填写发文机关]"
PLACEHOLDER_TOPIC = "[请填写报告主题]"
PLACEHOLDER_PERIOD = "[请填写报告期]"
CHECK = "请核对"

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass
class Imported:
    """The YAML text of an imported report and what the user should know about it."""

    text: str
    document: Document
    warnings: list[Problem] = field(default_factory=list)
    kind: str = ""
    data: object = None  # what loading ``text`` gives back (for tests and callers)


class _Notes:
    """Warnings about one source file."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, line: int, col: int, code: str, name: str, message: str) -> None:
        self.problems.append(Problem(self.source, line, col, Level.WARNING, code, name, message))

    def at(self, block: Block, code: str, name: str, message: str) -> None:
        self.add(block.origin.line, block.origin.column, code, name, message)


# ---------------------------------------------------------------- reading


def _paragraphs(data: bytes, suffix: str, source: str) -> tuple[list[Para], bool]:
    """The source's paragraphs via the shared readers, and whether bold marks run-in headings."""
    if suffix == ".docx":
        from reportgen.read.docx import docx_paragraphs

        return docx_paragraphs(data, source), False
    text = _decode(data, source)
    if suffix in (".md", ".markdown"):
        from reportgen.read.markdown import markdown_paragraphs

        paras = markdown_paragraphs(text)
        # Same rule as read_markdown: our own renders bold every heading sentence.
        return paras, any(p.head_end is not None and parse_marker(p.text) for p in paras)
    from reportgen.read.text import text_paragraphs

    return text_paragraphs(text), False


def _decode(data: bytes, source: str) -> str:
    from reportgen.errors import InputError
    from reportgen.load import decode

    text, problems = decode(data, source)
    if text is None:
        raise InputError(problems)
    return text


def _clean(paras: list[Para], notes: _Notes) -> list[Para]:
    """Drop junk paragraphs and glued-on code; remove control characters."""
    out: list[Para] = []
    for para in paras:
        bad = _XML_ILLEGAL.findall(para.text)
        if bad:
            codes = "、".join(sorted({f"U+{ord(c):04X}" for c in bad}))
            notes.add(
                para.origin.line,
                para.origin.column,
                "M005",
                "control-character",
                f"删去了不可见的控制字符 {codes}。",
            )
            para = replace(para, text=_XML_ILLEGAL.sub("", para.text))
        out.append(para)
    junk = find_junk([p.text for p in out])
    for j in junk:
        p = out[j.index]
        notes.add(
            p.origin.line,
            p.origin.column,
            "M001",
            "junk-dropped",
            f"删去了网页残留（{j.reason}）：“{_short(j.text)}”。",
        )
    drop = {j.index for j in junk}
    out = [p for i, p in enumerate(out) if i not in drop]
    if out and (tail := trailing_code(out[-1].text)):
        last = out[-1]
        notes.add(
            last.origin.line,
            last.origin.column + len(last.text) - len(tail),
            "M001",
            "junk-dropped",
            f"删去了段末的网页代码残留：“{tail.strip()}”。",
        )
        out[-1] = replace(last, text=last.text[: len(last.text) - len(tail)])
    return out


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_for_import(path: Path, notes: _Notes) -> Document:
    """Read ``path`` with the shared readers, without its junk."""
    from reportgen.errors import UsageError
    from reportgen.load import read_input
    from reportgen.read.structure import build_document
    from reportgen.read.text import join_split_title

    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(
            f"不能导入 {path.name}：只支持 .docx、.md 和 .txt 文件（.doc 请先在 Word 里另存为 .docx）。"
        )
    paras, bold = _paragraphs(read_input(path), suffix, str(path))
    paras = join_split_title(_clean(paras, notes))
    return build_document(paras, str(path), bold_convention=bold)


# ---------------------------------------------------------------- inline points


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


# ---------------------------------------------------------------- the outline tree


@dataclass
class _Node:
    block: Block
    paras: list[str] = field(default_factory=list)  # text paragraphs after the heading
    children: list[_Node] = field(default_factory=list)


def _tree(blocks: Sequence[Block], top: int, notes: _Notes) -> tuple[list[str], list[_Node]]:
    """(lead paragraphs, parts): headings of level ``top`` are parts, deeper ones items."""
    lead: list[str] = []
    parts: list[_Node] = []
    stack: list[_Node] = []
    for b in blocks:
        inline_para = (
            b.kind is BlockKind.HEADING and b.family is Family.INLINE and (not parts or stack)
        )
        if b.kind is BlockKind.HEADING and not inline_para:
            node = _Node(b)
            if b.level <= top:
                parts.append(node)
                stack = []
            elif parts:
                while stack and stack[-1].block.level >= b.level:
                    stack.pop()
                (stack[-1] if stack else parts[-1]).children.append(node)
                stack.append(node)
            else:
                lead.append(b.full_text)
            continue
        text = b.full_text
        if stack:
            stack[-1].paras.append(text)
        elif parts:
            parts[-1].paras.append(text)
        else:
            lead.append(text)
    return lead, parts


# ---------------------------------------------------------------- tree → YAML nodes


def _points_into(node: Map, paras: list[str], text_key: str) -> None:
    """Write ``paras`` as ``text_key`` (and ``points`` when the last one round-trips)."""
    paras = [p for p in paras if p.strip()]
    found = split_points(paras[-1]) if paras else None
    if found and (found[0] or len(paras) == 1):
        prefix, points = found
        rest = [*paras[:-1], prefix] if prefix else paras[:-1]
        if rest:
            node.add(text_key, "\n".join(rest))
        node.add("points", Seq(list(points)))
    elif paras:
        node.add(text_key, "\n".join(paras))


def _check_numbers(nodes: list[_Node], family: Family | None, notes: _Notes) -> None:
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


def _item(node: _Node, family: Family, run_in: bool, notes: _Notes) -> Map | None:
    b = node.block
    item = Map()
    paras = list(node.paras)
    if b.run_in:
        sentence = b.text
        body = [b.body, *paras] if b.body else paras
        keeps_heading = run_in or family is Family.INLINE
        if sentence and keeps_heading and end_sentence(sentence) == sentence:
            item.add("heading", sentence[:-1] if sentence.endswith("。") else sentence)
        elif sentence:
            body = [sentence + b.body, *paras]  # keep the words; the format decides the layout
        paras = body
    elif run_in or family is Family.INLINE:
        paras = [b.text, *paras]  # an own-line heading among run-in siblings: keep it a line
    else:
        item.add("heading", b.text.replace("\n", ""))
    _points_into(item, paras, "text")
    if node.children:
        sub = next_family(family)
        first = node.children[0].block.family
        if first is not None and first is not sub and first is not Family.INLINE:
            notes.at(
                node.children[0].block,
                "M004",
                "numbering",
                f"“{b.marker}”下一级用了“{first.value}”；生成时用“{sub.value}”。",
            )
        _check_numbers(node.children, sub, notes)
        item.add("items", _items(node.children, sub, run_in, notes))
    if not item.entries:
        notes.at(b, "M006", "layout", f"“{b.marker}”后面没有文字，这一条没有导入。")
        return None
    return item


def _items(nodes: list[_Node], family: Family, run_in: bool, notes: _Notes) -> Seq:
    found = [_item(c, family, run_in, notes) for c in nodes]
    return Seq([m for m in found if m is not None])


def _part(node: _Node, default_family: str, notes: _Notes) -> Map:
    from reportgen.outline import infer_roles

    b = node.block
    part = Map()
    heading = (b.text or b.body).replace("\n", "").strip()
    part.add("heading", heading)
    roles = infer_roles(heading)
    if roles:
        also = f"，也含 {'、'.join(roles[1:])}" if len(roles) > 1 else ""
        part.add("role", roles[0], f"由标题“{heading}”推断{also}")
    intro = [p for p in node.paras if p.strip()]
    if node.children:
        first = node.children[0].block.family or Family(default_family)
        family = first
        if family.value != default_family:
            part.add("numbering", family.value)
        heads = [c.block for c in _walk(node.children) if c.block.family is not Family.INLINE]
        own = sum(1 for h in heads if not h.run_in)
        run_in = own * 2 <= len(heads)
        if not run_in:
            part.add("run_in", False, "原文小标题单独成行")
        _points_into(part, intro, "intro")
        _check_numbers(node.children, family, notes)
        part.add("items", _items(node.children, family, run_in, notes))
    else:
        _points_into(part, intro, "intro")
        if not intro:
            part.add("intro", f"[请填写“{heading}”的内容]")
            notes.at(b, "M003", "placeholder", f"“{heading}”下面没有内容，写了占位文字。")
    return part


def _walk(nodes: list[_Node]) -> list[_Node]:
    out: list[_Node] = []
    for n in nodes:
        out.append(n)
        out += _walk(n.children)
    return out


# ---------------------------------------------------------------- metadata


_PERIOD = re.compile(
    r"\d{4}(?:[—–-]\d{4})?(?:学年度|学年|年度|年)"
    r"(?:第[一二三四]季度|[上下]半年度?|[一二]季度|\d{1,2}(?:[—–-]\d{1,2})?月份?"
    r"|(?:春季|秋季|春|秋)学期|第[一二]学期|暑期|暑假|寒假|寒暑假|度)?"
)
_TITLE_TAIL = re.compile(
    r"(?:形势的?分析研判报告|自查(?:情况)?(?:的)?报告|(?:情况)?的?(?:报告|汇报|通报)"
    r"|情况汇报|总结(?:报告)?)$"
)
_ORG_END = re.compile(
    r"(局|委|委员会|办|办公室|中心|学校|小学|中学|大学|学院|幼儿园|校|园|站|所|院|处|科|室|部|会|队|集团|公司)$"
)


@dataclass
class _Meta:
    org: str = ""
    topic: str = ""
    period: str = ""
    org_note: str = ""
    topic_note: str = ""
    period_note: str = ""


def recover_meta(title: str, signature: str, date: str) -> _Meta:
    """org / topic / period from the title (关于2024年第三季度校园安全工作情况的报告) and the
    signature; each note says where a value came from ("" when nothing was found)."""
    meta = _Meta()
    rest = title[2:] if title.startswith("关于") else title
    m = _PERIOD.search(rest)
    before = ""
    if m:
        meta.period, meta.period_note = m.group(), f"{CHECK}：由标题推断"
        before, rest = rest[: m.start()], rest[m.end() :]
    elif y := re.match(r"(\d{4})年", date):
        meta.period, meta.period_note = f"{y.group(1)}年", f"{CHECK}：由成文日期推断"
    topic = _TITLE_TAIL.sub("", rest).strip()
    if topic:
        meta.topic, meta.topic_note = topic, f"{CHECK}：由标题推断"
    if signature and _ORG_END.search(signature) and len(signature) <= 30:
        meta.org, meta.org_note = signature, f"{CHECK}：取自署名"
    elif before and _ORG_END.search(before):
        meta.org, meta.org_note = before, f"{CHECK}：由标题推断"
    elif signature:
        meta.org, meta.org_note = signature, f"{CHECK}：取自署名"
    return meta


def _kind_for(title: str, requested: str | None) -> tuple[str, str]:
    from reportgen.read.structure import guess_kind

    if requested:
        return requested, ""
    kind = guess_kind(title)
    word = {"self-inspection": "自查", "summary": "总结", "analysis": "研判"}.get(kind)
    return kind, f"由标题中的“{word}”推断" if word else "标题里没有“自查”“总结”，按工作报告处理"


# ---------------------------------------------------------------- document → YAML


def _first(doc: Document, kind: BlockKind) -> Block | None:
    return next((b for b in doc.blocks if b.kind is kind), None)


def _texts(doc: Document, kind: BlockKind) -> list[str]:
    return [b.text for b in doc.blocks if b.kind is kind and b.text.strip()]


def _top_level(doc: Document) -> int:
    levels = [b.level for b in doc.headings() if b.family is not Family.INLINE and b.level]
    return min(levels) if levels else 1


def build_yaml(
    doc: Document, notes: _Notes, *, kind: str | None, source_name: str, kind_note: str = ""
) -> tuple[Map, str, list[str]]:
    """(YAML tree, kind name, header comment) for a document read from a finished report."""
    from reportgen.model import normalize_date

    title_block = _first(doc, BlockKind.TITLE)
    title = "".join(doc.title.split("\n")).strip()
    sig = _first(doc, BlockKind.SIGNATURE)
    date_block = _first(doc, BlockKind.DATE)
    date = ""
    if date_block is not None:
        try:
            date = normalize_date(date_block.text)
        except ValueError:
            notes.at(
                date_block,
                "M003",
                "placeholder",
                f"成文日期“{date_block.text}”看不懂，没有导入；请在 date 里补写。",
            )
    kind_name, guessed = _kind_for(title, kind)
    kind_note = kind_note or guessed
    meta = recover_meta(title, sig.text if sig else "", date)
    top = _top_level(doc)
    body = [
        b for b in doc.blocks if b.kind in (BlockKind.LEAD, BlockKind.HEADING, BlockKind.PARAGRAPH)
    ]
    first_title = doc.blocks.index(title_block) if title_block else 0
    early = [b for b in doc.blocks[:first_title] if b.kind is BlockKind.LEAD]
    for b in early:
        notes.at(b, "M006", "layout", f"标题之前的文字并入了导语：“{_short(b.text)}”。")
    lead, parts = _tree(body, top, notes)

    root = Map()
    root.add("kind", kind_name, kind_note)
    root.add("org", meta.org or PLACEHOLDER_ORG, meta.org_note or "没有署名，请填写")
    root.add("topic", meta.topic or PLACEHOLDER_TOPIC, meta.topic_note or "标题里找不到，请填写")
    root.add(
        "period", meta.period or PLACEHOLDER_PERIOD, meta.period_note or "标题里找不到，请填写"
    )
    for value, what, note in (
        (meta.org, "发文机关（org）", meta.org_note),
        (meta.topic, "主题（topic）", meta.topic_note),
        (meta.period, "报告期（period）", meta.period_note),
    ):
        where = title_block or sig
        if not value:
            notes.add(
                where.origin.line if where else 0,
                0,
                "M003",
                "placeholder",
                f"找不到{what}，写了占位文字，请填写。",
            )
        else:
            notes.add(
                where.origin.line if where else 0,
                0,
                "M002",
                "guessed",
                f"{what}推断为“{value}”（{note.split('：')[-1]}），请核对。",
            )
    if kind_note:
        notes.add(
            title_block.origin.line if title_block else 0,
            0,
            "M002",
            "guessed",
            f"文种推断为 {kind_name}（{kind_note}）；可用 --kind 指定。",
        )
    if title:
        root.add("title", title, blank_before=True)
    else:
        notes.add(0, 0, "M003", "placeholder", "找不到标题；将按文种公式生成标题，请核对。")
    for kind_, key in ((BlockKind.DOC_NUMBER, "doc_number"), (BlockKind.RECIPIENT, "recipient")):
        if found := _texts(doc, kind_):
            root.add(key, found[0].rstrip("：:") if key == "recipient" else found[0])
    if date:
        root.add("date", date)
    if sig and meta.org != sig.text:
        root.add("signature", sig.text)
    lead_text = [b.text for b in early] + lead
    if not parts:
        parts = _no_parts(lead_text, notes)
    elif top > 1:
        notes.at(
            parts[0].block,
            "M004",
            "numbering",
            f"最高一级标题用的是“{parts[0].block.marker}”；生成时各部分编为“一、二、三、”。",
        )
    if lead_text:
        root.add("lead", "\n".join(lead_text), blank_before=True)
    default_family = _default_numbering(kind_name)
    _check_numbers(parts, None if top > 1 else Family.CHAPTER, notes)
    root.add(
        "parts",
        Seq([_part(p, default_family, notes) for p in parts], blank_between=True),
        blank_before=True,
    )
    closing = _texts(doc, BlockKind.CLOSING)
    root.add("closing", "\n".join(closing), "" if closing else "原文没有结束语", blank_before=True)
    attachments = [name for b in doc.blocks if b.kind is BlockKind.ATTACHMENTS for name in b.items]
    if attachments:
        root.add("attachments", Seq(list(attachments)), blank_before=True)
    header = [
        f"由 reportgen import 从 {source_name} 导入。",
        f"带“{CHECK}”注释的内容是推断出来的：核对无误后可删去注释。编号按顺序自动生成，不要手写。",
        "生成：reportgen render 本文件 -o 报告.docx",
    ]
    return root, kind_name, header


def _default_numbering(kind_name: str) -> str:
    from reportgen.outline import load_kind

    kind = load_kind(kind_name)
    return kind.spec.numbering if kind else Family.SECTION.value


def _no_parts(lead: list[str], notes: _Notes) -> list[_Node]:
    """A report without headings: the prose becomes one work part, so that it validates."""
    notes.add(
        0,
        0,
        "M006",
        "layout",
        "原文没有“一、二、三、”这样的部分标题；全文放进了一个“工作情况”部分，请按需要拆分。",
    )
    heading = Block(BlockKind.HEADING, "工作情况", level=1, family=Family.CHAPTER, number=1)
    node = _Node(heading)
    if len(lead) > 1:
        node.paras = lead[1:]
        del lead[1:]
    return [node]


# ---------------------------------------------------------------- entry points


def import_report(path: Path, *, kind: str | None = None) -> Imported:
    """Read a finished report and return the YAML text that renders it again.

    Raises UsageError for an unsupported or unreadable file, InputError for an unknown
    ``kind`` or a file with no text at all.
    """
    from reportgen.errors import InputError, UsageError
    from reportgen.load import load_text
    from reportgen.outline import load_kind
    from reportgen.validate import validate

    if kind and load_kind(kind) is None:
        raise UsageError(f"没有名为“{kind}”的文种；见 reportgen kinds。")
    notes = _Notes(str(path))
    doc = read_for_import(path, notes)
    if not doc.blocks:
        raise InputError(
            [
                Problem(
                    str(path), 0, 0, Level.ERROR, "M010", "empty-import", "文件里没有可导入的文字。"
                )
            ]
        )
    kept = list(notes.problems)
    root, kind_name, header = build_yaml(doc, notes, kind=kind, source_name=path.name)
    text = dump(root, header)
    _, problems = validate(load_text(text, str(path)))
    errors = [p for p in problems if p.level is Level.ERROR]
    if errors and not kind and all(p.code == "I016" for p in errors) and kind_name != "summary":
        # The guessed kind wants a part the report lacks; a summary needs only work parts.
        missing = "；".join(p.message for p in errors)
        notes.problems = kept
        note = f"按标题应为 {kind_name}，但{missing}，改按工作总结处理"
        root, kind_name, header = build_yaml(
            doc, notes, kind="summary", source_name=path.name, kind_note=note
        )
        text = dump(root, header)
        notes.add(0, 0, "M002", "guessed", f"文种改为 summary：{note}。")
        _, problems = validate(load_text(text, str(path)))
        errors = [p for p in problems if p.level is Level.ERROR]
    for p in errors:
        notes.add(
            0,
            0,
            "M007",
            "invalid-output",
            f"导入结果还不能直接生成（{p.code} {p.path}）：{p.message}",
        )
    notes.problems.sort(key=Problem.sort_key)
    return Imported(text, doc, notes.problems, kind_name, to_data(root))


def import_file(
    input_path: Path, output: Path | None, *, kind: str | None = None, force: bool = False
) -> Imported:
    """`reportgen import`: write the YAML to ``output`` atomically (None: only return it).

    Never overwrites ``input_path``; an existing ``output`` only with ``force``.
    """
    from reportgen.errors import UsageError
    from reportgen.output import atomic_write, guard_inputs

    if output is not None:
        guard_inputs(output, [input_path])
        if output.exists() and not force:
            raise UsageError(f"{output} 已存在；如要覆盖请加 --force。")
    result = import_report(input_path, kind=kind)
    if output is not None:
        atomic_write(output, result.text.encode("utf-8"), [input_path])
    return result
