"""T006 doc-number-brackets: a document number's year in [ ] or 【 】"""

from __future__ import annotations

from rule_helpers import check


def test_doc_number_brackets() -> None:
    check("对照青教发〔2024〕15号文件。\n", T006=None)
    check("对照青教发[2024]15号文件。\n", T006=(1, 6))
