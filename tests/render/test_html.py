"""HTML output (render -o x.html, --format html, batch -f html), read back with html.parser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_helpers import run
from html_helpers import Tree

from reportgen.batch.run import run_batch
from reportgen.core.blocks import Block, BlockKind, Document, TableInfo
from reportgen.core.style import StyleProfile
from reportgen.problem import Level
from reportgen.render.formats import Look
from reportgen.render.html import Note, render_html

from conftest import EXAMPLES, MINIMAL

SCHOOL = EXAMPLES[0]  # 青山县实验小学: run-in （一） headings, 1. items, attachments


def rendered(write, tmp_path: Path, text: str = MINIMAL, *extra: str) -> tuple[str, Tree]:
    target = tmp_path / "报告.html"
    code, out, err = run(["render", str(write(text)), "-o", str(target), *extra])
    assert (code, out, err) == (0, "", f"已生成 {target}\n")
    source = target.read_text(encoding="utf-8")
    return source, Tree(source)


def test_render_html_has_language_title_and_semantic_headings(write, tmp_path: Path) -> None:
    _source, tree = rendered(write, tmp_path)
    assert tree.doctype.lower() == "doctype html"
    (root,) = tree.find("html")
    assert root.attrs["lang"] == "zh-CN"
    assert tree.find("meta")[0].attrs == {"charset": "utf-8"}
    policy = tree.find("meta")[1].attrs
    assert policy["http-equiv"] == "Content-Security-Policy"
    assert policy["content"].startswith("default-src 'none';")
    (title,) = tree.find("title")
    assert title.text == "关于2024年第三季度校园安全工作情况的报告"
    (h1,) = tree.find("h1")
    assert h1.text == title.text and h1.attrs["id"] == "doc-title"
    assert [h.text for h in tree.find("h2")] == [
        "一、工作情况",
        "二、存在的问题",
        "三、下一步工作打算",
    ]
    # The default (run-in) （一） items: the heading sentence is marked inside the paragraph.
    runin = tree.find("span", "run-in-heading")
    assert [(s.text, s.attrs["role"], s.attrs["aria-level"]) for s in runin] == [
        ("（一）抓队伍，强化组织领导。", "heading", "3"),
        ("（一）健全机制。", "heading", "3"),
    ]
    (para,) = [p for p in tree.find("p", "run-in") if "本季度" in p.text]
    assert para.text == "（一）抓队伍，强化组织领导。本季度召开专题会议3次。"
    assert "level-2" in para.classes
    assert [p.text for p in tree.find("p", "signature")] == ["青山县教育局"]
    (date,) = tree.find("time")
    assert (date.text, date.attrs["datetime"]) == ("2024年10月8日", "2024-10-08")
    assert "gap" in tree.find("p", "signature")[0].classes  # GB/T 9704's blank line above


def test_own_line_headings_take_h3_to_h5_by_level(write, tmp_path: Path) -> None:
    text = """\
org: 青山县教育局
topic: 校园安全工作
period: 2024年第三季度
date: 2024-10-08
parts:
  - role: work
    run_in: false
    items:
      - heading: 抓队伍，强化组织领导
        items:
          - heading: 第三级
            text: 三级正文。
            items:
              - heading: 第四级
                text: 四级正文。
  - role: problems
    points: [隐患排查还不够细]
  - role: next-steps
    intro: 完善台账。
