"""Planning a batch: which report files (files, folders, manifests), the shared defaults, the roster.

Nothing here writes; every problem is found before the first output exists.
"""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen import codes
from reportgen.batch.names import input_stem, is_manifest, safe_stem
from reportgen.batch.work import Defaults, Job, merge_defaults
from reportgen.core.load import Loaded, load_file
from reportgen.errors import InputError, UsageError
from reportgen.problem import Level, Problem

if TYPE_CHECKING:
    from reportgen.batch.roster import Roster

REPORT_GLOB = "*.report.yaml"
_DIGITS = re.compile(r"(\d+)")


@dataclass
class Sources:
    reports: list[Path] = field(default_factory=list)
    manifests: list[Path] = field(default_factory=list)
    defaults: Defaults = field(default_factory=Defaults)


def natural_key(path: Path) -> tuple[tuple[list[str | int], ...], str]:
    """Sort 第2 before 第10: each run of digits in a path's parts compares as a number
    (the path itself breaks ties, so the order never depends on the file system's)."""
    parts = tuple(
        [int(t) if odd % 2 else t.casefold() for odd, t in enumerate(_DIGITS.split(part))]
        for part in path.parts
    )
    return parts, str(path)


def _search(folder: Path) -> list[Path]:
    """``*.report.yaml`` under ``folder``, skipping hidden folders (.git, our temp folders)."""
    return sorted(
        (
            p
            for p in folder.rglob(REPORT_GLOB)
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        ),
        key=natural_key,
    )


def _expand(entry: Path, base: str) -> list[Path]:
    if entry.is_dir():
        found = _search(entry)
        if not found:
            from reportgen.check.batchwise import skipped_yaml

            raise UsageError(
                f"目录 {entry} 里没有找到 {REPORT_GLOB} 文件（{base}）。{skipped_yaml(entry)}"
            )
        return found
    if entry.is_file():
        return [entry]
    if glob.has_magic(str(entry)):
        # A pattern like *.yaml also matches manifests (the one listing it, too): never reports.
        hits = (Path(p) for p in glob.glob(str(entry), recursive=True))
        matched = sorted((p for p in hits if not is_manifest(p)), key=natural_key)
        if matched:
            return [p for m in matched for p in (_search(m) if m.is_dir() else [m])]
    raise UsageError(f"找不到文件或目录：{entry}（{base}）。")


def _layer(loaded: Loaded, data: Any, base: Path, where: tuple[str | int, ...]) -> Defaults:
    """A defaults mapping → Defaults with origins; style paths made absolute (relative to ``base``)."""

    if not isinstance(data, dict):
        raise InputError(
            [loaded.problem(where, codes.BAD_DEFAULTS, "defaults 应是“字段名: 内容”的映射。")]
        )
    from reportgen.check.batchwise import defaults_problems

    problems = defaults_problems(loaded, data, where)
    if problems:
        raise InputError(problems)
    data = dict(data)
    if isinstance(data.get("style"), str):
        data["style"] = str((base / data["style"]).resolve())
    origins: dict[tuple[str, ...], tuple[str, int, int]] = {}
    for key, value in data.items():
        origins[(key,)] = (loaded.source, *loaded.position((*where, key)))
        if key == "style" and isinstance(value, dict):
            for sub in value:
                origins[(key, sub)] = (loaded.source, *loaded.position((*where, key, sub)))
    return Defaults(data, origins)


def combine(lower: Defaults, upper: Defaults) -> Defaults:
    """``upper`` over ``lower`` by the same rule as defaults under a report."""
    data = dict(upper.data)
    taken = merge_defaults(data, lower.data)
    origins = dict(upper.origins)
    origins.update({path: lower.origins[path] for path in taken if path in lower.origins})
    for path in taken:  # a whole style taken from lower brings its sub-keys' origins along
        origins.update({k: v for k, v in lower.origins.items() if k[: len(path)] == path})
    return Defaults(data, origins)


def _loaded(path: Path) -> Loaded:
    loaded = load_file(path)
    if any(p.level is Level.ERROR for p in loaded.problems):
        raise InputError(loaded.problems)
    return loaded


def load_defaults(path: Path) -> Defaults:
    loaded = _loaded(path)
    return _layer(loaded, loaded.data, path.parent, ())


