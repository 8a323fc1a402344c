"""YAML that parses but loses text (I042) and indentation mistakes named as such."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.core.load import load_text

from conftest import MINIMAL


def docx_text(path: Path) -> str:
    """The document's text, run by run joined per paragraph."""
    import zipfile

    from lxml import etree

    xml = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "\n".join("".join(t.text or "" for t in p.iter(f"{w}t")) for p in xml.iter(f"{w}p"))


HASHTAG = MINIMAL.replace(
    "text: 本季度召开专题会议3次。", "text: 参加微博话题 #安全教育月# 的学生320人。"
)


class _Main:
    name = "reportgen"

    def main(self, args: list[str], prog_name: str | None = None, **_: object) -> None:
        sys.exit(main(list(args)))


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(_Main(), args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_hashtag_after_text_is_an_error_at_the_hash() -> None:
    loaded = load_text(HASHTAG, "r.yaml")
    (p,) = [p for p in loaded.problems if p.code == "I042"]
    assert (p.line, p.column, p.path) == (9, 22, "parts[0].items[0].text")
    assert p.message == (
        "空格后的“#”在 YAML 里开始注释：“#安全教育月# 的学生320人。”被删去，报告里只剩“参加微博话题”。"
        "如果“#”后面是正文（如微博话题），请给整段文字加双引号："
        'text: "参加微博话题 #安全教育月# 的学生320人。"；如果是注释，请在“#”后加一个空格。'
    )


def test_following_the_advice_renders_the_whole_text(write, tmp_path: Path) -> None:
    code, _, err = run(["render", str(write(HASHTAG)), "-o", str(tmp_path / "a.md")])
    assert code == 1 and "I042" in err and not (tmp_path / "a.md").exists()
    fixed = HASHTAG.replace(
        "text: 参加微博话题 #安全教育月# 的学生320人。",
        'text: "参加微博话题 #安全教育月# 的学生320人。"',
    )
    target = tmp_path / "a.docx"
    code, _, err = run(["render", str(write(fixed)), "-o", str(target)])
    assert code == 0, err
    assert "参加微博话题 #安全教育月# 的学生320人。" in docx_text(target)


def test_a_value_made_empty_and_a_list_item_are_reported() -> None:
    text = "org: 青山县教育局\ntopic: #安全教育月# 活动\nlist:\n  - 组织 #消防# 演练\n"
    found = [(p.line, p.column, p.path) for p in load_text(text, "r.yaml").problems]
    assert found == [(2, 8, "topic"), (4, 8, "list[0]")]
    item = load_text(text, "r.yaml").problems[1].message
    assert '- "组织 #消防# 演练"' in item and "报告里只剩“组织”" in item


def test_comments_written_as_comments_are_left_alone() -> None:
    text = (
        "org: 青山县教育局   # 发文机关全称\n"
        "topic: 安全工作 # 主题\n"
        'text: "参加 #话题# 活动"  # 已加引号\n'
        "note: |\n  参加 #话题# 活动\n"
        "code: abc #tag\n"  # no Chinese on the line: not a report's text
    )
    assert load_text(text, "r.yaml").problems == []


# ---------------------------------------------------------------- the render gate

TYPOS = MINIMAL.replace(
    "text: 本季度召开专题会议3次。", "text: 本季度召开专题会议3次,参会人员120人."
)


def test_gate_stops_errors_and_writes_nothing(write, tmp_path: Path) -> None:
    source = write(TYPOS)
    target = tmp_path / "报告.docx"
    code, _, err = run(["render", str(source), "-o", str(target)])
    assert code == 1 and not target.exists()
    assert err == (
        f"{source}:9:26: error T001 [half-width-punct] parts[0].items[0].text: "
        "中文里用了半角“,”，应为全角“，”。\n"
        f"{source}:9:35: error T001 [half-width-punct] parts[0].items[0].text: "
        "中文里用了半角“.”，应为全角“。”。\n"
        "共 2 个错误、0 个警告，未生成任何文件。改正后重新生成；如需先生成草稿看看效果，加 --draft。\n"
        f"其中 2 个可以自动修正：reportgen check --fix {source}，修正后重新生成。\n"
    )
    assert run(["check", "--fix", str(source)])[0] == 0
    code, _, err = run(["render", str(source), "-o", str(target)])
    assert code == 0 and err.startswith(f"已生成 {target}\n")
    assert "本季度召开专题会议3次，参会人员120人。" in docx_text(target)


def test_draft_docx_has_the_mark_in_its_header(write, tmp_path: Path) -> None:
    import docx

    target = tmp_path / "报告.docx"
    code, _, err = run(["render", str(write(TYPOS)), "-o", str(target), "--draft"])
    assert code == 0
    assert err.endswith(f"已生成草稿 {target}（标有“草稿”字样，不能作为正式文件报送）\n")
    section = docx.Document(str(target)).sections[-1]
    note = "草稿：还有 2 个问题没有改正，不能作为正式文件报送"
    assert [p.text for p in section.header.paragraphs] == [note]
    assert [p.text for p in section.even_page_header.paragraphs] == [note]
    assert note not in docx_text(target)  # the body is the report as it will be


def test_gate_levels_come_from_the_config(write, tmp_path: Path, monkeypatch) -> None:
    source = write(TYPOS)
    (tmp_path / ".reportgen.yaml").write_text("rules:\n  T001: warning\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["render", str(source)])
    assert code == 0 and out.startswith("# ")
    assert "warning T001 [half-width-punct]" in err
    assert "共 2 个警告（不影响生成）。\n" in err
    assert f"其中 2 个可以自动修正：reportgen check --fix {source}，修正后重新生成。\n" in err


def test_batch_fails_a_school_signed_xx_and_drafts_it_on_request(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "一中.report.yaml").write_text(MINIMAL.replace("青山县教育局", "XX学校"), "utf-8")
    (folder / "二中.report.yaml").write_text(
        MINIMAL.replace("青山县教育局", "青山县第二中学"), "utf-8"
    )
    out = tmp_path / "out"
    code, _, err = run(["batch", str(folder), "-o", str(out), "-f", "md"])
    assert code == 1
    source = folder / "一中.report.yaml"
    assert (
        "以下 1 份报告没有生成：\n【一中.report.yaml】\n"
        f"{source}:1:6: error C003 [placeholder] org: 占位符“XX”没有替换成实际内容。\n"
        "检查出错误的报告没有生成：改正后重新运行（标点等可先用 reportgen check --fix 修正）；"
        "如需先生成草稿，加 --draft。\n"
    ) in err.replace(str(folder) + "/一中.report.yaml】", "一中.report.yaml】")
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["二中.md"]
    code, _, err = run(["batch", str(folder), "-o", str(out), "-f", "md", "--draft"])
    assert code == 0, err
    assert "1 份报告有错误，按 --draft 生成了草稿（文件上标有“草稿”字样），不能直接报送。" in err
    assert (out / "一中.md").read_text("utf-8").startswith("> **草稿：")
    assert not (out / "二中.md").read_text("utf-8").startswith("> **草稿")


# ---------------------------------------------------------------- typed numbering in text

TYPED = MINIMAL.replace(
    "        text: 本季度召开专题会议3次。\n",
    "        text: |\n          本季度重点抓了以下工作：\n          1、加强备课。\n"
    "          2、加强教研。\n          （一）开展听课。\n",
)


def test_typed_numbering_in_a_text_block_is_checked_at_its_line(write) -> None:
    source = write(TYPED)
    code, out, _ = run(["check", "-f", "parsable", str(source)])
    assert code == 1
    where = [line.split(": ", 1)[0].rsplit(":", 2)[1:] for line in out.splitlines()]
    assert where == [["11", "11"], ["13", "11"], ["13", "11"]]
    codes = [line.rsplit("(", 1)[1][:4] for line in out.splitlines()]
    assert codes == ["O009", "O005", "O006"]  # O009: the group “1、”“2、”
    # render stops on the same errors (the gate); written as items, it renders numbered.
    assert run(["render", str(source)])[0] == 1
    fixed = MINIMAL.replace(
        "        text: 本季度召开专题会议3次。\n",
        "        text: 本季度重点抓了以下工作：\n        items:\n          - heading: 加强备课\n"
        "          - heading: 加强教研\n          - heading: 开展听课\n",
    )
    code, out, err = run(["render", str(write(fixed))])
    assert code == 0, err
    assert "\n**1.加强备课**。\n\n**2.加强教研**。\n\n**3.开展听课**。\n" in out


# ---------------------------------------------------------------- indentation

ITEM = "      - heading: 家校共育\n        text: 召开家长会。\n"
WITH_ITEM = MINIMAL.replace(
    "        text: 本季度召开专题会议3次。\n", "        text: 本季度召开专题会议3次。\n" + ITEM
)
GOOD = "**（二）家校共育**。召开家长会。"


@pytest.mark.parametrize(
    ("wrong", "where", "message"),
    [
        (
            "         text: 召开家长会。\n",
            "I001@11:10",
            "“text:”比第 10 行的“heading:”多缩进了 1 个空格；同一条目的字段要上下对齐。"
            "请让“text”从第 9 列开始（行首 8 个空格）。",
        ),
        (
            "       text: 召开家长会。\n",
            "I001@11:8",
            "“text:”比第 10 行的“heading:”少缩进了 1 个空格；同一条目的字段要上下对齐。"
            "请让“text”从第 9 列开始（行首 8 个空格）。",
        ),
        (
            "\u3000" * 8 + "text: 召开家长会。\n",
            "I001@11:9",
            "这一行用全角空格“　”缩进（8 个，输入法全角状态下常会打出来）；YAML 只认半角空格。"
            "请把行首的全角空格换成半角空格，让“text”与第 10 行的“heading”对齐（行首 8 个半角空格）。",
        ),
        (
            "      \u3000\u3000text: 召开家长会。\n",
            "I001@11:9",
            "这一行用全角空格“　”缩进（2 个，输入法全角状态下常会打出来）；YAML 只认半角空格。"
            "请把行首的全角空格换成半角空格，让“text”与第 10 行的“heading”对齐（行首 8 个半角空格）。",
        ),
        (
            "    text: 召开家长会。\n",
            "I003@11:5",
            "不认识的字段“text”。“text”是 items 下各条的字段，缩进少了：如果它属于第 10 行的那一条，"
            "请让它从第 9 列开始，与“heading”对齐（行首 8 个空格）。",
        ),
    ],
)
def test_misindented_key_says_which_column_and_the_fix_renders(
    write, wrong: str, where: str, message: str
) -> None:
    source = write(WITH_ITEM.replace("        text: 召开家长会。\n", wrong))
    code, _, err = run(["render", str(source)])
    assert code == 1
    code_at = where.replace("@", " [").split()[0]
    line, col = where.split("@")[1].split(":")
    first = err.splitlines()[0]
    assert first.startswith(f"{source}:{line}:{col}: error {code_at}"), first
    assert first.endswith(f" {message}"), first
    # Following the advice: the column it names, with half-width spaces.
    column = int(message.split("行首 ")[1].split(" ")[0])
    fixed = WITH_ITEM.replace("        text: 召开家长会。\n", " " * column + "text: 召开家长会。\n")
    code, out, err = run(["render", str(write(fixed))])
    assert code == 0, err
    assert GOOD in out and "text：" not in out


def test_text_under_an_overview_suggests_intro(write) -> None:
    text = MINIMAL.replace(
        "parts:\n", "kind: summary\nparts:\n  - role: overview\n    text: 全县共有中小学48所。\n"
    )
    code, _, err = run(["render", str(write(text))])
    assert code == 1
    assert (
        "不认识的字段“text”。是否想写“intro”？部分开头（小标题之前）的一段话写在 intro 下。" in err
    )
    code, out, err = run(["render", str(write(text.replace("    text: 全县", "    intro: 全县")))])
    assert code == 0, err
    assert "## 一、总体情况\n\n全县共有中小学48所。\n" in out


# ---------------------------------------------------------------- C011 quotes the junk only


@pytest.mark.parametrize(
    ("line", "column", "quoted", "reason"),
    [
        ("本学期开展推门听课活动共计126节。分享到：朋友圈", 33, "分享到：朋友圈", "分享按钮"),
        ("本学期开展推门听课活动共计126节 分享到：朋友圈", 33, "分享到：朋友圈", "分享按钮"),
        ("阅读(1024)", 15, "阅读(1024)", "阅读计数"),
        ("共计126节。阅读(1024) 点赞(3)", 22, "阅读(1024) 点赞(3)", "阅读计数"),
        ("长按识别二维码关注我们", 15, "长按识别二维码关注我们", "页面按钮"),
        (
            "分享 时间:2024-10-09 浏览次数:1203",
            15,
            "分享 时间:2024-10-09 浏览次数:1203",
            "分享按钮",
        ),
    ],
)
def test_web_junk_quotes_exactly_the_junk_at_its_column(
    write, line: str, column: int, quoted: str, reason: str
) -> None:
    source = write(MINIMAL.replace("text: 本季度召开专题会议3次。", f"text: {line}"))
    code, out, _ = run(["check", "-f", "parsable", str(source)])
    assert code == 1
    junk = [row for row in out.splitlines() if "C011" in row]
    assert junk == [
        f"{source}:9:{column}: [error] 这像是从网页复制时带进来的杂项（{reason}：“{quoted}”），请删去。"
        " (C011/web-junk)"
    ]


def test_a_report_sentence_naming_wechat_is_not_junk(write) -> None:
    line = "通过微信、微博等平台宣传教学成果，家长满意度明显提升。"
    source = write(MINIMAL.replace("text: 本季度召开专题会议3次。", f"text: {line}"))
    assert run(["check", str(source)])[0] == 0


# ---------------------------------------------------------------- check as batch reads it

SCHOOL = MINIMAL.replace("topic: 校园安全工作\n", "").replace("青山县教育局", "青山县第一中学")


def test_check_with_defaults_and_a_manifest(tmp_path: Path) -> None:
    (tmp_path / "共用.yaml").write_text("topic: 校园安全工作\n", "utf-8")
    (tmp_path / "一中.report.yaml").write_text(SCHOOL, "utf-8")
    (tmp_path / "秋季.batch.yaml").write_text(
        "defaults: 共用.yaml\nreports:\n  - 一中.report.yaml\n", "utf-8"
    )
    report = str(tmp_path / "一中.report.yaml")
    code, out, _ = run(["check", "-f", "parsable", report])
    assert code == 1 and "I005/missing-field" in out
    assert run(["check", "--defaults", str(tmp_path / "共用.yaml"), report])[0] == 0
    code, out, _ = run(["check", str(tmp_path / "秋季.batch.yaml")])
    assert (code, out) == (0, "检查了 1 个文件：没有发现问题。\n")
    # A bad shared value points at the defaults file, as in batch.
    (tmp_path / "共用.yaml").write_text("topic: 校园安全工作\nrecipient: XX局\n", "utf-8")
    code, out, _ = run(["check", "-f", "parsable", str(tmp_path / "秋季.batch.yaml")])
    assert code == 1 and f"{tmp_path / '共用.yaml'}:2:12: [error]" in out, out


BASE = (
    MINIMAL.replace("org: 青山县教育局", 'org: "{{ 学校 }}"')
    .replace("date: 2024-10-08", 'date: "{{ 报告日期 }}"')
    .replace("本季度召开专题会议3次。", "本季度召开专题会议{{ 次数 }}次。")
)


def test_check_a_roster_base_row_by_row(tmp_path: Path) -> None:
    base = tmp_path / "基础.report.yaml"
    base.write_text(BASE, "utf-8")
    roster = tmp_path / "名单.csv"
    roster.write_text(
        "学校,报告日期,次数\n青山县第一中学,2024-12-30,3\nXX学校,2024-12-31,2\n"
        "青山县第三中学,2024-13-01,4\n",
        "utf-8",
    )
    code, out, _ = run(["check", "-f", "parsable", str(base)])
    assert code == 1 and out.count("C003/placeholder") == 2 and "--roster" in out
    assert "I014/invalid-date" in out
    code, out, _ = run(["check", "-f", "parsable", str(base), "--roster", str(roster)])
    assert code == 1
    rows = out.splitlines()
    assert len(rows) == 2, out
    assert "名单第 3 行：占位符“XX”没有替换成实际内容。 (C003/placeholder)" in rows[0]
    assert rows[1].startswith(f"{base}:4:7: [error] 名单第 4 行：日期“2024-13-01”不存在")
    # One row previewed: render BASE --roster FILE --row N.
    code, out, err = run(["render", str(base), "--roster", str(roster), "--row", "2"])
    assert code == 0, err
    assert "本季度召开专题会议3次。" in out and "\n青山县第一中学\n\n2024年12月30日\n" in out
    code, _, err = run(["render", str(base), "--roster", str(roster), "--row", "3"])
    assert code == 1 and "名单第 3 行：占位符“XX”" in err
    code, _, err = run(["render", str(base), "--roster", str(roster), "--row", "9"])
    assert code == 2 and "没有第 9 行的数据；有数据的行：2、3、4。" in err


def test_only_reports_skips_readme_and_summaries(tmp_path: Path, write) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# 工具说明\n\n## 安装\n\n请先安装,然后使用。\n", "utf-8")
    report = tmp_path / "报告.md"
    assert run(["render", str(write(MINIMAL)), "-o", str(report)])[0] == 0
    code, out, err = run(["check", "--only-reports", str(readme), str(report)])
    assert code == 0, out
    assert f"跳过 1 个不像报告的文件（没有“一、二、”各部分）：{readme}" in err
    assert run(["check", str(readme)])[0] == 1  # named without the option: checked


def test_fix_leaves_code_links_html_and_front_matter_alone(tmp_path: Path) -> None:
    text = (
        "---\ntitle: a,b\n---\n\n# 关于校园安全工作情况的报告\n\n## 一、工作情况\n\n"
        "运行 `reportgen check 报告,草稿` 检查,详见[说明](http://x.cn/a,b)。<span>注,</span>\n\n"
        "```\n代码块里的,不改\n```\n\n## 二、存在的问题\n\n隐患排查不够细。\n"
    )
    source = tmp_path / "报告.md"
    source.write_text(text, "utf-8")
    run(["check", "--fix", str(source)])
    # The text between inline tags is prose; the tags, the URL and the code are not.
    fixed = text.replace("检查,详见", "检查，详见").replace("注,<", "注，<")
    assert source.read_text("utf-8") == fixed


# ---------------------------------------------------------------- paper cuts


def test_chinese_kind_names_everywhere(write, tmp_path: Path) -> None:
    code, out, err = run(["new", "工作总结"])
    assert code == 0 and "\nkind: summary\n" in out, err
    text = MINIMAL.replace("org:", "kind: 工作总结\norg:")
    code, out, err = run(["render", str(write(text))])
    assert code == 0, err
    assert out.startswith("# 青山县教育局2024年第三季度校园安全工作总结\n")
    code, out, _ = run(["render", str(write(MINIMAL)), "-k", "工作总结"])
    assert code == 0 and out.startswith("# 青山县教育局2024年第三季度校园安全工作总结\n")
    code, out, _ = run(["schema", "自查报告"])
    assert code == 0 and '"自查报告"' in out
    code, _, err = run(["new", "总结"])
    assert code == 2
    assert (
        "可用（英文名或中文名都可以）：analysis（分析研判报告）、self-inspection（自查报告）" in err
    )
    assert "summary 工作总结" not in run(["kinds"])[1] and "工作总结：" in run(["kinds"])[1]


def test_summary_starter_has_the_shape_of_a_term_summary(tmp_path: Path) -> None:
    target = tmp_path / "s.report.yaml"
    assert run(["new", "summary", "-o", str(target)])[0] == 0
    code, out, _ = run(["render", str(target), "--draft"])
    assert code == 0
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == [
        "## 一、总体情况",
        "## 二、聚焦××，推动××工作提质增效",
        "## 三、深化××，促进××工作规范发展",
        "## 四、存在的问题",
        "## 五、下一步工作打算",
    ]


def test_missing_date_is_a_warning(write) -> None:
    code, out, err = run(["render", str(write(MINIMAL.replace("date: 2024-10-08\n", "")))])
    assert code == 0 and out.endswith("\n青山县教育局\n")
    assert "warning I043 [missing-date] 没有写成文日期（date），报告末尾署名下不会有日期；" in err


def test_fix_removes_a_whole_hand_indent_and_flags_96_percent_bang(write) -> None:
    source = write(MINIMAL.replace("text: 本季度召开专题会议3次。", "text: 　　本季度合格率达96%!"))
    code, out, _ = run(["check", "-f", "parsable", str(source)])
    assert code == 1
    assert f"{source}:9:15: [error] 中文里不加空格" in out
    assert f"{source}:9:27: [error] 中文里用了半角“!”，应为全角“！”。" in out
    assert run(["check", "--fix", str(source)])[0] == 0
    assert "        text: 本季度合格率达96%！\n" in source.read_text("utf-8")


def test_discovery_explains_yaml_files_it_did_not_take(tmp_path: Path) -> None:
    folder = tmp_path / "各校"
    folder.mkdir()
    for name in ("实验小学.yaml", "一中.YAML", "二中.report (1).yaml"):
        (folder / name).write_text(MINIMAL, "utf-8")
    for command in (["batch", str(folder), "-o", str(tmp_path / "out")], ["check", str(folder)]):
        code, _, err = run(command)
        assert code == 2
        assert (
            "目录里有 3 个没有读取的 YAML 文件：一中.YAML、二中.report (1).yaml、实验小学.yaml"
            "（“二中.report (1).yaml”像是重复下载时加上的编号，改回 .report.yaml 结尾即可）。"
            "报告文件名要以小写的 .report.yaml 结尾：请改名（如 实验小学.yaml → 实验小学.report.yaml），"
            "或在命令行上直接写出这些文件的路径。"
        ) in err
    # Named on the command line they are read.
    assert run(["check", str(folder / "实验小学.yaml")])[0] == 0


def test_config_errors_name_the_line(tmp_path: Path, write, monkeypatch) -> None:
    source = write(MINIMAL)
    (tmp_path / ".reportgen.yaml").write_text(
        "rules:\n  placeholder: warning\n  T0x: off\n", "utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["check", str(source)])
    assert code == 2
    assert f"配置文件 {tmp_path / '.reportgen.yaml'}:3:3：rules.T0x：没有这条规则" in err


def test_a_named_file_the_config_ignores_is_said(tmp_path: Path, write, monkeypatch) -> None:
    source = write(MINIMAL.replace("青山县教育局", "XX局"))
    (tmp_path / ".reportgen.yaml").write_text("ignore: |\n  r.report.yaml\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["check", str(source)])
    assert (code, out) == (0, "")
    assert err == f"按配置文件 {tmp_path / '.reportgen.yaml'} 的 ignore 没有检查：{source}\n"


def test_defaults_file_lists_every_mistake_with_a_suggestion(tmp_path: Path, write) -> None:
    shared = tmp_path / "共用.yaml"
    shared.write_text("perod: 2024年秋季学期\ndate: 2024-13-01\n", "utf-8")
    code, _, err = run(["check", "--defaults", str(shared), str(write(MINIMAL))])
    assert code == 1
    assert err.splitlines() == [
        f"{shared}:1:1: error B001 [bad-defaults] perod: “perod”不是报告的字段，不能作为共用字段。"
        "是否想写“period”？",
        f"{shared}:2:7: error I014 [invalid-date] date: 日期“2024-13-01”不存在（2024年没有13月1日）。",
        "共 2 个错误，未生成任何文件。",
    ]


def test_check_of_a_folder_skips_the_batch_summary(tmp_path: Path, write) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "一中.report.yaml").write_text(MINIMAL, "utf-8")
    summary = tmp_path / "汇总表.md"
    assert (
        run(
            [
                "batch",
                str(folder),
                "-o",
                str(tmp_path / "out"),
                "-f",
                "md",
                "--summary",
                str(summary),
            ]
        )[0]
        == 0
    )
    code, out, err = run(["check", str(tmp_path)])
    assert code == 0, out
    assert f"跳过 1 个不像报告的文件（没有“一、二、”各部分）：{summary}" in err


def test_html_draft_carries_the_mark(write, tmp_path: Path) -> None:
    target = tmp_path / "报告.html"
    source = write(MINIMAL.replace("青山县教育局", "××县教育局"))
    assert run(["render", str(source), "-o", str(target)])[0] == 1 and not target.exists()
    code, _, err = run(["render", str(source), "-o", str(target), "--draft"])
    assert code == 0, err
    page = target.read_text("utf-8")
    assert "草稿：还有 1 个问题没有改正，不能作为正式文件报送</p>" in page


# ---------------------------------------------------------------- full-width colon

COLON = "字段名“{key}”后面用了全角冒号“：”；字段名后应是半角冒号加空格，写成“{key}: ”（输入法切换到英文状态再输入冒号）。"
FRONT = "kind: summary\norg: 青山县第三小学\ntopic: 工作\nperiod: 2025年春季\n"


@pytest.mark.parametrize(
    ("text", "where", "key"),
    [
        # YAML fails on the next key: the mistake is the line before.
        ("kind: summary\norg： 青山县第三小学\ntopic: 工作\n", (2, 4), "org"),
        # On the last line YAML fails past the end of the file.
        ("kind: summary\ntopic: 工作\nperiod: 2025年春季\norg： 青山县第三小学\n", (4, 4), "org"),
        ("kind: summary\ntopic: 工作\norg： 青山县第三小学", (3, 4), "org"),
        # On the first line, no space after the colon, two of them: the first one.
        ("org：青山县第三小学\nkind: summary\n", (1, 4), "org"),
        ("kind: summary\norg： 青山县\ntopic： 工作\ndate: 2025-07-10\n", (2, 4), "org"),
        # A list item's key, deeper in the file.
        (
            FRONT + "lead: 本学期，我校扎实推进各项工作。\nparts:\n"
            "      - heading： 抓常规\n        items:\n          - heading: 规范教学管理\n",
            (7, 16),
            "heading",
        ),
        # The whole file one such line: said once, not as “the top level is text” (I010).
        ("org： 青山县第三小学\n", (1, 4), "org"),
    ],
)
def test_full_width_colon_is_reported_at_the_colon(
    text: str, where: tuple[int, int], key: str
) -> None:
    problems = [p for p in load_text(text, "r.yaml").problems]
    assert [(p.line, p.column, p.code, p.message) for p in problems] == [
        (*where, "I001", COLON.format(key=key))
    ]


def test_full_width_colon_read_as_the_text_before_it_is_reported() -> None:
    """Indented deeper than its sibling, ``intro：`` parses as the heading going on."""
    text = FRONT + "parts:\n  - heading: 抓常规\n     intro： 课后服务内容还不够丰富。\n"
    (p,) = [p for p in load_text(text, "r.yaml").problems if p.code == "I001"]
    assert (p.line, p.column, p.path) == (7, 11, "parts[0].heading")
    assert p.message == COLON.format(key="intro")


def test_colons_in_prose_are_left_alone() -> None:
    text = (
        FRONT
        + "lead: |\n  主要做法：\n  text：块里的文字不是字段。\nclosing: 今后，\n  我校将：继续努力。\n"
    )
    assert load_text(text, "r.yaml").problems == []
