"""O007 mixed-numbering: siblings numbered in two families"""

from __future__ import annotations

from rule_helpers import check, parts, report


def test_mixed_numbering() -> None:
    check(report(), O007=None)
    check(
        report(parts("**（二）抓排查，消除安全隐患**。", "二是抓排查，消除安全隐患。")),
        O007=(11, 1),
    )
