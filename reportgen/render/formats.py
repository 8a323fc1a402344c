"""The output formats: one registry line per format, read by the CLI's choices, `render`,
`batch` and the roll-up.

Each line names the module that makes the format; that module defines
``make(prepared, options) -> bytes`` (the :class:`Renderer` Protocol) and is imported only
when the format is asked for, so choosing Markdown never imports python-docx. Adding a
format is one module with ``make`` plus one line here; tests/render/test_formats.py fails
when a module under render/ defines ``make`` and is not registered.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from reportgen.enums import StrEnum

if TYPE_CHECKING:
    from reportgen.pipeline import Prepared

    class Renderer(Protocol):
        """A format module's ``make``: the prepared report as the file's bytes."""

        def __call__(self, prepared: Prepared, options: RenderOptions, /) -> bytes: ...


class Look(StrEnum):
    """The two looks of an HTML page (``--html-look``); the value names its stylesheet."""

    WEB = "web"  # one column for publishing on a web site
    PAGE = "page"  # the printed 公文 pages imitated in the browser (A4, type area, folios)


@dataclass(frozen=True)
class RenderOptions:
    """What a format may need besides the prepared report (the `render` options)."""

    template_dirs: tuple[Path, ...] = ()
    reference_doc: Path | None = None  # DOCX (and what is made from it): the unit's own .docx
    reference_styles: bool = False
    html_look: Look = Look.WEB
    draft: str | None = None  # the note that marks the output visibly as a draft


@dataclass(frozen=True)
class OutputFormat:
    name: str  # what --format takes
    label: str  # what messages call it
    suffixes: tuple[str, ...]  # the file name endings that choose it; the first is written
    binary: bool  # not for a terminal
    module: str  # defines make(); imported on first use
    # Made from another format's bytes (PDF from DOCX): its make() converts them, and
    # `batch` converts many at once after the workers.
    via: str | None = None

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    def make(self, prepared: Prepared, options: RenderOptions) -> bytes:
        maker: Renderer = importlib.import_module(self.module).make
        return maker(prepared, options)


_ALL = (
    OutputFormat("md", "Markdown", (".md", ".markdown"), False, "reportgen.render.markdown"),
    OutputFormat("docx", "DOCX", (".docx",), True, "reportgen.render.docx"),
    OutputFormat("pdf", "PDF", (".pdf",), True, "reportgen.render.pdf", via="docx"),
    OutputFormat("html", "HTML", (".html", ".htm"), False, "reportgen.render.html"),
)

FORMATS: dict[str, OutputFormat] = {f.name: f for f in _ALL}
BY_SUFFIX: dict[str, OutputFormat] = {s: f for f in _ALL for s in f.suffixes}


def for_path(path: Path) -> OutputFormat | None:
    """The format a file name ends in (case-insensitive), if any."""
    return BY_SUFFIX.get(path.suffix.lower())


def names(first: str | None = None) -> list[str]:
    """The format names, ``first`` (a default) leading."""
    return sorted(FORMATS, key=lambda n: n != first) if first else list(FORMATS)


def suffix_list(first: str | None = None, sep: str = "、", last: str = " 或 ") -> str:
    """Each format's file ending for a message: ``.md、.docx、.pdf 或 .html``."""
    listed = [FORMATS[n].suffix for n in names(first)]
    return sep.join(listed[:-1]) + last + listed[-1] if len(listed) > 1 else "".join(listed)
