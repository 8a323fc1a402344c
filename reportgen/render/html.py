"""Document model → one self-contained, accessible HTML file, in one of two looks.

``web``: a readable column for publishing a report on a web page. ``page``: the printed
公文 page imitated with CSS (A4 sheets, the GB/T 9704 margins, 三号 text on the style
profile's exact line pitch, 28 characters a line, page numbers), as ``reportgen preview``
shows it. Both are one file: CSS and the small pagination script are inlined, fonts come
from the reader's machine (a font stack, nothing fetched), and every piece of user text is
HTML-escaped. Headings are real h1–h5 elements; a run-in heading sentence is a
``span.run-in-heading`` with the heading role, so the outline survives in screen readers.

The CSS and the script live in templates/html/ (package data) and are read once.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from reportgen.core.blocks import Block, BlockKind, DocFormat, Document, TableInfo
from reportgen.core.numbering import Family
from reportgen.core.style import StyleProfile
from reportgen.problem import Level
from reportgen.render.docx.titlebreak import break_title, safe_breaks, width
from reportgen.render.formats import Look
from reportgen.render.layout import (
    SEPARATOR_PT,
    MastheadPlan,
    blank_line_before,
    masthead_plan,
    signature_indents,
    tail_start,
)

if TYPE_CHECKING:
    from reportgen.pipeline import Prepared
    from reportgen.render.formats import RenderOptions


# Font stacks: the office name the profile gives first, then what Windows, macOS and a
# Linux machine with the free Fandol faces call the same kind of face.
_FANGSONG = ("仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "FandolFang")
_KAI = ("楷体_GB2312", "楷体", "KaiTi", "STKaiti", "FandolKai")
_HEI = ("黑体", "SimHei", "STHeiti", "FandolHei", "Noto Sans CJK SC")
_SONG = ("宋体", "SimSun", "STSong", "FandolSong")
_XBS = ("方正小标宋简体", "方正小标宋_GBK", "小标宋", "华文中宋", "STZhongsong", *_SONG)
# The web look reads better in a book face on screen than in a 仿宋 meant for paper.
_WEB_BODY = ("Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", *_SONG)

# The file asks for nothing: the browser itself refuses any request it would make.
FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

# Control characters that have no place in an HTML document (U+0000 cannot be sent at all).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Note:
    """A finding shown at its block (``reportgen preview``): level, code and message."""

    level: Level
    code: str
    message: str
    where: str = ""  # file:line:col


def esc(text: str) -> str:
    """User text as HTML: escaped, quotes included, control characters dropped."""
    return html.escape(_CONTROL.sub("", text), quote=True)


@functools.cache
def asset(name: str) -> str:
    """A file of templates/html/ (CSS or script), read once per process."""
    from reportgen.render.templating import builtin_dir

    return (builtin_dir() / "html" / name).read_text(encoding="utf-8")


def _stack(first: str, *rest: tuple[str, ...], generic: str = "serif") -> str:
    names = dict.fromkeys([first, *(n for group in rest for n in group)])
    return (
        ", ".join(f'"{n}"' for n in names if n and '"' not in n and "\\" not in n) + f", {generic}"
    )


def css_variables(profile: StyleProfile, look: Look) -> str:
    """The profile as CSS custom properties: the one place the two looks take numbers from."""
    p = profile
    height_pt = (297 - p.margin_top_mm - p.margin_bottom_mm) / 25.4 * 72
    lines = max(1, int(height_pt / p.line_pitch_pt + 1e-6))
    body = _WEB_BODY if look is Look.WEB else _FANGSONG
    values = {
        "--body-fonts": _stack(p.body_font if look is Look.PAGE else "", body, _FANGSONG),
        "--title-fonts": _stack(p.title_font, _XBS),
        "--h1-fonts": _stack(p.level1_font, _HEI, generic="sans-serif"),
        "--h2-fonts": _stack(p.level2_font, _KAI),
        "--h3-fonts": _stack(p.level3_font, _FANGSONG),
        "--h4-fonts": _stack(p.level4_font, _FANGSONG),
        "--folio-fonts": _stack(p.page_number_font, _SONG),
        "--h3-weight": "bold" if p.level3_bold else "normal",
        "--size": f"{p.body_size_pt:g}pt",
        "--title-size": f"{p.title_size_pt:g}pt",
        "--folio-size": f"{p.page_number_size_pt:g}pt",
        "--pitch": f"{p.line_pitch_pt:g}pt",
        "--spacing": f"{p.char_spacing_pt:g}pt",
        "--lines": str(lines),
        "--top": f"{p.margin_top_mm:g}mm",
        "--bottom": f"{p.margin_bottom_mm:g}mm",
        "--left": f"{p.margin_left_mm:g}mm",
        "--right": f"{p.margin_right_mm:g}mm",
        "--folio-gap": f"{p.page_number_gap_mm:g}mm",
    }
    root = ":root { " + " ".join(f"{k}: {v};" for k, v in values.items()) + " }"
    if look is Look.WEB:
        return root
    # @page takes no var(): the printed margins are written out.
    margins = f"{p.margin_top_mm:g}mm {p.margin_right_mm:g}mm {p.margin_bottom_mm:g}mm {p.margin_left_mm:g}mm"
    return f"{root}\n@page {{ size: A4; margin: {margins}; }}"


def _title_capacity(profile: StyleProfile) -> float:
    """Characters a title line holds, as the DOCX writer counts them (one spare)."""
    area_pt = (210 - profile.margin_left_mm - profile.margin_right_mm) / 25.4 * 72
    return int(area_pt / (profile.title_size_pt + profile.char_spacing_pt)) - 1


def _masthead(document: Document, profile: StyleProfile) -> MastheadPlan | None:
    """The 版头's geometry for the page look of a 文件格式 document with a 标志."""
    if document.format is not DocFormat.FILE:
        return None
    blocks = document.blocks
    mark = next((b for b in blocks if b.kind is BlockKind.ISSUER_MARK), None)
    if mark is None:
        return None
    markings = next((len(b.items) for b in blocks if b.kind is BlockKind.MARKINGS), 0)
    number = any(b.kind is BlockKind.DOC_NUMBER for b in blocks)
    return masthead_plan(profile, markings, mark.text, 1 if number else 0)


