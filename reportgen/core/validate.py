"""Loaded data → a valid Report and its Kind, or every problem at once.

Collected before anything fails: the schema (pydantic, translated into Chinese messages
with positions), typed numbers, and — on the document a valid report builds — the outline
rules of its kind (:mod:`reportgen.outline`, the same rules `check` runs on finished reports).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from reportgen import codes
from reportgen.core.blocks import Document
from reportgen.core.load import Loaded, Path_
from reportgen.core.model import Report, model_at
from reportgen.core.numbering import STANDARD, Family, parse_marker
from reportgen.outline.built import outline_despite, outline_problems, resolve_roles
from reportgen.problem import Level, Problem

__all__ = ["Validated", "resolve_roles", "translate_errors", "validate", "validate_report"]

# Discriminator tags pydantic puts into error locations of our unions.
_UNION_TAGS = {"text", "item", "table", "spec", "profile", "path", "name", "attachment"}
_UNION_FIELDS = {"period", "style"}

# A clerk may type the Chinese name of a field; point them to the real one.
_CHINESE_KEYS = {
    "标题": "title",
    "发文机关": "org",
    "单位": "org",
    "机关": "org",
    "主题": "topic",
    "时期": "period",
    "期间": "period",
    "报告期": "period",
    "主送机关": "recipient",
    "主送": "recipient",
    "日期": "date",
    "成文日期": "date",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "署名": "signature",
    "附件": "attachments",
    "导语": "lead",
    "结束语": "closing",
    "结尾": "closing",
    "部分": "parts",
    "正文": "text",
    "内容": "text",
    "小标题": "heading",
    "要点": "points",
    "条目": "items",
    "文种": "kind",
    "类型": "kind",
    "编号": "numbering",
    "作用": "role",
    "印章": "seal",
    "版式": "style",
}

_CUSTOM_CODES = {
    "empty-text": codes.EMPTY_VALUE,
    "empty-item": codes.EMPTY_VALUE,
    "empty-part": codes.EMPTY_VALUE,
    "part-needs-heading": codes.MISSING_FIELD,
    "invalid-date": codes.INVALID_DATE,
    "invalid-period": codes.INVALID_VALUE,
    "invalid-copy-number": codes.INVALID_COPY_NUMBER,
    "invalid-secrecy": codes.INVALID_SECRECY,
    "table-rows": codes.MISSING_FIELD,
}


def _clean_loc(loc: tuple[int | str, ...]) -> Path_:
    out: list[str | int] = []
    skip_tag = False
    for step in loc:
        if skip_tag and step in _UNION_TAGS:
            skip_tag = False
            continue
        out.append(step)
        # A list of unions (items, attachments): pydantic puts the tag after the index.
        skip_tag = (
            isinstance(step, int) and len(out) >= 2 and out[-2] in ("items", "attachments")
        ) or (len(out) == 1 and step in _UNION_FIELDS)
    return tuple(out)


def _describe(value: Any) -> str:
    if value is None:
        return "空的"
    if isinstance(value, list):
        return "一个列表"
    if isinstance(value, dict):
        return "一组字段"
    return f"“{value}”"


def _bound(limit: Any) -> str:
    """A limit as written in a message: 150, not pydantic's 150.0."""
    return f"{limit:g}" if isinstance(limit, float) else str(limit)


def _suggest(key: str, model: type[BaseModel] | None) -> str:
    if model is None:
        return ""
    names = list(model.model_fields)
    if key in _CHINESE_KEYS and _CHINESE_KEYS[key] in names:
        return f"是否想写“{_CHINESE_KEYS[key]}”？"
    close = difflib.get_close_matches(key.lower(), names, n=1, cutoff=0.6)
    if close:
        return f"是否想写“{close[0]}”？"
    return f"这里可用的字段：{'、'.join(names)}。"


def _first_sentence(text: str | None) -> str:
    return (text or "").split("。")[0]