"""
    _source, tree = rendered(write, tmp_path, text)
    assert [h.text for h in tree.find("h3")] == ["（一）抓队伍，强化组织领导"]
    assert [h.text for h in tree.find("h4")] == ["1.第三级"]
    assert [h.text for h in tree.find("h5")] == ["（1）第四级"]
    assert [h.classes for h in tree.find("h4")] == [["heading", "level-3"]]


def test_user_text_is_escaped_and_nothing_is_fetched(write, tmp_path: Path) -> None:
    nasty = '<script>alert("x")</script> & <img src=http://example.com/a.png> &amp;'
    text = MINIMAL.replace("抓队伍，强化组织领导", "抓<b>队伍</b>").replace(
        "本季度召开专题会议3次。", f"'{nasty}'"
    )
    # The render gate would stop this text (C011, code residue): this test is about escaping.
    config = tmp_path / "宽松.yaml"
    config.write_text("rules:\n  web-junk: off\n", encoding="utf-8")
    for look in ("web", "page"):
        source, tree = rendered(write, tmp_path, text, "--html-look", look, "-c", str(config))
        assert [e.tag for e in tree.find("b")] == []
        assert [e.tag for e in tree.find("img")] == []
        assert len(tree.find("script")) == (1 if look == "page" else 0)  # only our paginator
        (para,) = [p for p in tree.find("p", "run-in") if "抓" in p.text]
        assert para.text == f"（一）抓<b>队伍</b>。{nasty}"
        for element in tree.elements:
            for name in ("src", "href", "action", "data", "poster"):
                assert not element.attrs.get(name, "#").strip() or element.attrs.get(
                    name, "#"
                ).startswith("#"), element
        assert tree.find("link") == []
        css = "".join(s.text for s in tree.find("style"))
        assert not re.search(r"url\(|@import|https?:", css)
        assert "https" not in source and source.count("http://") == 1  # the escaped text only


def test_page_look_imitates_the_printed_page(write, tmp_path: Path) -> None:
    _source, tree = rendered(write, tmp_path, MINIMAL, "--html-look", "page")
    (body,) = tree.find("body")
    assert body.attrs["class"] == "look-page"
    variables, style = tree.find("style")
    assert variables.attrs["id"] == "reportgen-vars"
    css = variables.text + style.text
    for expected in (
        "--size: 16pt;",
        "--title-size: 22pt;",
        "--pitch: 28.95pt;",
        "--spacing: -0.25pt;",
        "--lines: 22;",
        "--top: 37mm;",
        "--bottom: 35mm;",
        "--left: 28mm;",
        "--right: 26mm;",
        "--folio-gap: 7mm;",
        "width: 210mm; height: 297mm;",
        '--body-fonts: "仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "FandolFang", serif;',
        '--title-fonts: "方正小标宋简体",',
        '--h1-fonts: "黑体",',
        '--h2-fonts: "楷体_GB2312",',
        "@page { size: A4;",
    ):
        assert expected in css, expected
    (folio,) = tree.find("div", "folio")
    assert folio.text == ""  # page numbers are set by the paginator, with the profile's format
    assert tree.find("article")[0].attrs["data-folio"] == "— {page} —"
    assert len(tree.find("div", "sheet")) == 1  # further sheets are made in the browser


def test_page_look_follows_the_style_profile(write, tmp_path: Path) -> None:
    text = MINIMAL + "style:\n  body_font: 方正仿宋_GBK\n  margin_top_mm: 30\n  line_pitch_pt: 28\n"
    source, _tree = rendered(write, tmp_path, text, "--html-look", "page")
    assert '--body-fonts: "方正仿宋_GBK", "仿宋_GB2312",' in source
    assert "--top: 30mm;" in source and "--pitch: 28pt;" in source
    assert "--lines: 23;" in source  # (297 − 30 − 35) mm = 657.6 pt over 28 pt


def test_format_option_and_suffixes(write, tmp_path: Path) -> None:
    source = write(MINIMAL)
    target = tmp_path / "a.htm"
    assert run(["render", str(source), "-o", str(target), "-f", "html"])[0] == 0
    assert Tree(target.read_text(encoding="utf-8")).find("h1")
    code, out, err = run(["render", str(source), "-o", str(tmp_path / "a.md"), "-f", "html"])
    assert (code, err.splitlines()[-1]) == (
        2,
        "错误：--format html 与输出文件名 a.md 不一致（它是 .md 文件）；请改正其中一个。",
    )
    code, out, err = run(["render", str(source), "-f", "html"])
    assert code == 0 and out.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    code, out, err = run(
        ["render", str(source), "-o", str(tmp_path / "x.html"), "--html-look", "print"]
    )
    assert code == 2 and "--html-look" in err
    code, out, err = run(
        ["render", str(source), "-o", str(tmp_path / "x.md"), "--html-look", "page"]
    )
    assert (code, err.splitlines()[-1]) == (
        2,
        "错误：--html-look 只用于 HTML 输出（-o 报告.html 或 --format html）。",
    )


def test_examples_keep_every_text_of_the_document(tmp_path: Path) -> None:
    from reportgen.pipeline import prepare

    for example in EXAMPLES:
        document = prepare(example).document
        tree = Tree(render_html(document, look=Look.PAGE))
        (article,) = tree.find("article")
        shown = re.sub(r"\s", "", article.text)
        for block in document.blocks:
            if block.kind is BlockKind.ATTACHMENTS:
                assert all(re.sub(r"\s", "", n) in shown for n in block.items)
            else:
                assert re.sub(r"\s", "", block.full_text) in shown, block


def test_tables_and_attachments() -> None:
    document = Document(
        title="汇总",
        blocks=[
            Block(BlockKind.TITLE, "汇总"),
            Block(BlockKind.TABLE, "", rows=(("学校", "问题数"), ("一中", "3"), ("二中",))),
            Block(BlockKind.ATTACHMENTS, "", items=("自查表", "整改清单")),
            Block(BlockKind.SIGNATURE, "青山县教育局"),
        ],
    )
    tree = Tree(render_html(document))
    assert [(c.text, c.attrs) for c in tree.find("th")] == [
        ("学校", {"scope": "col"}),
        ("问题数", {"scope": "col"}),
        ("一中", {"scope": "row"}),
        ("二中", {"scope": "row"}),
    ]
    assert [c.text for c in tree.find("td")] == ["3", ""]
    (group,) = tree.find("div", "attachments")
    assert group.attrs["role"] == "group"
    assert [p.text for p in tree.find("p") if "附件" in p.text or "整改" in p.text] == [
        "附件：1.自查表",
        "2.整改清单",
    ]


def test_notes_mark_their_block(write, tmp_path: Path) -> None:
    from reportgen.pipeline import prepare

    document = prepare(write(MINIMAL)).document
    index = next(i for i, b in enumerate(document.blocks) if b.kind is BlockKind.SIGNATURE)
    tree = Tree(
        render_html(
            document,
            StyleProfile(),
            Look.PAGE,
            notes={index: [Note(Level.ERROR, "I099", "<坏>", "r.report.yaml:3:1")]},
            annotate=True,
        )
    )
    (flagged,) = tree.find(cls="flagged")
    assert flagged.attrs["id"] == f"b{index}" and "flagged-error" in flagged.classes
    assert flagged.attrs["data-line"] == "1" and flagged.attrs["data-path"] == "signature"
    (badge,) = tree.find("span", "finding")
    assert badge.attrs["role"] == "note"
    assert badge.text == "I099r.report.yaml:3:1 I099 <坏>"


def test_batch_writes_html(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("一中", "二中"):
        (src / f"{name}.report.yaml").write_text(
            MINIMAL.replace("青山县教育局", f"青山县{name}"), encoding="utf-8"
        )
    rollup = tmp_path / "汇总.html"
    result = run_batch(
        sorted(src.iterdir()), tmp_path / "out", formats="html,md", rollup=rollup, jobs=1
    )
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == [
        "一中.html",
        "一中.md",
        "二中.html",
        "二中.md",
    ]
    tree = Tree((tmp_path / "out" / "一中.html").read_text(encoding="utf-8"))
    assert tree.find("p", "signature")[0].text == "青山县一中"
    assert Tree(rollup.read_text(encoding="utf-8")).find("table")
    assert result is not None


@pytest.mark.parametrize("look", list(Look))
def test_the_same_document_gives_the_same_bytes(look: Look, write) -> None:
    from reportgen.pipeline import prepare

    document = prepare(write(MINIMAL)).document
    assert render_html(document, look=look) == render_html(document, look=look)


@pytest.mark.parametrize("kind", [k for k in BlockKind if k is not BlockKind.IMPRINT])
@pytest.mark.parametrize("look", list(Look))
def test_every_block_kind_renders_its_text(kind: BlockKind, look: Look) -> None:
    block = Block(kind, "某某文字", rows=(("表头",), ("某某文字",)), items=("某某文字",))
    tree = Tree(render_html(Document(title="题", blocks=[block]), look=look))
    (article,) = tree.find("article")
    assert "某某文字" in article.text


def test_a_table_has_its_title_unit_alignment_totals_and_notes() -> None:
    info = TableInfo(
        unit="单位：人",
        align=("left", "right", "right"),
        total_rows=(2,),
        notes=("注：参演率按参加人数除以学生数计算。",),
    )
    block = Block(
        BlockKind.TABLE,
        "各年级参加情况表",
        rows=(("年级", "学生数", "参加人数"), ("一年级", "318", "318"), ("合计", "318", "318")),
        table=info,
    )
    tree = Tree(render_html(Document(title="题", blocks=[block]), look=Look.PAGE))
    (caption,) = tree.find("caption")
    assert [s.text for s in tree.find("span", "table-title")] == ["各年级参加情况表"]
    assert [s.text for s in tree.find("span", "table-unit")] == ["单位：人"]
    assert caption.text == "各年级参加情况表单位：人"
    cells = [
        (c.tag, c.text, c.attrs.get("class", "")) for c in tree.elements if c.tag in ("th", "td")
    ]
    assert cells == [
        ("th", "年级", ""),
        ("th", "学生数", ""),
        ("th", "参加人数", ""),
        ("th", "一年级", "left"),
        ("td", "318", "right"),
        ("td", "318", "right"),
        ("th", "合计", ""),  # the 合计 label centred, as in the DOCX
        ("td", "318", "right"),
        ("td", "318", "right"),
    ]
    assert [r.classes for r in tree.find("tr")] == [[], [], ["total"]]
    assert [p.text for p in tree.find("p", "table-note")] == [
        "注：参演率按参加人数除以学生数计算。"
    ]


def test_blocks_above_the_parts_take_h2_and_the_levels_move_down() -> None:
    document = Document(
        title="总结",
        blocks=[
            Block(BlockKind.TITLE, "总结"),
            Block(BlockKind.GROUP, "工作回顾", marker="第一部分　"),
            Block(BlockKind.HEADING, "工作情况", level=1, marker="一、"),
            Block(
                BlockKind.HEADING, "抓队伍。", level=2, marker="（一）", run_in=True, body="正文。"
            ),
            Block(BlockKind.IMPRINT, "抄送：县政府办公室。"),
        ],
    )
    tree = Tree(render_html(document, look=Look.PAGE))
    assert [(h.text, h.classes) for h in tree.find("h2")] == [
        ("第一部分　工作回顾", ["group", "gap"])
    ]  # under the title
    assert [h.text for h in tree.find("h3")] == ["一、工作情况"]
    (runin,) = tree.find("span", "run-in-heading")
    assert runin.attrs["aria-level"] == "4"
    assert "抄送" not in tree.find("article")[0].text  # a 版记 read from a file is not shown