def _heading_depths(blocks: list[Block]) -> dict[int, int]:
    """Each heading's depth below 一、 (1 for 一、): its family's level counts only the
    levels the report really has above it."""
    depths: dict[int, int] = {}
    open_levels: list[int] = []
    for index, block in enumerate(blocks):
        if block.kind is not BlockKind.HEADING or block.family is Family.INLINE:
            continue
        while open_levels and open_levels[-1] >= block.level:
            open_levels.pop()
        open_levels.append(block.level)
        depths[index] = len(open_levels)
    return depths


class _Article:
    """The blocks as HTML elements, in order; ``annotate`` adds ids and source positions."""

    def __init__(
        self,
        document: Document,
        profile: StyleProfile,
        look: Look,
        notes: Mapping[int, Sequence[Note]],
        annotate: bool,
    ) -> None:
        self.document = document
        self.profile = profile
        self.look = look
        self.notes = notes
        self.annotate = annotate
        signature = next((b for b in document.blocks if b.kind is BlockKind.SIGNATURE), None)
        date = next((b for b in document.blocks if b.kind is BlockKind.DATE), None)
        self.sig_indent, self.date_indent = signature_indents(
            signature.text if signature else "", date.text if date else "", document.seal
        )
        # Blocks above 一、 (第一部分 …) take h2 and push the levels one rank down.
        self.shift = 1 if any(b.kind is BlockKind.GROUP for b in document.blocks) else 0
        self.depth = _heading_depths(document.blocks)
        # GB/T 9704 7.3.5.5, as in the DOCX: the last body paragraph keeps with the
        # attachment note, signature and date (the page look's paginator moves them together).
        self.keep_from = tail_start(document.blocks)
        self.masthead = _masthead(document, profile) if look is Look.PAGE else None

    def render(self) -> str:
        out: list[str] = []
        blocks = self.document.blocks
        previous: BlockKind | None = None
        index = 0
        while index < len(blocks):
            block = blocks[index]
            gap = previous is not None and blank_line_before(block.kind, previous)
            if self.masthead is not None and block.kind is BlockKind.TITLE:
                gap = False  # the 版头 ends two lines above the title, on the grid
            if block.kind is BlockKind.TITLE:
                # A title given as several blocks is one h1 with line breaks.
                end = index
                while end + 1 < len(blocks) and blocks[end + 1].kind is BlockKind.TITLE:
                    end += 1
                out.append(self._title(blocks[index : end + 1], index, gap))
                index = end
            else:
                out.append(self._block(block, index, gap))
            previous = blocks[index].kind
            index += 1
        return "\n".join(out)

    def _attrs(
        self, index: int, classes: list[str], gap: bool, block: Block, element_id: str = ""
    ) -> str:
        if gap:
            classes = [*classes, "gap"]
        if self.look is Look.PAGE and self.keep_from is not None and index >= self.keep_from:
            classes = [*classes, "keep"]
        if self.notes.get(index):
            levels = {n.level for n in self.notes[index]}
            classes = [
                *classes,
                "flagged",
                "flagged-error" if Level.ERROR in levels else "flagged-warning",
            ]
        attrs = f' id="{element_id}"' if element_id else ""
        attrs += f' class="{" ".join(classes)}"' if classes else ""
        if self.annotate:
            o = block.origin
            attrs += "" if element_id else f' id="{block_anchor(block, index)}"'
            attrs += f' data-line="{o.line}" data-col="{o.column}"'
            if o.path:
                attrs += f' data-path="{esc(o.path)}"'
        return attrs

    def _badges(self, index: int) -> str:
        """The findings at a block: codes in the margin, the whole message on hover."""
        notes = self.notes.get(index, ())
        if not notes:
            return ""
        out = [
            f'<span class="finding {n.level.value}" role="note" tabindex="0">'
            f'<span class="finding-code">{esc(n.code)}</span>'
            f'<span class="finding-text">{esc(n.where)} {esc(n.code)} {esc(n.message)}</span></span>'
            for n in notes
        ]
        return f'<span class="findings">{"".join(out)}</span>'

    def _title(self, blocks: list[Block], index: int, gap: bool) -> str:
        lines: list[str] = []
        for block in blocks:
            if self.look is Look.PAGE:
                lines += break_title(block.text, _title_capacity(self.profile))
            else:
                # The browser picks among the safe places (<wbr>, with keep-all in the CSS).
                cuts = (0, *safe_breaks(block.text), len(block.text))
                lines.append("<wbr>".join(esc(block.text[a:b]) for a, b in pairwise(cuts)))
        if self.look is Look.PAGE:
            lines = [esc(line) for line in lines]
        inner = "<br>".join(lines)
        attrs = self._attrs(index, ["title"], gap, blocks[0], element_id="doc-title")
        return f"<h1{attrs}>{self._badges(index)}{inner}</h1>"

    def _block(self, block: Block, index: int, gap: bool) -> str:
        kind = block.kind
        if kind is BlockKind.IMPRINT and not (block.items or block.body):
            return ""  # a 版记 line of a finished file not taken apart: read, never rendered
        badges = self._badges(index)
        whole = self._whole_document(block, index, gap, badges)
        if whole is not None:
            return whole
        if kind is BlockKind.GROUP:
            attrs = self._attrs(index, ["group"], gap, block)
            return f"<h2{attrs}>{badges}{esc(block.marker)}{esc(block.text)}</h2>"
        if kind is BlockKind.HEADING:
            return self._heading(block, index, gap, badges)
        if kind is BlockKind.TABLE:
            return self._table(block, index, gap, badges)
        if kind is BlockKind.ATTACHMENTS:
            return self._attachments(block, index, gap, badges)
        classes = {
            BlockKind.DOC_NUMBER: "doc-number",
            BlockKind.RECIPIENT: "recipient",
            BlockKind.LEAD: "lead",
            BlockKind.CLOSING: "closing",
            BlockKind.SIGNATURE: "signature",
            BlockKind.DATE: "date",
        }.get(kind)
        attrs = self._attrs(index, [classes] if classes else [], gap, block)
        text = esc(block.text)
        if kind is BlockKind.SIGNATURE:
            attrs += f' style="--indent: {self.sig_indent:g}"'
        elif kind is BlockKind.DATE:
            attrs += f' style="--indent: {self.date_indent:g}"'
            if self.document.iso_date:
                text = f'<time datetime="{esc(self.document.iso_date)}">{text}</time>'
        return f"<p{attrs}>{badges}{text}</p>"

    def _whole_document(self, block: Block, index: int, gap: bool, badges: str) -> str | None:
        """The 公文 parts around the body (issue 12) in a plain form: 版头 lines, the red
        标志, the 发文字号 with its 签发人, the 附注, an attachment's first lines, the 版记."""
        kind = block.kind
        if kind is BlockKind.MARKINGS:
            attrs = self._attrs(index, ["markings"], gap, block)
            return f"<p{attrs}>{badges}{'<br>'.join(esc(t) for t in block.items)}</p>"
        if kind is BlockKind.ISSUER_MARK:
            attrs = self._attrs(index, ["issuer-mark"], gap, block)
            plan = self.masthead
            style = (
                f' style="--mt: {plan.mark_before:.2f}pt; --lh: {plan.mark_line:.2f}pt;'
                f' --fs: {plan.mark_size:.2f}pt"'
                if plan is not None
                else ""
            )
            mark = f"<p{attrs}{style}>{badges}{esc(block.text)}</p>"
            has_number = any(b.kind is BlockKind.DOC_NUMBER for b in self.document.blocks)
            return mark if has_number else mark + self._separator()
        if kind is BlockKind.DOC_NUMBER and self.masthead is not None:
            classes = ["doc-number", "signed"] if block.items else ["doc-number"]
            attrs = self._attrs(index, classes, gap, block)
            style = f' style="--mt: {self.masthead.number_before:.2f}pt"'
            signers = (
                f'<span class="signers">签发人：{"　".join(esc(n) for n in block.items)}</span>'
                if block.items
                else ""
            )
            number = f'<span class="number">{esc(block.text)}</span>'
            return f"<p{attrs}{style}>{badges}{number}{signers}</p>" + self._separator()
        if kind is BlockKind.DOC_NUMBER and block.items:
            attrs = self._attrs(index, ["doc-number"], gap, block)
            signers = "　".join(esc(n) for n in block.items)
            return f"<p{attrs}>{badges}{esc(block.text)}　签发人：{signers}</p>"
        if kind is BlockKind.NOTE:
            attrs = self._attrs(index, ["note"], gap, block)
            return f'<p{attrs} style="text-indent: 2em">{badges}{esc(block.text)}</p>'
        if kind is BlockKind.ATTACHMENT_HEAD:
            attrs = self._attrs(index, ["attachment-head", "page-start"], gap, block)
            title = f'<p style="text-align: center">{esc(block.text)}</p>'
            return f'<div{attrs} style="break-before: page">{badges}<p>{esc(block.marker)}</p>{title}</div>'
        if kind is BlockKind.IMPRINT:
            attrs = self._attrs(index, ["imprint", "page-foot"], gap, block)
            rows = []
            if block.items:
                rows.append(f"<p>抄送：{esc('，'.join(block.items))}。</p>")
            if block.text or block.body:
                rows.append(f"<p>{esc(block.text)}　{esc(block.body)}印发</p>")
            return f'<div{attrs} role="group" aria-label="版记">{badges}{"".join(rows)}</div>'
        return None

    def _separator(self) -> str:
        """The red line under the 发文字号 (page look): 4 mm under its bottom edge, the title
        on the first grid line two lines below it."""
        plan = self.masthead
        if plan is None:
            return ""
        pitch = self.profile.line_pitch_pt
        above = plan.separator_at - SEPARATOR_PT / 2 - plan.number_end
        below = plan.grid_end(pitch) - plan.separator_at - SEPARATOR_PT / 2
        return (
            f'<div class="separator" aria-hidden="true" style="--mt: {above:.2f}pt;'
            f' --mb: {below:.2f}pt"></div>'
        )

    def _heading(self, block: Block, index: int, gap: bool, badges: str) -> str:
        level = min(max(block.level, 1), 4)
        marker = f'<span class="marker">{esc(block.marker)}</span>' if block.marker else ""
        if block.family is Family.INLINE or (block.run_in and not block.text):
            # 一是…… item paragraphs, and run-in items without a heading sentence: body text.
            attrs = self._attrs(index, ["item"], gap, block)
            return f"<p{attrs}>{badges}{marker}{esc(block.text)}{esc(block.body)}</p>"
        # The rank is the heading's depth in the outline, not its marker's family: a kind
        # whose items go 一、（一）（1） has （1） one rank under （一）, no rank skipped.
        rank = min(self.depth.get(index, level) + 1 + self.shift, 6)
        if block.run_in:
            attrs = self._attrs(index, ["run-in", f"level-{level}"], gap, block)
            heading = (
                f'<span class="run-in-heading" role="heading" aria-level="{rank}">'
                f"{marker}{esc(block.text)}</span>"
            )
            return f"<p{attrs}>{badges}{heading}{esc(block.body)}</p>"
        tag = f"h{rank}"
        attrs = self._attrs(index, ["heading", f"level-{level}"], gap, block)
        return f"<{tag}{attrs}>{badges}{marker}{esc(block.text)}</{tag}>"

    def _table(self, block: Block, index: int, gap: bool, badges: str) -> str:
        """A table as the DOCX lays it out: the title centred above (the caption), the 单位
        line right-aligned above, the header row bold, each column aligned as the data says
        (headers and the 合计 label centred), notes under it."""
        info = block.table or TableInfo()
        rows = [row for row in block.rows if row]
        attrs = self._attrs(index, ["figures"], gap, block)
        if info.landscape:
            attrs = attrs.replace('class="figures', 'class="figures landscape', 1)
        notes = "".join(f'<p class="table-note">{esc(n)}</p>' for n in info.notes)
        if not rows:
            return f"<div{attrs}>{badges}{notes}</div>"
        columns = max(len(row) for row in rows)
        caption = ""
        if block.text or info.unit:
            title = f'<span class="table-title">{esc(block.text)}</span>' if block.text else ""
            unit = f'<span class="table-unit">{esc(info.unit)}</span>' if info.unit else ""
            caption = f"<caption>{title}{unit}</caption>"
        hints = [info.widths[c] if c < len(info.widths) else 0.0 for c in range(columns)]
        if any(hints) and all(h > 0 for h in hints):
            total = sum(hints)
            cols = "".join(f'<col style="width: {h / total * 100:.1f}%">' for h in hints)
        else:  # the browser sizes the columns by their contents, as the DOCX does
            cols = "<col>" * columns
        totals = set(info.total_rows)

        def align(c: int, row: int) -> str:
            value = info.align[c] if c < len(info.align) else ""
            if row == 0 or (row in totals and c == 0) or value not in ("left", "right"):
                return ""
            return f' class="{value}"'

        head = "".join(f'<th scope="col">{esc(c)}</th>' for c in rows[0])
        body = "".join(
            ('<tr class="total">' if r in totals else "<tr>")
            + "".join(
                f'<th scope="row"{align(i, r)}>{esc(c)}</th>'
                if i == 0
                else f"<td{align(i, r)}>{esc(c)}</td>"
                for i, c in enumerate((*row, *("",) * (columns - len(row))))
            )
            + "</tr>"
            for r, row in enumerate(rows[1:], 1)
        )
        return (
            f"<div{attrs}>{badges}<table>{caption}<colgroup>{cols}</colgroup>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{notes}</div>"
        )

    def _attachments(self, block: Block, index: int, gap: bool, badges: str) -> str:
        names = list(block.items) or ([block.text] if block.text else [])
        lead = "附件："
        paras = []
        for number, name in enumerate(names, 1):
            label = f"{number}." if len(names) > 1 else ""
            start = 2 + width(lead) + width(label)
            first = 2 if number == 1 else 2 + width(lead)
            shown = (lead if number == 1 else "") + label + name
            paras.append(
                f'<p style="--start: {start:g}; --hang: {start - first:g}">{esc(shown)}</p>'
            )
        attrs = self._attrs(index, ["attachments"], gap, block)
        return f'<div{attrs} role="group" aria-label="附件说明">{badges}{"".join(paras)}</div>'


