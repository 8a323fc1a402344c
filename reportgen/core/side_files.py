"""The files a report names besides itself — its ``style:`` file, attachments' ``file:``,
tables' ``file:`` — resolved and read while validating, so one run lists their problems
together with the schema's instead of one fix-and-rerun round each.

It works on the loaded data (not the validated model), so a missing style file is reported
even when a field elsewhere is misspelt. The rows it reads are kept for the table builder,
and the style profile for the renderer: nothing is read twice.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen import codes
from reportgen.core.load import Loaded, Path_, load_file
from reportgen.errors import InputError, UsageError
from reportgen.problem import Level, Problem

if TYPE_CHECKING:
    from reportgen.core.style import StyleProfile
    from reportgen.tables.source import SourceCell

ALLOW_STYLE_OUTSIDE = "REPORTGEN_ALLOW_STYLE_OUTSIDE"

# (resolved path, sheet, range) → the file's non-empty rows, header first
TableKey = tuple[Path, str | None, str | None]
Grids = dict[TableKey, list[list["SourceCell"]]]


@dataclass
class SideFiles:
    """What the side files gave: their problems, the style profile and the tables' rows."""

    problems: list[Problem] = field(default_factory=list)
    style: StyleProfile | None = None
    style_path: Path | None = None
    grids: Grids = field(default_factory=dict)

    @property
    def data_files(self) -> list[Path]:
        return sorted({key[0] for key in self.grids})


def style_outside_allowed() -> bool:
    return os.environ.get(ALLOW_STYLE_OUTSIDE, "") not in ("", "0")


def confine(value: str, root: Path, what: str, field_name: str) -> tuple[Path, str | None]:
    """``value`` resolved against the folder ``root`` (symlinks followed), and, when it leads
    outside ``root``'s tree, why it may not be read (I038) — unless the environment says
    REPORTGEN_ALLOW_STYLE_OUTSIDE=1. Checked before reading, so no message ever shows a
    line of a file the user did not mean to give."""
    path = (root / value).resolve()
    if style_outside_allowed() or path.is_relative_to(root.resolve()):
        return path, None
    return path, (
        f"{what} {path} 不在 {root} 里；{field_name} 只能指向写它的文件所在目录（及其子目录）中的{what}。"
        f"确实要用这个文件，请设置环境变量 {ALLOW_STYLE_OUTSIDE}=1，或把它复制到报告旁边。"
    )


def style_file(value: str, root: Path) -> tuple[Path, tuple[codes.Code, str] | None]:
    """The style file ``value`` names (relative to the folder ``root``), and, when it may not
    be read, the problem to report (code, message): outside ``root``'s folder tree
    (I038) or not a file (I024)."""
    path, outside = confine(value, root, "版式文件", "style:")
    if outside is not None:
        return path, (codes.OUTSIDE_FOLDER, outside)
    if not path.is_file():
        message = f"找不到版式文件 {path}（相对于报告文件所在的目录）。"
        return path, (codes.MISSING_STYLE_FILE, message)
    return path, None


def read_style(path: Path) -> tuple[StyleProfile | None, list[Problem]]:
    """The style profile in the file ``path`` (already allowed by :func:`style_file`), or the
    problems of that file, each at its own line and column."""
    from pydantic import ValidationError

    from reportgen.core.style import StyleProfile

    loaded = load_file(path)
    if loaded.problems:
        return None, loaded.problems
    try:
        return StyleProfile.model_validate(loaded.data), []
    except ValidationError as exc:
        from reportgen.core.validate import translate_errors

        return None, translate_errors(exc, loaded, StyleProfile)


def resolve_side_files(loaded: Loaded, base: Path, style_root: Path | None = None) -> SideFiles:
    """Every side file of the loaded report, paths relative to the folder ``base``; a style
    file must lie inside ``style_root`` (default ``base``), a table's file inside ``base``."""
    out = SideFiles()
    data = loaded.data
    if not isinstance(data, dict):
        return out
    style = data.get("style")
    if isinstance(style, str):
        path, refused = style_file(style, style_root or base)
        if refused is not None:
            out.problems.append(loaded.problem(("style",), *refused))
        else:
            out.style, found = read_style(path)
            out.style_path = path
            out.problems += found
    attachments = data.get("attachments")
    if isinstance(attachments, list):
        for i, entry in enumerate(attachments):
            if isinstance(entry, dict) and isinstance(entry.get("file"), str):
                out.problems += attachment_problems(
                    loaded, ("attachments", i, "file"), base, entry["file"]
                )
    for where, spec in _table_files(data, ()):
        out.problems += _read_table(loaded, where, spec, base, out.grids)
    return out


