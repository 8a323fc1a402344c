"""Page furniture glued to report text: only the furniture is junk, the sentences stay.

A paragraph is junk as a whole (`import` drops it) only when every sentence of it is; junk
at its start or end is a run of its own (`check` reports it there, `import` cuts it off).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reportgen.read.junk import junk_reason, junk_spans

from linearity import assert_linear, growth

ITEM = "（一）开展读书活动。全校共开展读书分享会12场，学生阅读量人均20本。"

# (furniture, reason): every shape of the trial, glued to a paragraph of report text.
FURNITURE = [
    ("分享到：朋友圈", "分享按钮"),
    ("分享到：微信 微博 QQ空间", "分享按钮"),
    ("点赞 在看", "分享按钮"),
    ("分享 收藏 点赞 在看", "分享按钮"),
    ("阅读原文", "页面按钮"),
    ("（完）", "页面按钮"),
    ("-END-", "页面按钮"),
    ("阅读 1024", "阅读计数"),
    ("阅读(1024)", "阅读计数"),
    ("阅读量：1.2万", "阅读计数"),
    ("浏览次数：356", "阅读计数"),
    ("责任编辑：张三", "发布信息"),
    ("编辑：李四 审核：王五", "发布信息"),
    ("来源：青山县教育局", "发布信息"),
    ("原标题：青山小学开展读书月活动", "发布信息"),
    ("来源：青山县教育局 作者：王丽 发布时间：2024-10-09 浏览次数：356", "发布信息"),
    ("扫码关注我们", "页面按钮"),
    ("点击上方蓝字关注我们", "关注提示"),
    ("长按识别二维码关注", "关注提示"),
    ("本文仅供参考", "范文说明"),
    ("打印本页 关闭窗口", "页面按钮"),
]


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[a:b], reason) for a, b, reason in junk_spans(text)]


@pytest.mark.parametrize(("junk", "reason"), FURNITURE)
@pytest.mark.parametrize("glue", ["", " "])
def test_furniture_after_the_last_sentence(junk: str, reason: str, glue: str) -> None:
    text = ITEM + glue + junk
    assert _found(text) == [(junk, reason)]
    assert junk_reason(text) is None  # the paragraph is report text, not junk as a whole


# The furniture of a page's head, before the article's first sentence.
HEAD = [f for f in FURNITURE if f[0] not in ("本文仅供参考",)]


@pytest.mark.parametrize(("junk", "reason"), HEAD)
def test_furniture_before_the_first_sentence(junk: str, reason: str) -> None:
    text = junk + " " + ITEM
    assert _found(text) == [(junk, reason)]
    assert junk_reason(text) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # glued to a heading's number: the junk stops before it, the heading stays
        ("（完）" + ITEM, [("（完）", "页面按钮")]),
        ("来源：青山县教育局" + ITEM, [("来源：青山县教育局", "发布信息")]),
        ("阅读(1024)" + ITEM, [("阅读(1024)", "阅读计数")]),
        ("点赞 在看。" + ITEM, [("点赞 在看。", "分享按钮")]),
        ("本文仅供参考。" + ITEM, [("本文仅供参考。", "范文说明")]),
        # a count after a counter is no heading's number
        ("共计126节。阅读(1024) 点赞(3)", [("阅读(1024) 点赞(3)", "阅读计数")]),
        # a time before a counter: no Chinese left, the whole line is junk
        ("09:30  阅读(1024)", [("09:30  阅读(1024)", "阅读计数")]),
        # junk on both sides
        ("来源：青山县教育局 " + ITEM + "分享到：朋友圈", [
            ("来源：青山县教育局", "发布信息"),
            ("分享到：朋友圈", "分享按钮"),
        ]),
    ],
)  # fmt: skip
def test_glued_junk_keeps_the_report_text(text: str, found: list[tuple[str, str]]) -> None:
    assert _found(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "学生阅读量人均20本。",
        "全校共开展读书分享会12场，学生阅读量人均20本",  # no stop: still a sentence
        ITEM + "相关阅读材料已发放到各班。",
        ITEM + "扫码关注公众号的家长达1200人。",
        "扫码关注公众号的家长达1200人。" + ITEM,
        ITEM + "以下是我校读书分享活动的开展情况。",
        "记录阅读量和读书笔记。",
    ],
)
def test_sentences_with_page_words_are_report_text(text: str) -> None:
    assert _found(text) == []
    assert junk_reason(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("本文仅供参考。欢迎关注我们的公众号", "范文说明"),  # every sentence is junk
        ("分享到：朋友圈", "分享按钮"),
        ("（完）", "页面按钮"),
        ("【完】", "页面按钮"),
        ("原标题：青山小学开展读书月活动", "发布信息"),
    ],
)
def test_junk_as_a_whole(text: str, reason: str) -> None:
    assert junk_reason(text) == reason
    assert _found(text) == [(text, reason)]


@pytest.mark.slow
@pytest.mark.parametrize("unit", ["来源：甲 ", "分享到：朋友圈 ", "阅读量：1 ", "相关阅读 "])
def test_a_line_of_many_furniture_words_is_read_in_linear_time(unit: str) -> None:
    """Each match looks for its run's end within a window, not in the rest of the line."""
    sizes = (1500, 3000, 6000, 12000)

    def make(n: int) -> Callable[[], object]:
        line = (unit * (n // len(unit) + 1))[:n]
        return lambda: (junk_spans(line), junk_reason(line))

    assert_linear(sizes, growth(make, sizes))
