"""Validation messages, asserted exactly: position, code, field path and the Chinese text."""

from __future__ import annotations

import textwrap

import pytest

from reportgen.core.load import load_text
from reportgen.core.validate import validate

from conftest import MINIMAL


def problems(text: str) -> list[str]:
    """The problems, less the missing-date warning (I043) most snippets here would have."""
    _report, found = validate(load_text(textwrap.dedent(text), "r.yaml"))
    return [p.format() for p in found if p.code != "I043"]


def test_minimal_report_is_valid() -> None:
    report, found = validate(load_text(MINIMAL, "r.yaml"))
    assert found == []
    assert report is not None
    assert report.date == "2024年10月8日"
    assert report.period == "2024年第三季度"


def test_every_problem_at_once() -> None:
    assert problems("""\
        kind: work-reprot
        org: 青山县教育局
        topc: 校园安全工作
        period: {year: 2024, quarter: 5}
        date: 2024-13-01
        seal: maybe
        parts:
          - role: work
            itmes: []
          - heading: （二）存在的问题
            items:
              - heading: 一是加强
                text: 内容
              - [a, b]
              - {}
          - role: nextsteps
            items: [a]
        """) == [
        "r.yaml:1:1: error I005 [missing-field] topic: 缺少必填字段“topic”（报告的主题，用于生成标题和导语，如“校园安全工作”“教师培训工作”）。",
        "r.yaml:1:7: error I015 [unknown-kind] kind: 没有名为“work-reprot”的文种。是否想写“work-report”？可用（英文名或中文名都可以）：analysis（分析研判报告）、self-inspection（自查报告）、summary（工作总结）、work-report（工作报告）。",
        "r.yaml:3:1: error I003 [unknown-field] topc: 不认识的字段“topc”。是否想写“topic”？",
        "r.yaml:4:31: error I008 [invalid-value] period.quarter: “5”太大：不能大于 4。",
        "r.yaml:5:7: error I014 [invalid-date] date: 日期“2024-13-01”不存在（2024年没有13月1日）。",
        "r.yaml:6:7: error I008 [invalid-value] seal: 这里应是 true 或 false，实际是“maybe”。",
        "r.yaml:9:5: error I003 [unknown-field] parts[0].itmes: 不认识的字段“itmes”。是否想写“items”？",
        "r.yaml:10:14: error I018 [typed-number] parts[1].heading: 开头写了编号“（二）”；编号按顺序自动生成，请删去它，否则会出现两个编号。",
        "r.yaml:12:18: error I018 [typed-number] parts[1].items[0].heading: 开头写了编号“一是”；编号按顺序自动生成，请删去它，否则会出现两个编号。",
        "r.yaml:14:9: error I004 [wrong-type] parts[1].items[1]: 这里应是一组字段（如“heading: …”），实际是一个列表。",
        "r.yaml:15:9: error I013 [empty-value] parts[1].items[2]: 这个条目是空的：至少要写 heading（小标题）、text（正文）或 points（要点）之一。",
        "r.yaml:16:11: error I008 [invalid-value] parts[2].role: “nextsteps”不是可选的值。是否想写“next-steps”？可选：overview、work、results、experience、problems、next-steps。",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "标题: 关于安全工作的报告",
            "r.yaml:7:1: error I003 [unknown-field] 标题: 不认识的字段“标题”。是否想写“title”？",
        ),
        (
            "title: [a, b]",
            "r.yaml:7:8: error I004 [wrong-type] title: 这里应是一段文字，实际是一个列表（多写了“- ”？）。",
        ),
        (
            "title: {a: b}",
            "r.yaml:7:8: error I004 [wrong-type] title: 这里应是一段文字，实际是一组字段（多写了冒号“:”？含冒号的文字请加引号）。",
        ),
        (
            'title: "  "',
            "r.yaml:7:8: error I013 [empty-value] title: 内容是空的；不需要这一项就整行删除。",
        ),
        (
            "attachments: 统计表",
            "r.yaml:7:14: error I004 [wrong-type] attachments: 这里应是列表（每项一行，以“- ”开头），实际是“统计表”。",
        ),
        (
            "date: 2024年1月32日",
            "r.yaml:7:7: error I014 [invalid-date] date: 日期“2024年1月32日”不存在（2024年没有1月32日）。",
        ),
        (
            "date: 下周一",
            "r.yaml:7:7: error I014 [invalid-date] date: 日期“下周一”看不懂；请写成 2024年10月8日 或 2024-10-08。",
        ),
    ],
)
def test_field_messages(line: str, expected: str) -> None:
    text = (
        "org: 青山县教育局\ntopic: 校园安全工作\nperiod: 2024\nparts:\n  - role: work\n    items: [a]\n"
        + line
        + "\n"
    )
    found = [p for p in problems(text) if "I016" not in p]
    assert found == [expected]


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            "{body_size_pt: 大}",
            "7:23: style.body_size_pt: 这里应是数字（如 16 或 28.5），实际是“大”。",
        ),
        (
            "{body_size_pt: [16]}",
            "7:23: style.body_size_pt: 这里应是数字（如 16 或 28.5），实际是一个列表。",
        ),
        ("{margin_top_mm: 0}", "7:24: style.margin_top_mm: “0”太小：应大于 0。"),
        ("{margin_left_mm: 100}", "7:25: style.margin_left_mm: “100”太大：应小于 100。"),
        ("{title_size_pt: 72.5}", "7:24: style.title_size_pt: “72.5”太大：不能大于 72。"),
        ('{body_font: ""}', "7:20: style.body_font: 字体名不能为空，也不能超过 64 个字符。"),
        (
            "{page_number_format: 第页}",
            "7:29: style.page_number_format: 页码格式必须恰好包含一个 {page}，例如 “— {page} —”。",
        ),
    ],
)
def test_style_values_are_explained_in_chinese(style: str, expected: str) -> None:
    """Numbers, limits and the validators' own messages: none of pydantic's English."""
    text = (
        "org: 青山县教育局\ntopic: 校园安全工作\nperiod: 2024\nparts:\n  - role: work\n"
        f"    items: [a]\nstyle: {style}\n"
    )
    where, message = expected.split(" ", 1)
    found = [p for p in problems(text) if "I016" not in p]
    assert found == [f"r.yaml:{where} error I008 [invalid-value] {message}"]


