"""`reportgen import` on files made without reportgen: typed in Word, hand-written Markdown,
text pasted from web pages. The outline must come back exactly and the junk be listed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.core.blocks import BlockKind
from reportgen.importing.run import import_report
from reportgen.pipeline import prepare
from reportgen.read.text import read_text

DATA = Path(__file__).parent.parent / "data" / "import"


def make_docx(lines: list[str], path: Path, *, styled: bool = False) -> Path:
    """A report typed in Word: one paragraph a line, markers typed by hand.

    Plain: everything in 正文 (Normal), the two title lines centred. ``styled``: what
    people do with the style gallery: 标题 1 on the parts (marker still typed), the run-in
    heading sentence in bold, the signature and date right-aligned.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from reportgen.core.numbering import Family, parse_marker

    doc = docx.Document()
    for i, line in enumerate(lines):
        found = parse_marker(line)
        if styled and found and found.family is Family.CHAPTER:
            doc.add_paragraph(line, style="Heading 1")
            continue
        p = doc.add_paragraph()
        if styled and found and found.family is Family.SECTION and "。" in line:
            head, _, body = line.partition("。")
            p.add_run(head + "。").bold = True
            p.add_run(body)
        else:
            p.add_run(line)
        if i < 2:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif styled and i >= len(lines) - 2:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.save(str(path))
    return path


def imported(source: Path, tmp_path: Path) -> tuple[list[tuple[str, str, bool]], object]:
    """(headings as rendered from the imported YAML, import result)."""
    result = import_report(source)
    out = tmp_path / "imported.report.yaml"
    out.write_text(result.text, encoding="utf-8")
    # No M007 for a validation error: the YAML renders (the gate's text findings, such as
    # the original's half-width punctuation, are the user's to fix and are asserted apart).
    assert not [w for w in result.warnings if w.code == "M007" and "（I" in w.message], (
        result.warnings
    )
    document = prepare(out).document
    return [(b.marker, b.text, b.run_in) for b in document.headings()], result


def dropped(result: object) -> list[tuple[int, str]]:
    return [(w.line, w.message) for w in result.warnings if w.code == "M001"]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- a report typed in Word

DROWNING_HEADINGS = [
    ("一、", "工作开展情况", False),
    ("（一）", "健全责任体系。", True),
    ("（二）", "抓实安全教育。", True),
    ("（三）", "开展家访排查。", True),
    ("二、", "存在的问题", False),
    ("三、", "下一步工作打算", False),
    ("1.", "", True),
    ("2.", "", True),
    ("3.", "", True),
]


@pytest.mark.parametrize("styled", [False, True], ids=["no-styles", "gallery-styles"])
def test_word_report_with_typed_half_width_markers(styled: bool, tmp_path: Path) -> None:
    lines = (DATA / "防溺水-手打.docx.txt").read_text(encoding="utf-8").splitlines()
    source = make_docx(lines, tmp_path / "防溺水.docx", styled=styled)
    headings, result = imported(source, tmp_path)
    assert headings == DROWNING_HEADINGS
    text = result.text  # type: ignore[attr-defined]
    for line in (
        # joined from two centred lines, and then what the kind generates: left out
        "# 原文的标题与文种按 org、topic、period 生成的完全相同，所以没有写出：下一期改了 period，它们随之改变。",
        "recipient: 县教育局",
        "date: 2024年9月6日",
        "org: 青山县城关第三小学  # 请核对：取自署名",
        "period: 2024年暑期  # 请核对：由标题推断",
        "topic: 学生防溺水工作  # 请核对：由标题推断",
        "    intro: 暑期防溺水工作总体平稳，但仍有不足，主要有：",
        "          - 发放《致家长的一封信》1260份，回执全部收回",
        '    numbering: "1."',
        "      - text: 完善家校联动机制，在寒假前再组织一次全员家访。",
        "closing: 特此报告。",
    ):
        assert f"\n{line}\n" in text, line
    assert "(一)" not in text and "1." not in text.replace('"1."', "")
    assert dropped(result) == []


# ---------------------------------------------------------------- text pasted from a web page

SUMMARY_HEADINGS = [
    ("一、", "强化教学管理，提升教育质量", False),
    ("（一）", "规范教学常规。", True),
    ("（二）", "深化课堂改革。", True),
    ("二、", "加强队伍建设，激发教师活力", False),
    ("（一）", "抓实师德师风。", True),
    ("（二）", "推进专业成长。", True),
    ("三、", "存在的问题", False),
    ("1.", "", True),
    ("2.", "", True),
    ("四、", "2024年工作安排", False),
    ("1.", "", True),
    ("2.", "", True),
]