def _manifest(path: Path) -> tuple[list[Path], Defaults]:
    loaded = _loaded(path)
    data = loaded.data
    problems: list[Problem] = []
    unknown = [k for k in data if k not in ("defaults", "reports")]
    problems += [
        loaded.problem(
            (k,),
            codes.BAD_MANIFEST,
            f"清单里不认识“{k}”；只能写 defaults 和 reports。",
            key=True,
        )
        for k in unknown
    ]
    reports = data.get("reports")
    if not isinstance(reports, list) or not reports:
        problems.append(
            loaded.problem(
                ("reports",),
                codes.BAD_MANIFEST,
                "清单要有 reports：一个列表，每项是报告文件、目录或通配符（相对于清单所在目录）。",
            )
        )
    elif any(not isinstance(r, str) for r in reports):
        i = next(i for i, r in enumerate(reports) if not isinstance(r, str))
        problems.append(
            loaded.problem(("reports", i), codes.BAD_MANIFEST, "reports 的每一项应是一个路径。")
        )
    else:
        problems += [
            loaded.problem(
                ("reports", i),
                codes.BAD_MANIFEST,
                f"“{r}”是另一份清单：清单不能嵌套；请把它的 reports 列在这里，"
                "或在命令行上把两份清单都写上。",
            )
            for i, r in enumerate(reports)
            if is_manifest(Path(r))
        ]
    if problems:
        raise InputError(problems)
    found = [p for r in reports for p in _expand(path.parent / r, str(path))]
    raw = data.get("defaults")
    if raw is None:
        return found, Defaults()
    if isinstance(raw, str):
        return found, load_defaults(path.parent / raw)
    return found, _layer(loaded, raw, path.parent, ("defaults",))


def collect(inputs: list[Path], defaults_file: Path | None) -> Sources:
    """Files, folders (searched for *.report.yaml) and manifests → report files and defaults.

    Defaults: the report's own value wins over ``--defaults``, which wins over a manifest's
    ``defaults:``.
    """
    sources = Sources()
    seen: set[Path] = set()
    for entry in inputs:
        if entry.is_file() and is_manifest(entry):
            found, layer = _manifest(entry)
            sources.manifests.append(entry)
            sources.defaults = combine(sources.defaults, layer)
        else:
            found = _expand(entry, "命令行")
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                sources.reports.append(path)
    if defaults_file is not None:
        sources.defaults = combine(sources.defaults, load_defaults(defaults_file))
    if not sources.reports:
        raise UsageError("没有找到要生成的报告。")
    return sources


def report_jobs(reports: list[Path]) -> list[Job]:
    return [Job(i, path, str(path), input_stem(path.name)) for i, path in enumerate(reports)]


def _missing(column: str, roster: Roster) -> str:
    """Why ``{{ column }}`` has no cell: a Jinja filter, or no such column."""
    name = Path(roster.source).name
    columns = "、".join(roster.columns)
    if "|" in column:  # {{ 主题|upper }}: the column may well exist; the filter is the problem
        example = column.split("|", 1)[0].strip() or roster.columns[0]
        return (
            f"占位符 {{{{ {column} }}}} 用了过滤器（|）：名单填写不支持过滤器，"
            f"只能写 {{{{ 列名 }}}}，如 {{{{ {example} }}}}；名单 {name} 的列：{columns}。"
        )
    return (
        f"占位符 {{{{ {column} }}}} 在名单 {name} 中没有对应的列"
        f"（第 {roster.lines[0]} 行起的每一行都缺这一列）；名单的列：{columns}。"
    )


def roster_jobs(
    base: Path, roster_path: Path, defaults: Defaults
) -> tuple[list[Job], list[Problem]]:
    """One job per roster row; an unknown column is an error now, an unused one a warning."""
    from reportgen.batch.roster import NAME_COLUMNS, fill, placeholders, read_roster

    roster = read_roster(roster_path)
    loaded = _loaded(base)
    data = loaded.data
    merge_defaults(data, defaults.data)
    used: dict[str, tuple[str | int, ...]] = {}
    for where, column in placeholders(data):
        used.setdefault(column, where)
    missing = [
        loaded.problem(where, codes.ROSTER_MISSING_COLUMN, _missing(column, roster))
        for column, where in used.items()
        if column not in roster.columns
    ]
    if missing:
        raise InputError(missing)
    warnings = [
        Problem.of(
            str(roster_path),
            1,
            0,
            Level.WARNING,
            codes.ROSTER_UNUSED_COLUMN,
            f"名单的“{c}”列没有被报告用到（报告里没有 {{{{ {c} }}}}）。",
        )
        for c in roster.columns
        if c not in used and c not in NAME_COLUMNS
    ]
    jobs = []
    for i, (row, line) in enumerate(zip(roster.rows, roster.lines, strict=True)):
        name = row.get("name") or row.get("stem")
        if not name:
            filled, _ = fill(data.get("org") or "", row)
            name = (
                filled if isinstance(filled, str) and filled else f"{input_stem(base.name)}-{line}"
            )
        label = f"{base}（名单 {roster_path.name} 第 {line} 行）"
        jobs.append(Job(i, base, label, safe_stem(name), row=row, row_line=line))
    return jobs, warnings
