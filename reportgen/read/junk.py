"""Scraped-page junk in a pasted report: share buttons, bylines, view counters, code leftovers.

Pure functions over paragraph texts, shared by `import` (which drops the junk and says so)
and `check` (which can report it). Junk is found where page furniture
stands: a whole paragraph, or a run at the start or the end of one that also holds report
text (``……20本。分享到：朋友圈``), which is then cut off and the sentences kept. A paragraph
is junk as a whole only when every sentence of it is. A sentence of the report that
happens to mention 来源 or 分享 is never touched, so every pattern is either anchored to
how page furniture looks or limited to short runs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.core.lazy_re import LazyPattern, lazy
from reportgen.core.text import has_han

# Page furniture is short; a real paragraph that matches a pattern is long.
MAX_JUNK_LENGTH = 80

_DATE_ONLY = lazy(r"^\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*$")
_NUMBER_ONLY = lazy(r"^[\s\d０-９.,，、/|·-]+$")
_CODE = lazy(r"[;{}<>=]|\)\s*;|\"\s*\)|//|\$\(|function\b|var\s|document\.|window\.")
_PUNCT_ONLY = lazy(r"^[\s\W_]+$")

# (reason, pattern): searched in short paragraphs only.
_PATTERNS: tuple[tuple[str, LazyPattern], ...] = (
    ("页面按钮", lazy(r"^\s*(首页|当前位置)\s*[>＞»›:：]")),
    ("发布信息", lazy(r"(发布|更新|发表|上传)(时间|日期)\s*[：:]")),
    ("发布信息", lazy(r"^\s*(时间|日期)\s*[：:]\s*\d{4}[-/.年]")),
    ("发布信息", lazy(r"^\s*(来源|作者|责任编辑|编辑|供稿|出处|原标题)\s*[：:]")),
    ("发布信息", lazy(r"\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?\s+(来源|作者)")),
    (
        "分享按钮",
        lazy(r"分享(到|至)?\s*[：:]|^\s*分享\s*(时间|$)|一键分享|分享到\s*(微信|微博|QQ)"),
    ),
    (
        "分享按钮",
        lazy(
            r"(微信|微博|QQ空间|朋友圈|QQ好友)(\s*[|/、 ]\s*(微信|微博|QQ空间|朋友圈|QQ好友|QQ))+"
        ),
    ),
    ("范文说明", lazy(r"以下是.{0,20}(整理|收集|编辑|分享|搜集|精心|推荐|为(大家|您|你))")),
    ("范文说明", lazy(r"(仅供|以供|可供)(大家|您|你)?(参考|借鉴)|范文(大全|精选|\d+篇)")),
    (
        "范文说明",
        lazy(r"(希望|但愿).{0,10}(对|能)(大家|您|你).{0,6}(有所?帮助|有用)|欢迎(阅读|借鉴|下载)"),
    ),
    ("范文说明", lazy(r"(网友|小编|编辑)为(大家|您|你)?(整理|收集|精心|推荐)|为您整理")),
    (
        "阅读计数",
        lazy(
            r"(阅读|浏览|点击|访问)(次数|量|数|人次)\s*(?:[：:]\s*\d|\d+(?![\d\u3400-\u9fff])|$)"
            r"|^\s*(阅读|浏览)\s*[：:]?\s*\d+\s*$"
        ),
    ),
    ("阅读计数", lazy(r"^\s*(阅读|浏览|点击|点赞|评论)\s*[（(]\s*\d+\s*[)）]")),
    (
        "关注提示",
        lazy(
            r"^\s*(长按|扫描|识别).{0,8}(二维码|关注)|^\s*(欢迎|请|敬请)关注(我们|本号|公众号)"
            r"|^\s*点击(上方|下方|蓝字).{0,6}关注"
        ),
    ),
    (
        "页面按钮",
        lazy(r"(点击|扫码|扫一扫)(查看|下载|关注|阅读全文)|下载(全文|本文|文档|word)|复制链接"),
    ),
    (
        "页面按钮",
        lazy(
            r"(打印本页|关闭窗口|返回顶部|收藏本文|加入收藏|上一篇|下一篇|相关(文章|推荐|阅读)|热门(文章|推荐))"
        ),
    ),
    ("页面按钮", lazy(r"(字体|字号)\s*[：:]?\s*[【\[]?\s*大\s*中\s*小")),
    (
        "页面按钮",
        lazy(r"(本文|原文)(来源|链接|地址)\s*[：:]|(更多|精彩).{0,12}(请|敬请)(关注|访问|点击)"),
    ),
)


# (reason, pattern): lines whose whole shape is page furniture, junk at any length and
# wherever the furniture's words stand in the line (a name before 分享, a blurb of 150
# characters). Each pattern is anchored at both ends, so a sentence of the report that
# mentions 分享 or 阅读 never matches.
_SHAPES: tuple[tuple[str, LazyPattern], ...] = (
    (
        "发布信息",
        lazy(
            r"^\S{1,16}\s+(分享|发布|发表)\s*((发布)?时间|日期)?\s*[:：]?\s*\d{4}[-/.年]\S*(\s+\S+){0,4}$"
        ),
    ),
    # 原创 张三 青山教育发布 2024-10-09 08:30 (a time: 青山县教育局 2024-10-08 may be a signature)
    (
        "发布信息",
        lazy(r"^(\S{1,20}\s+){1,3}\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(:\d{2})?$"),
    ),
    ("阅读计数", lazy(r"^(阅读|浏览|点击|点赞|评论|在看|收藏)\s*[（(]\s*\d+\s*[）)]$")),
    (
        "分享按钮",
        lazy(
            r"^(分享|收藏|点赞|在看|转发|评论|赞)(\s*[|/、]?\s*(分享|收藏|点赞|在看|转发|评论|赞))+$"
        ),
    ),
    ("页面按钮", lazy(r"^(阅读原文|查看原文|阅读全文|展开全文|返回搜狐，查看更多)$")),
    ("页面按钮", lazy(r"^(扫一扫|扫码|长按识别|长按二维码)[^。！？；]{0,16}$")),
    # A page title with the site after it (……的报告_工作报告_范文网), links to more samples.
    (
        "页面标题",
        lazy(r"^[^。！？]{4,80}[_|｜]\s*[^。！？_|｜]{0,12}(网|频道|大全|范文|文库)$"),
    ),
    (
        "范文说明",
        lazy(r"^[^。！？]{2,60}(（通用\d+篇）|\(通用\d+篇\)|范文)$"),
    ),
    ("页面按钮", lazy(r"^.{0,10}点击(上方|下方)?\s*(蓝字|名片|关注).{0,12}$")),
    (
        "页面按钮",
        lazy(r"^[-—－_=~·\s（(【\[]*(END|完|The End)[-—－_=~·\s）)】\]]*$", re.IGNORECASE),
    ),
    ("范文说明", lazy(r"^以下是.{0,40}?(小编|为您|为大家|为你|整理|收集|精选)")),
)

# Sentences of a report that page-counter words happen to match (记录阅读量和读书笔记。):
# prose, not a counter, when the line reads as a sentence.
_PROSE = lazy(r"^.{6,}[。！？]$")


# Every shape at once: a line none of them fits (nearly every line) is settled with one
# try. Each shape is anchored at the start, so the alternation is too (one try, not a scan).
# Compiled on first use, as the other alternations below: behind the screens, a clean
# report never needs them, and compiling them is a good part of `check`'s start-up.
@functools.cache
def _any_shape() -> re.Pattern[str]:
    assert all(p.pattern.startswith("^") for _, p in _SHAPES)
    return re.compile(
        "|".join(f"(?{'i' if p.flags & re.IGNORECASE else ''}:{p.pattern})" for _, p in _SHAPES)
    )


# Words of which every line that fits a shape holds one (tests/read/test_junk_screens.py
# proves it from the patterns): a line with none of them is settled by one fast scan.
_SHAPE_WORDS = (
    *("分享", "发布", "发表", ":", "）", ")", "收藏", "赞", "在看", "转发", "评论"),
    *("原文", "全文", "搜狐", "扫一扫", "扫码", "长按", "_", "|", "｜", "通用", "范文"),
    *("点击", "以下是"),
)
# One-character words of the shape matched ignoring case (END, The End), in both cases:
# an alternation of plain words keeps the screen one fast scan ((?i) would not).
_SHAPE_WORDS_ANY_CASE = ("e", "完")
_SHAPE_TRIGGERS = lazy(
    "|".join(
        map(
            re.escape,
            [*_SHAPE_WORDS, *sorted({v for w in _SHAPE_WORDS_ANY_CASE for v in (w, w.upper())})],
        )
    )
)


def _shape_reason(line: str) -> str | None:
    if _SHAPE_TRIGGERS.search(line) is None or _any_shape().match(line) is None:
        return None
    for reason, pattern in _SHAPES:
        if pattern.search(line):
            return reason
    return None


@dataclass(frozen=True)
class Junk:
    """One junk paragraph: its index in the sequence given, its text and why it is junk."""

    index: int
    text: str
    reason: str


def junk_reason(text: str, *, value: bool = False) -> str | None:
    """Why this paragraph is scraped-page junk as a whole, or None when it is (or may be)
    report text, in part at least (:func:`junk_spans` finds junk glued to report text).

    ``value``: the text is a value (a YAML scalar such as ``period: "2024"``, a table
    cell), not a paragraph of a page: a number or a sign alone is data there.
    """
    line = text.strip()
    if line and (shape := _shape_reason(line)):
        return shape
    if not line or len(line) > MAX_JUNK_LENGTH:
        return None
    if not has_han(line):
        if _DATE_ONLY.match(line):
            return None  # a signature date written 2024-10-08
        if _NUMBER_ONLY.match(line):
            return None if value else "孤立数字"
        if _CODE.search(line) or (not value and _PUNCT_ONLY.match(line)):
            return "代码残留"
        return None
    found = _first_match(line)
    if found is None:
        return None
    if _SENTENCE_END.search(line) and "\n" not in line:
        # Several sentences: junk as a whole only when every one of them is (a sentence of
        # the report with a share bar after it is report text with junk glued on).
        spans = _line_spans(line)
        return spans[0][2] if spans and spans[0][:2] == (0, len(line)) else None
    return found[0]


# Every pattern at once, unanchored (junk may start mid-line): a line none of them matches
# anywhere (nearly every line of a report) is settled with one search.
_ANCHOR = lazy(r"(?<![\[\\])\^")


@functools.cache
def _any() -> re.Pattern[str]:
    return re.compile("|".join("(?:" + _ANCHOR.sub("", p.pattern) + ")" for _, p in _PATTERNS))


# Words of which every match of every pattern above holds one (a share bar has 分享, a
# byline a colon, a counter 阅读/浏览 …; tests/read/test_junk_screens.py proves it from the
# patterns): a line with none of them cannot match, which one fast scan for the words
# finds, rather than trying the whole alternation at every position.
_TRIGGER_WORDS = (
    *(":", "：", ">", "＞", "»", "›", "-", "分享", "微信", "微博", "QQ", "朋友圈", "以下是"),
    *("供", "范文", "希望", "但愿", "欢迎", "网友", "小编", "编辑", "为您整理", "阅读"),
    *("浏览", "点击", "访问", ")", "）", "二维码", "关注", "扫码", "扫一扫", "下载"),
    *("复制链接", "打印本页", "关闭窗口", "返回顶部", "收藏本文", "加入收藏", "上一篇"),
    *("下一篇", "文章", "推荐", "热门", "字体", "字号"),
)
_TRIGGERS = lazy("|".join(map(re.escape, _TRIGGER_WORDS)))


def _first_match(line: str) -> tuple[str, re.Match[str]] | None:
    for reason, pattern in _PATTERNS:
        m = pattern.search(line)
        if m:
            if reason == "阅读计数" and _PROSE.match(line):
                return None  # 记录阅读量和读书笔记。: a sentence, not a counter
            if _prose(line, (reason, m), len(line.rstrip())):
                return None  # 相关阅读材料已发放到各班。: a sentence of the report
            return reason, m
    return None


_FINISHED = ("。", "！", "？", "；")
# Where page furniture can start inside a line: after a sentence's end or a space.
# A zero-width match at the first non-space character after the start, a sentence end or a
# space: boundaries never overlap, so a long run of spaces costs one step each (a ``\s*``
# here made every space of the run rescan the rest of it: quadratic).
_BOUNDARY = lazy(r"(?:^|(?<=[。！？!?\s]))(?=\S)")
_SENTENCE_END = lazy(r"[。！？!?](?=\s*[^\s。！？!?])")
# Furniture is short: a shape is looked for in the last this many characters of a line only.
_TAIL_LENGTH = 40


def junk_spans(text: str, *, value: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, reason) of each run of page junk in ``text``, line by line.

    Page furniture may be a whole line, start a line or follow a sentence or a space on
    it (a share bar glued after the last sentence: ``……126节。分享到：朋友圈``); it runs to
    the end of its sentence (or line). A line whose every sentence is junk (what `import`
    drops) is one span; otherwise only the junk is, and the report's sentences are kept.
    `check` reports these spans and `import` cuts them out.
    """
    lines = text.split("\n")
    # Nearly every unit: no screen word anywhere and Chinese on every line, so no line can
    # be furniture (what the loop below would find line by line).
    if (
        _TRIGGERS.search(text) is None
        and _SHAPE_TRIGGERS.search(text) is None
        and all(has_han(line) for line in lines)
    ):
        return []
    spans: list[tuple[int, int, str]] = []
    base = 0
    single = "\n" not in text.strip()
    for line in lines:
        if has_han(line):
            found = _line_spans(line)
        elif line.strip() and single:
            # A line without Chinese (a number, a sign, code) is junk only as a paragraph of
            # its own: in a block of lines (份号 000123 above 密级) it belongs to its neighbours.
            reason = junk_reason(line, value=value)
            start = len(line) - len(line.lstrip())
            found = [(start, len(line.rstrip()), reason)] if reason else []
        else:
            found = []
        spans += [(base + a, base + b, r) for a, b, r in found]
        base += len(line) + 1
    return spans


