"""The realistic corpus (tests/realistic/): the scoreboard's targets, and one invented example
per failure class of issue 11, each asserting the behaviour directly."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.check.config import default_config
from reportgen.check.runner import check_one
from reportgen.core.blocks import BlockKind
from reportgen.importing.run import import_report
from reportgen.problem import Problem

from realistic.corpus import CASES
from realistic.scoreboard import Figures, Result, figures, run


@pytest.fixture(scope="module")
def results() -> list[Result]:
    return run()


def test_corpus_size() -> None:
    assert len(CASES) >= 60
    assert len({c.shape for c in CASES}) >= 25
    assert {c.fmt for c in CASES} == {"md", "docx", "txt"}


@pytest.mark.slow  # imports and checks the whole corpus: ~3 s
def test_scoreboard_meets_the_targets(results: list[Result]) -> None:
    f = figures(results)
    misses = [
        (r.case.name, r.false_reject, r.missed, r.lost, r.unannounced, r.spurious, r.junk_kept)
        for r in results
        if r.false_reject or r.missed or r.lost or r.unannounced or r.spurious or r.junk_kept
    ]
    misses += [(r.case.name, r.outline) for r in results if r.outline]
    assert misses == []
    assert f == Figures(
        documents=f.documents,
        shapes=f.shapes,
        checked_clean=f.checked_clean,
        false_rejects=0,
        defects=f.defects,
        missed_defects=0,
        warnings_per_clean=f.warnings_per_clean,
        sentences=f.sentences,
        lost=0,
        altered=f.altered,
        altered_unannounced=0,
        spurious=0,
        junk=f.junk,
        junk_kept=0,
        well_formed=f.well_formed,
        render_failures=0,
        outline_mismatches=0,
        disagreements=0,
    )
    assert f.warnings_per_clean <= 0.3
    assert f.sentences > 2000 and f.junk >= 30 and f.defects >= 10
    # The README states these figures.
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"当前结果（{f.documents} 篇，{f.shapes} 种写法" in readme
    assert f"| check：正确报告被判为错误 | 0 / {f.checked_clean} | 0 |" in readme
    assert f"| check：漏报的缺陷 | 0 / {f.defects} | 0 |" in readme
    assert f"（共 {f.sentences} 句）" in readme and f"（共 {f.junk} 处）" in readme
    assert f"与正文同段的部分标题去掉句号） | {f.altered} |" in readme  # all announced


# ---------------------------------------------------------------- one example per class


def _check(tmp_path: Path, text: str, name: str = "r.md") -> list[Problem]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    # The YAML snippets here leave out the date: its warning (I043) is not what they test.
    return [p for p in check_one(str(path), default_config()).problems if p.code != "I043"]


def _codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def test_theme_headings_decide_no_role() -> None:
    from reportgen.genre.registry import infer_roles

    assert infer_roles("坚持问题导向，推动整改落实") == []
    assert infer_roles("排查安全隐患，守牢安全底线") == []
    assert infer_roles("存在的不足") == ["problems"]
    assert infer_roles("整改措施") == ["next-steps"]
    assert infer_roles("存在的问题及整改措施") == ["problems", "next-steps"]


TOPICAL = """# 青山县实验小学2024年秋季学期阅读推广工作总结

本学期，我校统筹推进阅读推广工作，各项任务顺利完成。

## 一、完善阅读设施，营造书香氛围

新建班级图书角36个。

## 二、坚持问题导向，推动整改落实

针对图书利用率不高的情况，建立图书漂流机制。

## 三、排查安全隐患，守牢安全底线

对图书室消防设施逐一检查。

新的一年，我校将继续推动阅读推广工作再上新台阶。

青山县实验小学

2025年1月10日
"""


def test_topic_structured_summary_is_clean(tmp_path: Path) -> None:
    assert _check(tmp_path, TOPICAL) == []


SUPER = """# 青山县教育局2024年校园安全工作总结

2024年，我局扎实推进校园安全各项工作。

第一部分　2024年工作回顾

一、强化组织领导，压实工作责任

召开专题会议3次。

二、深化宣传教育，营造安全氛围

