"""The realistic corpus: every document with its format and what must be found in it.

Documents are made at run time from :mod:`shapes` and :mod:`topics` (no binaries in git):
Markdown as Word → Markdown converters write it (one paragraph a block), plain text as a
web or WeChat page pastes it, DOCX typed by hand (with or without heading styles, with
Word's own list numbering) through python-docx.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from realistic import defects, shapes, variants
from realistic.shapes import Shape
from realistic.topics import CANTEEN, MENTAL, READING, SAFETY, TOPICS, TRAINING, Topic


@dataclass(frozen=True)
class Case:
    name: str
    shape: str  # the outline shape (several cases share one)
    fmt: str  # md, txt, docx
    make: Callable[[Topic], Shape]
    topic: Topic

    def build(self) -> Shape:
        return self.make(self.topic)


def _cases() -> list[Case]:
    out: list[Case] = []

    def add(
        shape: str, make: Callable[[Topic], Shape], topics: tuple[Topic, ...], fmt: str = "md"
    ) -> None:
        for t in topics:
            out.append(Case(f"{shape}-{t.key}-{fmt}", shape, fmt, make, t))

    add("part-structured", shapes.part_structured, TOPICS)
    add("part-structured", shapes.part_structured, (SAFETY, MENTAL), "docx")
    add(
        "part-arabic-items",
        partial(shapes.part_structured, marker=lambda n: f"{n}."),
        (TRAINING, CANTEEN),
    )
    add("own-line-subheadings", shapes.own_line, (SAFETY, READING, MENTAL))
    add("topic-structured", shapes.topic_structured, TOPICS)
    add(
        "topic-closing-only",
        partial(shapes.topic_structured, tail="closing"),
        (SAFETY, READING, CANTEEN),
    )
    add("super-部分", shapes.super_level, (SAFETY, TRAINING, MENTAL))
    add("super-部分", shapes.super_level, (READING,), "docx")
    add("super-板块", partial(shapes.super_level, words="板块"), (READING, CANTEEN))
    add("super-上下篇", partial(shapes.super_level, words="篇"), (MENTAL,))
    add("super-第一篇", partial(shapes.super_level, words="第篇"), (TRAINING,))
    add("no-headings", shapes.no_headings, (SAFETY, READING, CANTEEN))
    add("self-inspection-problems-first", shapes.self_inspection, (CANTEEN, SAFETY, MENTAL))
    add("analysis-embedded-problems", shapes.analysis, (SAFETY, MENTAL))
    for i, heading in enumerate(shapes.UMBRELLAS):
        add(
            f"umbrella-{heading}",
            partial(shapes.umbrella, heading=heading),
            (TOPICS[i], TOPICS[(i + 2) % 5]),
        )
    for i, closing in enumerate(shapes.CLOSINGS):
        add(
            f"closing-{closing[:3]}",
            partial(shapes.closing_without_formula, closing=closing),
            (TOPICS[i], TOPICS[(i + 3) % 5]),
        )
    for i, formula in enumerate(shapes.LEADS):
        add(
            f"lead-{formula[-6:-1]}",
            partial(shapes.lead_variant, formula=formula),
            (TOPICS[(i + 1) % 5],),
        )
    add("name-list", partial(shapes.name_list, full_width=False), (SAFETY, MENTAL))
    add("name-list-fullwidth", partial(shapes.name_list, full_width=True), (TRAINING,))
    add("name-list", partial(shapes.name_list, full_width=False), (READING,), "docx")
    add("points-several-sentences", shapes.several_sentences, (SAFETY, CANTEEN))
    add("table-of-figures", shapes.with_table, (SAFETY,))
    add("table-of-figures", shapes.with_table, (READING,), "docx")
    add("docx-hand-typed", shapes.hand_typed, (SAFETY, TRAINING, CANTEEN), "docx")
    add("docx-heading-styles", shapes.styled, (READING, MENTAL), "docx")
    add("docx-word-numbering", shapes.auto_numbered, (SAFETY, CANTEEN), "docx")
    add("web-paste", shapes.web_paste, (SAFETY, TRAINING, READING), "txt")
    add("wechat-paste", shapes.wechat_paste, (MENTAL, CANTEEN, SAFETY), "txt")
    # a second batch, worded differently
    add("topic-weak-words", variants.topic_weak_words, (SAFETY, MENTAL))
    add("self-inspection-overview-first", variants.self_inspection_overview, (CANTEEN, READING))
    add("summary-all-roles", variants.summary_full, (TRAINING, MENTAL))
    add("points-as-paragraphs", variants.points_as_paragraphs, (SAFETY, READING))
    add("prose-point-paragraphs", variants.prose_point_paragraphs, (TRAINING,))
    add("super-colon-space", variants.super_colon, (CANTEEN,))
    add("lead-特作如下汇报", variants.lead_special, (MENTAL,))
    add("web-portal-paste", variants.web_portal, (SAFETY, CANTEEN), "txt")
    add("formal-ending", variants.formal_ending, (SAFETY,))
    add("formal-ending", variants.formal_ending, (TRAINING,), "docx")
    add("docx-styled-and-numbered", variants.styled_and_numbered, (READING,), "docx")
    add("analysis-risk-part", variants.analysis_risk, (CANTEEN,))
    add("attachments", variants.with_attachments, (MENTAL, READING))
    add("md-bold-run-in", variants.bold_run_in, (SAFETY, TRAINING))
    add("md-heading-marks", variants.markdown_headings, (CANTEEN,))
    add("docx-lone-marker", variants.lone_marker, (SAFETY, READING), "docx")
    # a third batch
    add("no-lead", variants.no_lead, (CANTEEN, MENTAL))
    add("docx-two-line-title", variants.docx_two_line_title, (READING,), "docx")
    add("colon-subheadings-point-paragraphs", variants.colon_subheadings, (SAFETY, TRAINING))
    add("summary-year-parts", variants.year_headings, (MENTAL, SAFETY))
    add("web-scraped-title", variants.scraped_title, (TRAINING,), "txt")
    add("wechat-photo-caption", variants.wechat_captions, (READING,), "txt")
    add("intro-points-then-items", variants.inline_points_then_items, (CANTEEN, READING))
    add("subtitle-run-in-part", variants.subtitle_and_run_in_part, (SAFETY, MENTAL))
    add("subtitle-run-in-part", variants.subtitle_and_run_in_part, (CANTEEN,), "docx")
    add("typed-text-imprint", variants.typed_text_with_imprint, (TRAINING, CANTEEN), "txt")
    add("typed-text-imprint", variants.typed_text_with_imprint, (READING,))
    add("super-numbering-goes-on", variants.super_numbering_goes_on, (SAFETY,))
    add("summary-colon-parts", variants.colon_parts, (CANTEEN, READING))
    add("wechat-blocks", variants.wechat_blocks, (MENTAL,), "txt")
    add("wechat-glued-furniture", variants.wechat_glued, (READING, SAFETY), "txt")
    # defects
    add("defect-number-gap", defects.number_gap, (SAFETY, READING))
    add("defect-number-gap", defects.number_gap, (MENTAL,), "docx")
    add("defect-number-repeat", defects.number_repeat, (TRAINING,))
    add("defect-comma-markers", defects.comma_markers, (CANTEEN,))
    add("defect-comma-gap", defects.comma_gap, (READING,))
    add("defect-missing-problems", defects.missing_problems, (SAFETY,))
    add("defect-no-work-part", defects.no_work, (MENTAL,))
    add("defect-mixed-numbering", defects.mixed_numbering, (TRAINING,))
    add("defect-super-gap", defects.super_gap, (CANTEEN,))
    add("defect-topic-gap", defects.topic_gap, (READING,))
    return out


CASES = _cases()
