"""One round of `reportgen preview`: the report file → its page-look HTML and its findings.

Validation and `check` findings (the same Problems `render` and `check` print) are placed
at the block they are about: by the field path first (``parts[0].items[2].text`` is the
block built from that field), by the YAML line after. A file that cannot be built keeps
the last good document on screen, its findings placed on that document as well as they go.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.core.blocks import Block, Document
from reportgen.core.style import StyleProfile
from reportgen.errors import InputError, ReportgenError
from reportgen.problem import Level, Problem
from reportgen.render.formats import Look
from reportgen.render.html import Note, block_anchor, css_variables, esc, render_article

_SEGMENT = re.compile(r"\[\d+\]|[^.\[\]]+")


def _segments(path: str) -> list[str]:
    return _SEGMENT.findall(path)


def block_lines(document: Document, source: str) -> list[int]:
    """The source line each block's own text starts on.

    Blocks made from one text field share its origin (the field's first line); the
    paragraphs of a ``text: |`` field stand on lines of their own, found here by their
    first characters, searched from that origin on. Anything not found keeps the origin.
    """
    lines = source.splitlines()
    out = []
    for block in document.blocks:
        line = block.origin.line
        # A run-in heading starts at its heading sentence; one without starts at its body.
        needle = (block.text or block.body)[:8]
        if line and needle:
            for n in range(line - 1, min(len(lines), line + 500)):
                if needle in lines[n]:
                    line = n + 1
                    break
        out.append(line)
    return out


def place(
    problems: list[Problem], document: Document, lines: list[int] | None = None
) -> list[int | None]:
    """For each problem, the index of the block it is shown at (``None``: only in the list).

    Candidates are the blocks built from the longest leading part of the problem's field
    path (``parts[0].items[1].headin``, a misspelt key, finds the blocks of
    ``parts[0].items[1]``); among them the last one starting on or before the problem's line
    (``lines``: from :func:`block_lines`). A problem without a path goes to the last block
    starting on or before its line.
    """
    starts = lines or [b.origin.line for b in document.blocks]
    paths = [_segments(b.origin.path) for b in document.blocks]
    out: list[int | None] = []
    for problem in problems:
        wanted = _segments(problem.path)
        first: int | None = None
        target: int | None = None
        for k in range(len(wanted), 0, -1):
            found = [i for i, p in enumerate(paths) if p[:k] == wanted[:k]]
            if not found:
                continue
            first = found[0] if first is None else first
            target = _last_before(found, starts, problem.line)
            if target is not None or not problem.line:
                break
        if target is None:
            target = first
        if target is None and problem.line:
            target = _last_before(range(len(paths)), starts, problem.line)
        out.append(target)
    return out


def _last_before(candidates: Iterable[int], starts: list[int], line: int) -> int | None:
    """The candidate starting last on or before ``line`` (the first of equals); with no
    line, the first candidate."""
    best: int | None = None
    for i in candidates:
        if not line:
            return i
        if 0 < starts[i] <= line and (best is None or starts[i] > starts[best]):
            best = i
    return best


@dataclass
class View:
    """What the browser shows: the article, the findings panel and the page's CSS numbers."""

    version: int
    title: str
    article: str
    panel: str
    variables: str
    broken: bool
    problems: list[Problem] = field(default_factory=list)
    millis: float = 0.0

    def payload(self) -> dict[str, object]:
        return {
            "version": self.version,
            "title": self.title,
            "article": self.article,
            "panel": self.panel,
            "vars": self.variables,
            "broken": self.broken,
            "codes": [p.code for p in self.problems],
        }


class Builder:
    """Re-renders the report on demand and remembers the last good document."""

    def __init__(self, path: Path, template_dirs: tuple[Path, ...] = ()) -> None:
        self.path = path
        self.name = str(path)
        self.template_dirs = template_dirs
        self.good: tuple[Document, StyleProfile] | None = None
        self.version = 0
        self.style_path: Path | None = None
        self.digest = ""

    def _digest(self) -> str:
        from reportgen.core.reading import read_file

        try:  # the same reader as render: a FIFO or a file over the limit is not read
            return hashlib.sha256(read_file(self.path)).hexdigest()
        except (OSError, ReportgenError):
            return ""

    def changed(self) -> bool:
        """Whether the file differs from the one last built."""
        return self._digest() != self.digest

    def build(self) -> View:
        started = time.perf_counter()
        self.digest = self._digest()
        broken, messages = False, []
        try:
            from reportgen.pipeline import prepare

            prepared = prepare(self.path, template_dirs=self.template_dirs)
            self.good = (prepared.document, prepared.style or StyleProfile())
            self.style_path = prepared.style_path
        except InputError:
            broken = True
        except ReportgenError as exc:
            broken = True
            messages.append(str(exc))
        except Exception as exc:  # a bug must not stop the preview: say so and keep serving
            broken = True
            messages.append(_bug(exc))
        problems = self._findings(messages)
        self.version += 1
        document, style = self.good or (Document(title=self.path.name, blocks=[]), StyleProfile())
        targets = place(problems, document, self._lines(document))
        notes: dict[int, list[Note]] = {}
        for problem, target in zip(problems, targets, strict=True):
            if target is not None:
                notes.setdefault(target, []).append(
                    Note(problem.level, problem.code, problem.message, problem.location())
                )
        article = render_article(document, style, Look.PAGE, notes=notes, annotate=True)
        millis = (time.perf_counter() - started) * 1000
        panel = _panel(
            problems, targets, document.blocks, broken, self.good is None, messages, millis
        )
        return View(
            self.version,
            document.title,
            article,
            panel,
            css_variables(style, Look.PAGE),
            broken,
            problems,
            millis,
        )

    def _lines(self, document: Document) -> list[int] | None:
        try:
            from reportgen.core.load import decode
            from reportgen.core.reading import read_file

            text, _ = decode(read_file(self.path), self.name)
        except (OSError, ReportgenError):
            return None
        return block_lines(document, text) if text is not None else None

    def _findings(self, messages: list[str]) -> list[Problem]:
        """Validation and check findings, as `reportgen check FILE` gives them."""
        from reportgen.check.config import load_config
        from reportgen.check.runner import check_one

        try:
            config = load_config(None, self.path.parent)
            return check_one(self.name, config, template_dirs=self.template_dirs).problems
        except ReportgenError as exc:
            if str(exc) not in messages:
                messages.append(str(exc))
        except Exception as exc:
            messages.append(_bug(exc))
        return []


def _bug(exc: Exception) -> str:
    return (
        f"内部错误：{type(exc).__name__}: {exc}（这是 reportgen 的缺陷，不是您的输入有误；"
        "请连同输入文件报告给开发者）"
    )


def _panel(
    problems: list[Problem],
    targets: list[int | None],
    blocks: list[Block],
    broken: bool,
    never_good: bool,
    messages: list[str],
    millis: float,
) -> str:
    errors = sum(1 for p in problems if p.level is Level.ERROR)
    warnings = len(problems) - errors
    stamp = time.strftime("%H:%M:%S")
    if problems:
        summary = f"{errors} 个错误，{warnings} 个警告"
    else:
        summary = "没有发现问题" if not messages else "无法读取"
    parts = [
        f'<section id="rg-panel" class="rg-panel{" broken" if broken else ""}" aria-label="检查结果">'
    ]
    if broken:
        banner = (
            "文件有错误，还无法生成报告；改正后会自动显示。"
            if never_good
            else "文件有错误，下面显示的是上一次正确生成的版本；改正后会自动更新。"
        )
        parts.append(f'<p class="rg-banner" role="alert">{banner}</p>')
    parts.append(
        f'<p class="rg-summary"><strong>{summary}</strong>'
        f'<span class="rg-meta">更新于 {stamp}，用时 {millis:.0f} 毫秒</span></p>'
    )
    items = [f'<li class="error">{esc(m)}</li>' for m in messages]
    for problem, target in zip(problems, targets, strict=True):
        where = esc(problem.location())
        if target is not None:
            where = f'<a href="#{block_anchor(blocks[target], target)}">{where}</a>'
        path = f" {esc(problem.path)}：" if problem.path else " "
        items.append(
            f'<li class="{problem.level.value}">{where} '
            f'<code>{esc(problem.code)}</code> <span class="rg-rule">[{esc(problem.name)}]</span>'
            f"{path}{esc(problem.message)}</li>"
        )
    if items:
        parts.append(f'<ol class="rg-problems">{"".join(items)}</ol>')
    parts.append("</section>")
    return "".join(parts)
