"""More real shapes, worded differently from :mod:`shapes` (a second batch, written after the
first fixes, to measure the tool on forms it was not tuned on)."""

from __future__ import annotations

from realistic import shapes
from realistic.shapes import Shape, cn, ending, lead, problems_para, run_in, title
from realistic.topics import Topic


def topic_weak_words(t: Topic) -> Shape:
    """Themes whose words alone look like problems (安全隐患整治, 加强问题学生帮扶) in the middle."""
    themes = ("强化组织领导", "安全隐患整治", "加强问题学生帮扶", "深化家校协同")
    paras = [title(t, "summary"), f"{t.period}，{t.me}统筹推进{t.subject}工作。"]
    for i, theme in enumerate(themes, 1):
        paras += [f"{cn(i)}、{theme}", run_in(1, *t.work[i - 1])]
    paras += ["五、存在的不足", problems_para(t), "六、下一步打算"]
    paras += [run_in(i, h, b) for i, (h, b) in enumerate(t.steps, 1)]
    paras += ending(t)
    return Shape(
        paras,
        kind="summary",
        roles=("work", "work", "work", "work", "problems", "next-steps"),
        items=(1, 1, 1, 1, 0, 3),
        closing=False,
    )


def self_inspection_overview(t: Topic) -> Shape:
    kind = "self-inspection"
    paras = [
        title(t, kind),
        f"根据上级通知要求，{t.me}对{t.subject}工作开展了全面自查。现将自查情况报告如下：",
        "一、基本情况",
        f"{t.me}高度重视此次自查，成立了自查工作小组。{t.results}",
    ]
    paras += [run_in(i, h, b) for i, (h, b) in enumerate(t.work[:3], 1)]
    paras += ["二、存在的问题", problems_para(t), "三、整改措施"]
    paras += [run_in(i, h, b) for i, (h, b) in enumerate(t.steps, 1)]
    paras += ["特此报告。", *ending(t)]
    return Shape(paras, kind=kind, roles=("work", "problems", "next-steps"), items=(3, 0, 3))


def summary_full(t: Topic) -> Shape:
    kind = "summary"
    paras = [
        title(t, kind),
        f"{t.period}，{t.me}围绕年度目标，扎实推进{t.subject}工作。现将有关情况总结如下：",
        "一、总体情况",
        t.results,
        "二、主要工作及成效",
    ]
    paras += [run_in(i, h, b) for i, (h, b) in enumerate(t.work, 1)]
    paras += [
        "三、经验体会",
        f"实践证明，领导重视是做好{t.subject}工作的前提，制度健全是关键，家校协同是保障。",
        "四、存在的问题",
        problems_para(t),
        "五、下一步工作打算",
    ]
    paras += [run_in(i, h, b) for i, (h, b) in enumerate(t.steps, 1)]
    paras += ending(t)
    return Shape(
        paras,
        kind=kind,
        roles=("overview", "work", "experience", "problems", "next-steps"),
        items=(0, 4, 0, 0, 3),
        closing=False,
    )


def points_as_paragraphs(t: Topic) -> Shape:
    s = shapes.part_structured(t)
    at = s.paras.index("二、存在的问题") + 1
    s.paras[at : at + 1] = ["主要存在以下问题："] + [
        f"{cn(i)}是{p}。" for i, p in enumerate(t.problems, 1)
    ]
    return s


def prose_point_paragraphs(t: Topic) -> Shape:
    paras = [title(t), lead(t)]
    paras += [f"{cn(i)}是{h}。{b}" for i, (h, b) in enumerate(t.work, 1)]
    paras += ending(t)
    return Shape(paras, roles=("work",), items=(0,), closing=False)


def super_colon(t: Topic) -> Shape:
    s = shapes.super_level(t)
    s.paras = [
        p.replace("第一部分　", "第一部分：").replace("第二部分　", "第二部分 ") for p in s.paras
    ]
    return s


def lead_special(t: Topic) -> Shape:
    s = shapes.part_structured(t)
    s.paras[2] = lead(t, "特作如下汇报：")
    s.absent = ("C006",)
    return s


def web_portal(t: Topic) -> Shape:
    s = shapes.part_structured(t)
    junk = (
        "首页 > 工作动态 > 正文",
        "来源：青山县教育局 作者：王丽 发布时间：2024-10-09 浏览次数：356",
        "【字体：大 中 小】【打印本页】【关闭窗口】",
        "扫一扫在手机打开当前页",
        "上一篇：关于开展秋季学期校园安全大检查的通知",
        "下一篇：青山县召开2024年教育工作会议",
    )
    s.paras = [junk[0], s.paras[0], junk[1], junk[2], *s.paras[1:], junk[3], junk[4], junk[5]]
    s.junk = junk
    return s


def formal_ending(t: Topic) -> Shape:
    s = shapes.part_structured(t)
    s.paras[0] = f"{t.org}关于{t.period}{t.subject}工作情况的报告"
    at = s.paras.index("特此报告。")
    s.paras[at : at + 1] = ["以上报告，如有不妥，请批评指正。"]
    s.paras[-1] = "二〇二四年十月八日"
    return s


