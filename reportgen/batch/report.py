"""What a batch tells its user: the progress line while it runs and the summary table after.

The summary is plain rows; CSV (UTF-8 with BOM, for Excel), Markdown and the terminal
table are three small formatters over them. Progress writes to the stream it is given.
"""

from __future__ import annotations

import csv
import io
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from reportgen.batch.work import Job, Outcome, Status
from reportgen.problem import Level, Problem

HEADER = ("报告", "输入", "状态", "输出", "部分", "条目", "字数", "检查问题", "说明")
STATUS_TEXT = {
    Status.OK: "成功",
    Status.FAILED: "失败",
    Status.SKIPPED: "跳过",
    Status.NOT_RUN: "跳过",
}


def _status(outcome: Outcome) -> str:
    return "草稿" if outcome.draft and outcome.status is Status.OK else STATUS_TEXT[outcome.status]


def _note(outcome: Outcome) -> str:
    if outcome.draft and outcome.status is Status.OK:
        return f"{outcome.draft} 个错误未改正，按 --draft 生成，文件上标有“草稿”"
    if outcome.status is Status.FAILED:
        first = next((p.message for p in outcome.problems if p.level is Level.ERROR), "")
        errors = sum(1 for p in outcome.problems if p.level is Level.ERROR)
        text = first or outcome.message
        return f"{errors} 个错误：{text}" if errors > 1 else text
    if outcome.warnings and outcome.status is Status.OK:
        return f"{len(outcome.warnings)} 个提醒" + (f"；{outcome.note}" if outcome.note else "")
    return outcome.note


def summary_rows(entries: Sequence[tuple[Job, Outcome]]) -> list[list[str]]:
    rows = []
    for job, outcome in entries:
        done = outcome.status in (Status.OK, Status.SKIPPED)
        s = outcome.stats
        rows.append(
            [
                job.stem,
                job.label,
                _status(outcome),
                "、".join(p.name for p in outcome.outputs),
                str(s.parts) if done else "",
                str(s.items) if done else "",
                str(s.chars) if done else "",
                ("—" if s.findings is None else str(s.findings))
                if done
                else ("" if s.findings is None else str(s.findings)),  # stopped by the gate
                _note(outcome),
            ]
        )
    return rows


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets
# (`=cmd|' -C calc'!A0` runs a program in old Excel); a leading ' makes it plain text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it, never evaluates it (OWASP's CSV-injection advice)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def summary_csv(rows: list[list[str]]) -> bytes:
    """The summary as CSV; every cell that a spreadsheet would run as a formula is escaped."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows([csv_cell(c) for c in row] for row in rows)
    return _utf8(buffer.getvalue(), "utf-8-sig")  # the BOM tells Excel it is UTF-8


def _utf8(text: str, codec: str = "utf-8") -> bytes:
    """``text`` encoded; a file name that was not UTF-8 on disk (held as lone surrogates,
    as Python reads such names) is shown with U+FFFD where its bad bytes were."""
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        fixed = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return fixed.encode(codec, "replace")


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def summary_markdown(rows: list[list[str]], totals: str = "") -> bytes:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    if totals:
        lines += ["", totals]
    return _utf8("\n".join(lines) + "\n")


def summary_file(path: Path, rows: list[list[str]], totals: str = "") -> bytes:
    """The summary in the format ``path``'s suffix names (.csv or .md)."""
    return summary_csv(rows) if path.suffix.lower() == ".csv" else summary_markdown(rows, totals)


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, cols: int) -> str:
    return text + " " * max(0, cols - display_width(text))


def _clip(text: str, cols: int) -> str:
    if display_width(text) <= cols:
        return text
    out = ""
    for c in text:
        if display_width(out + c) > cols - 1:
            break
        out += c
    return out + "…"


def _suffixes(outputs: str) -> str:
    return "、".join(name.rsplit(".", 1)[-1] for name in outputs.split("、") if name)


