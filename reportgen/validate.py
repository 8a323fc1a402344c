"""Loaded data → a valid Report and its Kind, or every problem at once.

Two passes, both collected before anything fails: the schema (pydantic, translated into
Chinese messages with positions) and the outline rules of the report's kind.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from reportgen.load import Loaded, Path_
from reportgen.model import Item, Part, Report, model_at
from reportgen.numbering import Family, parse_marker
from reportgen.problem import Level, Problem

# Discriminator tags pydantic puts into error locations of our unions.
_UNION_TAGS = {"text", "item", "spec", "profile", "path"}
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
    "empty-text": ("I013", "empty-value"),
    "empty-item": ("I013", "empty-value"),
    "empty-part": ("I013", "empty-value"),
    "part-needs-heading": ("I005", "missing-field"),
    "invalid-date": ("I014", "invalid-date"),
    "invalid-period": ("I008", "invalid-value"),
}


def _clean_loc(loc: tuple[int | str, ...]) -> Path_:
    out: list[str | int] = []
    skip_tag = False
    for step in loc:
        if skip_tag and step in _UNION_TAGS:
            skip_tag = False
            continue
        out.append(step)
        skip_tag = (isinstance(step, int) and len(out) >= 2 and out[-2] == "items") or (
            len(out) == 1 and step in _UNION_FIELDS
        )
    return tuple(out)


def _describe(value: Any) -> str:
    if value is None:
        return "空的"
    if isinstance(value, list):
        return "一个列表"
    if isinstance(value, dict):
        return "一组字段"
    return f"“{value}”"


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


def _message(err: Any, path: Path_) -> tuple[str, str, str, bool]:
    """(code, name, message, at_key) for one pydantic error."""
    kind: str = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    field = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
    if kind in _CUSTOM_CODES:
        code, name = _CUSTOM_CODES[kind]
        return code, name, err["msg"], False
    if kind == "missing":
        model = model_at(path[:-1])
        info = model.model_fields.get(field) if model else None
        hint = f"（{_first_sentence(info.description)}）" if info and info.description else ""
        return "I005", "missing-field", f"缺少必填字段“{field}”{hint}。", False
    if kind == "extra_forbidden":
        return (
            "I003",
            "unknown-field",
            f"不认识的字段“{field}”。{_suggest(field, model_at(path[:-1]))}",
            True,
        )
    if kind == "string_type":
        if value is None:
            return "I013", "empty-value", f"“{field}”没有内容；不需要就整行删除。", False
        extra = (
            "（多写了“- ”？）"
            if isinstance(value, list)
            else "（多写了冒号“:”？含冒号的文字请加引号）"
        )
        return "I004", "wrong-type", f"这里应是一段文字，实际是{_describe(value)}{extra}。", False
    if kind == "list_type":
        if value is None:
            return "I013", "empty-value", f"“{field}”没有内容；不需要就整行删除。", False
        return (
            "I004",
            "wrong-type",
            f"这里应是列表（每项一行，以“- ”开头），实际是{_describe(value)}。",
            False,
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (
            "I004",
            "wrong-type",
            f"这里应是一组字段（如“heading: …”），实际是{_describe(value)}。",
            False,
        )
    if kind in ("literal_error", "enum"):
        return (
            "I008",
            "invalid-value",
            f"{_describe(value)}不是可选的值；可选：{ctx.get('expected', '')}。",
            False,
        )
    if kind == "bool_parsing" or kind == "bool_type":
        return "I008", "invalid-value", f"这里应是 true 或 false，实际是{_describe(value)}。", False
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "I008", "invalid-value", f"这里应是整数，实际是{_describe(value)}。", False
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = " ".join(f"{k}={v}" for k, v in ctx.items())
        return "I008", "invalid-value", f"{_describe(value)}超出范围（{bound}）。", False
    if kind == "too_short":
        return "I013", "empty-value", f"“{field}”至少要有 {ctx.get('min_length', 1)} 项。", False
    return "I008", "invalid-value", f"取值不对（{err['msg']}）。", False


def translate_errors(exc: ValidationError, loaded: Loaded) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        path = _clean_loc(tuple(err["loc"]))
        code, name, message, at_key = _message(err, path)
        problems.append(loaded.problem(path, code, name, message, key=at_key))
    return problems


# ---------------------------------------------------------------- outline rules


def _typed_number(text: str | None, allowed: Iterable[Family] = ()) -> str | None:
    if not text:
        return None
    found = parse_marker(text)
    if found and found.family not in allowed:
        return found.text
    return None


def _entries(items: list[str | Item], path: Path_) -> Iterable[tuple[Path_, str | Item]]:
    for i, entry in enumerate(items):
        yield (*path, i), entry
        if isinstance(entry, Item) and entry.items:
            yield from _entries(entry.items, (*path, i, "items"))


def _number_problems(report: Report, loaded: Loaded) -> list[Problem]:
    problems = []

    def typed(path: Path_, marker: str) -> None:
        problems.append(
            loaded.problem(
                path,
                "I018",
                "typed-number",
                f"开头写了编号“{marker}”；编号按顺序自动生成，请删去它，否则会出现两个编号。",
            )
        )

    for p, part in enumerate(report.parts):
        if m := _typed_number(part.heading):
            typed(("parts", p, "heading"), m)
        for i, point in enumerate(part.points or []):
            if m := _typed_number(point):
                typed(("parts", p, "points", i), m)
        for path, entry in _entries(part.items, ("parts", p, "items")):
            if isinstance(entry, str):
                continue
            first = "heading" if entry.heading else "text"
            if m := _typed_number(entry.heading or entry.text):
                typed((*path, first), m)
            for i, point in enumerate(entry.points or []):
                if m := _typed_number(point):
                    typed((*path, "points", i), m)
    return problems


def resolve_roles(report: Report) -> list[str]:
    from reportgen.outline import infer_role

    return [part.role or str(infer_role(part.heading or "")) for part in report.parts]


def _outline_problems(
    report: Report, loaded: Loaded, template_dirs: tuple[Path, ...]
) -> list[Problem]:
    from reportgen.outline import ROLE_ORDER, all_kinds, load_kind, role_labels

    kind = load_kind(report.kind, template_dirs)
    if kind is None:
        names = [k.name for k in all_kinds(template_dirs)]
        close = difflib.get_close_matches(report.kind, names, n=1)
        hint = f"是否想写“{close[0]}”？" if close else ""
        return [
            loaded.problem(
                ("kind",),
                "I015",
                "unknown-kind",
                f"没有名为“{report.kind}”的文种。{hint}可用：{'、'.join(names)}。",
            )
        ]
    problems: list[Problem] = []
    found = resolve_roles(report)
    labels = role_labels()
    for role in kind.required_roles():
        if role not in found:
            problems.append(
                loaded.problem(
                    ("parts",),
                    "I016",
                    "missing-part",
                    f"{kind.spec.label}应有“{kind.default_heading(role)}”部分（role: {role}），这里没有。",
                    key=True,
                )
            )
    repeatable = {p.role for p in kind.spec.parts if p.repeat}
    seen: set[str] = set()
    last = -1
    for p, role in enumerate(found):
        if role in seen and role not in repeatable and role != "work":
            problems.append(
                loaded.problem(
                    ("parts", p),
                    "I019",
                    "repeated-part",
                    f"“{labels[role]}”（{role}）出现了不止一次；是否应合并？",
                    level=Level.WARNING,
                )
            )
        seen.add(role)
        if ROLE_ORDER[role] < last:
            problems.append(
                loaded.problem(
                    ("parts", p),
                    "I017",
                    "part-order",
                    f"“{labels[role]}”通常写在前面的部分之前（顺序：总体情况、工作情况、成效、经验、问题、下一步）。",
                    level=Level.WARNING,
                )
            )
        last = max(last, ROLE_ORDER[role])
    return problems


def validate(
    loaded: Loaded, template_dirs: tuple[Path, ...] = ()
) -> tuple[Report | None, list[Problem]]:
    """Every problem of a loaded report; the Report when there is no error among them."""
    problems = list(loaded.problems)
    if loaded.data is None:
        return None, problems
    try:
        report = Report.model_validate(loaded.data)
    except ValidationError as exc:
        return None, problems + translate_errors(exc, loaded)
    problems += _number_problems(report, loaded)
    problems += _outline_problems(report, loaded, template_dirs)
    if any(p.level is Level.ERROR for p in problems):
        return None, problems
    return report, problems


__all__ = ["Part", "resolve_roles", "translate_errors", "validate"]