def test_missing_required_parts() -> None:
    assert problems("""\
        org: 青山县教育局
        topic: 校园安全工作
        period: 2024
        parts:
          - role: work
            items: [a]
        """) == [
        "r.yaml:4:1: error I016 [missing-part] parts: 工作报告应有“存在的问题”部分（role: problems），这里没有。",
        "r.yaml:4:1: error I016 [missing-part] parts: 工作报告应有“下一步工作打算”部分（role: next-steps），这里没有。",
    ]


def test_roles_inferred_from_headings_and_order_warning() -> None:
    found = problems("""\
        org: 青山县教育局
        topic: 校园安全工作
        period: 2024
        parts:
          - heading: 存在的问题和不足
            points: [a]
          - heading: 强化组织领导，压实安全责任
            items: [a]
          - heading: 下一步工作打算
            items: [b]
        """)
    assert found == [
        "r.yaml:7:5: warning I017 [part-order] parts[1]: “工作情况”通常写在前面的部分之前（顺序：总体情况、工作情况、成效、经验、问题、下一步）。",
    ]


def test_empty_parts_and_missing_heading() -> None:
    found = problems("""\
        org: 青山县教育局
        topic: 校园安全工作
        period: 2024
        parts:
          - items: [a]
          - role: problems
        """)
    assert [p for p in found if "I016" not in p] == [
        "r.yaml:5:5: error I005 [missing-field] parts[0]: 这一部分既没有 heading（标题）也没有 role（作用）；请至少写一个。",
        "r.yaml:6:5: error I013 [empty-value] parts[1]: 这一部分没有内容：请写 items（条目）、intro（开头一段）或 points（要点）。",
    ]


@pytest.mark.parametrize(
    ("period", "shown"),
    [
        ("2024", "2024年"),
        ("2024年秋季学期", "2024年秋季学期"),
        ("{year: 2024, quarter: 3}", "2024年第三季度"),
        ("{year: 2024, half: 1}", "2024年上半年"),
        ("{year: 2024, month: 5}", "2024年5月"),
        ("{year: 2024, term: 秋季}", "2024年秋季学期"),
        ("{year: 2024}", "2024年"),
    ],
)
def test_periods(period: str, shown: str) -> None:
    from reportgen.core.model import period_text

    report, found = validate(load_text(MINIMAL.replace("2024年第三季度", period), "r.yaml"))
    assert found == []
    assert report is not None
    assert period_text(report.period) == shown


