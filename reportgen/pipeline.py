"""The library entry points behind `reportgen render`: load → validate → build → render → write.

Each function takes the same parameters as the command, so the CLI stays a thin shell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen.core.blocks import Document, Origin
from reportgen.core.load import Loaded, load_file

# Re-exported (their old home): the style file's rules live with the other side files.
from reportgen.core.side_files import ALLOW_STYLE_OUTSIDE as ALLOW_STYLE_OUTSIDE
from reportgen.core.side_files import style_file as style_file
from reportgen.core.side_files import style_outside_allowed as style_outside_allowed
from reportgen.errors import InputError, UsageError
from reportgen.problem import Level, Problem, error
from reportgen.render.formats import FORMATS, Look, RenderOptions, for_path, suffix_list

if TYPE_CHECKING:
    from reportgen.check.config import Config
    from reportgen.check.gate import Gate
    from reportgen.core.model import Report
    from reportgen.core.side_files import Grids
    from reportgen.core.style import StyleProfile

Format = str  # a name in the format registry (reportgen.render.formats)


@dataclass
class Prepared:
    """A report ready for any back-end, with the warnings found on the way."""

    document: Document
    style: StyleProfile | None = None
    warnings: list[Problem] = field(default_factory=list)
    style_path: Path | None = None  # the style file it read, if any (never to be overwritten)
    report: Report | None = None  # the validated report it was built from
    data_files: list[Path] = field(default_factory=list)  # tables' CSV/XLSX files it read


def format_for(output: Path | None, requested: str | None) -> Format:
    """The format asked for (``--format``) or named by the output's file ending."""
    if requested:
        if requested not in FORMATS:
            raise UsageError(f"不支持的格式“{requested}”；可选：{'、'.join(FORMATS)}。")
        implied = for_path(output) if output is not None else None
        if output is not None and implied is not None and implied.name != requested:
            raise UsageError(
                f"--format {requested} 与输出文件名 {output.name} 不一致（它是 .{implied.name} 文件）；请改正其中一个。"
            )
        return requested
    if output is None:
        return "md"
    fmt = for_path(output)
    if fmt is None:
        raise UsageError(
            f"无法从文件名 {output.name} 判断输出格式；请用 {suffix_list()} 结尾，或加 --format。"
        )
    return fmt.name


def locate_in(loaded: Loaded) -> Callable[[tuple[str | int, ...]], Origin]:
    def locate(path: tuple[str | int, ...]) -> Origin:
        from reportgen.core.load import format_path

        line, col = loaded.position(path)
        return Origin(line, col, format_path(path))

    return locate


def load_style(value: object, report_path: Path) -> StyleProfile | None:
    """A style profile given in place, as a mapping, or as a file path relative to (and inside)
    the folder of ``report_path``."""
    from reportgen.core.side_files import read_style
    from reportgen.core.style import StyleProfile

    if value is None or isinstance(value, StyleProfile):
        return value
    if isinstance(value, dict):
        # Already validated where it was written (a report's or the defaults' style:).
        return StyleProfile.model_validate(value)
    path, refused = style_file(str(value), report_path.parent)
    if refused is not None:
        raise InputError([error(str(report_path), 0, 0, *refused)])
    style, problems = read_style(path)
    if style is None:
        raise InputError(problems)
    return style


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
    style_root: Path | None = None,
    extra: Sequence[Problem] = (),
) -> Prepared:
    """The same for a report already loaded (standard input, a batch's merged data).

    ``path`` names the report: its side files (style, attachments, tables' data) are looked
    for beside it, and a style file must be inside ``style_root`` (default: the report's
    folder; a batch's shared style: its file's folder). ``extra`` holds problems found
    before (a ``--reference-doc``'s), listed with the report's own. The report is read in
    the genre of ``template_dirs`` (their kinds and roles).
    """
    from reportgen.genre.registry import using

    with using(template_dirs):
        return _prepare_loaded(loaded, path, kind, template_dirs, style_root, extra)


