"""用了全角数字或全角字母：２０２４ ＡＢＣ。

数字和字母一律用半角（GB/T 15835）。可以用 --fix 修正。

错误示例::

    ２０２４年共培训教师２３６人

正确示例::

    2024年共培训教师236人
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import Finding, TextUnit
from reportgen.check.rules._text import replacements
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "T007"
ID = "full-width-alnum"
LEVEL = Level.ERROR
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

NEEDS = frozenset(
    chr(c) for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
)
_WIDE = lazy(r"[０-９Ａ-Ｚａ-ｚ]+")


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    yield from replacements(
        _WIDE,
        unit.text,
        lambda m: "".join(chr(ord(c) - 0xFEE0) for c in m.group()),
        "“{found}”是全角字符，应写作半角“{fixed}”。",
    )
