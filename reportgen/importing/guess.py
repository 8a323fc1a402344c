"""What a finished report does not say outright: its kind, org, topic and period.

Each is guessed from the title (关于2024年第三季度校园安全工作情况的报告) and the signature;
every note says where a value came from, for the ``# 请核对`` comments and the warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.core.numbering import STANDARD, Ladder
from reportgen.importing.notes import CHECK

PLACEHOLDER_ORG = "[请填写发文机关]"
PLACEHOLDER_TOPIC = "[请填写报告主题]"
PLACEHOLDER_PERIOD = "[请填写报告期]"
PLACEHOLDERS = frozenset({PLACEHOLDER_ORG, PLACEHOLDER_TOPIC, PLACEHOLDER_PERIOD})

_PERIOD = re.compile(
    r"\d{4}(?:[—–-]\d{4})?(?:学年度|学年|年度|年)"
    r"(?:第[一二三四]季度|[上下]半年度?|[一二]季度|\d{1,2}(?:[—–-]\d{1,2})?月份?"
    r"|(?:春季|秋季|春|秋)学期|第[一二]学期|暑期|暑假|寒假|寒暑假|度)?"
)
_ORG_END = re.compile(
    r"(局|委|委员会|办|办公室|中心|学校|小学|中学|大学|学院|幼儿园|校|园|站|所|院|处|科|室|部|会|队|集团|公司)$"
)


@dataclass
class Meta:
    org: str = ""
    topic: str = ""
    period: str = ""
    org_note: str = ""
    topic_note: str = ""
    period_note: str = ""


def recover_meta(title: str, signature: str, date: str) -> Meta:
    """org / topic / period from the title (关于2024年第三季度校园安全工作情况的报告) and the
    signature; each note says where a value came from ("" when nothing was found)."""
    meta = Meta()
    rest = title[2:] if title.startswith("关于") else title
    m = _PERIOD.search(rest)
    before = ""
    if m:
        meta.period, meta.period_note = m.group(), f"{CHECK}：由标题推断"
        before, rest = rest[: m.start()], rest[m.end() :]
    elif y := re.match(r"(\d{4})年", date):
        meta.period, meta.period_note = f"{y.group(1)}年", f"{CHECK}：由成文日期推断"
    from reportgen.genre.registry import current

    topic = current().title_topic(rest).strip()  # without the kinds' title_endings
    if topic:
        meta.topic, meta.topic_note = topic, f"{CHECK}：由标题推断"
    if signature and _ORG_END.search(signature) and len(signature) <= 30:
        meta.org, meta.org_note = signature, f"{CHECK}：取自署名"
    elif before and _ORG_END.search(before):
        meta.org, meta.org_note = before, f"{CHECK}：由标题推断"
    elif signature:
        meta.org, meta.org_note = signature, f"{CHECK}：取自署名"
    return meta


def kind_for(title: str, requested: str | None) -> tuple[str, str]:
    """(kind name, why it was chosen: "" when the user asked for it)."""
    from reportgen.genre.registry import current

    if requested:
        return requested, ""
    genre = current()
    kind, word = genre.guess_kind(title)
    if word:
        return kind.name, f"由标题中的“{word}”推断"
    others = sorted(genre.kinds.values(), key=lambda k: -k.spec.priority)
    listed = "”“".join(w for k in others if k is not kind for w in k.spec.title_words)
    return kind.name, f"标题里没有“{listed}”，按{kind.spec.label}处理"


def kind_defaults(kind_name: str) -> tuple[Ladder, bool]:
    """(numbering of each level, run_in) the kind uses when a part does not say."""
    from reportgen.genre.registry import load_kind

    kind = load_kind(kind_name)
    return (kind.spec.ladder, kind.spec.run_in) if kind else (STANDARD, True)


def lead_formula(kind_name: str) -> re.Pattern[str]:
    """How the kind's lead ends (its lead_formula), as ``check`` recognises it."""
    from reportgen.genre.registry import current

    genre = current()
    return re.compile(genre.lead_formula(genre.kind(kind_name)))
