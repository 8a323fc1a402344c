"""Real outline shapes, each a function of a topic giving a report as a list of paragraphs.

A shape says how offices cut a report (parts, topics, blocks above 一、, no headings …);
the words come from :mod:`topics`. Each shape also says what a reader must find in it:
the roles of the parts (in order), how many items each has, whether it has a closing,
and how many blocks above 一、 it is cut into. A paragraph prefixed ``H1:``/``H2:`` is a
heading styled as such in DOCX (plain text elsewhere); ``N0:``/``N1:`` a paragraph
numbered by Word's own list (levels 一、 and （一）); ``C:`` a centred paragraph; ``""`` an
empty paragraph (a blank line in text).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from realistic.topics import Topic

CN = "一二三四五六七八九十"


def cn(n: int) -> str:
    return CN[n - 1] if n <= 10 else "十" + CN[n - 11]


@dataclass
class Shape:
    """One document of a shape: its paragraphs and what a reader must find in it."""

    paras: list[str]
    kind: str = "work-report"
    roles: tuple[str, ...] = ()
    items: tuple[int, ...] = ()
    closing: bool = True
    blocks: int = 0  # blocks above 一、 (第一部分 …)
    junk: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()  # not report text, left out with a note (版记)
    must: tuple[str, ...] = ()  # check codes that must be reported (defects)
    absent: tuple[str, ...] = ()  # check codes that must not be reported
    clean: bool = True  # a well-formed report: no error expected from check
    renders: bool = True  # its import must render
    extra: dict[str, object] = field(default_factory=dict)


def title(t: Topic, kind: str = "work-report") -> str:
    if kind == "summary":
        return f"{t.org}{t.period}{t.subject}工作总结"
    if kind == "self-inspection":
        return f"关于{t.period}{t.subject}工作自查情况的报告"
    if kind == "analysis":
        return f"关于{t.period}{t.subject}形势的分析研判报告"
    return f"关于{t.period}{t.subject}工作情况的报告"


def lead(t: Topic, formula: str = "现将有关情况报告如下：") -> str:
    return (
        f"{t.period}，{t.me}认真落实上级关于{t.subject}工作的部署要求，"
        f"结合实际扎实推进各项任务，取得了阶段性成效。{formula}"
    )


def run_in(n: int, head: str, body: str, marker: str = "") -> str:
    return f"{marker or f'（{cn(n)}）'}{head}。{body}"


def problems_para(t: Topic) -> str:
    points = "；".join(f"{cn(i)}是{p}" for i, p in enumerate(t.problems, 1))
    return f"对照上级要求，工作中还存在一些问题和不足，主要有：{points}。"


def ending(t: Topic) -> list[str]:
    return [t.org, t.date]


def part_structured(t: Topic, *, marker: Callable[[int], str] | None = None) -> Shape:
    mk = marker or (lambda n: f"（{cn(n)}）")
    paras = [title(t), f"{t.recipient}：", lead(t), "一、工作情况"]
    paras += [run_in(i, h, b, mk(i)) for i, (h, b) in enumerate(t.work, 1)]
    paras += ["二、存在的问题", problems_para(t), "三、下一步工作打算"]
    paras += [run_in(i, h, b, mk(i)) for i, (h, b) in enumerate(t.steps, 1)]
    paras += ["特此报告。", *ending(t)]
    return Shape(paras, roles=("work", "problems", "next-steps"), items=(4, 0, 3))


def own_line(t: Topic) -> Shape:
    paras = [title(t), lead(t, "现将有关情况汇报如下："), "一、主要做法"]
    for i, (h, b) in enumerate(t.work, 1):
        paras += [f"（{cn(i)}）{h}", b]
    paras += ["二、存在的不足", problems_para(t), "三、下一步打算"]
    for i, (h, b) in enumerate(t.steps, 1):
        paras += [f"（{cn(i)}）{h}", b]
    paras += ["以上报告，请审阅。", *ending(t)]
    return Shape(paras, roles=("work", "problems", "next-steps"), items=(4, 0, 3))


def topic_structured(t: Topic, *, tail: str = "parts") -> Shape:
    """Every 一、 a theme (one of them 坚持问题导向，推动整改落实); problems and next steps as
    the last parts (``parts``), only in the closing (``closing``)."""
    kind = "summary"
    paras = [
        title(t, kind),
        f"{t.period}，{t.me}坚持以学生为中心，统筹推进{t.subject}工作，各项任务顺利完成。",
    ]
    for i, theme in enumerate(t.themes, 1):
        h, b = t.work[i - 1]
        paras += [f"{cn(i)}、{theme}", f"{h}。{b}"]
    roles: list[str] = ["work"] * len(t.themes)
    items = [0] * len(t.themes)
    n = len(t.themes)
    if tail == "parts":
        paras += [f"{cn(n + 1)}、存在的问题", problems_para(t), f"{cn(n + 2)}、下一步工作打算"]
        paras += [run_in(i, h, b) for i, (h, b) in enumerate(t.steps, 1)]
        roles += ["problems", "next-steps"]
        items += [0, len(t.steps)]
        paras += [f"新的一年，{t.me}将坚持稳中求进，推动{t.subject}工作再上新台阶。"]
    else:
        paras += [
            f"总之，{t.me}{t.subject}工作取得了一定成绩，但与上级要求相比还有差距。"
            f"下一步，{t.me}将针对薄弱环节，完善制度，狠抓落实，推动各项工作提质增效。"
        ]
    paras += ending(t)
    return Shape(paras, kind=kind, roles=tuple(roles), items=tuple(items))


SUPER_WORDS = {
    "部分": ("第一部分　{}", "第二部分　{}"),
    "板块": ("第一板块：{}", "第二板块：{}"),
    "篇": ("上篇　{}", "下篇　{}"),
    "第篇": ("第一篇　{}", "第二篇　{}"),
}


def super_level(t: Topic, words: str = "部分") -> Shape:
    first, second = SUPER_WORDS[words]
    paras = [
        title(t, "summary"),
        f"{t.period}，{t.me}围绕年度目标，扎实推进{t.subject}各项工作。现将有关情况总结如下：",
    ]
    paras.append(first.format(f"{t.period}工作回顾"))
    for i, theme in enumerate(t.themes[:3], 1):
        h, b = t.work[i - 1]
        paras += [f"{cn(i)}、{theme}", run_in(1, h, b)]
    paras[-1] += t.results
    paras.append(second.format("下一步工作打算"))
    for i, (h, b) in enumerate(t.steps, 1):
        paras += [f"{cn(i)}、{h}", b]
    paras += [f"新的一年，{t.me}将锐意进取，推动{t.subject}工作取得新成效。", *ending(t)]
    return Shape(
        paras,
        kind="summary",
        roles=("work", "work", "work", "next-steps", "next-steps", "next-steps"),
        items=(1, 1, 1, 0, 0, 0),
        blocks=2,
    )


def no_headings(t: Topic) -> Shape:
    points = "".join(f"{cn(i)}是{h}。{b}" for i, (h, b) in enumerate(t.work, 1))
    paras = [
        title(t),
        lead(t),
        f"{t.period}，{t.me}重点抓了以下几项工作：{points}",
        f"工作中也还存在一些不足，{t.problems[0]}。下一步，{t.me}将{t.steps[0][0]}，{t.steps[1][0]}。",
        *ending(t),
    ]
    return Shape(paras, roles=("work",), items=(0,), closing=False)


def self_inspection(t: Topic) -> Shape:
    kind = "self-inspection"
    paras = [
        title(t, kind),
        f"{t.recipient}：",
        f"根据上级通知要求，{t.me}对照检查内容，对{t.subject}工作逐项开展了自查。现将自查情况报告如下：",
        "一、自查发现的问题",
    ]
    paras += [f"{i}.{p}。" for i, p in enumerate(t.problems, 1)]
    paras += ["二、整改措施"]
    paras += [run_in(i, h, b) for i, (h, b) in enumerate(t.steps, 1)]
    paras += ["三、自查工作开展情况"]
    paras += [run_in(i, h, b) for i, (h, b) in enumerate(t.work[:3], 1)]
    paras += ["特此报告。", *ending(t)]
    return Shape(paras, kind=kind, roles=("problems", "next-steps", "work"), items=(3, 3, 3))


def analysis(t: Topic) -> Shape:
    kind = "analysis"
    paras = [
        title(t, kind),
        lead(t),
        "一、总体形势",
        f"{t.period}，全县{t.subject}形势总体平稳。{t.results}",
        "二、工作开展情况",
    ]
    paras += [run_in(i, h, b) for i, (h, b) in enumerate(t.work[:3], 1)]
    paras += [
        "三、舆情分析",
        f"本期共监测到涉及{t.subject}的网络舆情5条，均已妥善处置。从舆情反映看，存在以下问题：{t.problems[0]}；{t.problems[1]}。",
        "四、下一步工作措施",
    ]
    paras += [run_in(i, h, b) for i, (h, b) in enumerate(t.steps, 1)]
    paras += ["特此报告。", *ending(t)]
    return Shape(
        paras, kind=kind, roles=("overview", "work", "problems", "next-steps"), items=(0, 3, 0, 3)
    )


UMBRELLAS = ("总体情况", "基本情况与主要成效", "工作成绩", "成效及亮点", "主要工作及成效")


def umbrella(t: Topic, heading: str) -> Shape:
    paras = [title(t), lead(t), f"一、{heading}", t.results]
    paras += [run_in(i, h, b) for i, (h, b) in enumerate(t.work, 1)]
    paras += ["二、存在的问题", problems_para(t), "三、下一步工作打算"]
    paras += [run_in(i, h, b) for i, (h, b) in enumerate(t.steps, 1)]
    paras += ["特此报告。", *ending(t)]
    return Shape(paras, roles=("work", "problems", "next-steps"), items=(4, 0, 3))


CLOSINGS = (
    "新的一年，{me}将认真总结经验，持续推动{s}工作落地见效。",
    "总之，{me}{s}工作虽然取得了一定成效，但仍有不少需要改进的地方，{me}将继续努力。",
    "通过一学期的努力，{me}{s}工作迈出了坚实步伐，{me}将在此基础上再接再厉。",
    "新学期，{me}将继续聚焦{s}工作重点，查漏补缺，久久为功。",
    "下一步，{me}将继续深化{s}工作，确保各项措施落到实处。",
)


def closing_without_formula(t: Topic, closing: str) -> Shape:
    shape = part_structured(t)
    at = shape.paras.index("特此报告。")
    shape.paras[at] = closing.format(me=t.me, s=t.subject)
    return shape


LEADS = (
    "现将有关情况通报如下。",
    "现将有关工作开展情况汇报如下。",
    "现将{period}{s}工作开展情况、存在的问题和下一步工作打算报告如下：",
    "主要做法是：",
    "具体情况如下：",
)


def lead_variant(t: Topic, formula: str) -> Shape:
    shape = part_structured(t)
    shape.paras[2] = lead(t, formula.format(period=t.period, s=t.subject))
    shape.absent = ("C006",)
    return shape


def name_list(t: Topic, full_width: bool) -> Shape:
    space = "　" if full_width else " "
    shape = part_structured(t)
    at = shape.paras.index("一、工作情况") + 1
    shape.paras[at : at + 1] = [
        shape.paras[at] + f"{t.me}成立了{t.subject}工作领导小组：",
        f"组{space}长：张明远（校长）",
        "副组长：李秀芳（副校长）",
        f"成{space}员：王建国、陈丽、赵志强、刘芳",
    ]
    shape.absent = ("T008",)
    return shape


def several_sentences(t: Topic) -> Shape:
    shape = part_structured(t)
    at = shape.paras.index("二、存在的问题") + 1
    p = t.problems
    shape.paras[at] = (
        f"主要存在以下问题：一是{p[0]}。另外，部分学校对此重视不够。二是{p[1]}。三是{p[2]}。"
    )
    return shape


def with_table(t: Topic) -> Shape:
    shape = part_structured(t)
    at = shape.paras.index("二、存在的问题")
    shape.paras[at:at] = [
        "TABLE:项目|数量|完成率\n检查学校|86|100%\n整改隐患|39|95%",
    ]
    shape.extra["table"] = True
    return shape


def hand_typed(t: Topic) -> Shape:
    """A Word file typed by hand: doc number under the title, 主送 after a blank line,
    one subheading standing alone as （三）…, no heading styles."""
    paras = [
        "C:" + title(t),
        "C:柳教发〔2024〕15号",
        "",
        f"{t.recipient}：",
        lead(t),
        "一、工作情况",
        run_in(1, *t.work[0]),
        run_in(2, *t.work[1]),
        f"（三）{t.work[2][0]}",
        t.work[2][1],
        "二、存在的问题",
        problems_para(t),
        "三、下一步工作打算",
    ]
    paras += [run_in(i, h, b) for i, (h, b) in enumerate(t.steps, 1)]
    paras += ["特此报告。", *ending(t)]
    # One subheading stands alone among run-in siblings: O010 says so (a warning, rightly).
    return Shape(
        paras,
        roles=("work", "problems", "next-steps"),
        items=(3, 0, 3),
        must=("O010",),
        extra={"doc_number": "柳教发〔2024〕15号"},
    )


def styled(t: Topic) -> Shape:
    shape = part_structured(t)
    shape.paras = [("H1:" + p if p[:2] in ("一、", "二、", "三、") else p) for p in shape.paras]
    return shape


def auto_numbered(t: Topic) -> Shape:
    shape = part_structured(t)
    out: list[str] = []
    for p in shape.paras:
        if p[:2] in ("一、", "二、", "三、"):
            out.append("N0:" + p[2:])
        elif p.startswith("（") and p[2] == "）":
            out.append("N1:" + p[3:])
        else:
            out.append(p)
    shape.paras = out
    return shape


def web_paste(t: Topic) -> Shape:
    shape = part_structured(t)
    head = shape.paras[0]
    junk = (
        "张晓明 分享 时间:2024-10-09 10:21",
        "以下是小编为您整理的" + head + "，内容涵盖工作情况、存在问题和下一步打算，"
        "结构清晰、数据翔实，供大家在撰写同类材料时参考借鉴，希望对您有所帮助，欢迎阅读和收藏本文。",
        "阅读(1024)",
        "12  0  3",
        '");',
    )
    shape.paras = [head, head, junk[0], junk[1], *shape.paras[1:], junk[2], junk[3], junk[4]]
    shape.junk = junk
    shape.extra["paste"] = "web"
    return shape


def wechat_paste(t: Topic) -> Shape:
    shape = part_structured(t)
    paras: list[str] = ["点击上方蓝字 关注我们", shape.paras[0], "青山教育发布 2024-10-09 08:30"]
    for p in shape.paras[1:]:
        if p[:2] in ("一、", "二、", "三、"):
            paras.append(f"【{p}】")
        elif p.startswith("（一）"):
            paras.append("📌" + p)
        else:
            paras.append(p)
    at = paras.index(t.org)
    paras[at:at] = []
    paras += ["—END—", "来源：青山县教育局", "分享 收藏 点赞 在看", "阅读原文"]
    shape.paras = paras
    shape.junk = (
        "点击上方蓝字 关注我们",
        "青山教育发布 2024-10-09 08:30",
        "—END—",
        "来源：青山县教育局",
        "分享 收藏 点赞 在看",
        "阅读原文",
    )
    shape.extra["paste"] = "wechat"
    return shape