发放《致家长的一封信》2.1万份。

第二部分　2025年工作打算

一、完善隐患排查机制

建立隐患台账。

{gap}、补齐技防物防短板

推动7所学校接入监控平台。

青山县教育局

2024年12月30日
"""


def test_blocks_above_level_one_restart_numbering(tmp_path: Path) -> None:
    assert _check(tmp_path, SUPER.format(gap="二")) == []
    found = _check(tmp_path, SUPER.format(gap="三"))
    assert _codes(found) == ["O006"] and found[0].line == 21


def test_blocks_import_as_groups_and_render(tmp_path: Path) -> None:
    from reportgen.core.load import load_text
    from reportgen.pipeline import prepare_loaded, render_bytes

    source = tmp_path / "总结.md"
    source.write_text(SUPER.format(gap="二"), encoding="utf-8")
    result = import_report(source)
    data = result.data
    assert isinstance(data, dict)
    assert [p.get("group") for p in data["parts"]] == [
        "2024年工作回顾",
        None,
        "2025年工作打算",
        None,
    ]
    assert [p.get("role") for p in data["parts"]][2:] == ["next-steps", "next-steps"]
    prepared = prepare_loaded(load_text(result.text, str(source)), source)
    markdown = render_bytes(prepared, "md").decode()
    assert "## 第一部分　2024年工作回顾\n\n## 一、强化组织领导" in markdown
    assert "## 第二部分　2025年工作打算\n\n## 一、完善隐患排查机制" in markdown


def test_group_in_docx_is_a_centred_level_one_paragraph(tmp_path: Path) -> None:
    import io

    import docx

    from reportgen.core.load import load_text
    from reportgen.pipeline import prepare_loaded, render_bytes

    text = (
        "kind: summary\norg: 青山县教育局\ntopic: 校园安全工作\nperiod: 2024年\ngroup_style: 板块\n"
        "parts:\n  - group: 工作回顾\n    heading: 强化组织领导\n    items: [召开会议3次。]\n"
        "  - group: 工作打算\n    heading: 完善机制\n    role: next-steps\n    items: [建立台账。]\n"
    )
    path = tmp_path / "g.report.yaml"
    prepared = prepare_loaded(load_text(text, str(path)), path)
    document = docx.Document(io.BytesIO(render_bytes(prepared, "docx")))
    paras = [p for p in document.paragraphs if p.text.startswith("第")]
    assert [p.text for p in paras] == ["第一板块：工作回顾", "第二板块：工作打算"]
    heading = next(p for p in document.paragraphs if p.text == "一、强化组织领导")
    assert all(p.style.name == heading.style.name for p in paras)
    assert all(p.paragraph_format.alignment == 1 for p in paras)  # centred
    assert [p.text for p in document.paragraphs if p.text.startswith("一、")] == [
        "一、强化组织领导",
        "一、完善机制",
    ]


BASE = """# 关于2024年第三季度校园安全工作情况的报告

市教育局：

2024年第三季度，我局认真落实上级部署，扎实推进各项工作。{formula}

一、工作情况

（一）抓队伍，强化组织领导。本季度召开专题会议3次。

（二）抓排查，消除安全隐患。共检查学校86所。

二、存在的问题

主要存在以下几点：一是部分农村学校消防设施老化；二是台账记录不规范。

三、下一步工作打算

（一）完善隐患排查机制。建立隐患台账。

特此报告。

青山县教育局