def block_anchor(block: Block, index: int) -> str:
    """The element id of block ``index`` in an annotated article (the title has one id)."""
    return "doc-title" if block.kind is BlockKind.TITLE else f"b{index}"


def render_article(
    document: Document,
    style: StyleProfile | None = None,
    look: Look = Look.WEB,
    *,
    notes: Mapping[int, Sequence[Note]] | None = None,
    annotate: bool = False,
) -> str:
    """The report's ``<article>``: what a live preview swaps in after each save."""
    profile = style or StyleProfile()
    inner = _Article(document, profile, look, notes or {}, annotate).render()
    folio = f' data-folio="{esc(profile.page_number_format)}"' if look is Look.PAGE else ""
    return f'<article class="flow" aria-labelledby="doc-title"{folio}>\n{inner}\n</article>'


def render_html(
    document: Document,
    style: StyleProfile | None = None,
    look: Look = Look.WEB,
    *,
    notes: Mapping[int, Sequence[Note]] | None = None,
    annotate: bool = False,
) -> str:
    """The whole page, one self-contained file."""
    look = Look(look)  # a plain "web" or "page" too; anything else is a ValueError
    profile = style or StyleProfile()
    article = render_article(document, profile, look, notes=notes, annotate=annotate)
    return page_shell(document.title, article, css_variables(profile, look), look, document.org)