def _message(err: Any, path: Path_, root: type[BaseModel]) -> tuple[codes.Code, str, bool]:
    """(code, message, at_key) for one pydantic error."""
    error_type: str = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    field = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
    if error_type in _CUSTOM_CODES:
        return _CUSTOM_CODES[error_type], err["msg"], False
    if error_type == "missing":
        model = model_at(path[:-1], root)
        info = model.model_fields.get(field) if model else None
        hint = f"（{_first_sentence(info.description)}）" if info and info.description else ""
        return codes.MISSING_FIELD, f"缺少必填字段“{field}”{hint}。", False
    if error_type == "extra_forbidden":
        return (
            codes.UNKNOWN_FIELD,
            f"不认识的字段“{field}”。{_suggest(field, model_at(path[:-1], root))}",
            True,
        )
    if error_type == "string_type":
        if value is None:
            return codes.EMPTY_VALUE, f"“{field}”没有内容；不需要就整行删除。", False
        extra = (
            "（多写了“- ”？）"
            if isinstance(value, list)
            else "（多写了冒号“:”？含冒号的文字请加引号）"
        )
        return codes.WRONG_TYPE, f"这里应是一段文字，实际是{_describe(value)}{extra}。", False
    if error_type == "list_type":
        if value is None:
            return codes.EMPTY_VALUE, f"“{field}”没有内容；不需要就整行删除。", False
        return (
            codes.WRONG_TYPE,
            f"这里应是列表（每项一行，以“- ”开头），实际是{_describe(value)}。",
            False,
        )
    if error_type in ("model_type", "dict_type", "model_attributes_type"):
        return (
            codes.WRONG_TYPE,
            f"这里应是一组字段（如“heading: …”），实际是{_describe(value)}。",
            False,
        )
    if error_type in ("literal_error", "enum"):
        expected = (
            str(ctx.get("expected", "")).replace("' or '", "、").replace("', '", "、").strip("'")
        )
        close = difflib.get_close_matches(str(value), expected.split("、"), n=1)
        hint = f"是否想写“{close[0]}”？" if close else ""
        return (
            codes.INVALID_VALUE,
            f"{_describe(value)}不是可选的值。{hint}可选：{expected}。",
            False,
        )
    if error_type == "bool_parsing" or error_type == "bool_type":
        return codes.INVALID_VALUE, f"这里应是 true 或 false，实际是{_describe(value)}。", False
    if error_type in ("int_parsing", "int_type", "int_from_float"):
        return codes.INVALID_VALUE, f"这里应是整数，实际是{_describe(value)}。", False
    if error_type in ("float_parsing", "float_type", "finite_number"):
        return (
            codes.INVALID_VALUE,
            f"这里应是数字（如 16 或 28.5），实际是{_describe(value)}。",
            False,
        )
    if error_type == "greater_than_equal":
        return (
            codes.INVALID_VALUE,
            f"{_describe(value)}太小：不能小于 {_bound(ctx.get('ge'))}。",
            False,
        )
    if error_type == "greater_than":
        return (
            codes.INVALID_VALUE,
            f"{_describe(value)}太小：应大于 {_bound(ctx.get('gt'))}。",
            False,
        )
    if error_type == "less_than_equal":
        return (
            codes.INVALID_VALUE,
            f"{_describe(value)}太大：不能大于 {_bound(ctx.get('le'))}。",
            False,
        )
    if error_type == "less_than":
        return (
            codes.INVALID_VALUE,
            f"{_describe(value)}太大：应小于 {_bound(ctx.get('lt'))}。",
            False,
        )
    if error_type == "value_error" and "error" in ctx:  # a validator's own (Chinese) ValueError
        return codes.INVALID_VALUE, f"{str(ctx['error']).rstrip('。')}。", False
    if error_type == "too_short":
        return codes.EMPTY_VALUE, f"“{field}”至少要有 {ctx.get('min_length', 1)} 项。", False
    return codes.INVALID_VALUE, f"取值不对（{err['msg']}）。", False


def translate_errors(
    exc: ValidationError, loaded: Loaded, root: type[BaseModel] = Report
) -> list[Problem]:
    """pydantic's errors as Problems; ``root`` is the model the file holds (a report, a style
    profile, a kind), for the \"did you mean\" suggestions."""
    problems = []
    for err in exc.errors(include_url=False):
        path = _clean_loc(tuple(err["loc"]))
        code, message, at_key = _message(err, path, root)
        hint = _misplaced(path, loaded, root) if code == codes.UNKNOWN_FIELD else ""
        if hint:  # in place of the list of fields allowed here
            message = f"不认识的字段“{path[-1]}”。{hint}"
        problems.append(loaded.problem(path, code, message, key=at_key))
    return problems