def _line_spans(line: str) -> list[tuple[int, int, str]]:
    """The junk of one line holding Chinese: the whole line, or runs of it (see junk_spans)."""
    stripped = line.strip()
    start = len(line) - len(line.lstrip())
    whole = (start, start + len(stripped))
    if not stripped:
        return []
    # A line whose whole shape is furniture, at any length (anchored: one try each).
    shape = _shape_reason(stripped)
    if shape is not None:
        return [(*whole, shape)]
    if _TRIGGERS.search(line) is None and _SHAPE_TRIGGERS.search(line) is None:
        return []  # no furniture on this line (one search: nearly every line of a report)
    spans = _spans_in_line(line) if _TRIGGERS.search(line) else []
    if not spans or spans[0][0] > start:
        spans = _head_shape(line, start) + spans
    covered = spans[-1][1] if spans else 0
    # Its last sentence, not finished: furniture as a whole (本文仅供参考, 阅读原文, （完）,
    # 点赞 在看), glued after the report's last sentence or standing alone.
    last = max((m.end() for m in _SENTENCE_END.finditer(line)), default=0)
    tail = line[last:].strip()
    if last >= covered and tail and not tail.endswith(_FINISHED):
        at = line.index(tail, last)
        reason = _shape_reason(tail)
        if reason is None and len(tail) <= MAX_JUNK_LENGTH:
            found = _first_match(tail)
            reason = found[0] if found else None
        if reason is None:
            # A shape after a space (……20本 阅读原文; 09:30  阅读(1024)): the tail's end.
            for m in _BOUNDARY.finditer(line, max(at + 1, len(line) - _TAIL_LENGTH)):
                reason = _shape_reason(line[m.end() :].strip())
                if reason is not None:
                    at = m.end()
                    break
        if reason is not None:
            spans.append((at, at + len(line[at:].rstrip()), reason))
    if not spans:
        return []
    # What is left between the runs holds no Chinese (a time, a number, a separator): it
    # belongs to the furniture around it, and the whole line is junk.
    rest = "".join(
        line[a:b]
        for a, b in zip(
            [0] + [e for _, e, _ in spans], [s for s, _, _ in spans] + [len(line)], strict=True
        )
    )
    if not has_han(rest):
        return [(*whole, spans[0][2])]
    return spans


