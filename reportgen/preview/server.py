"""The preview server: the standard library's ThreadingHTTPServer on loopback, a watcher
thread (watchfiles) that re-renders on each save, and server-sent events that carry the new
render to every open page. The page asks for nothing by itself: no polling loop.

It answers ``/`` (the page), ``/events`` (the event stream) and files under the report's
folder (a picture a report may one day show), nothing else: no path leaves that folder, and
a request naming another host (DNS rebinding) is refused.
"""

from __future__ import annotations

import contextlib
import json
import mimetypes
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from reportgen.errors import UsageError
from reportgen.preview.build import Builder, View

HOST = "127.0.0.1"
KEEPALIVE_S = 15.0  # a comment line on idle streams, so a closed tab is noticed


@dataclass(frozen=True)
class PreviewOptions:
    """What `reportgen preview` was given."""

    path: Path
    port: int = 0  # 0: any free port
    open_browser: bool = True
    template_dirs: tuple[Path, ...] = ()


class Hub:
    """The latest view, and a condition every event stream waits on."""

    def __init__(self, view: View) -> None:
        self.view = view
        self.closed = False
        self.cond = threading.Condition()

    def publish(self, view: View) -> None:
        with self.cond:
            self.view = view
            self.cond.notify_all()

    def close(self) -> None:
        with self.cond:
            self.closed = True
            self.cond.notify_all()

    def next_after(self, version: int, timeout: float) -> View | None:
        """The view newer than ``version``; ``None`` after ``timeout`` or once closed."""
        with self.cond:
            self.cond.wait_for(lambda: self.closed or self.view.version > version, timeout)
            if self.closed or self.view.version <= version:
                return None
            return self.view


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # a stream still open at shutdown is ended by Hub.close first
    allow_reuse_address = False  # never share a port another program holds

    def __init__(self, port: int, builder: Builder, hub: Hub, page: Callable[[View], str]):
        self.builder = builder
        self.hub = hub
        self.page = page
        self.root = builder.path.parent.resolve()
        try:
            super().__init__((HOST, port), Handler)
        except OSError as exc:
            raise UsageError(f"无法在 {HOST}:{port} 上启动预览：{exc.strerror}。") from None

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that hangs up mid-answer is no news; the stdlib would print a traceback."""

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per request would bury the URL and the messages that matter

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        if not self._host_ok():
            self._text(HTTPStatus.FORBIDDEN, "只接受发往本机预览地址的请求。")
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/":
            self._send(
                HTTPStatus.OK,
                "text/html; charset=utf-8",
                self.server.page(self.server.hub.view).encode(),
            )
        elif url.path == "/events":
            self._events(url.query)
        else:
            self._file(urllib.parse.unquote(url.path))

    def _host_ok(self) -> bool:
        port = self.server.server_address[1]
        host = self.headers.get("Host", "")
        return host in (f"{HOST}:{port}", f"localhost:{port}", f"[::1]:{port}")

    def _send(self, status: HTTPStatus, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        # One request a connection: no idle keep-alive thread outlives a stopped preview.
        self.send_header("Connection", "close")
        self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status: HTTPStatus, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", message.encode())

    def _file(self, name: str) -> None:
        root = self.server.root
        data: bytes | None = None
        try:
            target = (root / name.lstrip("/")).resolve()
            inside = target.relative_to(root).parts if target.is_relative_to(root) else None
            if inside and not any(part.startswith(".") for part in inside) and target.is_file():
                data = target.read_bytes()
        except (OSError, ValueError):  # a NUL byte, a name too long, a file that went away
            data = None
        if data is None:
            self._text(HTTPStatus.NOT_FOUND, "没有这个文件（预览只提供报告所在目录中的文件）。")
            return
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self._send(HTTPStatus.OK, ctype, data)

    def _events(self, query: str) -> None:
        params = urllib.parse.parse_qs(query)
        try:
            seen = int(self.headers.get("Last-Event-ID") or params.get("since", ["0"])[0])
        except ValueError:
            seen = 0
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        if self.command == "HEAD":
            return
        hub = self.server.hub
        try:
            self.wfile.write(b"retry: 1000\n\n")
            self.wfile.flush()
            while not hub.closed:
                view = hub.next_after(seen, KEEPALIVE_S)
                if view is None:
                    if hub.closed:
                        break
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    seen = view.version
                    data = json.dumps(view.payload(), ensure_ascii=False)
                    self.wfile.write(f"id: {seen}\nevent: update\ndata: {data}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab was closed


def _watch(options: PreviewOptions, builder: Builder, hub: Hub, stop: threading.Event) -> None:
    """Re-render after each change to a YAML or template file in the report's folder."""
    import watchfiles

    folder = options.path.parent.resolve()
    paths = [folder, *(d.resolve() for d in options.template_dirs if d.is_dir())]
    style = builder.style_path
    if style is not None and style.parent.is_dir() and style.parent not in paths:
        paths.append(style.parent)  # a shared style file kept in another folder

    def wanted(change: watchfiles.Change, name: str) -> bool:
        path = Path(name)
        if path.name.startswith(".") or path.name.endswith(("~", ".tmp", ".swp")):
            return False
        return path.suffix.lower() in (".yaml", ".yml", ".j2")

    # step: how long a burst of writes must be quiet before it counts as one save (an
    # editor's write-then-rename is one); debounce: the longest a burst is waited on.
    # yield_on_timeout: an empty set every rust_timeout ms, the first of which closes the
    # gap between the first render and the watcher's start (a save made in it is seen).
    started = False
    for changes in watchfiles.watch(
        *paths,
        watch_filter=wanted,
        debounce=400,
        step=30,
        stop_event=stop,
        rust_timeout=500,
        yield_on_timeout=True,
        recursive=bool(options.template_dirs),
        raise_interrupt=False,
    ):
        if stop.is_set():
            break
        if changes or (not started and builder.changed()):
            hub.publish(builder.build())
        started = True


def run_preview(
    options: PreviewOptions,
    announce: Callable[[str], None],
    page: Callable[[View], str],
    stop: threading.Event | None = None,
) -> None:
    """Serve until Ctrl-C (or until ``stop`` is set), then stop the watcher and every
    stream and close the socket.

    The KeyboardInterrupt is re-raised once everything is shut down (the CLI maps it to
    exit 130). ``announce`` gets the URL once the server listens.
    """
    if not options.path.is_file():
        raise UsageError(f"找不到报告文件：{options.path}")
    if options.path.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(
            f"preview 预览的是报告文件（*.report.yaml），不是 {options.path.name}；"
            "写好的 .md、.docx 报告请用 reportgen check 检查。"
        )
    builder = Builder(options.path, options.template_dirs)
    hub = Hub(builder.build())
    server = PreviewServer(options.port, builder, hub, page)
    stop = stop or threading.Event()
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2})
    watching = threading.Thread(target=_watch, args=(options, builder, hub, stop))
    try:
        serving.start()
        watching.start()
        announce(server.url)
        if options.open_browser:
            import webbrowser

            threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()
        while not stop.wait(1.0):
            pass
    finally:
        stop.set()
        hub.close()
        if serving.is_alive():  # shutdown() waits for serve_forever, which must have run
            server.shutdown()
        server.server_close()
        with contextlib.suppress(RuntimeError):
            serving.join(timeout=5)
        with contextlib.suppress(RuntimeError):
            watching.join(timeout=5)