def page_shell(
    title: str,
    article: str,
    variables: str,
    look: Look,
    org: str = "",
    *,
    head: str = "",
    top: str = "",
    tail: str = "",
    csp: str = FILE_CSP,
) -> str:
    """The page around an article. ``head``, ``top`` and ``tail`` are trusted markup that
    the preview adds (its styles, the findings list, its live-reload script)."""
    css = "\n".join((asset("base.css"), asset(f"{look.value}.css")))
    meta = f'<meta name="author" content="{esc(org)}">\n' if org else ""
    if look is Look.PAGE:
        main = (
            '<main class="pages">\n<div class="sheet odd">\n<div class="type-area">\n'
            f'{article}\n</div>\n<div class="folio" aria-hidden="true"></div>\n</div>\n</main>\n'
            f"<script>\n{asset('paginate.js')}</script>"
        )
    else:
        main = f'<main class="column">\n{article}\n</main>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="reportgen">\n{meta}'
        f"<title>{esc(title)}</title>\n"
        f'<style id="reportgen-vars">{variables}</style>\n<style>\n{css}\n</style>\n{head}</head>\n'
        f'<body class="look-{look.value}">\n{top}{main}\n{tail}</body>\n</html>\n'
    )


def make(prepared: Prepared, options: RenderOptions) -> bytes:
    """The report as one self-contained HTML page (the format registry's entry point)."""
    page = render_html(prepared.document, prepared.style, options.html_look)
    if options.draft:
        banner = f'<p style="color:#c00000;font-weight:bold;text-align:center">{html.escape(options.draft)}</p>'
        page = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, page, count=1)
    return page.encode("utf-8")
