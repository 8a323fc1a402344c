"""C005 heading-length: a heading too long to be one"""

from __future__ import annotations

from rule_helpers import check, parts, report

LONG = "我局把校园安全工作列为季度重点任务坚持局领导班子成员分片包保和股室学校分级负责的工作机制"


def test_heading_length() -> None:
    check(report(), C005=None)
    check(report(parts("抓队伍，强化组织领导", LONG)), C005=(9, 1))
