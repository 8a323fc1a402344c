"""T009 invisible-character: an invisible character in the text"""

from __future__ import annotations

from rule_helpers import check


def test_invisible_character() -> None:
    check("一是设施老化（👨\u200d👩\u200d👧）。\n", T009=None)  # joiners inside an emoji
    check("一是部分农村学校安全设施\u200b老化。\n", T009=(1, 13))