# Where a space ends: furniture before report text on the same line (点赞 在看 全校……).
_AFTER_SPACE = lazy(r"(?<=\s)(?=\S)")


def _head_shape(line: str, start: int) -> list[tuple[int, int, str]]:
    """Furniture at the start of ``line`` before the report text: a whole shape up to a
    space, a heading's number or the end of the first sentence (点赞 在看 全校……;
    （完）（一）……), or page-pattern words as the whole first sentence (本文仅供参考。……)."""
    stop = min(len(line), start + _TAIL_LENGTH)
    cuts = sorted(
        {m.start() for m in _AFTER_SPACE.finditer(line, start, stop)}
        | {m.start() for m in _MARKER_AHEAD.finditer(line, start + 1, stop)}
        | {m.end() for m in _SENTENCE_END.finditer(line, start, stop)}
    )
    head: list[tuple[int, int, str]] = []
    for cut in cuts:
        piece = line[start:cut].rstrip()
        words = piece.rstrip("。！？!?")
        # A finished sentence is a shape only when short (点赞 在看。), not 扫码关注……的家长达1200人。
        reason = _shape_reason(words) if words and (piece == words or len(words) <= 10) else None
        if reason is None and words and piece != words:
            found = _first_match(piece)  # a finished sentence: never a prose one
            reason = found[0] if found else None
        if reason is None and words and piece == words:
            found = _match_at(piece, 0)  # furniture from the start to the cut (阅读 1024)
            reason = found[0] if found and found[1].end() == len(piece) else None
        if reason is not None:
            head = [(start, start + len(piece), reason)]
    return head