def test_web_pasted_summary_drops_and_lists_junk(tmp_path: Path) -> None:
    headings, result = imported(DATA / "2023年度工作总结-网页.txt", tmp_path)
    assert headings == SUMMARY_HEADINGS
    assert dropped(result) == [
        (1, "删去了网页残留（页面按钮）：“首页 > 范文大全 > 工作总结”。"),
        (3, "删去了网页残留（发布信息）：“发布时间：2024-01-05 09:30 来源：网络整理”。"),
        (4, "删去了网页残留（分享按钮）：“分享到：微信 微博 QQ空间”。"),
        (5, "删去了网页残留（范文说明）：“以下是小编为大家整理的2023年度工作总结范文，仅供参考，欢迎阅读。”。"),
        (22, "删去了网页残留（阅读计数）：“阅读次数：2381”。"),
        (23, "删去了网页残留（页面按钮）：“上一篇：2023年度个人工作总结”。"),
        (24, "删去了网页残留（代码残留）：“\");”。"),
    ]  # fmt: skip
    text = result.text  # type: ignore[attr-defined]
    for junk in ("发布时间", "分享", "小编", "阅读次数", "上一篇", '");', "首页"):
        assert junk not in text
    assert "\nkind: summary  # 由标题中的“总结”推断\n" in text
    assert "\nperiod: 2023年度  # 请核对：由标题推断\n" in text
    assert "\nclosing: 今后，我校将继续深化教育教学改革，努力办好人民满意的教育。\n" in text