def summary_table(rows: list[list[str]], max_col: int = 40) -> str:
    """The summary for a terminal: aligned columns, the input column left out (the report names it)."""
    keep = [0, 2, 3, 4, 5, 6, 7, 8]
    short = [[*r[:3], _suffixes(r[3]), *r[4:]] for r in rows]  # the stem is in column 0
    table = [[HEADER[i] for i in keep]] + [[_clip(r[i], max_col) for i in keep] for r in short]
    widths = [max(display_width(r[c]) for r in table) for c in range(len(keep))]
    return "\n".join(
        "  ".join(_pad(cell, w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in table
    )


def totals_line(counts: dict[Status, int], elapsed: float) -> str:
    ok, failed = counts.get(Status.OK, 0), counts.get(Status.FAILED, 0)
    skipped = counts.get(Status.SKIPPED, 0) + counts.get(Status.NOT_RUN, 0)
    return f"共 {sum(counts.values())} 份：成功 {ok}，失败 {failed}，跳过 {skipped}；用时 {elapsed:.1f} 秒。"


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds + 0.5))
    return f"{seconds // 60}:{seconds % 60:02d}"


class Progress:
    """Progress on a stream: a one-line bar redrawn with \\r on a terminal, plain lines otherwise."""

    def __init__(self, stream: TextIO, *, terminal: bool, columns: int = 80) -> None:
        self.stream = stream
        self.terminal = terminal
        self.columns = columns
        self.label = ""
        self.total = 0
        self.done = 0
        self.failed = 0
        self.started = 0.0
        self.last_draw = 0.0
        self.step = 1

    def start(self, label: str, total: int) -> None:
        self.label, self.total, self.done, self.failed = label, total, 0, 0
        self.started = time.monotonic()
        self.step = max(1, total // 20)  # plain mode: about twenty lines per phase
        if not self.terminal:
            self.stream.write(f"{label}：共 {total} 份\n")
            self.stream.flush()

    def advance(self, outcome: Outcome | None = None, label: str = "") -> None:
        self.done += 1
        if outcome is not None and outcome.status is Status.FAILED:
            self.failed += 1
            if not self.terminal:
                self.stream.write(f"  失败：{label}\n")
        now = time.monotonic()
        if self.terminal:
            if now - self.last_draw >= 0.1 or self.done == self.total:
                self.last_draw = now
                self._draw(now)
        elif self.done % self.step == 0 or self.done == self.total:
            self.stream.write(f"  {self.done}/{self.total}（失败 {self.failed}）\n")
        self.stream.flush()

    def _draw(self, now: float) -> None:
        elapsed = now - self.started
        left = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        text = (
            f"{self.label} {self.done}/{self.total} 失败 {self.failed} "
            f"已用 {_clock(elapsed)} 剩余 {_clock(left)}"
        )
        bar_cols = max(10, self.columns - display_width(text) - 4)
        filled = bar_cols * self.done // max(1, self.total)
        self.stream.write(f"\r[{'#' * filled}{'.' * (bar_cols - filled)}] {text}")

    def finish(self) -> None:
        if self.terminal and self.total:
            self.stream.write("\n")
            self.stream.flush()


class Silent(Progress):
    """No progress at all (-q, and the library's default)."""

    def __init__(self) -> None:
        super().__init__(io.StringIO(), terminal=False)


def closing_lines(
    entries: Sequence[tuple[Job, Outcome]],
    run_warnings: Sequence[Problem],
    totals: str,
    *,
    quiet: bool = False,
) -> list[str]:
    """What the command prints after a run: warnings, each failure's messages, the table.

    With ``quiet`` only the failures: an error is never silent.
    """
    from reportgen.batch.work import error_lines

    lines: list[str] = []
    if not quiet:
        lines += [p.format() for p in run_warnings]
        lines += [p.format() for _, o in entries for p in o.warnings]
    failed = [(job, o) for job, o in entries if o.status is Status.FAILED]
    if failed:
        lines.append(f"以下 {len(failed)} 份报告没有生成：")
        for job, outcome in failed:
            lines.append(f"【{job.label}】")
            lines += error_lines(outcome, job.label)
        if any(p.code[:1] in "OCT" for _, o in failed for p in o.problems):
            lines.append(
                "检查出错误的报告没有生成：改正后重新运行（标点等可先用 reportgen check --fix 修正）；"
                "如需先生成草稿，加 --draft。"
            )
    drafts = sum(1 for _, o in entries if o.draft and o.status is Status.OK)
    if drafts:
        lines.append(
            f"{drafts} 份报告有错误，按 --draft 生成了草稿（文件上标有“草稿”字样），不能直接报送。"
        )
    if not quiet:
        lines += ["", summary_table(summary_rows(entries)), totals]
    return lines