def _misplaced(path: Path_, loaded: Loaded, root: type[BaseModel]) -> str:
    """A hint for a field written at the wrong level: a part's ``text:`` that belongs to the
    item above (indented too little), or that should be the part's ``intro:``."""
    key, parent = path[-1], path[:-1]
    data: Any = loaded.data
    for step in parent:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return ""
    if not isinstance(data, dict) or not isinstance(key, str):
        return ""
    line, _ = loaded.position(path, key=True)
    for name, value in data.items():
        if not isinstance(value, list):
            continue
        for j in range(len(value) - 1, -1, -1):
            item = value[j]
            if not isinstance(item, dict) or not item:
                continue
            first = next(iter(item))
            at = loaded.keys.get((*parent, name, j, first))
            if at is None or at[0] >= line:
                continue
            model = model_at((*parent, name, j), root)
            if model is not None and key in model.model_fields:
                return (
                    f"“{key}”是 {name} 下各条的字段，缩进少了：如果它属于第 {at[0]} 行的那一条，"
                    f"请让它从第 {at[1]} 列开始，与“{first}”对齐（行首 {at[1] - 1} 个空格）。"
                )
            break
    here = model_at(parent, root)
    if key == "text" and here is not None and "intro" in here.model_fields:
        return "是否想写“intro”？部分开头（小标题之前）的一段话写在 intro 下。"
    return ""


# ---------------------------------------------------------------- outline rules


def _typed_number(text: object) -> str | None:
    if not isinstance(text, str):
        return None
    found = parse_marker(text.strip())
    if found:
        return found.text
    other = _OTHER_NUMBERS.match(text.strip())
    return other.group() if other else None


# Other ways people number by hand, which the readers need not recognise as headings but a
# report's text must not start with: ①, ⑴, ⒈, 第二，, 其一，
_OTHER_NUMBERS = re.compile(
    r"^(?:[\u2460-\u249b]|第[一二三四五六七八九十]+[，、,]|其[一二三四五六七八九十]+[，、,])"
)


def _dicts(value: object) -> list[tuple[int, dict[str, Any]]]:
    return (
        [(i, v) for i, v in enumerate(value) if isinstance(v, dict)]
        if isinstance(value, list)
        else []
    )


def _number_problems(data: dict[str, Any], loaded: Loaded) -> list[Problem]:
    """Markers typed by hand (（一）, 1., 一是 …) at the start of headings and points."""
    problems = []

    def check(path: Path_, text: object) -> None:
        if marker := _typed_number(text):
            problems.append(
                loaded.problem(
                    path,
                    codes.TYPED_NUMBER,
                    f"开头写了编号“{marker}”；编号按顺序自动生成，请删去它，否则会出现两个编号。",
                )
            )

    def points(path: Path_, value: object) -> None:
        for i, point in enumerate(value if isinstance(value, list) else []):
            check((*path, "points", i), point)

    def items(path: Path_, value: object) -> None:
        for i, item in _dicts(value):
            field = "heading" if item.get("heading") else "text"
            check((*path, "items", i, field), item.get(field))
            points((*path, "items", i), item.get("points"))
            items((*path, "items", i), item.get("items"))

    for p, part in _dicts(data.get("parts")):
        check(("parts", p, "heading"), part.get("heading"))
        check(("parts", p, "intro"), part.get("intro"))
        points(("parts", p), part.get("points"))
        items(("parts", p), part.get("items"))
    for a, name in enumerate(
        data.get("attachments") or [] if isinstance(data.get("attachments"), list) else []
    ):
        if isinstance(name, dict):
            check(("attachments", a, "title"), name.get("title"))
            items(("attachments", a), name.get("items"))
        else:
            check(("attachments", a), name)
    return problems


