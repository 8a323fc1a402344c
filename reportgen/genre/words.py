"""Words of the genre that belong to no single kind or role (``templates/words.yaml``): how
a closing starts, how a title of the genre ends, where a long title may break, the roll-up's
own wording. A user's ``DIR/words.yaml`` adds to the lists (it never removes a built-in word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from reportgen.genre.files import ROLE_FILE, Regex, load_model


class TitleBreak(BaseModel):
    model_config = ConfigDict(extra="forbid")

    break_after: list[str] = Field(default_factory=list)
    break_before: list[str] = Field(default_factory=list)
    unbreakable: list[Regex] = Field(default_factory=list)


class Rollup(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = ""
    lead: str = ""
    overview: str = ""


class WordsFile(BaseModel):
    """words.yaml, field by field (see the comments in the built-in file)."""

    model_config = ConfigDict(extra="forbid")

    closing_starts: list[Regex] = Field(default_factory=list)
    lead_formula: Regex = ""
    lead_end: Regex = ""
    title_endings: list[str] = Field(default_factory=list)
    report_words: list[str] = Field(default_factory=list)
    formula_words: list[str] = Field(default_factory=list)
    title_break: TitleBreak = Field(default_factory=TitleBreak)
    default_kind: str = ""
    rollup: Rollup = Field(default_factory=Rollup)


def _union(items: list[str]) -> str:
    return "|".join(f"(?:{x})" for x in items)


@dataclass(frozen=True, eq=False)  # compared by identity: one per genre
class Words:
    """The merged words, with the patterns built from them once."""

    file: WordsFile
    closing_words: tuple[str, ...] = ()  # the kinds' closing formulas (特此报告 …)

    @cached_property
    def closing(self) -> re.Pattern[str]:
        """A closing paragraph's start: a kind's formula or a genre-wide opening."""
        words = [re.escape(w) for w in self.closing_words] + self.file.closing_starts
        return re.compile(f"^(?:{_union(words)})" if words else r"(?!)")

    @cached_property
    def lead_end(self) -> re.Pattern[str]:
        return re.compile(self.file.lead_end or r"(?!)")

    @cached_property
    def title_end(self) -> re.Pattern[str]:
        words = [re.escape(w) for w in self.file.title_endings]
        return re.compile(f"(?:{'|'.join(words)})$" if words else r"(?!)")

    @cached_property
    def doubled(self) -> re.Pattern[str]:
        """A formula word written twice (the topic ended with it): 自查自查 → 自查."""
        words = "|".join(re.escape(w) for w in self.file.formula_words)
        return re.compile(f"({words})\\1" if words else r"(?!)")

    @cached_property
    def unbreakable(self) -> re.Pattern[str]:
        return re.compile(_union(self.file.title_break.unbreakable) or r"(?!)")


def _merge(base: WordsFile, extra: WordsFile) -> WordsFile:
    """``extra`` adds to ``base``'s lists; its single values replace base's when given."""

    def more(a: list[str], b: list[str]) -> list[str]:
        return a + [x for x in b if x not in a]

    tb, xb = base.title_break, extra.title_break
    return WordsFile(
        closing_starts=more(base.closing_starts, extra.closing_starts),
        lead_formula=extra.lead_formula or base.lead_formula,
        lead_end=extra.lead_end or base.lead_end,
        title_endings=more(base.title_endings, extra.title_endings),
        report_words=more(base.report_words, extra.report_words),
        formula_words=more(base.formula_words, extra.formula_words),
        title_break=TitleBreak(
            break_after=more(tb.break_after, xb.break_after),
            break_before=more(tb.break_before, xb.break_before),
            unbreakable=more(tb.unbreakable, xb.unbreakable),
        ),
        default_kind=extra.default_kind or base.default_kind,
        rollup=Rollup(
            title=extra.rollup.title or base.rollup.title,
            lead=extra.rollup.lead or base.rollup.lead,
            overview=extra.rollup.overview or base.rollup.overview,
        ),
    )


def load_words(files: list[Path]) -> WordsFile:
    """The words of ``files`` (built-in first), merged; InputError (I030) if one is malformed."""
    merged = WordsFile()
    for path in files:
        parsed, _ = load_model(path, WordsFile, ROLE_FILE)
        merged = _merge(merged, parsed)
    return merged
