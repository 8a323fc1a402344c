"""Reports with one defect each, as people make them when they edit a report by hand."""

from __future__ import annotations

from realistic import shapes
from realistic.shapes import Shape, cn
from realistic.topics import Topic


def _defect(shape: Shape, must: str) -> Shape:
    shape.must = (must,)
    shape.clean = False
    return shape


def number_gap(t: Topic) -> Shape:
    s = shapes.part_structured(t)
    at = next(i for i, p in enumerate(s.paras) if p.startswith("（三）"))
    s.paras[at] = "（四）" + s.paras[at][3:]
    return _defect(s, "O006")


def number_repeat(t: Topic) -> Shape:
    s = shapes.part_structured(t, marker=lambda n: "（一）")
    return _defect(s, "O006")


def comma_markers(t: Topic) -> Shape:
    """Enumerators typed 1，2，3，: a wrong mark for a real level (a warning, once per list)."""
    s = shapes.part_structured(t, marker=lambda n: f"{n}，")
    s.clean = True
    s.must = ("O009",)
    s.extra["O009"] = 2  # two lists (work items and next steps), one finding each
    return s


def comma_gap(t: Topic) -> Shape:
    s = shapes.part_structured(t, marker=lambda n: f"{n + (n > 2)}，")
    return _defect(s, "O006")


def missing_problems(t: Topic) -> Shape:
    s = shapes.part_structured(t)
    at = s.paras.index("二、存在的问题")
    del s.paras[at : at + 2]
    s.paras[at] = "二、下一步工作打算"
    s.roles, s.items = ("work", "next-steps"), (4, 3)
    s.must, s.renders = ("O002",), False  # a work report needs its problems part (I016)
    return s


def no_work(t: Topic) -> Shape:
    s = shapes.part_structured(t)
    start = s.paras.index("一、工作情况")
    end = s.paras.index("二、存在的问题")
    del s.paras[start:end]
    s.paras = [
        p.replace("二、存在的问题", "一、存在的问题").replace("三、下一步", "二、下一步")
        for p in s.paras
    ]
    s.roles, s.items, s.renders = ("problems", "next-steps"), (0, 3), False
    return _defect(s, "O001")


def mixed_numbering(t: Topic) -> Shape:
    # （一）（二）3.4.: read as 1. items under （二） numbered from 3 (a gap, O006).
    s = shapes.part_structured(t, marker=lambda n: f"（{cn(n)}）" if n < 3 else f"{n}.")
    s.items = ()
    return _defect(s, "O006")


def super_gap(t: Topic) -> Shape:
    s = shapes.super_level(t)
    at = next(i for i, p in enumerate(s.paras) if p.startswith("三、") and i > 10)
    s.paras[at] = "四、" + s.paras[at][2:]
    return _defect(s, "O006")


def topic_gap(t: Topic) -> Shape:
    s = shapes.topic_structured(t)
    at = next(i for i, p in enumerate(s.paras) if p.startswith("三、"))
    s.paras[at] = "四、" + s.paras[at][2:]
    return _defect(s, "O006")