def _depth_problems(
    report: Report, loaded: Loaded, template_dirs: tuple[Path, ...]
) -> list[Problem]:
    """GB/T 9704 has four levels (一、（一）1.（1））; an 一是 item is a paragraph, with no sub-items.
    The family of each level is the kind's (its ``numbering``)."""
    from reportgen.core.model import Item
    from reportgen.genre.registry import load_kind
    from reportgen.tables.model import TableEntry

    kind = load_kind(report.kind, template_dirs)
    problems: list[Problem] = []

    def walk(entries: list[str | Item | TableEntry], family: Family, path: Path_) -> None:
        for i, entry in enumerate(entries):
            if not isinstance(entry, Item) or not entry.items:
                continue
            here = (*path, i, "items")
            if family is Family.INLINE:
                problems.append(
                    loaded.problem(
                        here,
                        codes.ITEMS_UNDER_INLINE,
                        "以“一是、二是”编号的条目是一段话，不能再有下一级条目（items）；"
                        "请把下一级内容写成 points，或把本部分的 numbering 改为“（一）”。",
                        key=True,
                    )
                )
            elif family is Family.PAREN_ARABIC:
                problems.append(
                    loaded.problem(
                        here,
                        codes.TOO_DEEP,
                        "条目嵌套太深：公文的层次序数只有“一、（一）1.（1）”四级，（1）之下不能再分条；"
                        "请把这一级写成 points（一是……二是……）或正文。",
                        key=True,
                    )
                )
            else:
                walk(entry.items, ladder.below(family), here)

    ladder = kind.spec.ladder if kind else STANDARD
    for p, part in enumerate(report.parts):
        family = Family(part.numbering) if part.numbering else ladder.items
        walk(part.items, family, ("parts", p, "items"))
    return problems


def _kind_problems(
    data: dict[str, Any], loaded: Loaded, template_dirs: tuple[Path, ...]
) -> list[Problem]:
    """An unknown ``kind`` (I015); a kind written by its Chinese name becomes its id."""
    from reportgen.genre.registry import all_kinds, default_kind, kind_choices, load_kind

    name = data.get("kind", default_kind(template_dirs))
    if not isinstance(name, str):
        return []  # the schema pass reports the wrong type
    kind = load_kind(name, template_dirs)
    if kind is None:
        kinds = all_kinds(template_dirs)
        names = [k.name for k in kinds] + [k.spec.label for k in kinds]
        close = difflib.get_close_matches(name, names, n=1)
        hint = f"是否想写“{close[0]}”？" if close else ""
        return [
            loaded.problem(
                ("kind",),
                codes.UNKNOWN_KIND,
                f"没有名为“{name}”的文种。{hint}可用（英文名或中文名都可以）："
                f"{kind_choices(template_dirs)}。",
            )
        ]
    if "kind" in data and kind.name != name:
        data["kind"] = kind.name  # 工作总结 → summary: the model and templates use the id
    return []


@dataclass
class Validated:
    """What validation finds: the report when there is no error, every problem, and the
    document built for the outline rules (reused by the render when it has no tables)."""

    report: Report | None
    problems: list[Problem] = field(default_factory=list)
    document: Document | None = None


def validate(
    loaded: Loaded, template_dirs: tuple[Path, ...] = ()
) -> tuple[Report | None, list[Problem]]:
    """Every problem of a loaded report; the Report when there is no error among them."""
    checked = validate_report(loaded, template_dirs)
    return checked.report, checked.problems


def validate_report(loaded: Loaded, template_dirs: tuple[Path, ...] = ()) -> Validated:
    """:func:`validate`, with the document the outline rules ran on."""
    problems = list(loaded.problems)
    if loaded.data is None:
        return Validated(None, problems)
    # Top-level keys starting with "x-" are the user's own (a place for YAML anchors),
    # as in docker-compose files.
    loaded.data = {k: v for k, v in loaded.data.items() if not str(k).startswith("x-")}
    problems += _number_problems(loaded.data, loaded)
    problems += _kind_problems(loaded.data, loaded, template_dirs)
    try:
        report: Report | None = Report.model_validate(loaded.data)
    except ValidationError as exc:
        report = None
        problems += translate_errors(exc, loaded)
        problems += outline_despite(exc, loaded, template_dirs)
    document = None
    if report is not None:
        from reportgen.core.validate_gongwen import gongwen_problems

        document, found = outline_problems(report, loaded, template_dirs)
        problems += found
        problems += _depth_problems(report, loaded, template_dirs)
        problems += gongwen_problems(report, loaded, _source_path(loaded))
        if report.date is None:
            problems.append(
                loaded.problem(
                    (),
                    codes.MISSING_DATE,
                    "没有写成文日期（date），报告末尾署名下不会有日期；"
                    "请加一行，如 date: 2024-10-08（输出为“2024年10月8日”）。",
                    level=Level.WARNING,
                )
            )
    problems.sort(key=Problem.sort_key)
    if report is None or any(p.level is Level.ERROR for p in problems):
        return Validated(None, problems)
    return Validated(report, problems, document)


def _source_path(loaded: Loaded) -> Path | None:
    """The report file, for paths written relative to it (attachment files)."""
    return Path(loaded.source) if loaded.source and loaded.source != "-" else None