def _prepare_loaded(
    loaded: Loaded,
    path: Path,
    kind: str | None,
    template_dirs: tuple[Path, ...],
    style_root: Path | None,
    extra: Sequence[Problem],
) -> Prepared:
    from reportgen.core.document import build_document
    from reportgen.core.side_files import resolve_side_files
    from reportgen.core.validate import resolve_roles, validate_report
    from reportgen.genre.registry import load_kind

    if kind and isinstance(loaded.data, dict):
        loaded.data["kind"] = kind
    checked = validate_report(loaded, template_dirs)
    report = checked.report
    # The side files are read whatever the schema found: one run lists every problem.
    side = resolve_side_files(loaded, path.parent, style_root or path.parent)
    problems = sorted(checked.problems + side.problems + list(extra), key=Problem.sort_key)
    if report is None or any(p.level is Level.ERROR for p in problems):
        raise InputError(problems)
    kind_obj = load_kind(report.kind, template_dirs)
    assert kind_obj is not None  # validate() reported an unknown kind
    tables, cited = _tables(report, loaded, path, side.grids)
    # Validation built the document for the outline rules; only tables (and the citations
    # filled in with them) change it.
    document = checked.document
    if document is None or tables or cited:
        document = build_document(
            report,
            kind_obj,
            resolve_roles(report),
            source=loaded.source,
            locate=locate_in(loaded),
            template_dirs=template_dirs,
            tables=tables,
        )
    style = side.style if side.style_path else load_style(report.style, path)
    warnings = [p for p in problems if p.level is Level.WARNING]
    return Prepared(document, style, warnings, side.style_path, report, side.data_files)


def _tables(
    report: Report, loaded: Loaded, path: Path, grids: Grids
) -> tuple[dict[tuple[str | int, ...], Any], bool]:
    """The report's tables computed (files read beside ``path``) and its citations of them
    filled in (and whether there were any); InputError lists every problem in either."""
    from reportgen.core.citations import cite_report
    from reportgen.tables.build import compute_tables

    tables, problems = compute_tables(report, loaded, path.parent, grids)
    cited = not any(p.level is Level.ERROR for p in problems) and _has_mark(loaded.data)
    if cited:
        problems += cite_report(report, list(tables.values()), loaded)
    if problems:
        raise InputError(sorted(problems, key=Problem.sort_key))
    return tables, cited


def _has_mark(data: object) -> bool:
    """Whether any text of the loaded data holds ``{{`` (a citation): most reports have none,
    and this check costs 0.15 ms where walking the validated model costs 0.8 ms."""
    import json

    return "{{" in json.dumps(data, ensure_ascii=False, default=str)


def render_bytes(
    prepared: Prepared,
    fmt: Format,
    *,
    template_dirs: tuple[Path, ...] = (),
    reference_doc: Path | None = None,
    html_look: Look = Look.WEB,
    draft: str | None = None,
    reference_styles: bool = False,
) -> bytes:
    """The report in ``fmt``; ``draft`` (a note) marks it visibly as a draft. Rendered in
    the genre of ``template_dirs`` (the kind named in the output, the title's line breaks)."""
    from reportgen.genre.registry import using

    options = RenderOptions(template_dirs, reference_doc, reference_styles, html_look, draft)
    with using(template_dirs):
        return FORMATS[fmt].make(prepared, options)


def draft_note(errors: int) -> str:
    """The line a draft carries at its top."""
    return f"草稿：还有 {errors} 个问题没有改正，不能作为正式文件报送"