def test_period_with_two_units() -> None:
    found = problems(MINIMAL.replace("2024年第三季度", "{year: 2024, quarter: 3, month: 5}"))
    assert found == [
        "r.yaml:3:9: error I008 [invalid-value] period: quarter、half、month、term 只能写一个，这里写了 quarter、month。"
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2024-10-08", "2024年10月8日"),
        ("2024/1/5", "2024年1月5日"),
        ("2024年01月05日", "2024年1月5日"),
        ("2024.1.5", "2024年1月5日"),
        ("二〇二四年十月八日", "二〇二四年十月八日"),
    ],
)
def test_dates_normalised(written: str, shown: str) -> None:
    report, _ = validate(load_text(MINIMAL.replace("2024-10-08", written), "r.yaml"))
    assert report is not None and report.date == shown


def test_duplicate_key_blocks_and_schema_errors_still_reported() -> None:
    found = problems("""\
        org: 青山县教育局
        org: 青山县教育局
        topic: 校园安全工作
        period: 2024
        seal: 也许
        parts: [{role: work, items: [a]}, {role: problems, points: [b]}, {role: next-steps, items: [c]}]
        """)
    assert [f.split(" [")[0] for f in found] == ["r.yaml:2:1: error I002", "r.yaml:5:7: error I008"]


NESTED = """\
org: 青山县教育局
topic: 校园安全工作
period: 2024
parts:
  - role: work
    items:
      - heading: 一级
        items:
          - heading: 二级
            items:
              - heading: 三级
                items:
                  - heading: 四级
  - role: problems
    numbering: 一是
    items:
      - heading: 设施老化
        items: [{heading: 教学楼}]
  - role: next-steps
    numbering: 1.
    items: [{heading: 甲, items: [{heading: 乙, items: [{heading: 丙}]}]}]
"""


def test_nesting_deeper_than_four_levels_and_items_under_inline_points() -> None:
    assert problems(NESTED) == [
        "r.yaml:12:17: error I026 [too-deep] parts[0].items[0].items[0].items[0].items: 条目嵌套太深：公文的层次序数只有“一、（一）1.（1）”四级，（1）之下不能再分条；请把这一级写成 points（一是……二是……）或正文。",
        "r.yaml:18:9: error I027 [items-under-inline] parts[1].items[0].items: 以“一是、二是”编号的条目是一段话，不能再有下一级条目（items）；请把下一级内容写成 points，或把本部分的 numbering 改为“（一）”。",
        "r.yaml:21:47: error I026 [too-deep] parts[2].items[0].items[0].items: 条目嵌套太深：公文的层次序数只有“一、（一）1.（1）”四级，（1）之下不能再分条；请把这一级写成 points（一是……二是……）或正文。",
    ]


@pytest.mark.parametrize(
    ("field", "written", "marker"),
    [
        ("heading", "①抓保障", "①"),
        ("heading", "⑵抓保障", "⑵"),
        ("points", "[第二，整改到位]", "第二，"),
        ("points", "[其一，加强管理]", "其一，"),
        ("points", "[1) 加强管理]", "1)"),
    ],
)
def test_other_hand_numbering_is_typed_number(field: str, written: str, marker: str) -> None:
    text = MINIMAL.replace(
        "      - heading: 健全机制\n",
        f"      - heading: 健全机制\n        points: {written}\n"
        if field == "points"
        else f"      - heading: {written}\n",
    )
    found = [p for p in problems(text) if "I018" in p]
    assert len(found) == 1 and f"开头写了编号“{marker}”" in found[0]


def test_typed_numbers_in_attachments_and_intro() -> None:
    text = MINIMAL.replace("parts:\n", 'attachments: [1.自查表, "2、问题清单"]\nparts:\n').replace(
        "  - role: problems\n", "  - role: problems\n    intro: 一是设施老化。\n"
    )
    assert [
        p.split(" [")[0] + " " + p.split("] ")[1].split(":")[0]
        for p in problems(text)
        if "I018" in p
    ] == [
        "r.yaml:5:15: error I018 attachments[0]",
        "r.yaml:5:22: error I018 attachments[1]",
        "r.yaml:12:12: error I018 parts[1].intro",
    ]
