"""`reportgen import`: round trips of our own renders, the YAML writer, junk, points, metadata."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportgen.core.load import load_text
from reportgen.importing.notes import join_clauses
from reportgen.importing.run import import_report, recover_meta, split_points
from reportgen.importing.yaml_writer import Map, Seq, dump, plain_ok, to_data
from reportgen.pipeline import prepare, render_bytes
from reportgen.read.junk import find_junk, junk_reason, trailing_code

from conftest import EXAMPLES


def _reimport(source: Path, tmp_path: Path, **kw: object) -> tuple[str, object]:
    result = import_report(source, **kw)  # type: ignore[arg-type]
    out = tmp_path / (source.name + ".report.yaml")
    out.write_text(result.text, encoding="utf-8")
    assert not [w for w in result.warnings if w.code == "M007"], result.warnings
    # What the file says is exactly what the importer meant.
    assert yaml.safe_load(result.text) == result.data
    return render_bytes(prepare(out), "md").decode(), result


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", ["md", "docx"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name.split(".")[0])
def test_example_render_import_render_is_identical(example: Path, fmt: str, tmp_path: Path) -> None:
    prepared = prepare(example)
    original = render_bytes(prepared, "md").decode()
    source = tmp_path / f"source.{fmt}"
    source.write_bytes(render_bytes(prepared, fmt))  # type: ignore[arg-type]
    again, result = _reimport(source, tmp_path)
    assert again == original
    assert result.kind == prepared.document.kind  # type: ignore[attr-defined]
    codes = {w.code for w in result.warnings}  # type: ignore[attr-defined]
    assert codes <= {"M002"}, result.warnings  # type: ignore[attr-defined]


def test_imported_example_reads_well(tmp_path: Path) -> None:
    example = next(p for p in EXAMPLES if "校园安全" in p.name)
    source = tmp_path / "报告.md"
    source.write_bytes(render_bytes(prepare(example), "md"))
    text = import_report(source).text
    assert text.startswith("# 由 reportgen import 从 报告.md 导入。\n")
    for line in (
        "kind: work-report  # 标题里没有“自查”“总结”“研判”，按工作报告处理",
        "org: 青山县教育局  # 请核对：取自署名",
        "topic: 校园安全工作  # 请核对：由标题推断",
        "period: 2024年第三季度  # 请核对：由标题推断",
        # The title is what the kind generates from period: left out, so it follows period.
        "# 原文的标题与文种按 org、topic、period 生成的完全相同，所以没有写出：下一期改了 period，它们随之改变。",
        "doc_number: 青教发〔2024〕15号",
        "recipient: 市教育局",
        "date: 2024年10月8日",
        "lead: |-",
        "    role: problems  # 由标题“存在的问题”推断",
        "    intro: 本季度全县校园安全工作总体平稳有序，但对照上级要求和群众期盼，仍存在一些薄弱环节，主要有：",
        "      - heading: 压实安全责任，健全工作机制",
        "closing: 特此报告。",
    ):
        assert f"\n{line}\n" in text, line
    assert "\ntitle:" not in text
    assert "（一）" not in text and "一是" not in text  # markers come from order again


def test_self_inspection_keeps_arabic_numbering(tmp_path: Path) -> None:
    example = next(p for p in EXAMPLES if "自查" in p.name)
    source = tmp_path / "自查.docx"
    source.write_bytes(render_bytes(prepare(example), "docx"))
    text = import_report(source).text
    assert '    numbering: "1."\n' in text
    assert "    role: next-steps  # 由标题“整改措施”推断\n" in text


def test_kind_option_wins(tmp_path: Path) -> None:
    example = next(p for p in EXAMPLES if "校园安全" in p.name)
    source = tmp_path / "r.md"
    source.write_bytes(render_bytes(prepare(example), "md"))
    result = import_report(source, kind="summary")
    assert result.kind == "summary"
    assert "\nkind: summary\n" in result.text
    assert not [w for w in result.warnings if "文种" in w.message]


# ---------------------------------------------------------------- the YAML writer

TRICKY = [
    "yes", "no", "on", "off", "y", "N", "true", "False", "~", "null", "",
    "2024-10-08", "2024-10-08 12:00:00", "1.", "010", "0x1F", "1_000", "1e3", "+1", "-1",
    ".inf", "12:30", "=", "<<", "*a", "&a", "!x", "%x", "@x", "`x", "|x", ">x", "#x",
    "?x", "[x", "{x", "- x", "a: b", "a #b", "a:", " lead", "trail ", "\u3000全角空格",
    "中文：冒号", "中文 #号", "（一）", "一是", "“引号”", '"q"', "'s'", "\\back",
    "tab\there", "bell\x07", "nul\x00", "nbsp\xa0x", "ls\u2028x", "nel\x85x", "bom\ufeffx",
    "cr\rx", "line1\nline2", "a\n\nb", " a\nb", "a \nb", "a\n", "\nb", "长" * 80,
    "长文本：" + "含冒号: 和 #号" * 10,
]  # fmt: skip


def test_every_tricky_string_reads_back_exactly() -> None:
    root = Map()
    for i, value in enumerate(TRICKY):
        root.add(f"k{i}", value, comment="注释 # 里有井号: 和冒号")
    root.add("list", Seq(list(TRICKY)))
    root.add("nested", Seq([Map([]), Map()]))
    root.entries[-1].value.items[0].add("heading", "yes")  # type: ignore[union-attr]
    root.entries[-1].value.items[0].add("points", Seq(["no", "1."]))  # type: ignore[union-attr]
    root.entries[-1].value.items[1].add("flag", False)  # type: ignore[union-attr]
    text = dump(root, ["头部 注释"])
    assert yaml.safe_load(text) == to_data(root)
    # The project's own loader keeps scalars as text: the same strings come back.
    loaded = load_text(text, "t.yaml")
    assert not [p for p in loaded.problems if p.code != "I007"]  # I007: control characters
    for i, value in enumerate(TRICKY):
        assert loaded.data[f"k{i}"] == value


@pytest.mark.parametrize(
    ("value", "plain"),
    [("青山县教育局", True), ("2024年第三季度", True), ("yes", False), ("1.", False),
     ("a: b", False), ("[请填写]", False), ("1e3", False), ("工作情况", True)],
)  # fmt: skip
def test_plain_only_when_safe(value: str, plain: bool) -> None:
    assert plain_ok(value) is plain


def test_long_and_multiline_text_uses_literal_blocks() -> None:
    root = Map()
    root.add("lead", "第一段。\n第二段。")
    root.add("text", "长" * 70)
    root.add("items", Seq(["短", "长" * 70, "两行\n文字"]))
    assert dump(root) == (
        "lead: |-\n  第一段。\n  第二段。\n"
        f"text: |-\n  {'长' * 70}\n"
        f"items:\n  - 短\n  - {'长' * 70}\n  - |-\n    两行\n    文字\n"
    )


def test_comment_above_an_entry() -> None:
    root = Map()
    root.add("period", "2024年")
    root.add("parts", Seq([Map()]), blank_before=True, above="原文没有导语：  按公式生成。")
    item = Map()
    item.add("heading", "工作情况", above="第一项")
    item.add("intro", "正文。", above="说明")
    root.add("more", Seq([item]))
    text = dump(root)
    assert text == (
        "period: 2024年\n\n# 原文没有导语： 按公式生成。\nparts:\n  - {}\n"
        "more:\n  # 第一项\n  - heading: 工作情况\n    # 说明\n    intro: 正文。\n"
    )
    assert yaml.safe_load(text) == to_data(root)


# ---------------------------------------------------------------- messages


@pytest.mark.parametrize(
    ("texts", "joined"),
    [
        (["这里没有。", "那里也没有。"], "这里没有；那里也没有"),
        (["一句；", "两句，", " 三句。 "], "一句；两句；三句"),
        (["只有一句"], "只有一句"),
        (["", "。", "有内容。"], "有内容"),
    ],
)
def test_join_clauses(texts: list[str], joined: str) -> None:
    assert join_clauses(texts) == joined


# ---------------------------------------------------------------- junk

JUNK = [
    ("发布时间：2024-03-01 来源：", "发布信息"),
    ("发布日期:2023-12-28  作者：办公室", "发布信息"),
    ("来源：青山教育网", "发布信息"),
    ("分享到：", "分享按钮"),
    ("分享到：微信 微博 QQ空间", "分享按钮"),
    ("微信 | 微博 | QQ空间", "分享按钮"),
    ("以下是小编整理的2023年度工作总结范文，仅供参考。", "范文说明"),
    ("以下是网友为您整理的范文", "范文说明"),
    ("本文仅供参考，希望对大家有所帮助！", "范文说明"),
    ("阅读次数：1024", "阅读计数"),
    ("浏览量 356", "阅读计数"),
    ("首页 > 范文 > 工作报告", "页面按钮"),
    ("上一篇：某某学校工作计划", "页面按钮"),
    ("【字体：大 中 小】", "页面按钮"),
    ("12345", "孤立数字"),
    ('");', "代码残留"),
    ("})();", "代码残留"),
    ("<script>", "代码残留"),
]
NOT_JUNK = [
    "特此报告。",
    "2024-10-08",
    "2024.10.8",
    "青山县教育局",
    "资金来源：县级财政专项资金和学校公用经费。",
    "我们通过微信群、微博等渠道向家长推送安全提示，覆盖全体学生家庭，分享到家长群的安全知识共计86条。",
    "（一）健全工作机制。学校把分享经验作为教研活动的重要内容。",
    "一、工作情况",
    "A",
]


@pytest.mark.parametrize(("text", "reason"), JUNK)
def test_junk_lines(text: str, reason: str) -> None:
    assert junk_reason(text) == reason


@pytest.mark.parametrize("text", NOT_JUNK)
def test_report_lines_are_not_junk(text: str) -> None:
    assert junk_reason(text) is None


def test_lone_numbers_only_at_the_ends() -> None:
    texts = ["3", "标题", "正文。", "42", "正文。", "1024", '");']
    assert [(j.index, j.reason) for j in find_junk(texts)] == [
        (0, "孤立数字"),
        (5, "孤立数字"),
        (6, "代码残留"),
    ]


def test_trailing_code() -> None:
    assert trailing_code('特此报告。");') == '");'
    assert trailing_code("特此报告。") == ""
    assert trailing_code("函数f(x)") == ""


# ---------------------------------------------------------------- inline points


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("主要有：一是甲；二是乙。", ("主要有：", ["甲", "乙"])),
        ("一是甲；二是乙；三是丙。", ("", ["甲", "乙", "丙"])),
        ("我局把工作列为重点。一是召开会议；二是签订责任书。", ("我局把工作列为重点。", ["召开会议", "签订责任书"])),
        ("主要有：一是甲。二是乙。", None),  # 。 between points: not what points generate
        ("主要有：一是甲；三是乙。", None),
        ("主要有：一是甲；二是乙", None),
        ("只有一是甲。", None),
        ("统一是前提；二是乙。", None),
        ("一是，甲；二是，乙。", None),
    ],
)  # fmt: skip
def test_split_points_only_when_exact(text: str, expected: object) -> None:
    assert split_points(text) == expected


# ---------------------------------------------------------------- metadata


@pytest.mark.parametrize(
    ("title", "signature", "org", "topic", "period"),
    [
        ("关于2024年第三季度校园安全工作情况的报告", "青山县教育局", "青山县教育局", "校园安全工作", "2024年第三季度"),
        ("青山县实验小学2024年秋季学期工作总结", "", "青山县实验小学", "工作", "2024年秋季学期"),
        ("关于2024年秋季学期食堂食品安全自查情况的报告", "青山县第二中学", "青山县第二中学", "食堂食品安全", "2024年秋季学期"),
        ("关于2024年上半年学生心理健康教育工作情况的汇报", "", "", "学生心理健康教育工作", "2024年上半年"),
        ("关于2024年暑期学生防溺水工作情况的报告", "", "", "学生防溺水工作", "2024年暑期"),
        ("2023年度工作总结", "青山县第一中学", "青山县第一中学", "工作", "2023年度"),
        ("关于校园安全工作情况的报告", "", "", "校园安全工作", ""),
    ],
)  # fmt: skip
def test_recover_meta(title: str, signature: str, org: str, topic: str, period: str) -> None:
    meta = recover_meta(title, signature, "")
    assert (meta.org, meta.topic, meta.period) == (org, topic, period)


def test_period_from_date_when_the_title_has_none() -> None:
    meta = recover_meta("关于校园安全工作情况的报告", "", "2024年10月8日")
    assert meta.period == "2024年"
    assert meta.period_note == "请核对：由成文日期推断"
