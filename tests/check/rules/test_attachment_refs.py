"""C015 attachment-refs: an attachment cited that is not listed"""

from __future__ import annotations

from rule_helpers import check, parts, report


def test_attachment_refs() -> None:
    listed = "特此报告。\n\n附件：隐患排查台账"
    check(report(parts("拉网式排查。", "拉网式排查，详见附件。"), closing=listed), C015=None)
    check(report(parts("拉网式排查。", "拉网式排查，详见附件2。"), closing=listed), C015=(11, 1))