def styled_and_numbered(t: Topic) -> Shape:
    s = shapes.auto_numbered(t)
    s.paras = [("H1:" + p[3:] if p.startswith("N0:") else p) for p in s.paras]
    # Word: the level-1 headings numbered by the list *and* styled Heading 1
    s.paras = [("N0:" + p[3:] if p.startswith("H1:") else p) for p in s.paras]
    return s


def analysis_risk(t: Topic) -> Shape:
    s = shapes.analysis(t)
    s.paras = [p.replace("三、舆情分析", "三、风险研判") for p in s.paras]
    return s


def with_attachments(t: Topic) -> Shape:
    s = shapes.part_structured(t)
    at = s.paras.index("特此报告。") + 1
    s.paras[at:at] = [
        f"附件：1.{t.period}{t.subject}工作统计表",
        f"2.{t.period}{t.subject}工作台账",
    ]
    return s


def bold_run_in(t: Topic) -> Shape:
    """Markdown from a converter: the run-in heading sentence in bold."""
    s = shapes.part_structured(t)
    out = []
    for p in s.paras:
        if p.startswith("（") and "。" in p:
            head, _, body = p.partition("。")
            out.append(f"**{head}。**{body}")
        else:
            out.append(p)
    s.paras = out
    return s


def markdown_headings(t: Topic) -> Shape:
    s = shapes.own_line(t)
    s.paras = [
        (
            "## " + p
            if p[:2] in ("一、", "二、", "三、")
            else "### " + p
            if p.startswith("（")
            else p
        )
        for p in s.paras
    ]
    s.paras[0] = "# " + s.paras[0]
    return s


def lone_marker(t: Topic) -> Shape:
    """Hand-typed Word: （三） alone in a paragraph, the heading in the next, the text after."""
    s = shapes.part_structured(t)
    at = next(i for i, p in enumerate(s.paras) if p.startswith("（三）"))
    head, _, body = s.paras[at][3:].partition("。")
    s.paras[at : at + 1] = ["（三）", head, body]
    s.must = ("O010",)  # an own-line heading among run-in siblings: rightly a warning
    return s


# ---------------------------------------------------------------- a third batch


def no_lead(t: Topic) -> Shape:
    """Straight into 一、 after the title and recipient (no lead paragraph)."""
    s = shapes.part_structured(t)
    del s.paras[2]
    return s


def docx_two_line_title(t: Topic) -> Shape:
    s = shapes.hand_typed(t)
    head = s.paras[0][2:]
    cut = head.index(t.subject) + len(t.subject)
    s.paras[0:1] = ["C:" + head[:cut], "C:" + head[cut:]]
    return s


def colon_subheadings(t: Topic) -> Shape:
    """Own-line subheadings ending with a colon, points as 一是 paragraphs below them."""
    paras = [title(t), lead(t), "一、主要做法"]
    for i, (h, b) in enumerate(t.work[:2], 1):
        paras += [
            f"（{cn(i)}）{h}：",
            f"一是{b}",
            f"二是针对{t.problems[i - 1]}的情况，制定了专项方案。",
        ]
    paras += ["二、存在的问题", problems_para(t), "三、下一步工作打算"]
    paras += [run_in(i, h, b) for i, (h, b) in enumerate(t.steps, 1)]
    paras += ["特此报告。", *ending(t)]
    return Shape(paras, roles=("work", "problems", "next-steps"), items=(2, 0, 3))


def year_headings(t: Topic) -> Shape:
    """A summary whose parts are 一、2024年工作回顾 二、2025年工作打算 (no block level)."""
    kind = "summary"
    paras = [title(t, kind), f"{t.period}，{t.me}扎实推进{t.subject}工作。", "一、2024年工作回顾"]
    paras += [run_in(i, h, b) for i, (h, b) in enumerate(t.work, 1)]
    paras += ["二、2025年工作打算"]
    paras += [run_in(i, h, b) for i, (h, b) in enumerate(t.steps, 1)]
    paras += ending(t)
    return Shape(paras, kind=kind, roles=("work", "next-steps"), items=(4, 3), closing=False)


def scraped_title(t: Topic) -> Shape:
    """A web page: site name glued to the title line, related-article list at the end."""
    s = shapes.part_structured(t)
    junk = (
        f"{s.paras[0]}_工作报告_范文网",
        "相关推荐：",
        "1.2024年校园安全工作总结（通用5篇）",
        "2.学校安全工作汇报材料精选",
    )
    s.paras = [junk[0], *s.paras, *junk[1:]]
    s.junk = junk
    return s


def wechat_captions(t: Topic) -> Shape:
    s = shapes.wechat_paste(t)
    at = s.paras.index("【二、存在的问题】")
    s.paras[at:at] = ["▲图为消防疏散演练现场"]
    s.extra["caption"] = True
    return s