def attachment_problems(loaded: Loaded, path: Path_, base: Path, name: str) -> list[Problem]:
    """An attachment's ``file:``: not a readable .md/.txt/.docx file (I054), outside the
    report's folder (I044, confined like the other side files), a .docx that cannot be used
    (I040) or whose pictures are left out (I041, a warning)."""
    from reportgen.core.attachment_file import AttachmentFileError, read_docx_attachment
    from reportgen.core.validate_gongwen import ATTACHMENT_SUFFIXES

    target = base / name
    why = ""
    if target.suffix.lower() not in ATTACHMENT_SUFFIXES:
        why = f"只能附 .md、.txt 或 .docx 文件，“{name}”不是"
    elif (outside := confine(name, base, "附件文件", "附件的 file")[1]) is not None:
        return [loaded.problem(path, codes.ATTACHMENT_FILE_OUTSIDE, outside)]
    elif not target.is_file():
        why = f"找不到附件文件“{name}”（相对于报告文件所在的文件夹）"
    elif target.suffix.lower() == ".docx":
        try:
            content = read_docx_attachment(target)
        except AttachmentFileError as exc:
            return [loaded.problem(path, exc.code, exc.message)]
        if content.dropped:
            return [
                loaded.problem(
                    path,
                    codes.ATTACHMENT_DOCX_DROPPED,
                    f"附件文件“{name}”中的 {content.dropped} 处图片、图表、文本框或嵌入对象没有附上"
                    "（只附文字段落和表格）；需要时请在生成的文件中手工插入，或把附件另行报送。",
                    level=Level.WARNING,
                )
            ]
    else:
        try:
            target.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            why = (
                f"附件文件“{name}”无法读取（{getattr(exc, 'strerror', None) or '不是 UTF-8 文本'}）"
            )
    if not why:
        return []
    return [loaded.problem(path, codes.ATTACHMENT_FILE, why + "。")]


def _table_files(value: Any, path: Path_) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """Every ``table: {file: {path: …}}`` in the data, wherever the schema allows a table
    (the schema itself reports a table in the wrong place)."""
    if isinstance(value, dict):
        for key, sub in value.items():
            if key == "table" and isinstance(sub, dict):
                spec = sub.get("file")
                if isinstance(spec, dict) and isinstance(spec.get("path"), str):
                    yield (*path, "table", "file"), spec
            yield from _table_files(sub, (*path, str(key)))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _table_files(sub, (*path, i))


def _read_table(
    loaded: Loaded, where: Path_, spec: dict[str, Any], base: Path, grids: Grids
) -> list[Problem]:
    from reportgen.tables.source import SourceError, read_rows

    file_path, outside = confine(spec["path"], base, "表格文件", "表格的 file.path")
    if outside is not None:
        return [loaded.problem((*where, "path"), codes.OUTSIDE_FOLDER, outside)]
    sheet, cells = spec.get("sheet"), spec.get("range")
    if not isinstance(sheet, str | None) or not isinstance(cells, str | None):
        return []  # the schema says what is wrong with them
    key = (file_path, sheet, cells)
    if key in grids:
        return []
    try:
        grid = read_rows(file_path, sheet, cells)
    except SourceError as exc:
        return [loaded.problem(where, exc.code, str(exc))]
    except (InputError, UsageError) as exc:  # e.g. an unreadable file
        return [loaded.problem(where, codes.TABLE_FILE, _said(exc))]
    if not grid:
        return [loaded.problem(where, codes.TABLE_FILE, f"表格文件 {spec['path']} 是空的。")]
    grids[key] = grid
    return []


def _said(exc: InputError | UsageError) -> str:
    if isinstance(exc, InputError):
        return "；".join(p.message for p in exc.problems)
    return str(exc)


def reference_doc_problems(path: Path | None) -> list[Problem]:
    """``--reference-doc``: missing (I034), not a .docx (I020) or too large (I021) — found
    while validating, listed with the report's own problems."""
    if path is None:
        return []
    if not path.is_file():
        return [
            Problem.of(
                str(path),
                0,
                0,
                Level.ERROR,
                codes.MISSING_REFERENCE_DOC,
                f"找不到参考文档 {path}（--reference-doc）。",
            )
        ]
    from reportgen.core.docx_archive import vet_docx
    from reportgen.core.reading import ZIP_ENV, read_file, zip_limits

    try:
        data = read_file(path, zip_limits().file, ZIP_ENV, what="参考文档")
        vet_docx(
            data,
            str(path),
            what="参考文档",
            bad=codes.BAD_REFERENCE_DOC,
            too_large=codes.REFERENCE_DOC_TOO_LARGE,
        )
    except InputError as exc:
        return exc.problems
    except UsageError as exc:  # a directory, a device, no permission
        return [Problem.of(str(path), 0, 0, Level.ERROR, codes.BAD_REFERENCE_DOC, str(exc))]
    return []
