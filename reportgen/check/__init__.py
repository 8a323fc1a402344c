"""The report checker: rules over the document model, configuration and output formats."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from reportgen.core.blocks import Document
    from reportgen.problem import Problem


def check_document(document: Document, template_dirs: tuple[Path, ...] = ()) -> list[Problem]:
    """Findings for a document in memory (used by `batch` for its summary)."""
    from reportgen.check.runner import check_document as run

    return run(document, template_dirs=template_dirs)
