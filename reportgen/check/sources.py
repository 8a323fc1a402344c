"""Files → :class:`Source`: the document model plus the text units rules check.

A ``.report.yaml`` is run through the real pipeline (``prepare``): its load and validation
problems (I001–I019) are findings, and when it is valid the rules check its document with
positions in the YAML. Text rules check the YAML strings themselves, so a finding points
at the very character in the file and ``--fix`` can edit it there.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from reportgen.check.core import LineIndex, Source, TextUnit, align
from reportgen.errors import InputError
from reportgen.load import format_path
from reportgen.problem import Problem

# YAML fields whose strings are not report text (names, options, dates normalised by the model).
_NOT_TEXT = {"kind", "role", "numbering", "style", "run_in", "seal", "date", "self_name"}


def _yaml_units(text: str, source: str) -> list[TextUnit]:
    import yaml

    from reportgen.load import _Loader

    try:
        root = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError):
        return []
    index = LineIndex(text)
    units: list[TextUnit] = []

    def visit(node: Any, path: tuple[str | int, ...], depth: int) -> None:
        if depth > 64:
            return
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    visit(value, (*path, str(key.value)), depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, child in enumerate(node.value):
                visit(child, (*path, i), depth + 1)
        elif isinstance(node, yaml.ScalarNode) and node.value:
            field = next((p for p in reversed(path) if isinstance(p, str)), "")
            if field in _NOT_TEXT or not node.tag.endswith(":str"):
                return
            start = index.offset(node.start_mark.line + 1, node.start_mark.column + 1)
            end = index.offset(node.end_mark.line + 1, node.end_mark.column + 1)
            value = node.value
            if node.style in (None, "", ">") and node.start_mark.line != node.end_mark.line:
                from reportgen.load import _FOLD_SPACE

                value = _FOLD_SPACE.sub("", value)
            spans = align(value, text[start:end], start, escapes=node.style == '"')
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            units.append(
                TextUnit(
                    value,
                    line,
                    col,
                    path=format_path(path),
                    field=field,
                    spans=spans,
                    index=index,
                )
            )

    if root is not None:
        visit(root, (), 0)
    return units


def yaml_source(raw: bytes, name: str, path: Path | None) -> tuple[Source, list[Problem]]:
    """A report YAML: (source, load/validation problems); the document when it is valid."""
    from reportgen.load import decode
    from reportgen.pipeline import prepare

    text, problems = decode(raw, name)
    src = Source(name, "yaml", text)
    if text is None:
        return src, problems
    src.units = _yaml_units(text, name)
    try:
        if path is not None:
            prepared = prepare(path)
        else:  # stdin: the pipeline reads files
            with tempfile.TemporaryDirectory(prefix="reportgen-check-") as tmp:
                tmp_path = Path(tmp) / "stdin.report.yaml"
                tmp_path.write_bytes(raw)
                prepared = prepare(tmp_path)
                prepared.document.source = name
        src.document = prepared.document
        found = prepared.warnings
    except InputError as exc:
        found = exc.problems
    return src, [replace(p, file=name) for p in found]


def markdown_source(raw: bytes, name: str) -> Source:
    from reportgen.check.core import block_units
    from reportgen.load import decode
    from reportgen.read.markdown import read_markdown

    text, problems = decode(raw, name)
    if text is None:
        raise InputError(problems)
    document = read_markdown(text, name)
    return Source(name, "md", text, document, block_units(document, LineIndex(text)))


def docx_source(raw: bytes, name: str) -> Source:
    from reportgen.check.core import block_units
    from reportgen.read.docx import read_docx

    document = read_docx(raw, name)
    return Source(name, "docx", None, document, block_units(document, None))
