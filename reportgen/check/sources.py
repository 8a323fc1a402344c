"""Files → :class:`Source`: the document model plus the text units rules check.

A ``.report.yaml`` is run through the real pipeline (``prepare``): its load and validation
problems (I001–I019) are findings, and when it is valid the rules check its document with
positions in the YAML. Text rules check the YAML strings themselves, so a finding points
at the very character in the file and ``--fix`` can edit it there.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from reportgen import codes
from reportgen.check.core import (
    LazySpans,
    LineIndex,
    Source,
    SourceKind,
    Span,
    TextUnit,
    align,
)
from reportgen.core.load import scalar_text
from reportgen.errors import InputError
from reportgen.problem import Level, Problem

# YAML fields whose strings are not report text (names, options, dates normalised by the model).
_NOT_TEXT = {"kind", "role", "numbering", "style", "run_in", "seal", "date", "self_name"}
# A table's data and options are not prose (a file name has its "."; 100% its "%"): its
# title, unit and notes are checked, its columns, rows, file, id, total are not.
_TABLE_DATA = {"columns", "rows", "file", "id", "total", "landscape"}


def _masked(value: str) -> str:
    """A citation of a table (``{{ 表.隐患统计.合计.整改数 }}``) becomes a run of 数 as long:
    it is filled with a figure when rendered, and its braces and dots are no text errors."""
    from reportgen.core.citations import CITATION

    return CITATION.sub(lambda m: "数" * len(m.group()), value)


def _yaml_units(text: str, source: str, root: Any = None) -> list[TextUnit]:
    """The strings of a report YAML (``root``: its node tree, if already composed)."""
    import yaml

    from reportgen.core.load import compose

    if root is None:
        try:
            root = compose(text)
        except (yaml.YAMLError, RecursionError):
            return []
    index = LineIndex(text)
    units: list[TextUnit] = []
    seen: set[int] = set()

    # The field path is built as text on the way down (one short concatenation per step);
    # ``table``: 1 once under a ``table`` key, 2 once under one of its data keys.
    def visit(node: Any, path: str, field: str, table: int, depth: int) -> None:
        # An alias is the very node it refers to, written once in the file: visiting each
        # node once keeps a "billion laughs" file linear (render refuses it with I012).
        if depth > 64 or id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    name = str(key.value)
                    flags = (
                        table | (1 if name == "table" else 0) | (2 if name in _TABLE_DATA else 0)
                    )
                    visit(value, f"{path}.{name}" if path else name, name, flags, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, child in enumerate(node.value):
                visit(child, f"{path}[{i}]", field, table, depth + 1)
        elif isinstance(node, yaml.ScalarNode) and node.value:
            if field in _NOT_TEXT or not node.tag.endswith(":str"):
                return
            if table == 3:  # a table's data and options are not prose
                return
            value = scalar_text(node)
            start = node.start_mark
            units.append(
                TextUnit(
                    _masked(value) if "{{" in value else value,
                    start.line + 1,
                    start.column + 1,
                    path=path,
                    field=field,
                    spans=LazySpans(partial(_node_spans, index, value, node)),
                    index=index,
                    quote=node.style if node.style in ('"', "'") else "",
                    value=True,
                )
            )

    if root is not None:
        visit(root, "", "", 0, 0)
    return units


def _node_spans(index: LineIndex, value: str, node: Any) -> list[Span]:
    start = index.offset(node.start_mark.line + 1, node.start_mark.column + 1)
    end = index.offset(node.end_mark.line + 1, node.end_mark.column + 1)
    return _spans(value, index.text[start:end], start, node.style)


def _spans(value: str, source: str, start: int, style: str | None) -> list[Span]:
    spans = double_quoted_spans(value, source, start) if style == '"' else None
    if spans is None:
        spans = align(value, source, start, escapes=style == '"')
    return spans


_SIMPLE_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
    "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def unescape(piece: str) -> str | None:
    """The character a double-quoted YAML escape (``\\u200b``, ``\\"`` …) stands for."""
    if len(piece) == 2 and piece[0] == "\\" and piece[1] in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[piece[1]]
    width = _HEX_ESCAPES.get(piece[1:2])
    if piece[:1] == "\\" and width and len(piece) == 2 + width:
        try:
            return chr(int(piece[2:], 16))
        except ValueError:
            return None
    return None


def double_quoted_spans(value: str, source: str, base: int) -> list[tuple[int, int] | None] | None:
    """Exact spans for a double-quoted scalar: each escape is the span of its character.

    Folded line breaks have no span (no edit may touch them). Returns None unless the
    scalar read this way gives exactly ``value`` (then the caller falls back to align).
    """
    chars: list[str] = []
    spans: list[tuple[int, int] | None] = []
    i, n = 1, len(source)
    while i < n and source[i] != '"':
        c = source[i]
        if c == "\\":
            nxt = source[i + 1 : i + 2]
            width = _HEX_ESCAPES.get(nxt, 0)
            if nxt in ("\n", "\r"):  # escaped line break: it and the next indentation go
                i += 3 if source[i + 1 : i + 3] == "\r\n" else 2
                i = _fold(source, i, chars, spans, escaped=True)
                continue
            length = 2 + width
            ch = unescape(source[i : i + length])
            if ch is None:
                return None
            chars.append(ch)
            spans.append((base + i, base + i + length))
            i += length
        elif c in " \t\r\n":
            j = i
            while j < n and source[j] in " \t":
                j += 1
            if j < n and source[j] in "\r\n":
                i = _fold(source, j, chars, spans, escaped=False)
            else:
                chars += source[i:j]
                spans += [(base + k, base + k + 1) for k in range(i, j)]
                i = j
        else:
            chars.append(c)
            spans.append((base + i, base + i + 1))
            i += 1
    return spans if "".join(chars) == value else None


def _fold(
    source: str,
    i: int,
    chars: list[str],
    spans: list[tuple[int, int] | None],
    escaped: bool,
) -> int:
    """Line folding inside a double-quoted scalar, from the line break at ``i``."""
    breaks = 0
    if not escaped:
        i += 2 if source[i : i + 2] == "\r\n" else 1
    while True:
        while i < len(source) and source[i] in " \t":
            i += 1
        if i < len(source) and source[i] in "\r\n":
            i += 2 if source[i : i + 2] == "\r\n" else 1
            breaks += 1
            continue
        break
    folded = "\n" * breaks if breaks or escaped else " "
    chars += folded
    spans += [None] * len(folded)
    return i


def yaml_source(
    raw: bytes,
    name: str,
    path: Path | None,
    template_dirs: tuple[Path, ...] = (),
    defaults: Any = None,
) -> tuple[Source, list[Problem]]:
    """A report YAML: (source, load/validation problems); the document when it is valid.

    ``defaults`` (batch_work.Defaults: `check --defaults`, a manifest's ``defaults:``) are
    merged under the report as `batch` does; a problem in a value taken from them points
    at the defaults file.
    """
    from reportgen.core.load import decode, load_text
    from reportgen.errors import ReportgenError, TemplateError
    from reportgen.pipeline import prepare_loaded

    text, problems = decode(raw, name)
    src = Source(name, SourceKind.YAML, text)
    if text is None:
        return src, problems
    src.units = _yaml_units(text, name)
    taken: list[tuple[str, ...]] = []
    try:
        # Standard input is read like a file in the current directory (for a style path).
        where = path if path is not None else Path.cwd() / "stdin.report.yaml"
        loaded = load_text(text, name)
        if defaults is not None and isinstance(loaded.data, dict):
            from reportgen.batch.work import merge_defaults

            taken = merge_defaults(loaded.data, defaults.data)
            from reportgen.check.gate import defaults_units

            src.units += defaults_units(defaults, taken)
        prepared = prepare_loaded(loaded, where, template_dirs=template_dirs)
        src.document = prepared.document
        found = prepared.warnings
    except InputError as exc:
        found = exc.problems
    except ReportgenError as exc:
        # One report's broken template or unreadable side file must not stop the others.
        code = codes.TEMPLATE_ERROR if isinstance(exc, TemplateError) else codes.MISSING_STYLE_FILE
        problem = Problem.of(name, 0, 0, Level.ERROR, code, _message(exc))
        if exc.problem is not None:  # a coded error (I025, I036–I039) keeps its own code
            problem = replace(problem, code=exc.problem.code, name=exc.problem.name)
        found = [problem]
    if defaults is not None and taken:
        from reportgen.batch.work import _relocate

        return src, _relocate([replace(p, file=name) for p in found], taken, defaults)
    return src, [replace(p, file=name) for p in found]


def _message(exc: Exception) -> str:
    problem = getattr(exc, "problem", None)
    if problem is None:
        return str(exc)
    return f"{problem.file}：{problem.message}" if problem.file else str(problem.message)


def markdown_source(raw: bytes, name: str) -> Source:
    from reportgen.check.core import block_units
    from reportgen.core.load import decode
    from reportgen.read.markdown import read_markdown

    text, problems = decode(raw, name)
    if text is None:
        raise InputError(problems)
    document = read_markdown(text, name)
    units = block_units(document, LineIndex(text))
    return Source(name, SourceKind.MD, text, document, protect_markdown(text, units))


# Inline Markdown that is not prose: code spans, HTML tags, link targets, autolinks.
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
_NOT_PROSE = re.compile(r"<[A-Za-z/!][^<>\n]*>|\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def protect_markdown(text: str, units: list[TextUnit]) -> list[TextUnit]:
    """Units whose characters in code, HTML, link targets and front matter no edit touches.

    `--fix` must never rewrite ``reportgen check 报告,草稿`` written as code, a URL or a tag;
    text in a code span is not the report's prose and gets no finding either. Text in an
    indented code block (read as hand-indented report text) is checked but not fixed.
    """
    from markdown_it import MarkdownIt

    index = LineIndex(text)
    # A space either side of a code span belongs to the Markdown (运行 `x` 检查), not to T008.
    code: list[tuple[int, int]] = [
        (
            m.start() - (text[m.start() - 1 : m.start()] == " "),
            m.end() + (text[m.end() : m.end() + 1] == " "),
        )
        for m in _CODE_SPAN.finditer(text)
    ]
    other: list[tuple[int, int]] = [m.span() for m in _NOT_PROSE.finditer(text)]
    front = _FRONT_MATTER.match(text)
    if front:
        other.append(front.span())
    for tok in MarkdownIt("commonmark").enable("table").parse(text):
        if tok.type in ("fence", "code_block", "html_block") and tok.map is not None:
            start, end = index.offset(tok.map[0] + 1, 1), index.offset(tok.map[1] + 1, 1)
            (code if tok.type == "fence" else other).append((start, end))
    if not code and not other:
        return units

    def inside(ranges: list[tuple[int, int]], span: tuple[int, int]) -> bool:
        return any(a <= span[0] < b for a, b in ranges)

    out = []
    for unit in units:
        if unit.spans is None:
            out.append(unit)
            continue
        spans = list(unit.spans)
        skip = set()
        for i, span in enumerate(spans):
            if span is None:
                continue
            if inside(code, span):
                skip.add(i)
                spans[i] = None
            elif inside(other, span):
                spans[i] = None
        out.append(
            replace(unit, spans=spans, skip=frozenset(skip))
            if skip or spans != list(unit.spans)
            else unit
        )
    return out


def docx_source(raw: bytes, name: str) -> Source:
    from reportgen.check.core import block_units
    from reportgen.read.docx import read_docx

    document = read_docx(raw, name)
    return Source(name, SourceKind.DOCX, None, document, block_units(document, None))
