"""O003 part-order: parts out of their usual order"""

from __future__ import annotations

from rule_helpers import check, parts, report


def test_part_order() -> None:
    check(report(), O003=None)
    check(
        report(
            parts(
                "## 一、工作情况",
                "## 一、下一步工作打算",
                "## 三、下一步工作打算",
                "## 三、工作情况",
            )
        ),
        O003=[(13, 1), (17, 1)],
    )
