"""中文里用了直引号 " '，应为弯引号“”‘’。

--fix 按出现顺序把直双引号两两配成“”；直单引号在所在的一对双引号里（或双引号之外）
按出现顺序两两配成‘’。英文字母之间的“'”是撇号（it's、Xi'an），数字之间的是
分、秒的符号（5'30"），都不算引号。个数是奇数时说不清哪个是开、哪个是闭，只报告，
不修改。

错误示例::

    坚持"安全第一、预防为主"
    他说"要'抓早抓小'"

正确示例::

    坚持“安全第一、预防为主”
    他说“要‘抓早抓小’”
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Edit, Finding, TextUnit, has_han
from reportgen.problem import Level

CODE = "T003"
ID = "straight-quotes"
LEVEL = Level.ERROR
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}


NEEDS = frozenset("\"'")
_DOUBLE = frozenset('"“”')  # the boundaries single quotes are paired within


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    text = unit.text
    if not has_han(text):
        return
    yield from _doubles(text, [i for i, ch in enumerate(text) if ch == '"' and _counts(unit, i)])
    singles = [i for i, ch in enumerate(text) if ch == "'" and _counts(unit, i)]
    yield from _singles(text, singles, fixable=unit.quote != "'")


def _counts(unit: TextUnit, i: int) -> bool:
    """Whether the straight quote at ``i`` is a quote (not in the marker, not an apostrophe)."""
    if i < unit.marker_len:
        return False
    before = unit.text[i - 1] if i else ""
    after = unit.text[i + 1] if i + 1 < len(unit.text) else ""
    return not (before.isascii() and after.isascii() and before.isalnum() and after.isalnum())


def _doubles(text: str, quotes: list[int]) -> Iterator[Finding]:
    if len(quotes) % 2:
        yield Finding(
            f'中文里用了直引号“"”（共 {len(quotes)} 个，是奇数，无法确定如何配对）；请手工改为“”。',
            offset=quotes[0],
        )
        return
    for a, b in zip(quotes[::2], quotes[1::2], strict=False):
        yield Finding(
            '中文里用了直引号“"”，应为弯引号“”。',
            offset=a,
            edits=(Edit(a, a + 1, "“"), Edit(b, b + 1, "”")),
        )


def _singles(text: str, quotes: list[int], fixable: bool) -> Iterator[Finding]:
    """Single quotes paired within each stretch between double quotes (straight or curly).

    Not ``fixable`` in a single-quoted YAML scalar, where each one is written ``''``.
    """
    stretches: dict[int, list[int]] = {}
    seen, at = 0, 0  # double quotes in text[:at]
    for i in quotes:
        seen += sum(1 for ch in text[at:i] if ch in _DOUBLE)
        at = i
        stretches.setdefault(seen, []).append(i)
    for group in stretches.values():
        if len(group) % 2:
            yield Finding(
                f"中文里用了直引号“'”（这一段里共 {len(group)} 个，是奇数，无法确定如何配对）；"
                "请手工改为‘’。",
                offset=group[0],
            )
            continue
        for a, b in zip(group[::2], group[1::2], strict=False):
            if not fixable:
                yield Finding(
                    "中文里用了直引号“'”，应为弯引号‘’（YAML 单引号字符串里写作“''”，"
                    "--fix 不改，请手工改正）。",
                    offset=a,
                )
                continue
            yield Finding(
                "中文里用了直引号“'”，应为弯引号‘’。",
                offset=a,
                edits=(Edit(a, a + 1, "‘"), Edit(b, b + 1, "’")),
            )
