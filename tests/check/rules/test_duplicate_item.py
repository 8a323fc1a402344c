"""C002 duplicate-item: the same heading twice in a part"""

from __future__ import annotations

from rule_helpers import check, parts, report


def test_duplicate_item() -> None:
    check(report(), C002=None)
    check(report(parts("（二）加强培训", "（二）完善机制")), C002=(21, 1))
