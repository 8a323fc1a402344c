"""The library entry points behind `reportgen render`: load → validate → build → render → write.

Each function takes the same parameters as the command, so the CLI stays a thin shell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reportgen.blocks import Document, Origin
from reportgen.errors import InputError, UsageError
from reportgen.load import Loaded, load_file
from reportgen.problem import Level, Problem

if TYPE_CHECKING:
    from reportgen.model import Report
    from reportgen.style import StyleProfile

Format = Literal["md", "docx", "pdf"]
FORMATS: tuple[Format, ...] = ("md", "docx", "pdf")
_SUFFIXES: dict[str, Format] = {".md": "md", ".markdown": "md", ".docx": "docx", ".pdf": "pdf"}


@dataclass
class Prepared:
    """A report ready for any back-end, with the warnings found on the way."""

    document: Document
    style: StyleProfile | None = None
    warnings: list[Problem] = field(default_factory=list)
    style_path: Path | None = None  # the style file it read, if any (never to be overwritten)
    report: Report | None = None  # the validated report it was built from


def format_for(output: Path | None, requested: str | None) -> Format:
    if requested:
        if requested not in FORMATS:
            raise UsageError(f"不支持的格式“{requested}”；可选：{'、'.join(FORMATS)}。")
        implied = _SUFFIXES.get(output.suffix.lower()) if output is not None else None
        if implied is not None and implied != requested:
            raise UsageError(
                f"--format {requested} 与输出文件名 {output.name} 不一致（它是 .{implied} 文件）；请改正其中一个。"  # type: ignore[union-attr]
            )
        return requested
    if output is None:
        return "md"
    fmt = _SUFFIXES.get(output.suffix.lower())
    if fmt is None:
        raise UsageError(
            f"无法从文件名 {output.name} 判断输出格式；请用 .md、.docx 或 .pdf 结尾，或加 --format。"
        )
    return fmt


def locate_in(loaded: Loaded) -> Callable[[tuple[str | int, ...]], Origin]:
    def locate(path: tuple[str | int, ...]) -> Origin:
        from reportgen.load import format_path

        line, col = loaded.position(path)
        return Origin(line, col, format_path(path))

    return locate


def load_style(value: object, report_path: Path) -> StyleProfile | None:
    """A style profile given in place, as a mapping, or as a file path relative to ``report_path``."""
    from pydantic import ValidationError

    from reportgen.style import StyleProfile

    if value is None or isinstance(value, StyleProfile):
        return value
    if isinstance(value, dict):
        # Already validated where it was written (a report's or the defaults' style:).
        return StyleProfile.model_validate(value)
    path = (report_path.parent / str(value)).resolve()
    loaded = load_file(path)
    if loaded.problems:
        raise InputError(loaded.problems)
    try:
        return StyleProfile.model_validate(loaded.data)
    except ValidationError as exc:
        from reportgen.validate import translate_errors

        raise InputError(translate_errors(exc, loaded, StyleProfile)) from None


def prepare(
    path: Path, *, kind: str | None = None, template_dirs: tuple[Path, ...] = ()
) -> Prepared:
    """Load and validate a report file and build its document; InputError lists every problem."""
    return prepare_loaded(load_file(path), path, kind=kind, template_dirs=template_dirs)


def prepare_loaded(
    loaded: Loaded,
    path: Path,
    *,
    kind: str | None = None,
    template_dirs: tuple[Path, ...] = (),
) -> Prepared:
    """The same for a report already loaded (standard input, a batch's merged data).

    ``path`` names the report: a style file is looked for beside it.
    """
    from reportgen.document import build_document
    from reportgen.outline import load_kind
    from reportgen.validate import resolve_roles, validate

    if kind and isinstance(loaded.data, dict):
        loaded.data["kind"] = kind
    report, problems = validate(loaded, template_dirs)
    if report is None:
        raise InputError(problems)
    kind_obj = load_kind(report.kind, template_dirs)
    assert kind_obj is not None  # validate() reported an unknown kind
    document = build_document(
        report,
        kind_obj,
        resolve_roles(report),
        source=loaded.source,
        locate=locate_in(loaded),
        template_dirs=template_dirs,
    )
    style_path = None
    if isinstance(report.style, str):
        style_path = (path.parent / report.style).resolve()
        if not style_path.is_file():
            raise InputError(
                [
                    loaded.problem(
                        ("style",),
                        "I024",
                        "missing-style-file",
                        f"找不到版式文件 {style_path}（相对于报告文件所在的目录）。",
                    )
                ]
            )
    style = load_style(report.style, path)
    warnings = [p for p in problems if p.level is Level.WARNING]
    return Prepared(document, style, warnings, style_path, report)


def render_bytes(
    prepared: Prepared,
    fmt: Format,
    *,
    template_dirs: tuple[Path, ...] = (),
    reference_doc: Path | None = None,
    reference_styles: bool = False,
) -> bytes:
    if fmt == "md":
        from reportgen.render.markdown import render_markdown

        return render_markdown(prepared.document, template_dirs).encode("utf-8")
    from reportgen.render.docx import render_docx

    docx = render_docx(prepared.document, prepared.style, reference_doc, reference_styles)
    if reference_doc is not None:
        prepared.warnings += _reference_warnings(prepared, reference_doc, reference_styles)
    if fmt == "docx":
        return docx
    return _pdf_from_docx(docx)


def _reference_warnings(
    prepared: Prepared, reference_doc: Path, reference_styles: bool
) -> list[Problem]:
    """What the reference document gave, and a 红头 it could not place (I057)."""
    from reportgen.render.docx import reference_notes

    return [
        Problem(str(reference_doc), 0, 0, Level.WARNING, "I057", "reference-doc", note)
        for note in reference_notes(prepared.style, reference_doc, reference_styles)
    ]


def _pdf_from_docx(docx: bytes) -> bytes:
    import tempfile

    from reportgen.render.pdf import docx_to_pdf

    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as tmp:
        source = Path(tmp) / "report.docx"
        source.write_bytes(docx)
        (pdf,) = docx_to_pdf([source], Path(tmp))
        return pdf.read_bytes()


def render_file(
    input_path: Path,
    output: Path | None,
    *,
    fmt: str | None = None,
    kind: str | None = None,
    template_dirs: tuple[Path, ...] = (),
    reference_doc: Path | None = None,
    reference_styles: bool = False,
) -> tuple[bytes, Prepared]:
    """Render one report; writes ``output`` atomically (None: return the bytes only)."""
    from reportgen.output import atomic_write, guard_inputs

    chosen = format_for(output, fmt)
    inputs = [input_path, *([reference_doc] if reference_doc else [])]
    if output is not None:
        guard_inputs(output, inputs)
    if reference_doc is not None and not reference_doc.is_file():
        raise UsageError(f"找不到参考文档：{reference_doc}")
    prepared = prepare(input_path, kind=kind, template_dirs=template_dirs)
    if prepared.style_path is not None:
        inputs.append(prepared.style_path)
    data = render_bytes(
        prepared,
        chosen,
        template_dirs=template_dirs,
        reference_doc=reference_doc,
        reference_styles=reference_styles,
    )
    if output is not None:
        atomic_write(output, data, inputs)
    return data, prepared
