"""The document model built from a report: numbers, punctuation, formulas, origins."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.core.blocks import BlockKind
from reportgen.core.document import end_sentence, join_points, self_name, strip_end
from reportgen.core.numbering import Family
from reportgen.pipeline import prepare

DATA = Path(__file__).parent.parent / "data"


def test_structure_blocks() -> None:
    doc = prepare(DATA / "structure.report.yaml").document
    rows = [(b.kind.value, b.level, b.marker, b.text, b.body) for b in doc.blocks]
    assert rows == [
        ("doc_number", 0, "", "青教发〔2024〕15号", ""),
        ("title", 0, "", "关于2024年第三季度校园安全工作情况的报告", ""),
        ("recipient", 0, "", "市教育局：", ""),
        (
            "lead",
            0,
            "",
            "2024年第三季度，我局认真落实上级关于校园安全工作的各项部署，结合实际扎实推进各项任务，取得了阶段性成效。现将有关情况报告如下：",
            "",
        ),
        ("heading", 1, "一、", "工作情况", ""),
        (
            "heading",
            2,
            "（一）",
            "抓队伍，强化组织领导。",
            "本季度召开专题会议3次，研究部署开学安全工作。",
        ),
        ("paragraph", 0, "", "各校均明确了分管负责人。", ""),
        (
            "heading",
            2,
            "（二）",
            "抓排查，消除安全隐患。",
            "组织开展拉网式排查，一是排查校舍126栋；二是整改隐患43处。",
        ),
        ("heading", 2, "（三）", "抓演练，提升应急能力。", ""),
        ("heading", 3, "1.", "消防演练。", "全县48所学校开展消防疏散演练。"),
        ("heading", 4, "（1）", "城区学校。", "平均疏散用时2分10秒。"),
        ("heading", 3, "2.", "防溺水教育。", "发放《致家长的一封信》1.2万份。"),
        ("paragraph", 0, "", "此外，各校还结合实际开展了特色活动。", ""),
        ("heading", 1, "二、", "存在的问题", ""),
        (
            "paragraph",
            0,
            "",
            "主要存在以下几点：一是部分农村学校安全设施老化；二是应急演练覆盖面不够。",
            "",
        ),
        ("heading", 1, "三、", "下一步工作打算", ""),
        ("heading", 3, "1.", "完善隐患排查机制", ""),
        ("paragraph", 0, "", "建立隐患台账，实行销号管理。", ""),
        ("heading", 3, "2.", "加强队伍建设", ""),
        ("paragraph", 0, "", "# 不是标题 *也不是强调* 1. 不是列表 | 不是表格 <b>不是HTML</b>", ""),
        ("heading", 1, "四、", "其他事项", ""),
        ("heading", 2, "一是", "做好冬季取暖安全。", "提前检修供暖设施。"),
        ("heading", 2, "二是", "", "做好寒假安全教育。"),
        ("closing", 0, "", "特此报告。", ""),
        ("attachments", 0, "", "", ""),
        ("signature", 0, "", "青山县教育局", ""),
        ("date", 0, "", "2024年10月8日", ""),
    ]
    assert doc.blocks[-3].items == ("2024年第三季度校园安全检查统计表", "应急演练开展情况一览表")
    assert [b.role for b in doc.headings() if b.level == 1] == [
        "work",
        "problems",
        "next-steps",
        "work",
    ]
    assert doc.iso_date == "2024-10-08"
    assert doc.org == "青山县教育局"


def test_origins_point_into_the_yaml() -> None:
    doc = prepare(DATA / "structure.report.yaml").document
    first_item = next(b for b in doc.blocks if b.marker == "（一）")
    assert (first_item.origin.line, first_item.origin.column, first_item.origin.path) == (
        15,
        18,
        "parts[0].items[0].heading",
    )
    generated = next(b for b in doc.blocks if b.kind is BlockKind.LEAD)
    assert generated.origin.path == "lead"


def test_families_follow_levels() -> None:
    doc = prepare(DATA / "structure.report.yaml").document
    families = {(b.level, b.family) for b in doc.headings()}
    assert (3, Family.ARABIC) in families and (4, Family.PAREN_ARABIC) in families
    assert (2, Family.INLINE) in families


def test_helpers() -> None:
    assert end_sentence("抓队伍，强化组织领导") == "抓队伍，强化组织领导。"
    assert end_sentence("抓队伍；") == "抓队伍。"
    assert end_sentence("为什么要抓队伍？") == "为什么要抓队伍？"
    assert end_sentence("落实“双减”") == "落实“双减”。"
    assert end_sentence("他说“好。”") == "他说“好。”"
    assert strip_end("工作情况：") == "工作情况"
    assert join_points(["加强管理。", "完善制度；"]) == "一是加强管理；二是完善制度。"
    assert [
        self_name(o)
        for o in (
            "青山县教育局",
            "青山县实验小学",
            "青山县教育委员会",
            "青山县第一幼儿园",
            "青山县少年宫",
            "青山县一中",
            "城关镇二小",
            "师大附中",
            "东关完小",
            "青山县教师发展中心",
        )
    ] == ["我局", "我校", "我委", "我园", "我单位", "我校", "我校", "我校", "我校", "我中心"]


def _kind_report(
    tmp_path: Path, kind: str, topic: str, intro: str = "本学期主要做了以下工作"
) -> Path:
    path = tmp_path / "k.report.yaml"
    path.write_text(
        f"kind: {kind}\norg: 青山县第二中学\ntopic: {topic}\nperiod: 2024年\nparts:\n"
        "  - role: overview\n    items: [概况]\n"
        f"  - role: work\n    intro: {intro}\n    points: [开展检查, 整改隐患]\n    items:\n      - text: 开展检查\n        points: [排查隐患]\n"
        "  - role: problems\n    items: [问题]\n  - role: next-steps\n    items: [打算]\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("kind", "topic", "title"),
    [
        ("self-inspection", "食品安全自查", "关于2024年食品安全自查情况的报告"),
        ("analysis", "安全形势", "关于2024年安全形势的分析研判报告"),
        ("summary", "学期工作总结", "青山县第二中学2024年学期工作总结"),
        ("work-report", "安全工作情况", "关于2024年安全工作情况的报告"),
        ("work-report", "安全工作。", "关于2024年安全工作情况的报告"),
    ],
)
def test_generated_titles_do_not_double_the_kind_word(
    tmp_path: Path, kind: str, topic: str, title: str
) -> None:
    assert prepare(_kind_report(tmp_path, kind, topic)).document.title == title


def test_points_after_text_without_punctuation_get_a_colon(tmp_path: Path) -> None:
    doc = prepare(_kind_report(tmp_path, "work-report", "安全工作")).document
    texts = [b.full_text for b in doc.blocks]
    assert "本学期主要做了以下工作：一是开展检查；二是整改隐患。" in texts
    assert "（一）开展检查：一是排查隐患。" in texts
