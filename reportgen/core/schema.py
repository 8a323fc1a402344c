"""The JSON Schema of a report file (draft-07 keywords only), for editors.

pydantic writes draft 2020-12 (``$defs``); editors that speak draft-07 (yaml-language-server,
VS Code) want ``definitions``, so the references are rewritten.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reportgen.errors import UsageError

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
_NOT_DRAFT_07 = {
    "discriminator",
    "prefixItems",
    "$defs",
    "unevaluatedProperties",
    "dependentRequired",
}


def _to_draft07(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                out[key] = value.replace("#/$defs/", "#/definitions/")
            elif key not in _NOT_DRAFT_07:
                out[key] = _to_draft07(value)
        return out
    if isinstance(node, list):
        return [_to_draft07(v) for v in node]
    return node


def report_schema(kind: str | None = None, template_dirs: tuple[Path, ...] = ()) -> dict[str, Any]:
    from reportgen.core.model import Report
    from reportgen.genre.registry import all_kinds, load_kind

    raw = Report.model_json_schema()
    schema: dict[str, Any] = {
        "$schema": DRAFT_07,
        "title": "reportgen 报告",
        "description": "reportgen 的报告文件（*.report.yaml）：元数据、导语、各部分条目、结束语。",
    }
    schema.update(_to_draft07({k: v for k, v in raw.items() if k not in ("title", "description")}))
    schema["definitions"] = _to_draft07(raw.get("$defs", {}))
    # A bare year (period: 2024) is an integer to an editor's YAML parser.
    schema["properties"]["period"]["oneOf"].insert(
        0, {"type": "integer", "minimum": 1949, "maximum": 2100}
    )
    _genre_schema(schema, template_dirs)
    kinds = all_kinds(template_dirs)
    kind_prop = schema["properties"]["kind"]
    if kind is None:
        # The Chinese names are accepted too (kind: 工作总结).
        kind_prop["enum"] = [k.name for k in kinds] + [k.spec.label for k in kinds]
        kind_prop["enum"] += [a for k in kinds for a in k.spec.aliases]
    else:
        chosen = load_kind(kind, template_dirs)
        if chosen is None:
            from reportgen.genre.registry import kind_choices

            raise UsageError(
                f"没有名为“{kind}”的文种；可用（英文名或中文名都可以）：{kind_choices(template_dirs)}。"
            )
        kind_prop["enum"] = list(chosen.names)
        kind_prop["default"] = chosen.name
        parts = "、".join(
            f"{p.heading}（{p.role}{'，必需' if p.required else ''}）" for p in chosen.spec.parts
        )
        schema["properties"]["parts"]["description"] += f" {chosen.spec.label}的部分：{parts}。"
    return schema


def _genre_schema(schema: dict[str, Any], template_dirs: tuple[Path, ...]) -> None:
    """The role ids, their names and the default headings, from the genre registry (the
    model checks roles against the registry, so its own schema says only "a string")."""
    from reportgen.genre.registry import genre_for

    table = genre_for(template_dirs).roles.roles
    part = schema["definitions"]["Part"]["properties"]
    part["role"]["anyOf"][0]["enum"] = list(table)
    part["role"]["description"] += (
        "可选：" + "、".join(f"{role} {spec.label}" for role, spec in table.items()) + "。"
    )
    part["heading"]["examples"] = [spec.label for spec in table.values()]


def schema_json(kind: str | None = None, template_dirs: tuple[Path, ...] = ()) -> str:
    return json.dumps(report_schema(kind, template_dirs), ensure_ascii=False, indent=2) + "\n"