# The patterns without their line-start anchors, to try at a position inside a line without
# copying the rest of it (a copy per boundary is quadratic on a line of many short words).
@functools.cache
def _unanchored() -> list[tuple[str, re.Pattern[str]]]:
    return [(reason, re.compile(_ANCHOR.sub("", p.pattern), p.flags)) for reason, p in _PATTERNS]


def _match_at(line: str, pos: int) -> tuple[str, re.Match[str]] | None:
    for reason, pattern in _unanchored():
        m = pattern.match(line, pos)
        if m:
            return reason, m
    return None


# A finished sentence of the report after a space: where a byline before it ends
# (来源：青山县教育局 全校共开展……。).
_SENTENCE_AFTER_SPACE = lazy(r"\s+(?=[^\s。！？!?]*[\u3400-\u9fff][^\s。！？!?]*[。！？!?])")


# A heading's number (（一） 一、 1.) before its words: page furniture never holds one
# (点赞(3) is a count).
_MARKER_AHEAD = lazy(
    r"(?:[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]|[一二三四五六七八九十]{1,3}、"
    r"|(?<![\d.．])\d{1,2}[.．、])\s*(?=[\u3400-\u9fff])"
)
# Chinese characters after the furniture's words in a finished sentence: a sentence of the
# report that starts with them (相关阅读材料已发放到各班。扫码关注公众号的家长达1200人。).
_PROSE_HAN = 6


