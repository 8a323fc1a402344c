"""`reportgen next`: the next period's report file, started from the last one.

The period moves on (第三季度 → 第四季度, 秋季学期 → 次年春季学期 …), the date moves by the
same span, a title or lead that names the old period names the new one; everything else is
kept as it was, and every figure the clerk must update is listed (M012), as is every change
made (M013). The file is edited as text, so its comments and layout stay.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen import codes
from reportgen.core.numbering import chinese_numeral, parse_chinese_numeral
from reportgen.importing.notes import Notes, short
from reportgen.problem import Problem

_QUARTER = re.compile(r"^(\d{4})年第([一二三四])季度$")
_HALF = re.compile(r"^(\d{4})年([上下])半年$")
_TERM = re.compile(r"^(\d{4})年(春季|秋季)学期$")
_MONTH = re.compile(r"^(\d{4})年(\d{1,2})月份?$")
_YEAR = re.compile(r"^(\d{4})(年度?)$")
_SCHOOL_YEAR = re.compile(r"^(\d{4})[—–-](\d{4})学年(度?)$")


def advance(period: str) -> tuple[str, int] | None:
    """(the next period, its length in months) for the usual ways of writing one; None when
    the text is not one of them."""
    p = period.strip()
    if m := _QUARTER.match(p):
        year, q = int(m[1]), parse_chinese_numeral(m[2]) or 1
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
        return f"{year}年第{chinese_numeral(q)}季度", 3
    if m := _HALF.match(p):
        return (f"{m[1]}年下半年" if m[2] == "上" else f"{int(m[1]) + 1}年上半年"), 6
    if m := _TERM.match(p):
        return (f"{m[1]}年秋季学期" if m[2] == "春季" else f"{int(m[1]) + 1}年春季学期"), 6
    if m := _MONTH.match(p):
        year, month = int(m[1]), int(m[2])
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return f"{year}年{month}月", 1
    if m := _YEAR.match(p):
        return f"{int(m[1]) + 1}{m[2]}", 12
    if m := _SCHOOL_YEAR.match(p):
        return f"{int(m[1]) + 1}—{int(m[2]) + 1}学年{m[3]}", 12
    return None


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


@dataclass
class Started:
    """The next period's file and what the clerk should look at."""

    text: str
    old_period: str
    new_period: str
    warnings: list[Problem] = field(default_factory=list)


# A top-level key's line with the indented lines that continue its value.
def _key_block(key: str) -> re.Pattern[str]:
    return re.compile(rf"^{key}:[^\n]*(?:\n[ \t]+[^\n]*)*", re.M)


# A figure: a number with what it counts (3次, 86所, 96%, 4.3万人次); not years and dates.
_FIGURE = re.compile(r"(?<![\d.—–-])\d+(?:\.\d+)?(?:%|万|余)?(?![\d.年月日—–-]|季度|学年)")
_TEXT_LINE = re.compile(
    r"^\s*(?:-\s+)?(?:(heading|text|intro|lead|closing|title)\s*:\s*|-\s*)?(.*)$"
)
_SKIP_KEYS = re.compile(
    r"^\s*(?:-\s+)?(period|date|doc_number|numbering|kind|org|topic|recipient|style|seal|run_in|role|group_style|signature|self_name)\s*:"
)


def start_next(path: Path, period: str | None = None) -> Started:
    """The text of the report file that starts the period after ``path``'s (or ``period``).

    Raises InputError when ``path`` is not a valid report, UsageError when the next
    period cannot be worked out and none was given.
    """
    from reportgen.core.load import decode, load_file, read_input
    from reportgen.core.model import iso_date, period_text
    from reportgen.core.validate import validate
    from reportgen.errors import InputError, UsageError

    loaded = load_file(path)
    report, problems = validate(loaded)
    if report is None:
        raise InputError(problems)
    old = period_text(report.period)
    moved = advance(old)
    if period is None and moved is None:
        raise UsageError(f"看不出“{old}”的下一期是什么；请用 --period 写明新的报告期。")
    new = period or (moved[0] if moved else old)
    months = moved[1] if moved else 0
    decoded, _ = decode(read_input(path), str(path))
    text = decoded or ""
    notes = Notes(str(path))

    def line_of(offset: int) -> int:
        return text.count("\n", 0, offset) + 1

    text = _key_block("period").sub(lambda m: f"period: {new}", text, count=1)
    notes.add(
        line_of(text.find("period:")), 1, codes.NOTE_MOVED_ON, f"报告期改为“{new}”（原为“{old}”）。"
    )
    if report.date and months:
        iso = iso_date(report.date)
        if iso:
            day = _add_months(dt.date.fromisoformat(iso), months)
            shown = f"{day.year}年{day.month}月{day.day}日"
            text = _key_block("date").sub(f"date: {shown}  # 请核对：按报告期顺延", text, count=1)
            notes.add(
                line_of(text.find("\ndate:") + 1),
                1,
                codes.NOTE_MOVED_ON,
                f"成文日期顺延为“{shown}”（原为“{report.date}”），请核对。",
            )
    for key in ("title", "lead"):
        block = _key_block(key).search(text)
        if block and old in block.group():
            text = text[: block.start()] + block.group().replace(old, new) + text[block.end() :]
            notes.add(
                line_of(block.start()),
                1,
                codes.NOTE_MOVED_ON,
                f"{'标题' if key == 'title' else '导语'}里的“{old}”改为“{new}”。",
            )
    if report.doc_number:
        at = text.find("\ndoc_number:") + 1
        notes.add(
            line_of(at),
            1,
            codes.NOTE_FIGURE_TO_REVIEW,
            f"发文字号“{report.doc_number}”是上一期的，请换成新的。",
        )
    _figures(text, notes)
    for number, line in enumerate(text.split("\n"), 1):
        if old in line and not line.lstrip().startswith("#"):
            notes.add(
                number,
                1,
                codes.NOTE_FIGURE_TO_REVIEW,
                f"“{short(line.strip(), 30)}”里写的是上一期“{old}”，请核对。",
            )
    notes.problems.sort(key=Problem.sort_key)
    return Started(text, old, new, notes.problems)


def _figures(text: str, notes: Notes) -> None:
    """M012 for each line of report text that holds figures (the last period's)."""
    in_text = False
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line.startswith((" ", "\t", "-")):  # a top-level key
            in_text = bool(re.match(r"(lead|closing|parts|attachments|title)\s*:", line))
        if not in_text or _SKIP_KEYS.match(line):
            continue
        body = _TEXT_LINE.match(line)
        value = body.group(2) if body else line
        found = _FIGURE.findall(value.split(" #")[0])
        if found:
            notes.add(
                number,
                1,
                codes.NOTE_FIGURE_TO_REVIEW,
                f"“{short(value.strip(), 30)}”里的数字（{'、'.join(found[:5])}）是上一期的，请更新。",
            )


def start_next_file(
    input_path: Path, output: Path | None, *, period: str | None = None, force: bool = False
) -> Started:
    """`reportgen next`: write the next period's file to ``output`` atomically (None: return it)."""
    from reportgen.errors import UsageError
    from reportgen.output import atomic_write, guard_inputs

    if output is not None:
        guard_inputs(output, [input_path])
        if output.exists() and not force:
            raise UsageError(f"{output} 已存在；如要覆盖请加 --force。")
    started = start_next(input_path, period)
    # The notes' lines are those of the new file.
    shown = str(output) if output is not None else "-"
    started.warnings = [replace(p, file=shown) for p in started.warnings]
    if output is not None:
        atomic_write(output, started.text.encode("utf-8"), [input_path])
    return started
