"""The whole 公文 from data: new fields validated with positions, the blocks they make,
the Markdown, the DOCX structure, the readers and C015 (layout measured in
test_gongwen_layout.py)."""

from __future__ import annotations

import io
import textwrap
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from reportgen.check.config import default_config
from reportgen.check.runner import check_one
from reportgen.core.blocks import Block, BlockKind, Document
from reportgen.core.load import load_text
from reportgen.core.validate import validate
from reportgen.pipeline import prepare
from reportgen.render.docx import render_docx
from reportgen.render.markdown import render_markdown

from conftest import MINIMAL

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

FILE = MINIMAL + textwrap.dedent("""\
    recipient: 市教育局
    doc_number: 青教发〔2024〕15号
    signers: [王明, 李强, 张华]
    copy_number: 123
    secrecy: 秘密★1年
    urgency: 加急
    note: 联系人：李华，电话：0000-1234567
    cc: [市教育局办公室, 县政府办公室]
    printed_by: 青山县教育局办公室
    attachments:
      - title: 校园安全检查情况统计
        text: |
          全县共检查学校68所。
          发现隐患127处。
      - 隐患整改台账
    """)


def problems(text: str, source: str = "r.yaml") -> list[str]:
    _report, found = validate(load_text(text, source))
    return [p.format() for p in found]


def test_masthead_fields_in_a_plain_report_are_errors_at_their_key() -> None:
    text = MINIMAL + "format: plain\nsigners: 王明\ndoc_number: 青教发〔2024〕1号\n"
    assert problems(text) == [
        "r.yaml:17:1: error I050 [masthead-in-plain] signers: 签发人（signers）只排在文件格式或"
        "信函格式的版头中，而这里写了 format: plain；请删去这一项，或改为 format: file。"
    ]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "copy_number: 12a\n",
            "r.yaml:16:14: error I051 [invalid-copy-number] copy_number: 份号“12a”不对：份号是 1 到 6 位"
            "阿拉伯数字，如 000123（不足 6 位自动补 0）。",
        ),
        (
            "secrecy: 内部\n",
            "r.yaml:16:10: error I052 [invalid-secrecy] secrecy: 密级“内部”不对：应为 绝密、机密 或 "
            "秘密，有保密期限时写成“秘密★1年”。",
        ),
        (
            "signers: 王明\n",
            "r.yaml:16:1: error I053 [signers-without-number] signers: 写了签发人却没有发文字号"
            "（doc_number）：上行文的发文字号居左、签发人居右，排在同一行；请补上 doc_number，"
            "如“青教发〔2024〕15号”。",
        ),
        (
            "printed_by: 办公室\nprinted_on: 2024-10-01\n",
            "r.yaml:17:13: warning I055 [printed-before-date] printed_on: 印发日期 2024年10月1日 "
            "早于成文日期 2024年10月8日；请核对。",
        ),
        (
            "secrecy: 秘密\n",
            "r.yaml:16:1: warning I056 [secret-without-copy-number] secrecy: 涉密公文应当标注份号"
            "（GB/T 9704 7.2.1）：请补上 copy_number，如 000001。",
        ),
    ],
)
def test_new_fields_are_checked_with_positions(extra: str, expected: str) -> None:
    assert problems(MINIMAL + extra) == [expected]


def test_a_file_format_report_makes_every_block_in_order(write) -> None:  # type: ignore[no-untyped-def]
    document = prepare(write(FILE)).document
    assert document.format == "file"  # signers given: 文件格式 without saying so
    kinds = [b.kind for b in document.blocks]
    assert kinds[:4] == [
        BlockKind.MARKINGS,
        BlockKind.ISSUER_MARK,
        BlockKind.DOC_NUMBER,
        BlockKind.TITLE,
    ]
    assert kinds[-6:] == [
        BlockKind.DATE,
        BlockKind.NOTE,
        BlockKind.ATTACHMENT_HEAD,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
        BlockKind.IMPRINT,
    ]
    blocks = {b.kind: b for b in document.blocks}
    assert blocks[BlockKind.MARKINGS].items == ("000123", "秘密★1年", "加急")
    assert blocks[BlockKind.ISSUER_MARK].text == "青山县教育局文件"
    assert blocks[BlockKind.DOC_NUMBER].items == ("王明", "李强", "张华")
    assert blocks[BlockKind.NOTE].text == "（联系人：李华，电话：0000-1234567）"
    head = blocks[BlockKind.ATTACHMENT_HEAD]
    assert (head.marker, head.text, head.number) == ("附件1", "校园安全检查情况统计", 1)
    imprint = blocks[BlockKind.IMPRINT]
    assert (imprint.items, imprint.text, imprint.body) == (
        ("市教育局办公室", "县政府办公室"),
        "青山县教育局办公室",
        "2024年10月8日",  # 印发日期 defaults to the date
    )
    assert kinds[-1] is BlockKind.IMPRINT
    assert blocks[BlockKind.ATTACHMENTS].items == ("校园安全检查情况统计", "隐患整改台账")