def _prose(line: str, found: tuple[str, re.Match[str]], end: int) -> bool:
    reason, m = found
    if reason == "发布信息" or line[end - 1 : end] not in ("。", "！", "？", "!", "?"):
        return False  # a byline's value (原标题：…) may be long; furniture is not finished
    if _any().search(line, m.end(), end):
        return False  # more furniture after it (本文仅供参考，希望对大家有所帮助！)
    return sum(map(has_han, line[m.end() : end])) >= _PROSE_HAN


def _spans_in_line(line: str) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    pos = 0
    while pos < len(line):
        m = _BOUNDARY.search(line, pos)
        if m is None:
            break
        start = m.end()
        found = _match_at(line, start) if has_han(line, start, start + 24) else None
        if found is not None:
            # Every search below stays in a window as long as a run can be: a long line of
            # many matches costs each of them the window, not the rest of the line.
            window = min(len(line), start + 2 * MAX_JUNK_LENGTH)
            stop = _SENTENCE_END.search(line, found[1].end(), window)
            end = stop.end() if stop else len(line.rstrip())
            space = _SENTENCE_AFTER_SPACE.search(line, found[1].end(), min(end, window))
            if space is not None and _match_at(line, space.end()) is None:
                end = space.start()
            # Nor does it run into a heading's number glued after it (来源：教育局（一）……).
            marker = _MARKER_AHEAD.search(line, found[1].end(), min(end, window))
            if marker is not None:
                end = marker.start()
            if end - start <= MAX_JUNK_LENGTH and not _prose(line, found, end):
                spans.append((start, end, found[0]))
                pos = end
                continue
        pos = start + 1
    return spans