def render_file(
    input_path: Path,
    output: Path | None,
    *,
    fmt: str | None = None,
    kind: str | None = None,
    template_dirs: tuple[Path, ...] = (),
    reference_doc: Path | None = None,
    config: Config | None = None,
    draft: bool = False,
    defaults: Path | None = None,
    roster: tuple[Path, int] | None = None,
    html_look: Look = Look.WEB,
    reference_styles: bool = False,
) -> tuple[bytes, Prepared, Gate]:
    """Render one report; writes ``output`` atomically (None: return the bytes only).

    The check rules run on the document first (the gate, levels from ``config``): an error
    raises :class:`GateError` and nothing is written, unless ``draft`` asks for a draft,
    which is then marked as one.
    """
    from reportgen.check.config import default_config
    from reportgen.check.gate import GateError, advice, run_gate, with_text_findings
    from reportgen.core.load import load_bytes, read_input
    from reportgen.output import atomic_write, guard_inputs

    chosen = format_for(output, fmt)
    inputs = [input_path, *([reference_doc] if reference_doc else [])]
    if output is not None:
        guard_inputs(output, inputs)
    from reportgen.core.side_files import reference_doc_problems

    found = reference_doc_problems(reference_doc)
    if defaults is not None or roster is not None:
        prepared, gate = _prepare_shared(
            input_path, kind, template_dirs, config or default_config(), defaults, roster, found
        )
        inputs += [p for p in (defaults, roster[0] if roster else None) if p is not None]
    else:
        loaded = load_bytes(read_input(input_path), str(input_path))
        try:
            prepared = prepare_loaded(
                loaded, input_path, kind=kind, template_dirs=template_dirs, extra=found
            )
        except InputError as exc:
            raise with_text_findings(
                exc,
                config or default_config(),
                name=str(input_path),
                text=loaded.text,
                root=loaded.node,
                template_dirs=template_dirs,
            ) from None
        gate = run_gate(
            prepared.document,
            config or default_config(),
            name=str(input_path),
            text=loaded.text,
            root=loaded.node,
            template_dirs=template_dirs,
        )
    if gate.errors and not draft:
        raise GateError(
            prepared.warnings + gate.problems, advice(gate, str(input_path), draft=False)
        )
    if prepared.style_path is not None:
        inputs.append(prepared.style_path)
    inputs += prepared.data_files  # an output never overwrites a table's data file
    note = draft_note(len(gate.errors)) if draft and gate.errors else None
    data = render_bytes(
        prepared,
        chosen,
        template_dirs=template_dirs,
        reference_doc=reference_doc,
        html_look=html_look,
        draft=note,
        reference_styles=reference_styles,
    )
    if output is not None:
        atomic_write(output, data, inputs)
    return data, prepared, gate


def _prepare_shared(
    input_path: Path,
    kind: str | None,
    template_dirs: tuple[Path, ...],
    config: Config,
    defaults: Path | None,
    roster: tuple[Path, int] | None,
    extra: Sequence[Problem] = (),
) -> tuple[Prepared, Gate]:
    """One report as `batch` builds it: the shared defaults under it, a roster row filled in."""
    from reportgen.batch.work import (
        Defaults,
        Job,
        RunContext,
        _relocate,
        gate_job,
        load_merged,
        style_root,
    )
    from reportgen.check.batchwise import load_shared, roster_row

    shared = load_shared(defaults) or Defaults()
    if roster is not None:
        job = roster_row(input_path, roster[0], roster[1], shared)
    else:
        job = Job(0, input_path, str(input_path), input_path.stem)
    context = RunContext(shared, kind, template_dirs, config=config)
    loaded, taken, problems, _ = load_merged(job, context)
    try:
        prepared = prepare_loaded(
            loaded,
            input_path,
            template_dirs=template_dirs,
            style_root=style_root(context, taken),
            extra=extra,
        )
    except InputError as exc:
        raise InputError(_relocate(problems + exc.problems, taken, shared)) from None
    if any(p.level is Level.ERROR for p in problems):
        raise InputError(_relocate(problems, taken, shared))
    prepared.warnings = _relocate(problems + prepared.warnings, taken, shared)
    return prepared, gate_job(job, loaded, prepared, context, taken)