def test_markdown_shows_the_whole_document_plainly(write) -> None:  # type: ignore[no-untyped-def]
    text = render_markdown(prepare(write(FILE)).document)
    assert text.startswith(
        "000123\n\n秘密★1年\n\n加急\n\n**青山县教育局文件**\n\n"
        "青教发〔2024〕15号　　签发人：王明　李强　张华\n\n---\n\n# 关于"
    )
    assert "2024年10月8日\n\n（联系人：李华，电话：0000-1234567）\n\n---\n\n附件1\n\n" in text
    assert text.endswith(
        "---\n\n抄送：市教育局办公室，县政府办公室。\n\n青山县教育局办公室　2024年10月8日印发\n"
    )


def _body(data: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return list(root.find(f"{W}body"))


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def test_docx_masthead_signers_attachment_page_and_imprint(write) -> None:  # type: ignore[no-untyped-def]
    body = _body(render_docx(prepare(write(FILE)).document))
    texts = [_text(p) for p in body]
    assert texts[:4] == ["000123", "秘密★1年", "加急", "青山县教育局文件"]
    # Two names a line; the 发文字号 on the last 签发人 line, flush left after a tab.
    assert texts[4:6] == ["签发人：王明　李强", "青教发〔2024〕15号张华"]
    last_signers = body[5]
    assert [t.get(f"{W}val") for t in last_signers.iter(f"{W}tab") if t.get(f"{W}val")] == ["left"]
    mark = body[3]
    assert mark.find(f".//{W}color").get(f"{W}val") == "FF0000"
    separator = body[6]
    bottom = separator.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert (bottom.get(f"{W}color"), bottom.get(f"{W}sz")) == ("FF0000", "12")
    head = next(p for p in body if _text(p) == "附件1")
    assert head.find(f"{W}pPr/{W}pageBreakBefore") is not None
    assert _text(body[body.index(head) + 2]) == "校园安全检查情况统计"
    frames = [p for p in body if p.find(f"{W}pPr/{W}framePr") is not None]
    assert [_text(p) for p in frames] == [
        "抄送：市教育局办公室，县政府办公室。",
        "青山县教育局办公室2024年10月8日印发",
    ]
    lines = body[body.index(frames[-1]) + 1].iter("{urn:schemas-microsoft-com:vml}line")
    assert len(list(lines)) == 3  # thick, thin, thick


def test_plain_reports_are_unchanged_by_the_new_fields(write) -> None:  # type: ignore[no-untyped-def]
    document = prepare(write(MINIMAL + "doc_number: 青教发〔2024〕15号\n")).document
    assert document.format == "plain"
    assert [b.kind for b in document.blocks][:2] == [BlockKind.DOC_NUMBER, BlockKind.TITLE]


@pytest.mark.parametrize("suffix", ["md", "docx"])
def test_check_reads_the_whole_document_back(write, tmp_path: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    from reportgen.pipeline import render_file

    out = tmp_path / f"r.{suffix}"
    render_file(write(FILE), out)
    result = check_one(str(out), default_config())
    assert [p.format() for p in result.problems] == []
    from reportgen.read.docx import read_docx
    from reportgen.read.markdown import read_markdown

    document = (
        read_docx(out.read_bytes(), str(out))
        if suffix == "docx"
        else read_markdown(out.read_text(encoding="utf-8"), str(out))
    )
    kinds = {b.kind for b in document.blocks}
    assert {BlockKind.ISSUER_MARK, BlockKind.NOTE, BlockKind.ATTACHMENT_HEAD} <= kinds
    imprint = next(b for b in document.blocks if b.kind is BlockKind.IMPRINT)
    assert imprint.items == ("市教育局办公室", "县政府办公室")


def _c015(blocks: list[Block]) -> list[str]:
    from reportgen.check.core import CheckContext, SourceKind
    from reportgen.check.rules import attachment_refs

    document = Document(title="", blocks=blocks)
    return [
        f.message
        for f in attachment_refs.check({}, document, CheckContext(SourceKind.YAML, "work-report"))
    ]


def test_c015_attachment_pages_and_mentions_agree_with_the_note() -> None:
    note = Block(BlockKind.ATTACHMENTS, "", items=("统计表", "台账"))
    ok = [
        Block(BlockKind.PARAGRAPH, "详见附件1《统计表》和附件2。"),
        note,
        Block(BlockKind.ATTACHMENT_HEAD, "统计表", number=1, marker="附件1"),
        Block(BlockKind.ATTACHMENT_HEAD, "台账", number=2, marker="附件2"),
    ]
    assert _c015(ok) == []
    bad = [
        Block(BlockKind.PARAGRAPH, "详见附件3，以及附件1《统计情况》。"),
        note,
        Block(BlockKind.ATTACHMENT_HEAD, "统计情况表", number=1, marker="附件1"),
        Block(BlockKind.ATTACHMENT_HEAD, "台账", number=3, marker="附件3"),
    ]
    assert _c015(bad) == [
        "正文提到“附件3”，但只有 2 个附件。",
        "正文中的“附件1《统计情况》”与附件说明中的“统计表”不一致。",
        "附件页的标题“统计情况表”与附件说明中的“统计表”不一致。",
        "附件页“附件3”在附件说明中没有对应的附件（只有 2 个附件）。",
    ]


def test_compatibility_mode_15_and_title_off_the_grid(write) -> None:  # type: ignore[no-untyped-def]
    data = render_docx(prepare(write(MINIMAL)).document)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        settings = etree.fromstring(zf.read("word/settings.xml"))
        styles = etree.fromstring(zf.read("word/styles.xml"))
    modes = [
        s.get(f"{W}val")
        for s in settings.iter(f"{W}compatSetting")
        if s.get(f"{W}name") == "compatibilityMode"
    ]
    assert modes == ["15"]
    title = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Title")
    assert title.find(f"{W}pPr/{W}snapToGrid").get(f"{W}val") == "0"


@pytest.mark.parametrize("suffix", ["md", "docx"])
def test_check_reads_a_letter_back(write, tmp_path: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    from reportgen.pipeline import render_file

    letter = FILE.replace("signers: [王明, 李强, 张华]\n", "format: letter\n")
    out = tmp_path / f"l.{suffix}"
    render_file(write(letter), out)
    assert [p.format() for p in check_one(str(out), default_config()).problems] == []


def test_style_separator_splits_run_in_headings_for_outlines(tmp_path: Path) -> None:
    """Opt-in (LibreOffice 7.4 ignores specVanish and shows two paragraphs): the heading
    paragraph holds only the heading sentence, its mark hidden; pandoc's outline then
    lists the sentence, not the whole paragraph."""
    import shutil
    import subprocess

    from reportgen.core.style import StyleProfile

    from docx_helpers import sample_document

    data = render_docx(sample_document(), StyleProfile(style_separator=True))
    paragraphs = [p for p in _body(data) if p.tag == f"{W}p"]
    heading = next(p for p in paragraphs if _text(p).startswith("（一）"))
    assert heading.find(f"{W}pPr/{W}rPr/{W}specVanish") is not None
    assert _text(heading).endswith("。")  # the sentence only
    following = paragraphs[paragraphs.index(heading) + 1]
    assert following.find(f"{W}pPr/{W}ind").get(f"{W}firstLine") == "0"
    if shutil.which("pandoc") is None:
        return
    path = tmp_path / "r.docx"
    path.write_bytes(data)
    markdown = subprocess.run(
        ["pandoc", str(path), "-t", "markdown"], check=True, capture_output=True, text=True
    ).stdout
    headings = [line for line in markdown.splitlines() if line.startswith("##")]
    assert f"## {_text(heading)}" in headings
