"""The outline of a report YAML: its parts' roles, and the outline rules run on the document
it builds (I016, I017, I019 at the YAML node to edit), for validation.

The roles are worked out as `check` reads them in a finished report (written, else named by
the heading, else by the block line above, else work; then settled by position), so that a
report and its render get the same findings.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from reportgen.core.blocks import Document, Origin
from reportgen.core.load import Loaded, format_path
from reportgen.core.model import Report
from reportgen.problem import Problem


def part_roles(parts: object, kind: str = "") -> list[str]:
    """Each part's role: as written, else named by its heading, else by the block above it
    (第二部分　下一步工作打算), else work (a topical part); then its position settles a weak
    问题/隐患 heading before a work part as a theme. As `check` reads a finished report."""
    from reportgen.genre.registry import default_role, infer_role, role_ids, settle_roles

    known = role_ids()
    roles = []
    headings = []
    written: set[int] = set()
    group_role = ""  # the role the current block's line names, if any
    listed = parts if isinstance(parts, list) else []
    for k, part in enumerate(p for p in listed if isinstance(p, dict)):
        role = part.get("role")
        heading = str(part.get("heading") or "")
        if part.get("group"):
            group_role = infer_role(str(part["group"])) or ""
        headings.append(heading)
        if role in known:
            written.add(k)
        roles.append(role if role in known else infer_role(heading) or group_role or default_role())
    return settle_roles(headings, roles, kind, written)


def resolve_roles(report: Report) -> list[str]:
    parts = [{"role": p.role, "heading": p.heading, "group": p.group} for p in report.parts]
    return part_roles(parts, report.kind)


def _unreadable_attachment(report: Report, loaded: Loaded) -> bool:
    """Whether an attachment's ``file`` is one the document may not read (I054)."""
    from reportgen.core.model import Attachment
    from reportgen.core.side_files import attachment_problems

    base = Path(loaded.source).parent if loaded.source and loaded.source != "-" else Path(".")
    return any(
        attachment_problems(loaded, (), base, a.file)
        for a in report.attachments
        if isinstance(a, Attachment) and a.file
    )


def outline_problems(
    report: Report, loaded: Loaded, template_dirs: tuple[Path, ...]
) -> tuple[Document | None, list[Problem]]:
    """The report's document (built without its tables, which are computed later) and the
    outline rules' findings on it (I016, I017, I019), positioned at the YAML node to edit."""
    from reportgen.core.document import build_document
    from reportgen.errors import TemplateError
    from reportgen.genre.registry import load_kind
    from reportgen.outline.report import yaml_problems

    kind = load_kind(report.kind, template_dirs)
    if kind is None:
        return None, []  # reported as I015
    if _unreadable_attachment(report, loaded):
        return None, []  # I054; the document would read the file (a FIFO would block)
    try:
        document = build_document(
            report,
            kind,
            resolve_roles(report),
            source=loaded.source,
            locate=lambda path: Origin(*loaded.position(path), format_path(path)),
            template_dirs=template_dirs,
        )
    except TemplateError:
        return None, []  # a broken formula in a user's kind: the render reports it
    return document, yaml_problems(document, kind, loaded)


# Fields the outline rules read: with an error in one of them, they have nothing to go on.
_OUTLINE_FIELDS = {"kind", "parts", "lead", "closing", "attachments"}
# Stand-ins for required fields whose error is reported already; they only fill in the
# title and lead formulas of the document the outline rules look at.
_STAND_INS = {"org": "单位", "topic": "工作", "period": "2024"}


def outline_despite(
    exc: ValidationError, loaded: Loaded, template_dirs: tuple[Path, ...]
) -> list[Problem]:
    """The outline problems of a report with schema errors elsewhere (a bad date, a typo in
    a field name), so that a missing part is listed with them rather than after the fix."""
    bad = {str(e["loc"][0]) if e["loc"] else "" for e in exc.errors(include_url=False)}
    if "" in bad or bad & _OUTLINE_FIELDS or not isinstance(loaded.data, dict):
        return []
    data = {k: v for k, v in loaded.data.items() if k not in bad}
    data.update({k: v for k, v in _STAND_INS.items() if k not in data})
    try:
        report = Report.model_validate(data)
    except ValidationError:
        return []
    return outline_problems(report, loaded, template_dirs)[1]
