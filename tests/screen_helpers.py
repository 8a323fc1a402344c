"""Proof that a quick screen never hides a match of a regular expression.

A screen is a list of words of which every match of a pattern holds at least one; `covered`
walks the pattern's parse tree (as `re` compiles it) to prove that, so a pattern edited
without its screen fails a test rather than going unseen in `check`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

if sys.version_info >= (3, 11):
    from re import _constants as c
    from re import _parser as sre
else:  # pragma: no cover - Python 3.10
    import sre_constants as c
    import sre_parse as sre

__all__ = ["covered", "sre"]


def _chars(op: Any, av: Any) -> list[str] | None:
    """The characters one item matches, when it is a literal or a small set of them."""
    if op is c.LITERAL:
        return [chr(av)]
    if op is c.IN:
        members = [chr(v) for kind, v in av if kind is c.LITERAL]
        if len(members) == len(av) and len(members) <= 8:
            return members
    return None


def covered(seq: Any, words: Sequence[str], ignorecase: bool = False) -> bool:
    """Every match of the parsed ``seq`` holds one of ``words``.

    Sound, not complete: a run of literal characters (small sets too: `re` parses
    ``字体|字号`` as 字[体号]; and the least repeat of one: ``\\.{3,}`` holds ``...``) that
    contains a word, a group, a branch whose every arm is covered, or a repeat of at least
    one covered item. Under IGNORECASE the words are compared lower-cased: they must then
    be matched ignoring case too (junk._SHAPE_WORDS_ANY_CASE).
    """
    fold = str.lower if ignorecase else str
    needles = [fold(w) for w in words]
    runs = [""]  # every string the current run of literals and small sets can be
    for op, av in [*seq, (None, None)]:
        chars = _chars(op, av)
        if chars is not None:
            runs = [r + ch for r in runs for ch in chars]
            continue
        repeated = (
            _chars(*av[2][0]) if op in (c.MAX_REPEAT, c.MIN_REPEAT) and len(av[2]) == 1 else None
        )
        if repeated is not None and 1 <= av[0] <= 8 and len(repeated) ** av[0] <= 64:
            least = [""]
            for _ in range(av[0]):
                least = [x + ch for x in least for ch in repeated]
            runs = [r + x for r in runs for x in least]
            if av[0] == av[1]:
                continue  # exactly so many: the run goes on
        if all(any(n in fold(r) for n in needles) for r in runs):
            return True
        runs = [""]
        if op is c.BRANCH:
            arms_covered = all(covered(arm, words, ignorecase) for arm in av[1])
        elif op is c.SUBPATTERN:
            arms_covered = covered(av[-1], words, ignorecase)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            arms_covered = av[0] >= 1 and covered(av[2], words, ignorecase)
        else:
            arms_covered = False
        if arms_covered:
            return True
    return False
