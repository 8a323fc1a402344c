"""C001 empty-heading: a number with nothing after it"""

from __future__ import annotations

from rule_helpers import check


def test_empty_heading() -> None:
    check("一、工作情况\n", C001=None)
    check("一、\n", C001=(1, 1))
    check("正文。\n\n（二）\n", C001=(3, 1))
