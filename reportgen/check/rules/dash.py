"""破折号写法不对：-- －－ ―― 或 —— 之外的连字符。

破折号是两个“—”（U+2014）：——。可以用 --fix 修正。表示时间范围的单个“—”
（2023—2024年）不算。

错误示例::

    坚持“三个结合”--教育与管理结合

正确示例::

    坚持“三个结合”——教育与管理结合
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportgen.check.core import CJK, Finding, TextUnit
from reportgen.check.rules._text import replacements
from reportgen.core.lazy_re import lazy
from reportgen.problem import Level

CODE = "T005"
ID = "dash"
LEVEL = Level.ERROR
FIXABLE = True
CONF: dict[str, type] = {}
DEFAULT: dict[str, Any] = {}

NEEDS = frozenset("-－―")  # a finding always holds one of these
# Each run of dashes or spaces is tried from its start only (the look-behinds; U+3000 is
# both CJK and a space): tried from every character of a long run, the run was read to
# its end each time (quadratic: 48 s for 32,000 ideographic spaces).
_WRONG = lazy(
    rf"(?<=[{CJK}])(?<!\s)\s*(?:-{{2,}}|－{{2,}}|―{{1,}}|—(?:-|－)|(?:-|－)—)\s*|(?:(?<!-)-{{2,}}|(?<!－)－{{2,}}|(?<!―)―+)(?=[{CJK}])"
)


def check(conf: dict[str, Any], unit: TextUnit) -> Iterator[Finding]:
    yield from replacements(_WRONG, unit.text, "——", "破折号“{found}”应写作“——”（两个 U+2014）。")