2024年10月8日
"""


@pytest.mark.parametrize(
    "formula",
    [
        "现将有关情况通报如下。",
        "现将有关工作开展情况汇报如下。",
        "现将2024年第三季度校园安全工作开展情况、存在的问题和下一步工作打算报告如下：",
        "主要做法是：",
        "具体情况如下：",
    ],
)
def test_lead_formula_variants(tmp_path: Path, formula: str) -> None:
    assert _check(tmp_path, BASE.format(formula=formula)) == []


def test_no_formula_is_a_warning_in_a_report_and_nothing_in_a_summary(tmp_path: Path) -> None:
    assert _codes(_check(tmp_path, BASE.format(formula=""))) == ["C006"]
    summary = BASE.format(formula="").replace(
        "关于2024年第三季度校园安全工作情况的报告", "青山县教育局2024年第三季度校园安全工作总结"
    )
    assert _check(tmp_path, summary) == []


def test_name_list_alignment_is_no_space_error(tmp_path: Path) -> None:
    lines = "组 长：张明远（局长）\n\n副组长：李秀芳\n\n成　员：王建国、陈丽\n\n"
    text = BASE.format(formula="现将有关情况报告如下：").replace(
        "二、存在的问题\n\n", "二、存在的问题\n\n" + lines
    )
    assert _check(tmp_path, text) == []
    prose = text.replace("共检查学校86所。", "共检查 学校86所。")
    assert _codes(_check(tmp_path, prose)) == ["T008"]


def test_name_list_in_a_yaml_text_block_is_no_space_error(tmp_path: Path) -> None:
    """What `import` writes for a name list: one text block, a label a line."""
    from conftest import MINIMAL

    block = "        text: |\n          组 长：张明远（局长）\n          副组长：李秀芳\n          成　员：王建国\n"
    report = MINIMAL.replace("        text: 本季度召开专题会议3次。\n", block)
    assert _check(tmp_path, report, "r.report.yaml") == []
    spaced = report.replace("副组长：李秀芳", "副组长：李秀 芳")
    assert [(p.code, p.line, p.column) for p in _check(tmp_path, spaced, "r.report.yaml")] == [
        ("T008", 11, 17)
    ]


def test_comma_enumerators_are_wrong_markers_once_per_list(tmp_path: Path) -> None:
    text = (
        BASE.format(formula="现将有关情况报告如下：")
        .replace("（一）抓", "1，抓")
        .replace("（二）抓", "2，抓")
    )
    found = _check(tmp_path, text)
    assert _codes(found) == ["O009"]
    assert found[0].message == "这一组编号有 2 个写法不规范（“1，”“2，”），应写作“1.”“2.”。"
    gap = text.replace("2，抓", "3，抓")
    assert "O006" in _codes(_check(tmp_path, gap))


def test_repeated_first_number_says_renumber(tmp_path: Path) -> None:
    text = BASE.format(formula="现将有关情况报告如下：").replace("（二）抓", "（一）抓")
    found = _check(tmp_path, text)
    assert [(p.code, p.message) for p in found] == [
        ("O006", "这一组 2 个编号都写成了“（一）”：请按顺序重新编号为“（一）”“（二）”。")
    ]


def test_problems_embedded_elsewhere_and_next_steps_in_the_closing(tmp_path: Path) -> None:
    text = (
        BASE.format(formula="现将有关情况报告如下：")
        .replace(
            "二、存在的问题\n\n主要存在以下几点：一是部分农村学校消防设施老化；二是台账记录不规范。\n\n",
            "",
        )
        .replace("三、下一步工作打算\n\n（一）完善隐患排查机制。建立隐患台账。\n\n", "")
        .replace("特此报告。", "总之，工作中还存在一些问题和不足。新的一年，我局将继续努力。")
    )
    assert _check(tmp_path, text) == []


def test_self_inspection_problems_first_is_no_order_warning(tmp_path: Path) -> None:
    text = (
        BASE.format(formula="现将自查情况报告如下：")
        .replace("工作情况的报告", "工作自查情况的报告")
        .replace("一、工作情况", "一、自查发现的问题")
        .replace("二、存在的问题", "二、自查工作开展情况")
    )
    assert [c for c in _codes(_check(tmp_path, text)) if c.startswith("O")] == []


def test_placeholder_is_not_prose(tmp_path: Path) -> None:
    ok = BASE.format(formula="现将有关情况报告如下：").replace("台账记录不规范", "台账管理有待完善")
    assert _check(tmp_path, ok) == []
    bad = ok.replace("有待完善", "待完善")
    assert _codes(_check(tmp_path, bad)) == ["C003"]


def test_period_mismatch(tmp_path: Path) -> None:
    report = (
        "kind: summary\norg: 青山县实验小学\ntopic: 阅读推广工作\nperiod: 2025年秋季学期\n"
        "title: 青山县实验小学2025年春季学期阅读推广工作总结\n"
        "lead: 2025年秋季学期，我校扎实开展阅读推广。与2024年同期相比，人均阅读量提高。\n"
        "parts:\n  - heading: 营造书香环境\n    items: [新建班级图书角36个。]\n"
    )
    found = _check(tmp_path, report, "r.report.yaml")
    assert [(p.code, p.line, p.column) for p in found] == [("C018", 5, 8)]
    assert "“2025年春季学期”与 period（2025年秋季学期）不一致" in found[0].message
    assert _check(tmp_path, report.replace("春季学期阅读", "秋季学期阅读"), "r.report.yaml") == []


# ---------------------------------------------------------------- import


def _import(tmp_path: Path, text: str, name: str) -> tuple[dict[str, object], list[Problem]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = import_report(path)
    assert isinstance(result.data, dict)
    return result.data, result.warnings


WECHAT = """点击上方蓝字 关注我们
关于2024年第三季度校园安全工作情况的报告
青山教育发布 2024-10-09 08:30
2024年第三季度，我局认真落实上级部署。现将有关情况报告如下：
【一、工作情况】
📌（一）抓队伍，强化组织领导。本季度召开专题会议3次。
（二）抓排查，消除安全隐患。共检查学校86所。
【二、存在的问题】
主要存在以下几点：一是部分农村学校消防设施老化；二是台账记录不规范。
【三、下一步工作打算】
（一）完善隐患排查机制。建立隐患台账。
特此报告。
青山县教育局
2024年10月8日
—END—
分享 收藏 点赞 在看
阅读原文
"""


def test_wechat_paste(tmp_path: Path) -> None:
    data, warnings = _import(tmp_path, WECHAT, "微信.txt")
    parts = data["parts"]
    assert isinstance(parts, list)
    assert [p["heading"] for p in parts] == ["工作情况", "存在的问题", "下一步工作打算"]
    assert parts[0]["items"][0] == {
        "heading": "抓队伍，强化组织领导",
        "text": "本季度召开专题会议3次。",
    }
    assert data["org"] == "青山县教育局" and data["closing"] == "特此报告。"
    dropped = [w.line for w in warnings if w.code == "M001"]
    assert dropped == [1, 3, 15, 16, 17]


WEB = """关于2024年第三季度校园安全工作情况的报告
关于2024年第三季度校园安全工作情况的报告
张晓明 分享 时间:2024-10-09 10:21
以下是小编为您整理的关于2024年第三季度校园安全工作情况的报告，内容涵盖工作情况、存在问题和下一步打算，结构清晰、数据翔实，供大家在撰写同类材料时参考借鉴，希望对您有所帮助。
市教育局：
2024年第三季度，我局认真落实上级部署。现将有关情况报告如下：
一、工作情况
（一）抓阅读，建立学生阅读成长档案，记录阅读量和读书笔记。
二、存在的问题
一是部分农村学校消防设施老化。另外，部分学校对此重视不够。二是台账记录不规范。
三、下一步工作打算
（一）完善隐患排查机制。建立隐患台账。
新学期，我局将继续聚焦校园安全工作重点，查漏补缺。
青山县教育局
2024年10月8日
阅读(1024)
"""


def test_web_paste(tmp_path: Path) -> None:
    data, warnings = _import(tmp_path, WEB, "网页.txt")
    assert data["recipient"] == "市教育局"
    assert "title" not in data  # what the kind generates from period: left out
    assert data["lead"] == "2024年第三季度，我局认真落实上级部署。现将有关情况报告如下："
    assert [w.line for w in warnings if w.code == "M001"] == [2, 3, 4, 16]
    parts = data["parts"]
    assert isinstance(parts, list)
    assert "记录阅读量和读书笔记。" in str(parts[0]["items"])  # a sentence, not a page counter
    # a point of several sentences keeps its own full stops
    assert parts[1]["points"] == [
        "部分农村学校消防设施老化。另外，部分学校对此重视不够",
        "台账记录不规范",
    ]
    assert not [w for w in warnings if w.code == "M008"]
    assert data["closing"] == "新学期，我局将继续聚焦校园安全工作重点，查漏补缺。"


@pytest.mark.parametrize("umbrella", ["总体情况", "基本情况与主要成效", "工作成绩", "成效及亮点"])
def test_umbrella_first_part_is_work_bearing(tmp_path: Path, umbrella: str) -> None:
    text = BASE.format(formula="现将有关情况报告如下：").replace("一、工作情况", f"一、{umbrella}")
    data, warnings = _import(tmp_path, text, "r.md")
    parts = data["parts"]
    assert isinstance(parts, list) and parts[0]["role"] == "work"
    assert not [w for w in warnings if w.code == "M007"]
    assert _check(tmp_path, text) == []


def test_hand_typed_doc_number_and_recipient_after_a_blank_paragraph(tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    for text in [
        "关于2024年第三季度校园安全工作情况的报告",
        "柳教发〔2024〕15号",
        "",
        "市教育局：",
        "2024年第三季度，我局认真落实上级部署。现将有关情况报告如下：",
        "一、工作情况",
        "（一）抓队伍，强化组织领导。本季度召开专题会议3次。",
        "（二）抓排查，消除安全隐患",
        "共检查学校86所。",
        "二、存在的问题",
        "台账记录不规范。",
        "三、下一步工作打算",
        "（一）完善隐患排查机制。建立隐患台账。",
        "特此报告。",
        "青山县教育局",
        "2024年10月8日",
    ]:
        p = document.add_paragraph(text)
        if text.startswith(("关于", "柳教发")):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    path = tmp_path / "手打.docx"
    document.save(str(path))
    result = import_report(path)
    data = result.data
    assert isinstance(data, dict)
    assert data["doc_number"] == "柳教发〔2024〕15号" and data["recipient"] == "市教育局"
    assert data["lead"] == "2024年第三季度，我局认真落实上级部署。现将有关情况报告如下："
    items = data["parts"][0]["items"]
    assert [i["heading"] for i in items] == ["抓队伍，强化组织领导", "抓排查，消除安全隐患"]
    kinds = [b.kind for b in result.document.blocks[:3]]
    assert kinds == [BlockKind.TITLE, BlockKind.DOC_NUMBER, BlockKind.RECIPIENT]


def test_points_note_quotes_where_the_render_differs(tmp_path: Path) -> None:
    text = BASE.format(formula="现将有关情况报告如下：").replace(
        "主要存在以下几点：一是部分农村学校消防设施老化；二是台账记录不规范。",
        "主要存在以下几点：一是部分农村学校消防设施老化，更换资金不足，二是个别学校台账记录不规范。",
    )
    _, warnings = _import(tmp_path, text, "r.md")
    notes = [w.message for w in warnings if w.code == "M008"]
    assert len(notes) == 1
    assert notes[0] == (
        "“二、存在的问题”中：“…化，更换资金不足，二是个别学校台账…”"
        "生成时写成“…化，更换资金不足；二是个别学校台账…”。"
    )


def test_position_settles_weak_roles_in_every_front(tmp_path: Path) -> None:
    """加强问题学生帮扶 before a work part is a theme for render (YAML), check and import alike."""
    from reportgen.genre.registry import settle_roles

    heads = ["强化组织领导", "加强问题学生帮扶", "深化家校协同", "存在的不足"]
    assert settle_roles(heads, ["work", "problems", "work", "problems"]) == [
        "work",
        "work",
        "work",
        "problems",
    ]
    # a self-inspection report may open with its problems: position decides nothing there
    found = ["problems", "next-steps", "work"]
    assert settle_roles(["问题清单", "整改情况", "自查情况"], found, "self-inspection") == found
    report = (
        "kind: summary\norg: 青山县第二中学\ntopic: 心理健康教育工作\nperiod: 2024年\nparts:\n"
        + "".join(f"  - heading: {h}\n    items: [有关工作已完成。]\n" for h in heads)
    )
    assert _check(tmp_path, report, "r.report.yaml") == []  # no I017 part-order