def inline_points_then_items(t: Topic) -> Shape:
    """A part intro with inline points, then its numbered items."""
    s = shapes.part_structured(t)
    at = s.paras.index("一、工作情况") + 1
    s.paras[at:at] = [
        f"{t.period}，{t.me}重点做了三方面工作：一是健全制度；二是压实责任；三是强化督查。"
    ]
    return s


def subtitle_and_run_in_part(t: Topic) -> Shape:
    """A subtitle under the title (——在……会议上), a lead of two paragraphs, and a part
    heading that runs into its first paragraph (一、工作情况。今年以来……)."""
    s = shapes.part_structured(t)
    s.paras[1:1] = [f"——在全县{t.subject}工作推进会上的汇报"]
    at = s.paras.index("一、工作情况")
    s.paras[at] = f"一、工作情况。今年以来，{t.me}坚持问题导向，重点抓好以下工作。"
    lead_at = at - 1
    s.paras[lead_at:lead_at] = [f"{t.me}高度重视{t.subject}工作，把它列入年度重点任务。"]
    return s


def typed_text_with_imprint(t: Topic) -> Shape:
    """Plain text typed with full-width indents, next steps in one 下一步，…… paragraph,
    attachments, and the 版记 (抄送, 印发) at the end."""
    s = shapes.part_structured(t)
    at = s.paras.index("三、下一步工作打算") + 1
    end = s.paras.index("特此报告。")
    s.paras[at:end] = [f"下一步，{t.me}将{t.steps[0][0]}，{t.steps[1][0]}。"]
    s.items = (4, 0, 0)
    at = s.paras.index("特此报告。") + 1
    s.paras[at:at] = [f"附件：1.{t.period}{t.subject}统计表", f"2.{t.period}{t.subject}台账"]
    imprint = (f"抄送：{t.recipient}办公室。", f"{t.org}办公室　　　　{t.date}印发")
    s.paras = ["　　" + p if p and not p.startswith(("C:", "TABLE:")) else p for p in s.paras]
    s.paras += list(imprint)
    s.dropped = imprint
    return s


def super_numbering_goes_on(t: Topic) -> Shape:
    """Blocks above 一、 whose parts go on numbering (一、二、三、 | 四、五、六、)."""
    s = shapes.super_level(t)
    second = s.paras.index(next(p for p in s.paras if p.startswith("第二部分")))
    for k in range(second + 1, len(s.paras)):
        for old, new in (("一、", "四、"), ("二、", "五、"), ("三、", "六、")):
            if s.paras[k].startswith(old):
                s.paras[k] = new + s.paras[k][2:]
    return s


def wechat_blocks(t: Topic) -> Shape:
    """A WeChat article of a summary cut into blocks: 【第一部分　……】 headings."""
    s = shapes.super_level(t)
    s.paras = [f"【{p}】" if p.startswith("第") and "部分" in p[:5] else p for p in s.paras]
    s.paras = ["点击上方蓝字 关注我们", *s.paras, "—END—"]
    s.junk = ("点击上方蓝字 关注我们", "—END—")
    return s


def colon_parts(t: Topic) -> Shape:
    """A school's summary: part headings ending with ：, items typed 1、 (rightly O009),
    points in 一是……。二是……。, the closing 以上是……。今后，……"""
    kind = "summary"
    paras = [
        title(t, kind),
        f"本学期，{t.me}坚持把{t.subject}作为重点工作，现总结如下：",
        "一、主要工作：",
    ]
    paras += [f"{i}、{h}。{b}" for i, (h, b) in enumerate(t.work[:2], 1)]
    paras += [
        "二、存在问题：",
        "；".join(f"{cn(i)}是{p}" for i, p in enumerate(t.problems[:2], 1)) + "。",
    ]
    paras += [
        "三、今后打算：",
        "。".join(f"{cn(i)}是{h}" for i, (h, _) in enumerate(t.steps[:2], 1)) + "。",
    ]
    paras += [
        f"以上是{t.me}本学期{t.subject}工作情况。今后，{t.me}将继续努力，推动各项工作落到实处。",
        t.org,
        "二〇二四年十二月二十日",
    ]
    return Shape(
        paras, kind=kind, roles=("work", "problems", "next-steps"), items=(2, 0, 0), must=("O009",)
    )


def wechat_glued(t: Topic) -> Shape:
    """A WeChat article whose page furniture sticks to the report's paragraphs: a byline
    before the lead, share bars and counters after an item's last sentence, （完） after
    the closing. Only the furniture goes; every sentence it is glued to stays."""
    s = shapes.part_structured(t)
    glued = {
        2: ("原标题：" + s.paras[0] + " ", ""),
        4: ("", "分享到：朋友圈"),
        5: ("", "点赞 在看"),
        6: ("", " 阅读 1024"),
        7: ("", "阅读原文"),
        11: ("", "责任编辑：张晓明"),
        12: ("", "扫码关注我们"),
        13: ("", "来源：青山县教育局"),
        14: ("", "（完）"),
    }
    for k, (before, after) in glued.items():
        s.paras[k] = before + s.paras[k] + after
    s.junk = tuple(j.strip() for pair in glued.values() for j in pair if j.strip())
    return s
