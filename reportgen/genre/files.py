"""Reading one genre file (a kind, roles.yaml, words.yaml) into its pydantic model.

Every problem found — YAML syntax, an unknown key, a wrong type, a missing entry — keeps
its file:line:col and Chinese message but carries the file's own code (I029 for a kind,
I030 for roles.yaml and words.yaml), so a malformed genre file reads as one and never
ends in an internal error.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from reportgen import codes
from reportgen.core.load import Loaded, load_file
from reportgen.errors import InputError
from reportgen.problem import Problem

M = TypeVar("M", bound=BaseModel)

KIND_FILE = codes.BAD_KIND_FILE
ROLE_FILE = codes.BAD_ROLE_FILE
GENRE_CONFLICT = codes.GENRE_CONFLICT


def recoded(problems: list[Problem], code: codes.Code) -> list[Problem]:
    return [replace(p, code=code.id, name=code.name) for p in problems]


def load_model(path: Path, model: type[M], code: codes.Code) -> tuple[M, Loaded]:
    """``path`` validated as ``model``; InputError with every problem (coded ``code``)."""
    loaded = load_file(path)
    if loaded.problems:
        raise InputError(recoded(loaded.problems, code))
    data = {} if loaded.data is None else loaded.data
    try:
        return model.model_validate(data), loaded
    except ValidationError as exc:
        from reportgen.core.validate import translate_errors

        raise InputError(recoded(translate_errors(exc, loaded, model), code)) from None


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise PydanticCustomError(
            "genre-regex", "不是有效的正则表达式：{error}", {"error": str(exc)}
        ) from None
    return value


# A field holding a regular expression: a broken one is a coded problem at its position,
# not a crash the first time a report is read.
Regex = Annotated[str, AfterValidator(_regex)]