_TRAILING_CODE = lazy(r"(?<=[。！？”）])\s*[\"')\]};>]+;?\s*$")
_CODE_ENDS = tuple("\"')]};>")  # the characters a match of _TRAILING_CODE ends with


def trailing_code(text: str) -> str:
    """Code leftovers glued to the end of a paragraph (``特此报告。");``), or ""."""
    if not text.rstrip().endswith(_CODE_ENDS):  # nearly every paragraph: no scan at all
        return ""
    m = _TRAILING_CODE.search(text)
    return m.group() if m else ""


# A list of links under 相关推荐 / 热门文章: its short unpunctuated lines are links too.
_LINKS_HEAD = lazy(r"^\s*(相关(文章|推荐|阅读)|热门(文章|推荐)|猜你喜欢|延伸阅读)\s*[：:]?\s*$")


def _links(texts: Sequence[str], found: list[Junk]) -> list[Junk]:
    """The lines of a link list after its 相关推荐 head, up to the first sentence."""
    at = {j.index for j in found}
    extra: list[Junk] = []
    for j in found:
        if not _LINKS_HEAD.match(j.text):
            continue
        for k in range(j.index + 1, len(texts)):
            line = texts[k].strip()
            if not line or k in at:
                continue
            if len(line) > 60 or re.search("[。！？；]", line):
                break
            extra.append(Junk(k, texts[k], "相关链接"))
    return extra


def find_junk(texts: Sequence[str]) -> list[Junk]:
    """Every junk paragraph of a document, in order.

    Bare numbers count as junk only at the start or the end of the document (page
    counters, view counts), where no report has them; in the middle a lone number could
    be part of a table that lost its layout, so it is kept.
    """
    found = [Junk(i, t, r) for i, t in enumerate(texts) if (r := junk_reason(t))]
    if not found:
        return []
    found = sorted(found + _links(texts, found), key=lambda j: j.index)
    kept = [i for i in range(len(texts)) if texts[i].strip()]
    junk_at = {j.index for j in found}
    real = [i for i in kept if i not in junk_at]
    first, last = (real[0], real[-1]) if real else (len(texts), -1)
    return [j for j in found if j.reason != "孤立数字" or j.index < first or j.index > last]
