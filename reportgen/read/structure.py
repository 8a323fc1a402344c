"""Paragraphs of a finished report → the document model, by styles where present, else by markers.

Both readers (Markdown, DOCX) reduce a file to a list of :class:`Para` — its text, a few
hints from formatting (heading level, title style, where a bold/differently-set heading
sentence ends) and where it stood — and this module does the rest, so a hand-typed Word
file and our own render are understood by the same rules:

* title: a paragraph styled as title (``#``, Title style, centred first paragraph), else the
  first short paragraph without sentence punctuation; a 文号 line before it is DOC_NUMBER;
* recipient: a short line ending in ：right after the title;
* headings: paragraphs starting with a marker (一、 （一） 1. （1） 一是, wrong forms included);
  the level comes from the marker family (一、 1, （一） 2, 1. 3, （1） 4, 一是 one below its
  parent), else from the style; a run-in heading's sentence ends where the formatting says,
  else at the first 。 (when something follows and the sentence is short);
* a block line above 一、 (第一部分　…, 第一板块：…, 上篇　…, 第一篇　…) is a GROUP: 一、
  restarts below it, and a part whose heading names no role takes the block's role;
* LEAD before the first heading, CLOSING for trailing 特此报告。/以上…/今后… paragraphs,
  ATTACHMENTS for 附件： (with the paragraphs numbered 2. 3. … after it, each typed on its
  own line), SIGNATURE and DATE at the end;
* a table is a TABLE block wherever it stands and is never any of the above.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportgen.core.blocks import Block, BlockKind, Document, Origin
from reportgen.core.numbering import LEVEL_OF, Family, parse_group, parse_marker
from reportgen.enums import StrEnum
from reportgen.read import gongwen
from reportgen.read.junk import junk_reason
from reportgen.read.lines import (
    _ATTACHMENT,
    _ATTACHMENT_NUMBER,
    _DOC_NUMBER,
    _IMPRINT,
    _SENTENCE_END,
    SENTENCE_PUNCT,
    _is_recipient,
    _is_signature,
    _looks_like_title,
    guess_kind,
    is_closing,
    is_date,
)

__all__ = ["SENTENCE_PUNCT", "Hint", "Para", "document_from_paras", "guess_kind", "is_date"]


class Hint(StrEnum):
    """What a paragraph's source says it is: Markdown's ``#``, a Word style's name or outline
    level. Not a Word style: the readers map the styles they know onto these."""

    NONE = ""  # the source says nothing
    TITLE = "title"
    HEADING = "heading"
    BODY = "body"
    RECIPIENT = "recipient"
    SIGNATURE = "signature"
    DATE = "date"
    DOC_NUMBER = "doc_number"
    ATTACHMENTS = "attachments"
    TABLE = "table"  # a table (Markdown pipe table): its cells are in ``rows``


@dataclass(frozen=True)
class Para:
    """One paragraph as a reader found it."""

    text: str
    origin: Origin
    hint: Hint = Hint.NONE  # what the source's formatting says the paragraph is
    level: int = 0  # heading level from the style / outline level / number of '#'
    head_end: int | None = None  # run-in: length of marker + heading sentence per formatting
    centered: bool = False
    own_line: bool = False  # a heading the source marks as standing alone (Markdown '#')
    rows: tuple[tuple[str, ...], ...] = ()  # tables: rows of cells, the header first
    bullet: bool = False  # an item of a bulleted list (the reader leaves the bullet out)
    numbering_problem: str = ""  # why the number Word draws here could not be worked out


_MID_SENTENCE = "，、,"
MAX_RUN_IN_SENTENCE = 50


def _own_line(rest: str, family: Family | None, plain: bool) -> bool:
    """A heading standing alone: no sentence end (or, for 一、, no sentence after it)."""
    if not plain:
        return rest[-1:] not in _SENTENCE_END
    if family is Family.CHAPTER:
        _head, _, after = rest.partition("。")
        return not after.strip()
    return len(rest) <= MAX_RUN_IN_SENTENCE and not re.search("[。！？；]", rest)


def split_run_in(rest: str, head_end: int | None) -> tuple[str, str]:
    """(heading sentence, body) of a marker paragraph's text after the marker.

    ``head_end`` is where formatting says the sentence ends (relative to ``rest``); a
    sentence-ending mark right after it belongs to the sentence, and the sentence may end
    without one (the render adds the 。), but not before a ， or 、. Otherwise the
    sentence ends at the first 。 when something follows and it is short; otherwise the
    paragraph is all body (an item written as prose).
    """
    if head_end is not None:
        end = max(0, min(head_end, len(rest)))
        if end < len(rest) and rest[end] in _SENTENCE_END and end > 0:
            end += 1
        if not (0 < end < len(rest) and rest[end] in _MID_SENTENCE):
            return rest[:end], rest[end:]
        # The formatting ends mid-sentence (**抓队伍**，强化……): emphasis, not the heading.
    for i, ch in enumerate(rest):
        if ch in _SENTENCE_END:
            if i + 1 < len(rest) and i < MAX_RUN_IN_SENTENCE:
                return rest[: i + 1], rest[i + 1 :]
            break
    return "", rest


def _join_lone_markers(paras: list[Para]) -> list[Para]:
    """A marker typed alone in its paragraph (（三）, then Enter, then the heading) joins the
    paragraph after it, as hand-typed Word files have it: one heading, not an empty one."""
    out: list[Para] = []
    k = 0
    while k < len(paras):
        para = paras[k]
        text = para.text.strip()
        found = parse_marker(text) if para.hint is not Hint.TABLE else None
        after = paras[k + 1] if k + 1 < len(paras) else None
        if (
            found is not None
            and found.length == len(text)
            and after is not None
            and after.hint not in (Hint.TABLE, Hint.TITLE)
            and after.text.strip()
            and parse_marker(after.text.strip()) is None
            and parse_group(after.text) is None
        ):
            head_end = None if after.head_end is None else after.head_end + len(text)
            out.append(
                replace(
                    after, text=text + after.text.strip(), origin=para.origin, head_end=head_end
                )
            )
            k += 2
            continue
        out.append(para)
        k += 1
    return out


class _Walker:
    def __init__(self, paras: Sequence[Para], bold_convention: bool) -> None:
        # A line break inside a paragraph is layout (a title set on two lines), except in
        # an attachment note, where each line is one attachment.
        self.paras = [
            p
            if p.hint is Hint.TABLE or _ATTACHMENT.match(p.text.strip())
            else replace(p, text=p.text.replace("\n", ""))
            for p in paras
            if p.text.strip() or p.rows
        ]
        self.paras = _join_lone_markers(self.paras)
        self.bold_convention = bold_convention
        self.blocks: list[Block] = []
        self.path: list[tuple[int, str]] = []  # (level, "一、工作情况") of the enclosing headings
        self.parent_level = 0  # level of the last non-inline heading
        self.inline_open = False  # the last heading was an 一是 item
        self.group_role = ""  # the role the heading of the current 第X部分 block names

    def origin(self, para: Para) -> Origin:
        return replace(para.origin, path=" > ".join(label for _, label in self.path))

    def add(self, kind: BlockKind, para: Para, text: str | None = None, **fields: object) -> None:
        if para.hint is Hint.TABLE:  # a table is a table wherever it stands
            self.blocks.append(Block(BlockKind.TABLE, "", rows=para.rows, origin=self.origin(para)))
            return
        value = para.text.strip() if text is None else text
        self.blocks.append(Block(kind, value, origin=self.origin(para), **fields))  # type: ignore[arg-type]

    def group(self, para: Para) -> bool:
        """A block line above 一、 (第一部分　工作回顾): a GROUP block; 一、 restarts after it."""
        if para.hint is Hint.TABLE:
            return False
        found = parse_group(para.text)
        if found is None:
            return False
        from reportgen.genre.registry import infer_role

        self.path = []
        self.parent_level = 0
        self.inline_open = False
        self.group_role = infer_role(found.text) or ""
        self.blocks.append(
            Block(
                BlockKind.GROUP,
                found.text,
                number=found.number,
                marker=found.marker,
                origin=self.origin(para),
            )
        )
        return True

    def heading(self, para: Para) -> bool:
        if para.hint is Hint.TABLE:
            return False
        text = para.text.strip()
        found = parse_marker(text)
        if found is None:
            if para.hint is not Hint.HEADING:
                return False
            level = max(para.level, 1)
            family: Family | None = None
            number, written, rest = 0, "", text
        else:
            family, number, written = found.family, found.number, found.text
            rest = text[found.length :]
            if family is Family.INLINE and self.parent_level == 0 and para.hint is not Hint.HEADING:
                # 一是 paragraphs of a report without headings (prose enumerating its points)
                # are paragraphs, not parts.
                return False
            if family is Family.INLINE:
                # 一是 items sit below the heading before them; a lone 二是 right after a
                # （一） is that heading's sibling written in another family (mixed numbering).
                opens = number == 1 or self.inline_open
                level = self.parent_level + 1 if opens else max(self.parent_level, 1)
            else:
                level = LEVEL_OF[family]
        plain = para.hint is not Hint.HEADING and para.head_end is None
        if para.own_line or (
            para.head_end is None
            and (para.hint is Hint.HEADING or plain)
            and _own_line(rest, family, plain)
        ):
            sentence, body, run_in = rest.strip(), "", False
        else:
            head_end = para.head_end
            if head_end is not None:
                head_end -= len(written)
            elif para.hint is Hint.HEADING:
                head_end = len(rest)
            elif self.bold_convention and family is not Family.INLINE:
                head_end = 0  # our own renders bold every heading sentence: this item has none
            sentence, body = split_run_in(rest, head_end)
            run_in = True
        role = ""
        if level == 1:
            from reportgen.genre.registry import default_role, infer_role

            # A part whose heading names no role takes its block's (第二部分　下一步工作打算).
            role = infer_role(sentence) or self.group_role or default_role()
        while self.path and self.path[-1][0] >= level:
            self.path.pop()
        self.blocks.append(
            Block(
                BlockKind.HEADING,
                sentence,
                level=level,
                family=family,
                number=number,
                marker=written,
                run_in=run_in,
                body=body,
                role=role,
                origin=self.origin(para),
            )
        )
        label = written + sentence.rstrip("。")
        self.path.append((level, label if len(label) <= 30 else label[:29] + "…"))
        self.inline_open = family is Family.INLINE
        if family is not Family.INLINE:
            self.parent_level = level
        return True

    def walk(self) -> Document:
        # 附注, attachment pages and 版记 after the date: read apart, added at the end.
        whole = gongwen.find_tail([p.text for p in self.paras], lambda t: is_date(t.strip()))
        tail_paras = self.paras
        if whole.body_end is not None:
            self.paras = self.paras[: whole.body_end]
        document = self._walk()

        def make(kind: BlockKind, index: int, text: str, **fields: object) -> Block:
            origin = replace(tail_paras[index].origin, path="")
            return Block(kind, text, origin=origin, **fields)  # type: ignore[arg-type]

        document.blocks += gongwen.tail_blocks([p.text for p in tail_paras], whole, make)
        return document

    def _front(self, para: Para) -> None:
        """A paragraph before the title: 版头 lines, the 发文字号, else lead text."""
        found = gongwen.masthead_block(para.text)
        last = self.blocks[-1] if self.blocks else None
        if found is None:
            kind = BlockKind.DOC_NUMBER if _DOC_NUMBER.match(para.text.strip()) else None
            self.add(kind or BlockKind.LEAD, para)
            return
        kind, text, items = found
        if last is not None and last.kind is kind and kind is not BlockKind.ISSUER_MARK:
            # More 版头 lines, or a further line of 签发人 (the number on the last one).
            self.blocks[-1] = replace(last, text=last.text or text, items=last.items + items)
            return
        self.add(kind, para, text, items=items)

    def _walk(self) -> Document:
        paras = self.paras
        i = 0
        # Front matter: document number, title, recipient.
        title_at = next((k for k, p in enumerate(paras[:10]) if p.hint is Hint.TITLE), None)
        if title_at is None:
            title_at = next(
                (
                    k
                    for k, p in enumerate(paras[:6])
                    if p.hint is not Hint.TABLE
                    and (p.centered or _looks_like_title(p.text.strip()))
                    and not _DOC_NUMBER.match(p.text.strip())
                    and gongwen.masthead_block(p.text) is None
                    and parse_marker(p.text.strip()) is None
                ),
                None,
            )
        title = ""
        if title_at is not None:
            for p in paras[:title_at]:
                self._front(p)
            # A title given as several lines: consecutive title-styled paragraphs.
            end = title_at + 1
            while end < len(paras) and paras[end].hint is Hint.TITLE:
                end += 1
            # A subtitle (——在全县教育工作会议上) belongs to the title.
            while (
                end < len(paras)
                and paras[end].hint is not Hint.TABLE
                and paras[end].text.strip().startswith(("——", "—"))
                and len(paras[end].text.strip()) <= 40
                and not SENTENCE_PUNCT.search(paras[end].text)
            ):
                end += 1
            for p in paras[title_at:end]:
                self.add(BlockKind.TITLE, p)
            title = "".join(p.text.strip() for p in paras[title_at:end])
            i = end
            # Hand-typed files put the 发文字号 under the title (a blank line may follow).
            if (
                i < len(paras)
                and paras[i].hint is not Hint.TABLE
                and _DOC_NUMBER.match(paras[i].text.strip())
            ):
                self.add(BlockKind.DOC_NUMBER, paras[i])
                i += 1
        # The recipient follows the title, perhaps after lines pasted with a web page.
        j = i
        while (
            j < min(i + 3, len(paras))
            and paras[j].hint is not Hint.TABLE
            and junk_reason(paras[j].text)
        ):
            j += 1
        if j < len(paras) and (
            paras[j].hint is Hint.RECIPIENT
            or (paras[j].hint is not Hint.TABLE and _is_recipient(paras[j].text.strip()))
        ):
            for p in paras[i:j]:
                self.add(BlockKind.LEAD, p)
            self.add(BlockKind.RECIPIENT, paras[j])
            i = j + 1
        # The 版记 at the very end (抄送：…, 青山县教育局办公室　2024年7月5日印发).
        imprint: list[Para] = []
        while (
            len(paras) > i
            and paras[-1].hint is not Hint.TABLE
            and _IMPRINT.match(paras[-1].text.strip())
        ):
            imprint.insert(0, paras.pop())
        tail_start = self._tail_start(i)
        seen_heading = False
        for p in paras[i:tail_start]:
            if self._more_attachments(p):
                self._attachment(p)
            elif self.group(p) or self.heading(p):
                seen_heading = True
            elif p.hint is Hint.TABLE:
                self.add(BlockKind.TABLE, p)
            elif _ATTACHMENT.match(p.text.strip()) or p.hint is Hint.ATTACHMENTS:
                self._attachment(p)
            else:
                self.add(BlockKind.PARAGRAPH if seen_heading else BlockKind.LEAD, p)
        self._closing()
        self.path = []
        for p in paras[tail_start:]:
            text = p.text.strip()
            if p.hint is Hint.TABLE:
                self.add(BlockKind.TABLE, p)
            elif (
                _ATTACHMENT.match(text)
                or p.hint is Hint.ATTACHMENTS
                or self._more_attachments(p, in_order=False)
            ):
                self._attachment(p)
            elif p.hint is Hint.DATE or is_date(text):
                self.add(BlockKind.DATE, p)
            else:
                self.add(BlockKind.SIGNATURE, p)
        for p in imprint:
            self.add(BlockKind.IMPRINT, p)
        sig = next((b.text for b in self.blocks if b.kind is BlockKind.SIGNATURE), "")
        date = next((b.text for b in self.blocks if b.kind is BlockKind.DATE), "")
        return Document(title=title, blocks=self.blocks, org=sig, date=date)

    def _tail_start(self, start: int) -> int:
        """Index of the first paragraph of the end matter: attachments, signature, date."""
        paras = self.paras
        end = len(paras)
        k = end
        if k > start and paras[k - 1].hint is Hint.TABLE:
            return k  # a table closes the body: no signature or date after it
        if k > start and (paras[k - 1].hint is Hint.DATE or is_date(paras[k - 1].text.strip())):
            k -= 1
        if (
            k > start
            and paras[k - 1].hint is not Hint.TABLE
            and (
                paras[k - 1].hint is Hint.SIGNATURE
                or (
                    _is_signature(paras[k - 1].text.strip())
                    and paras[k - 1].hint not in (Hint.HEADING, Hint.TITLE)
                )
            )
        ):
            k -= 1
        # Attachment notes stand just above the signature.
        j = k
        while j > start and (
            paras[j - 1].hint is Hint.ATTACHMENTS
            or (paras[j - 1].hint is not Hint.TABLE and _ATTACHMENT_NUMBER.match(paras[j - 1].text))
        ):
            j -= 1
        if (
            j > start
            and paras[j - 1].hint is not Hint.TABLE
            and _ATTACHMENT.match(paras[j - 1].text.strip())
        ):
            return j - 1
        if start < j < k and paras[j].hint is Hint.ATTACHMENTS:
            return j
        return k

    def _more_attachments(self, para: Para, *, in_order: bool = True) -> bool:
        """``2.台账`` typed as a paragraph of its own after ``附件：1.统计表``: the next one.

        In the body only the next number counts, so that a ``1.`` heading is never taken
        for one; in the end matter (between 附件 and the signature) any number does.
        """
        last = self.blocks[-1] if self.blocks else None
        if last is None or last.kind is not BlockKind.ATTACHMENTS or para.hint is Hint.TABLE:
            return False
        m = _ATTACHMENT_NUMBER.match(para.text)
        number = m.group().strip().rstrip(".．、") if m else ""
        return (
            number.isdecimal()
            and len(number) <= 4
            and (not in_order or int(number) == len(last.items) + 1)
        )

    def _attachment(self, para: Para) -> None:
        text = para.text.strip()
        lines = [x.strip() for x in _ATTACHMENT.sub("", text).split("\n") if x.strip()]
        last = self.blocks[-1] if self.blocks else None
        if last is not None and last.kind is BlockKind.ATTACHMENTS and not _ATTACHMENT.match(text):
            names = [_ATTACHMENT_NUMBER.sub("", x) for x in lines]
            self.blocks[-1] = replace(last, items=last.items + tuple(names))
            return
        if len(lines) > 1 or (lines and _ATTACHMENT_NUMBER.match(lines[0])):
            lines = [_ATTACHMENT_NUMBER.sub("", x) for x in lines]
        self.add(BlockKind.ATTACHMENTS, para, "", items=tuple(lines))

    def _closing(self) -> None:
        """Trailing body paragraphs that read as a closing (特此报告。以上… 今后…)."""
        k = len(self.blocks)
        while k > 0 and self.blocks[k - 1].kind in (BlockKind.PARAGRAPH, BlockKind.LEAD):
            k -= 1
        # The first paragraph under a heading that stands alone is that heading's text
        # (三、下一步工作打算 / 下一步，我校将……), not the closing.
        before = self.blocks[k - 1] if k > 0 else None
        if before is not None and before.kind is BlockKind.HEADING and not before.body:
            k += 1
        for n in range(k, len(self.blocks)):
            if is_closing(self.blocks[n].text):
                for m in range(n, len(self.blocks)):
                    block = self.blocks[m]
                    origin = replace(block.origin, path="")
                    self.blocks[m] = replace(block, kind=BlockKind.CLOSING, origin=origin)
                return


def document_from_paras(
    paras: Sequence[Para], source: str, *, bold_convention: bool = False, declared: str = ""
) -> Document:
    """Turn a reader's paragraphs into a Document (see the module docstring for the rules).

    ``bold_convention``: the source marks every run-in heading sentence by formatting (our
    Markdown renders do), so a marker paragraph without it has no heading sentence.
    ``declared``: the kind the file names itself (Markdown front matter ``kind:``, the DOCX
    category); used when the genre knows it, else the kind comes from the title.
    """
    from reportgen.genre.registry import current
    from reportgen.read.table_captions import attach_captions

    document = _Walker(paras, bold_convention).walk()
    document.blocks = attach_captions(document.blocks)
    document.source = source
    named = current().kind(declared) if declared else None
    document.kind = named.name if named else guess_kind(document.title)
    document.declared_kind = named.name if named else ""
    _umbrella(document)
    return document


def _umbrella(document: Document) -> None:
    """Roles by position: a weak problems / next-steps heading before a work part is a theme;
    总体情况 / 工作成绩 / 成效及亮点 (an ``umbrella`` role) heading a report with no part of the
    default role holds the work."""
    from reportgen.genre.registry import default_role, settle_roles, umbrella_roles

    parts = [
        k for k, b in enumerate(document.blocks) if b.kind is BlockKind.HEADING and b.level == 1
    ]
    settled = settle_roles(
        [document.blocks[k].text for k in parts],
        [document.blocks[k].role for k in parts],
        document.kind,
    )
    for k, role in zip(parts, settled, strict=True):
        document.blocks[k] = replace(document.blocks[k], role=role)
    work = default_role()
    if not parts or any(document.blocks[k].role == work for k in parts):
        return
    first = document.blocks[parts[0]]
    if first.role in umbrella_roles():
        document.blocks[parts[0]] = replace(first, role=work)
