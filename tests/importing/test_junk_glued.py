"""`import` cuts page furniture off the report text it is glued to and keeps the sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.importing.run import import_report

HEAD = "# 青山小学2024年读书月工作总结\n\n今年以来，我校围绕读书月主题开展了系列活动。\n\n## 一、主要工作\n\n"
TAIL = "\n\n## 二、下一步打算\n\n继续推进书香校园建设。\n"


def _import(tmp_path: Path, body: str) -> tuple[object, list[str]]:
    path = tmp_path / "分享.md"
    path.write_text(HEAD + body + TAIL, encoding="utf-8")
    result = import_report(path)
    notes = [f"{w.line}:{w.column} {w.code} {w.message}" for w in result.warnings]
    return result.data, [n for n in notes if " M002 " not in n]


def _items(data: object) -> list[dict[str, str]]:
    assert isinstance(data, dict)
    items = data["parts"][0]["items"]
    assert isinstance(items, list)
    return items


def test_a_share_bar_after_the_last_sentence_is_cut_off(tmp_path: Path) -> None:
    body = (
        "（一）开展读书活动。全校共开展读书分享会12场，学生阅读量人均20本。分享到：朋友圈\n\n"
        "(二)、开展主题教育活动。组织主题班会36节。"
    )
    data, notes = _import(tmp_path, body)
    assert _items(data) == [
        {"heading": "开展读书活动", "text": "全校共开展读书分享会12场，学生阅读量人均20本。"},
        {"heading": "开展主题教育活动", "text": "组织主题班会36节。"},
    ]
    # Only the junk is quoted, where it stands; （二） is the second item (no M004 about it).
    assert notes == ["7:36 M001 删去了网页残留（分享按钮）：“分享到：朋友圈”。"]


@pytest.mark.parametrize(
    ("junk", "reason"),
    [
        ("（完）", "页面按钮"),
        ("点赞 在看", "分享按钮"),
        ("阅读原文", "页面按钮"),
        ("阅读 1024", "阅读计数"),
        ("责任编辑：张三", "发布信息"),
        ("来源：青山县教育局", "发布信息"),
        ("扫码关注我们", "页面按钮"),
    ],
)
def test_every_glued_tail_is_cut_and_the_sentences_kept(
    tmp_path: Path, junk: str, reason: str
) -> None:
    body = f"（一）开展读书活动。全校共开展读书分享会12场，学生阅读量人均20本。{junk}"
    data, notes = _import(tmp_path, body)
    assert _items(data) == [
        {"heading": "开展读书活动", "text": "全校共开展读书分享会12场，学生阅读量人均20本。"}
    ]
    assert notes == [f"7:36 M001 删去了网页残留（{reason}）：“{junk}”。"]


def test_a_byline_before_the_first_sentence_is_cut_off(tmp_path: Path) -> None:
    body = "原标题：青山小学开展读书月活动 （一）开展读书活动。全校共开展读书分享会12场。"
    data, notes = _import(tmp_path, body)
    assert _items(data) == [{"heading": "开展读书活动", "text": "全校共开展读书分享会12场。"}]
    assert notes == ["7:1 M001 删去了网页残留（发布信息）：“原标题：青山小学开展读书月活动”。"]


def test_a_paragraph_of_junk_only_is_dropped_whole(tmp_path: Path) -> None:
    body = "（一）开展读书活动。全校共开展读书分享会12场。\n\n09:30  阅读(1024)"
    data, notes = _import(tmp_path, body)
    assert _items(data) == [{"heading": "开展读书活动", "text": "全校共开展读书分享会12场。"}]
    assert notes == ["9:1 M001 删去了网页残留（阅读计数）：“09:30 阅读(1024)”。"]


def test_a_docx_paragraph_with_a_share_bar(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("青山小学2024年读书月工作总结")
    d.add_paragraph("今年以来，我校围绕读书月主题开展了系列活动。")
    d.add_paragraph("一、主要工作")
    d.add_paragraph("（一）开展读书活动。全校共开展读书分享会12场。分享到：朋友圈")
    d.add_paragraph("二、下一步打算")
    d.add_paragraph("继续推进书香校园建设。")
    path = tmp_path / "分享.docx"
    d.save(str(path))
    result = import_report(path)
    assert _items(result.data) == [
        {"heading": "开展读书活动", "text": "全校共开展读书分享会12场。"}
    ]
    # A .docx paragraph has a number, not columns.
    assert [f"{w.line}:{w.column} {w.message}" for w in result.warnings if w.code == "M001"] == [
        "4:0 删去了网页残留（分享按钮）：“分享到：朋友圈”。"
    ]
