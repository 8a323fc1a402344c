"""`reportgen import`: a finished report (DOCX, Markdown, plain text) → a report YAML.

The readers in :mod:`reportgen.read` turn the file into the document model; then
``import_source`` drops pasted web-page junk, ``import_tree`` and ``import_parts`` rebuild
parts and items from the headings (``import_points`` finds the 一是…二是… points),
``import_guess`` recovers the metadata (kind, org, topic, period) from the title and
signature, and ``import_build`` puts together YAML that renders the same text again
(``import_notes`` words the warnings): blocks above 一、 (第一部分 …) become ``group`` on the
part that opens each, and a title or lead the kind generates from period as it stands is
left out, so that the next period's file only changes ``period`` (``import_next`` starts
that file: ``reportgen next``). Whatever is guessed carries a ``# 请核对`` comment
in the file and a warning on stderr.

Warning codes (all level ``warning``):

* M001 junk-dropped — a paragraph (or a tail of one) was scraped-page junk and is left out;
* M002 guessed — kind, org, topic or period was inferred and should be checked, or a date
  was corrected (二O二五年 → 二〇二五年);
* M003 placeholder — something required could not be found; a ``[请填写…]`` placeholder
  stands in its place;
* M004 numbering — the source's numbering differs from what the YAML will generate
  (a gap, a repeat, mixed families, a skipped level): the render is renumbered; or the
  number Word draws for a paragraph of its own list could not be worked out;
* M005 control-character — invisible control characters were removed;
* M006 layout — text whose layout the report format cannot keep (text above the title,
  a document without parts) was moved; the words are kept; a bold run-in heading sentence
  without 。 gets one;
* M007 invalid-output — the YAML written does not validate yet; the problems follow;
* M008 points — points written as paragraphs 一是…/二是…, as a list, or inline with other
  punctuation became ``points``: the render writes them ``一是……；二是……。`` in one paragraph;
* M009 table — a table could not be imported as it is: one above the first part heading
  (left out), a second table of an 一是/（1） item (left out), or a 合计 row that is not the
  sum of the rows (kept as a typed row). Other tables become ``table:`` entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportgen import codes
from reportgen.core.blocks import Document
from reportgen.importing.build import build_yaml
from reportgen.importing.guess import PLACEHOLDERS, recover_meta
from reportgen.importing.notes import Notes, join_clauses
from reportgen.importing.points import split_points
from reportgen.importing.source import SUFFIXES, read_for_import
from reportgen.importing.yaml_writer import dump, to_data
from reportgen.problem import Level, Problem

__all__ = ["SUFFIXES", "Imported", "import_file", "import_report", "recover_meta", "split_points"]


@dataclass
class Imported:
    """The YAML text of an imported report and what the user should know about it."""

    text: str
    document: Document
    warnings: list[Problem] = field(default_factory=list)
    kind: str = ""
    data: object = None  # what loading ``text`` gives back (for tests and callers)
    files: dict[str, bytes] = field(default_factory=dict)  # large tables' CSV files, by name


def import_report(
    path: Path,
    *,
    kind: str | None = None,
    table_stem: str = "",
    template_dirs: tuple[Path, ...] = (),
) -> Imported:
    """Read a finished report and return the YAML text that renders it again.

    ``template_dirs`` hold the user's kinds and roles (``--templates``): a report of such a
    kind is recognised exactly as one of the built-ins. Raises UsageError for an unsupported
    or unreadable file, InputError for an unknown ``kind`` or a file with no text at all.
    """
    from reportgen.genre.registry import using

    with using(template_dirs):
        return _import(path, kind, table_stem, template_dirs)


def _import(
    path: Path, kind: str | None, table_stem: str, template_dirs: tuple[Path, ...]
) -> Imported:
    from reportgen.errors import InputError, UsageError
    from reportgen.genre.registry import current

    genre = current()
    if kind and genre.kind(kind) is None:
        raise UsageError(f"没有名为“{kind}”的文种；见 reportgen kinds。")
    notes = Notes(str(path), table_stem)
    doc = read_for_import(path, notes)
    if not doc.blocks:
        empty = Problem.of(
            str(path), 0, 0, Level.ERROR, codes.NOTE_EMPTY_IMPORT, "文件里没有可导入的文字。"
        )
        raise InputError([empty])
    kind = kind or doc.declared_kind or None
    kept = list(notes.problems)
    root, kind_name, header = build_yaml(doc, notes, kind=kind, source_name=path.name)
    text = dump(root, header)
    errors = _errors(text, path, template_dirs)
    # A kind that asks for no part besides the work (工作总结 among the built-ins).
    work = {genre.roles.default}
    lenient = next((k for k in genre.kinds.values() if set(k.required_roles()) <= work), None)
    if (
        errors
        and not kind
        and all(p.code == codes.MISSING_PART.id for p in errors)
        and lenient is not None
        and kind_name != lenient.name
    ):
        # The guessed kind wants a part the report lacks; the lenient kind needs only work.
        # The outline rules are those `check` runs, so only a report it warns about (O002)
        # gets here, or one without part headings (it becomes one work part).
        basis = "按标题应为" if doc.title.strip() else "没有标题，默认为"
        messages = join_clauses(p.message for p in errors)
        note = f"{basis} {kind_name}，但{messages}，改按{lenient.spec.label}处理"
        notes.problems = kept
        notes.files = {}
        root, kind_name, header = build_yaml(
            doc, notes, kind=lenient.name, source_name=path.name, kind_note=note
        )
        text = dump(root, header)  # build_yaml has said why (M002) through kind_note
        errors = _errors(text, path, template_dirs)
    for p in errors:
        notes.add(
            0,
            0,
            codes.NOTE_INVALID_OUTPUT,
            f"导入结果还不能直接生成（{p.code} {p.path}）：{p.message}",
        )
    notes.problems.sort(key=Problem.sort_key)
    return Imported(text, doc, notes.problems, kind_name, to_data(root), notes.files)


def _errors(text: str, path: Path, template_dirs: tuple[Path, ...]) -> list[Problem]:
    """What would stop a render of the YAML ``text``: the validation errors, else the errors
    of the render gate's text rules (half-width punctuation, placeholders … kept from the
    original, which `check --fix` can mend)."""
    from reportgen.check.config import default_config
    from reportgen.check.gate import run_gate
    from reportgen.check.rules.placeholder import CODE as PLACEHOLDER_RULE
    from reportgen.core.load import load_text
    from reportgen.core.validate import validate

    loaded = load_text(text, str(path))
    _, problems = validate(loaded, template_dirs)
    errors = [p for p in problems if p.level is Level.ERROR]
    if errors:
        return errors
    gate = run_gate(
        None,
        default_config(),
        name=str(path),
        text=text,
        root=loaded.node,
        template_dirs=template_dirs,
    )
    # The importer's own stand-ins ([请填写发文机关] …) are announced by M003 already.
    data = loaded.data if isinstance(loaded.data, dict) else {}
    stand_ins = {k for k, v in data.items() if isinstance(v, str) and v in PLACEHOLDERS}
    return [p for p in gate.errors if not (p.code == PLACEHOLDER_RULE and p.path in stand_ins)]


def import_file(
    input_path: Path,
    output: Path | None,
    *,
    kind: str | None = None,
    force: bool = False,
    template_dirs: tuple[Path, ...] = (),
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
    stem = output.name.split(".")[0] if output is not None else ""
    result = import_report(input_path, kind=kind, table_stem=stem, template_dirs=template_dirs)
    if output is not None:
        for name in result.files:
            side = output.parent / name
            if side.exists() and not force:
                raise UsageError(f"{side} 已存在；如要覆盖请加 --force。")
        for name, data in result.files.items():
            atomic_write(output.parent / name, data, [input_path])
        atomic_write(output, result.text.encode("utf-8"), [input_path])
    return result
