"""`reportgen new`: a commented starter report for a kind, plus the schema its modeline names."""

from __future__ import annotations

import sys
from pathlib import Path

from reportgen.errors import UsageError

SCHEMA_NAME = "reportgen.schema.json"


def starter_text(kind_name: str, template_dirs: tuple[Path, ...] = ()) -> str:
    from reportgen.genre.registry import kind_choices, load_kind
    from reportgen.render.templating import render_template

    kind = load_kind(kind_name, template_dirs)
    if kind is None:
        raise UsageError(
            f"没有名为“{kind_name}”的文种；可用（英文名或中文名都可以）：{kind_choices(template_dirs)}。"
        )
    return render_template(
        "starter.report.yaml.j2", {"kind": kind, "schema": SCHEMA_NAME}, template_dirs
    )


def write_starter(
    kind_name: str,
    output: Path | None,
    *,
    force: bool = False,
    template_dirs: tuple[Path, ...] = (),
) -> list[str]:
    """Write the starter (and the schema beside it, if missing); returns lines to tell the user."""
    from reportgen.core.schema import schema_json
    from reportgen.output import atomic_write

    text = starter_text(kind_name, template_dirs)
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return []
    if output.exists() and not force:
        raise UsageError(f"{output} 已存在；如要覆盖请加 --force。")
    atomic_write(output, text.encode("utf-8"))
    told = [f"已生成 {output}"]
    schema_path = output.parent / SCHEMA_NAME
    # The schema serves every report in the folder, so it allows every kind (a later `new` of
    # another kind beside it must not be flagged by the editor).
    if not schema_path.exists():
        atomic_write(schema_path, schema_json(None, template_dirs).encode("utf-8"))
        told.append(f"已生成 {schema_path}（编辑器据此校验和补全）")
    return told
