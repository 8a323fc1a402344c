"""`reportgen preview`: the report in the browser as a printed page, re-rendered on each save.

``build`` turns the file into a view (page-look HTML plus findings placed at their blocks);
``server`` serves it on 127.0.0.1 and pushes each new view to the page as a server-sent
event. No click here: the command in reportgen/cli/ is a thin shell over :func:`preview`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from reportgen.preview.build import View
from reportgen.preview.server import PreviewOptions, run_preview

__all__ = ["PreviewOptions", "page", "preview"]


def page(view: View) -> str:
    """The whole preview page for ``view``: the page look, the findings panel on top and
    the small script that swaps in each new view."""
    from reportgen.render.formats import Look
    from reportgen.render.html import FILE_CSP, asset, page_shell

    status = '<p id="rg-status" class="rg-status" role="status">正在连接…</p>\n'
    return page_shell(
        view.title,
        view.article,
        view.variables,
        Look.PAGE,
        # An empty icon: the browser would otherwise ask for /favicon.ico (a 404).
        head=f'<link rel="icon" href="data:,">\n<style>\n{asset("preview.css")}</style>\n',
        top=status + view.panel + "\n",
        tail=f'<script data-version="{view.version}">\n{asset("preview.js")}</script>\n',
        # The event stream and files of the report's folder come from the preview server.
        csp=FILE_CSP.replace("img-src data:", "img-src 'self' data:; connect-src 'self'"),
    )


def preview(
    path: Path,
    *,
    port: int = 0,
    open_browser: bool = True,
    template_dirs: tuple[Path, ...] = (),
    announce: Callable[[str], None] = print,
    stop: threading.Event | None = None,
) -> None:
    """Serve the preview of ``path`` until Ctrl-C (KeyboardInterrupt) or ``stop``."""
    options = PreviewOptions(path, port, open_browser, template_dirs)
    run_preview(options, announce, page, stop)
