"""What a 发文字号 is and what an unfinished one lacks: 机关代字〔年份〕序号号, as 青教发〔2025〕12号
(GB/T 9704 7.2.4: the year in 六角括号, the serial number without 第 or leading zeros).

Shared by the readers (a 文号 line above or under a finished report's title, finished or
not) and check rule C012, so a number left as ``青三小〔 〕号`` is read as the 发文字号 it is
meant to be and reported as unfinished, never published.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reportgen.core.lazy_re import lazy
from reportgen.core.text import HAN

OPEN = "〔[【［（("
CLOSE = "〕]】］）)"
_SPACE = " \t\u3000\u00a0"
_DIGITS = lazy(r"[0-9０-９]+")
_YEAR = lazy(r"[0-9０-９]{4}")
# What a template leaves in place of a digit: 20XX, 〔××××〕, ○号.
_BLANKS = "xXＸ×○〇某"

# A line that is a 发文字号, finished or not: a 机关代字, a bracket pair holding at most 8
# characters (a year, a blank, a placeholder), then at most 6 characters and 号.
LINE = lazy(
    rf"^[^\s{re.escape(OPEN)}，。；：]{{1,16}}[{re.escape(OPEN)}][^{re.escape(CLOSE)}\n，。；：]{{0,8}}"
    rf"[{re.escape(CLOSE)}][{_SPACE}]*第?[{_SPACE}0-9０-９{_BLANKS}]{{0,6}}号$"
)
# One inside a sentence (根据青教发〔2025〕号文件): after a 机关代字's last character, the
# year part as a template leaves it, then the serial part and 号.
_IN_TEXT = lazy(
    rf"(?<=[{HAN}])(?P<open>[{re.escape(OPEN)}])(?P<year>[{_SPACE}0-9０-９{_BLANKS}年]{{0,8}})"
    rf"(?P<close>[{re.escape(CLOSE)}])(?P<serial>[{_SPACE}]*第?[{_SPACE}0-9０-９{_BLANKS}]{{0,6}})号"
)
_TAIL = lazy(rf"[{_SPACE}]*第?[{_SPACE}0-9０-９{_BLANKS}]*$")  # 12号's 12 with no year before it
EXAMPLE = "发文字号写作“机关代字〔年份〕序号号”，如“青教发〔2025〕12号”。"


@dataclass(frozen=True)
class Parts:
    """A 发文字号 taken apart; ``year`` None when it has no brackets at all."""

    code: str
    open: str
    year: str | None
    close: str
    serial: str
    hao: bool  # ends with 号


def _strip(text: str) -> str:
    return text.strip(_SPACE)


def parse(text: str) -> Parts | None:
    """The parts of ``text`` read as a whole 发文字号; None when its bracket is not closed
    (unbalanced-brackets reports that)."""
    text = _strip(text)
    hao = text.endswith("号")
    body = text[:-1] if hao else text
    i = next((k for k, ch in enumerate(body) if ch in OPEN), -1)
    if i < 0:
        # No year at all: 青三小12号, 青三小号.
        m = _TAIL.search(body)
        at = m.start() if m else len(body)
        return Parts(_strip(body[:at]), "", None, "", body[at:], hao)
    j = next((k for k in range(i + 1, len(body)) if body[k] in CLOSE), -1)
    if j < 0:
        return None
    return Parts(_strip(body[:i]), body[i], body[i + 1 : j], body[j], body[j + 1 :], hao)


def _year_clause(year: str) -> tuple[str, str]:
    """("missing" | "bad" | "", what) for the year between the brackets."""
    shown = _strip(year)
    if not shown.rstrip("年").strip(_SPACE):  # 〔 〕, 〔〕, 〔 年〕
        return "missing", "年份"
    if _YEAR.fullmatch(shown):
        return "", ""
    return "bad", f"年份应为四位数字，这里是“{shown}”"


def _serial_clause(serial: str) -> tuple[str, str]:
    shown = _strip(serial).removeprefix("第").strip(_SPACE)
    if not shown:
        return "missing", "序号"
    if _DIGITS.fullmatch(shown):
        return "", ""
    return "bad", f"序号应为数字，这里是“{shown}”"


def _clauses(parts: Parts, whole: bool) -> list[str]:
    missing: list[str] = []
    bad: list[str] = []
    if whole and not parts.code:
        missing.append("机关代字")
    if parts.year is None:
        missing.append("年份")
    else:
        kind, what = _year_clause(parts.year)
        (missing if kind == "missing" else bad if kind else []).append(what)
    kind, what = _serial_clause(parts.serial)
    (missing if kind == "missing" else bad if kind else []).append(what)
    if not missing and not bad and parts.hao:
        return []
    clauses = []
    if missing:
        names = missing[-1] if len(missing) == 1 else "、".join(missing[:-1]) + "和" + missing[-1]
        clauses.append(f"缺少{names}")
    clauses += bad
    if not parts.hao:
        clauses.append("序号后缺少“号”字")
    if parts.year is not None and (parts.open, parts.close) != ("〔", "〕"):
        clauses.append(f"年份的括号“{parts.open}{parts.close}”应为六角括号“〔〕”")
    return clauses


def unfinished(text: str) -> str | None:
    """What ``text``, the whole of a 发文字号 field or line, lacks, as a message; None when
    it is a finished one (its bracket shape and 第 are doc-number-brackets' business)."""
    parts = parse(text)
    if parts is None:
        return None
    clauses = _clauses(parts, whole=True)
    if not clauses:
        return None
    return f"发文字号“{_strip(text)}”不完整：{'；'.join(clauses)}。{EXAMPLE}"


@dataclass(frozen=True)
class Found:
    start: int  # the opening bracket
    end: int  # after 号
    message: str


def unfinished_in(text: str) -> Iterator[Found]:
    """Unfinished 发文字号 inside a sentence: 按青教发〔2025〕号文件要求."""
    if not any(ch in text for ch in OPEN):
        return
    for m in _IN_TEXT.finditer(text):
        opening, year = m.group("open"), m.group("year")
        if opening in "（(" and len(_strip(year)) != 4:
            continue  # （1）号 and the like: a year in round brackets has its four digits
        parts = Parts("", opening, year, m.group("close"), m.group("serial"), True)
        clauses = _clauses(parts, whole=False)
        if clauses:
            yield Found(
                m.start(),
                m.end(),
                f"发文字号里的“{m.group()}”不完整：{'；'.join(clauses)}。{EXAMPLE}",
            )


def blank_spans(text: str, whole: bool) -> list[tuple[int, int]]:
    """Where unfinished 发文字号 stand in ``text`` (the whole of it for a 发文字号 field):
    the spaces of their blanks (〔 〕) are left for the user to fill, not to delete."""
    if whole:
        return [(0, len(text))] if unfinished(text) is not None else []
    return [(f.start, f.end) for f in unfinished_in(text)]
