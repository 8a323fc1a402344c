"""C004 title-length: a title longer than a line or two"""

from __future__ import annotations

from rule_helpers import TITLE, check, report

LONG = "关于青山县教育局认真贯彻落实上级关于全县中小学校和幼儿园校园安全工作各项部署要求情况的报告"


def test_title_length() -> None:
    check(report(title=TITLE), C004=None)
    check(report(title=LONG), C004=(1, 1))
    check(report(title=LONG), "rules:\n  title-length: {max: 60}\n", C004=None)