def test_junk_glued_to_the_last_line(tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_text(
        "关于2024年第三季度校园安全工作情况的报告\n本季度工作平稳。现将有关情况报告如下：\n"
        "一、工作情况\n（一）抓队伍。召开会议3次。\n二、存在的问题\n隐患排查不够细。\n"
        '三、下一步工作打算\n（一）健全机制。完善台账。\n特此报告。");\n',
        encoding="utf-8",
    )
    _, result = imported(source, tmp_path)
    assert dropped(result) == [(9, '删去了段末的网页代码残留：“");”。')]
    assert "\nclosing: 特此报告。\n" in result.text  # type: ignore[attr-defined]


# ---------------------------------------------------------------- other hand-made files


def test_hand_written_markdown_with_own_line_headings(tmp_path: Path) -> None:
    headings, result = imported(DATA / "心理健康-手写.md", tmp_path)
    assert headings == [
        ("一、", "主要做法", False),
        ("（一）", "完善工作机制", False),
        ("（二）", "加强课程建设", False),
        ("（三）", "做好个别辅导", False),
        ("二、", "存在的问题和不足", False),
        ("（一）", "专业力量不足", False),
        ("（二）", "家校协同不够", False),
        ("三、", "下一步工作措施", False),
        ("1.", "", True),
        ("2.", "", True),
    ]
    text = result.text  # type: ignore[attr-defined]
    assert text.count("    run_in: false  # 原文小标题单独成行\n") == 2
    assert "    role: problems  # 由标题“存在的问题和不足”推断\n" in text
    # Half-width punctuation in the lead is the user's text: kept as typed.
    assert "2024年上半年,我校按照县教育局的部署,扎实开展学生心理健康教育工作。" in text
    # … and the render gate would refuse it: import says so (M007), before a render fails.
    assert [w.message for w in result.warnings if w.code == "M007"] == [  # type: ignore[attr-defined]
        "导入结果还不能直接生成（T001 lead）：中文里用了半角“,”，应为全角“，”。",
        "导入结果还不能直接生成（T001 lead）：中文里用了半角“,”，应为全角“，”。",
        "导入结果还不能直接生成（T001 lead）：中文里用了半角“:”，应为全角“：”。",
    ]
    assert "\nclosing: 特此汇报。\n" in text


def test_text_with_a_title_over_two_lines(tmp_path: Path) -> None:
    headings, result = imported(DATA / "实验室自查-两行标题.txt", tmp_path)
    assert headings == [
        ("一、", "基本情况", False),
        ("二、", "自查情况", False),
        ("（一）", "管理制度落实情况", False),
        ("（二）", "危化品管理情况", False),
        ("三、", "存在的问题", False),
        ("（一）", "", True),
        ("（二）", "", True),
        ("四、", "整改措施", False),
        ("（一）", "", True),
        ("（二）", "", True),
    ]
    text = result.text  # type: ignore[attr-defined]
    # The joined title is what the kind generates: left out, regenerated from period.
    assert "\ntitle:" not in text and "原文的标题与文种按 org、topic、period 生成的完全相同" in text
    assert result.document.title == "关于2024年中小学实验室安全自查情况的报告"  # type: ignore[attr-defined]
    assert "\nkind: self-inspection  # 由标题中的“自查”推断\n" in text


def test_read_text_joins_a_split_title() -> None:
    doc = read_text("关于2024年第三季度校园安全\n工作情况的报告\n市教育局：\n正文。\n", "t.txt")
    assert doc.title == "关于2024年第三季度校园安全工作情况的报告"
    assert [b.kind for b in doc.blocks[:2]] == [BlockKind.TITLE, BlockKind.RECIPIENT]


def test_report_without_parts_still_validates(tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_text(
        "关于2024年教师培训工作情况的报告\n今年我校组织教师培训12场。\n"
        "一是抓集中培训；二是抓校本研修。\n青山县实验小学\n2024年12月1日\n",
        encoding="utf-8",
    )
    _, result = imported(source, tmp_path)
    assert "M006" in {w.code for w in result.warnings}  # type: ignore[attr-defined]


NO_PARTS_KIND = (
    "工作报告应有“存在的问题”部分（role: problems），这里没有；"
    "工作报告应有“下一步工作打算”部分（role: next-steps），这里没有，改按工作总结处理"
)


def test_report_without_headings_puts_the_body_in_the_work_part(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text(
        "本学期，我校围绕“书香校园”建设开展了系列阅读活动。"
        "一是开设每周一节阅读课；二是组织读书分享会12场。\n\n特此报告。\n",
        encoding="utf-8",
    )
    _, result = imported(source, tmp_path)
    assert result.text == (  # type: ignore[attr-defined]
        "# 由 reportgen import 从 a.md 导入。\n"
        "# 带“请核对”注释的内容是推断出来的：核对无误后可删去注释。编号按顺序自动生成，不要手写。\n"
        "# 生成：reportgen render 本文件 -o 报告.docx\n"
        "\n"
        f"kind: summary  # 没有标题，默认为 work-report，但{NO_PARTS_KIND}\n"
        'org: "[请填写发文机关]"  # 没有署名，请填写\n'
        'topic: "[请填写报告主题]"  # 标题里找不到，请填写\n'
        'period: "[请填写报告期]"  # 标题里找不到，请填写\n'
        "\n"
        "# 原文没有导语：生成时按文种公式写一段导语，请核对；也可以在这里加上 lead。\n"
        "parts:\n"
        "  - heading: 工作情况\n"
        "    role: work  # 由标题“工作情况”推断\n"
        "    intro: 本学期，我校围绕“书香校园”建设开展了系列阅读活动。\n"
        "    points:\n"
        "      - 开设每周一节阅读课\n"
        "      - 组织读书分享会12场\n"
        "\n"
        "closing: 特此报告。\n"
    )
    assert [(w.code, w.message) for w in result.warnings] == [  # type: ignore[attr-defined]
        ("M002", f"文种推断为 summary（没有标题，默认为 work-report，但{NO_PARTS_KIND}）；可用 --kind 指定。"),
        ("M003", "找不到发文机关（org），写了占位文字，请填写。"),
        ("M003", "找不到主题（topic），写了占位文字，请填写。"),
        ("M003", "找不到报告期（period），写了占位文字，请填写。"),
        ("M003", "找不到标题；将按文种公式生成标题，请核对。"),
        ("M006", "原文没有“一、二、三、”这样的部分标题，也没有以“现将有关情况总结如下：”之类的套语结尾的导语；"
                 "全文放进了一个“工作情况”部分，导语按文种公式生成，请按需要拆分并核对。"),
    ]  # fmt: skip


def test_report_without_headings_keeps_a_lead_with_the_formula(tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_text(
        "关于2024年教师培训工作情况的报告\n今年我校组织教师培训12场。现将有关情况报告如下：\n"
        "培训覆盖全体教师。\n一是抓集中培训；二是抓校本研修。\n青山县实验小学\n2024年12月1日\n",
        encoding="utf-8",
    )
    _, result = imported(source, tmp_path)
    text = result.text  # type: ignore[attr-defined]
    assert text.split("\n\n", 3)[3] == (
        "lead: 今年我校组织教师培训12场。现将有关情况报告如下：\n"
        "\n"
        "parts:\n"
        "  - heading: 工作情况\n"
        "    role: work  # 由标题“工作情况”推断\n"
        "    intro: 培训覆盖全体教师。\n"
        "    points:\n"  # never 二是 typed in the text: the points join the paragraph before
        "      - 抓集中培训\n"
        "      - 抓校本研修\n"
        "\n"
        'closing: ""  # 原文没有结束语\n'
    )
    assert [(w.line, w.message) for w in result.warnings if w.code == "M008"] == [  # type: ignore[attr-defined]
        (0, "“工作情况”中：生成时要点接在上一段“培训覆盖全体教师。”之后，合为一段。")
    ]
    layout = [w.message for w in result.warnings if w.code == "M006"]  # type: ignore[attr-defined]
    assert layout == [
        "原文没有“一、二、三、”这样的部分标题；导语之后的正文放进了一个“工作情况”部分，请按需要拆分。"
    ]
    kind = [w.message for w in result.warnings if w.message.startswith("文种")]  # type: ignore[attr-defined]
    assert kind == [
        f"文种推断为 summary（按标题应为 work-report，但{NO_PARTS_KIND}）；可用 --kind 指定。"
    ]


def test_text_above_the_title_goes_with_the_first_paragraph(tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_text(
        "本文由办公室根据会议记录整理。\n关于2024年教师培训工作情况的报告\n"
        "今年我校组织教师培训12场。\n特此报告。\n",
        encoding="utf-8",
    )
    _, result = imported(source, tmp_path)
    text = result.text  # type: ignore[attr-defined]
    assert (
        "\n    intro: |-\n      本文由办公室根据会议记录整理。\n      今年我校组织教师培训12场。\n"
        in text
    )
    assert "\nlead:" not in text
    assert [w.message for w in result.warnings if w.code == "M006"] == [  # type: ignore[attr-defined]
        "原文没有“一、二、三、”这样的部分标题，也没有以“现将有关情况总结如下：”之类的套语结尾的导语；"
        "全文放进了一个“工作情况”部分，导语按文种公式生成，请按需要拆分并核对。",
        "标题之前的文字并入了“工作情况”部分：“本文由办公室根据会议记录整理。”。",
    ]


def test_text_above_the_title_joins_the_lead_once(tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_text(
        "本文由办公室根据会议记录整理。\n关于2024年教师培训工作情况的报告\n"
        "今年我校组织教师培训12场。现将有关情况报告如下：\n一、工作情况\n培训覆盖全体教师。\n"
        "二、存在的问题\n培训形式单一。\n三、下一步工作打算\n丰富培训形式。\n特此报告。\n",
        encoding="utf-8",
    )
    _, result = imported(source, tmp_path)
    assert (
        "\nlead: |-\n  本文由办公室根据会议记录整理。\n  今年我校组织教师培训12场。现将有关情况报告如下：\n\n"
        in result.text  # type: ignore[attr-defined]
    )
    assert [w.message for w in result.warnings if w.code == "M006"] == [  # type: ignore[attr-defined]
        "标题之前的文字并入了导语：“本文由办公室根据会议记录整理。”。"
    ]


def test_control_characters_are_removed_and_listed(tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_text(
        "关于2024年教师培训工作情况的报告\n今年组织培训\x0712场。现将有关情况报告如下：\n"
        "一、工作情况\n（一）抓培训。培训12场。\n二、存在的问题\n培训不够。\n"
        "三、下一步工作打算\n（一）抓研修。研修6次。\n青山县实验小学\n2024年12月1日\n",
        encoding="utf-8",
    )
    _, result = imported(source, tmp_path)
    notes = [(w.line, w.code, w.message) for w in result.warnings if w.code == "M005"]  # type: ignore[attr-defined]
    assert notes == [(2, "M005", "删去了不可见的控制字符 U+0007。")]
    assert "\nlead: 今年组织培训12场。现将有关情况报告如下：\n" in result.text  # type: ignore[attr-defined]


# ---------------------------------------------------------------- what import needs from the readers


def test_reader_own_line_marker_heading_in_plain_text() -> None:
    doc = read_text(
        "关于2024年实验室安全自查情况的报告\n一、基本情况\n我校有实验室6间。\n", "t.txt"
    )
    heading = doc.headings()[0]
    assert (heading.text, heading.body, heading.run_in) == ("基本情况", "", False)


# ---------------------------------------------------------------- the command


def run(args: list[str]) -> tuple[int, str, str]:
    class _Main:
        name = "reportgen"

        def main(self, args: list[str], prog_name: str | None = None, **_: object) -> None:
            sys.exit(main(list(args)))

    result = CliRunner().invoke(_Main(), args, catch_exceptions=False)  # type: ignore[arg-type]
    return result.exit_code, result.stdout, result.stderr


def test_cli_import_to_stdout_with_warnings_on_stderr() -> None:
    code, out, err = run(["import", str(DATA / "2023年度工作总结-网页.txt")])
    assert code == 0, err
    assert out.startswith("# 由 reportgen import 从 2023年度工作总结-网页.txt 导入。\n")
    assert (
        "2023年度工作总结-网页.txt:4:1: warning M001 [junk-dropped] 删去了网页残留（分享按钮）"
        in err
    )
    assert "warning M002 [guessed] 文种推断为 summary" in err
    assert "发布时间" not in out


def test_cli_import_to_file_refuses_to_overwrite(tmp_path: Path) -> None:
    source = DATA / "心理健康-手写.md"
    target = tmp_path / "心理健康.report.yaml"
    code, out, err = run(["import", str(source), "-o", str(target)])
    assert (code, out) == (0, "")
    assert f"已生成 {target}" in err
    first = target.read_text(encoding="utf-8")
    assert prepare(target).document.title.startswith("关于2024年上半年")
    target.write_text("mine", encoding="utf-8")
    code, _, err = run(["import", str(source), "-o", str(target)])
    assert code == 2 and "已存在" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "mine"
    code, _, err = run(["import", str(source), "-o", str(target), "--force", "-k", "summary"])
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == first.replace(
        "kind: work-report  # 由标题中的“汇报”推断", "kind: summary"
    )


def test_cli_import_never_writes_over_its_input(tmp_path: Path) -> None:
    source = tmp_path / "r.md"
    source.write_text((DATA / "心理健康-手写.md").read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(["import", str(source), "-o", str(source), "--force"])
    assert code == 1 and "就是输入文件" in err
    assert source.read_text(encoding="utf-8").startswith("# 关于")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["import", "missing.docx"], "missing.docx"),
        (["import", "notes.pdf"], "只支持 .docx、.md 和 .txt"),
        (["import", str(DATA / "心理健康-手写.md"), "-k", "nope"], "没有名为“nope”的文种"),
        (["import"], "缺少参数"),
    ],
)
def test_cli_import_usage_errors_exit_2(args: list[str], needle: str, tmp_path: Path) -> None:
    if args[-1] == "notes.pdf":
        (tmp_path / "notes.pdf").write_bytes(b"%PDF")
        args = ["import", str(tmp_path / "notes.pdf")]
    code, _, err = run(args)
    assert code == 2, err
    assert needle in err


def test_cli_import_broken_docx_is_invalid_input(tmp_path: Path) -> None:
    source = tmp_path / "broken.docx"
    source.write_bytes(b"not a zip")
    code, _, err = run(["import", str(source)])
    assert code == 1
    assert err.startswith(
        f"{source}: error I022 [bad-docx] 文件不是有效的 Word 文档（.docx）：文件已损坏，或根本不是 .docx。"
    )


def test_a_gbk_text_with_a_space_after_its_markers(tmp_path: Path) -> None:
    """A .txt saved by Notepad (GBK, CRLF): the space typed after “1.” is not part of the
    item's text, and the 的 before the title's ending is not part of the topic."""
    source = tmp_path / "自查.txt"
    source.write_bytes(
        "关于2025年秋季学期食堂食品安全的自查报告\r\n县教育局：\r\n"
        "根据县教育局要求，我校对食堂食品安全开展了自查。现将自查情况报告如下：\r\n"
        "一、自查情况\r\n（一）制度落实。食堂各项制度上墙公示。\r\n"
        "二、存在的问题\r\n一是台账不全；二是培训不够。\r\n"
        "三、整改措施\r\n1. 加强从业人员培训，每月一次。\r\n2.\u3000完善进货台账。\r\n"
        "青山县第三小学\r\n2025年11月20日\r\n".encode("gbk")
    )
    text = import_report(source).text
    assert "\ntopic: 食堂食品安全  # 请核对：由标题推断\n" in text
    assert "      - text: 加强从业人员培训，每月一次。\n" in text
    assert "      - text: 完善进货台账。\n" in text
