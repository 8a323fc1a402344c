"""`check` as `batch` reads reports: shared defaults, manifests, a roster base row by row,
and the pre-commit hooks' choice of which Markdown and DOCX files are reports at all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen import codes
from reportgen.errors import InputError, UsageError
from reportgen.problem import Problem

if TYPE_CHECKING:
    from reportgen.batch.work import Defaults
    from reportgen.check.config import Config
    from reportgen.check.runner import CheckResult


def load_shared(path: Path | None) -> Defaults | None:
    """`check --defaults FILE`: the shared fields, read and validated as `batch` does."""
    if path is None:
        return None
    from reportgen.batch.plan import load_defaults

    if not path.is_file():
        raise UsageError(f"找不到共用字段文件：{path}")
    return load_defaults(path)


def split_manifests(
    paths: Sequence[str], shared: Defaults | None
) -> tuple[list[str], list[tuple[str, Defaults | None]]]:
    """Paths that are not manifests, and each manifest's reports with their defaults
    (``--defaults`` over the manifest's ``defaults:``, as in `batch`)."""
    from reportgen.batch.names import is_manifest

    plain: list[str] = []
    reports: list[tuple[str, Defaults | None]] = []
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_file() and is_manifest(path):
            from reportgen.batch.plan import _manifest, combine

            found, layer = _manifest(path)
            merged = combine(layer, shared) if shared is not None else layer
            reports += [(str(p), merged) for p in found]
        else:
            plain.append(raw)
    return plain, reports


def looks_like_report(name: str, stdin: bytes | None = None) -> bool:
    """A Markdown or DOCX file that reads as a report: numbered parts (一、二、) or a report's
    title. README files, notes and `batch --summary` tables are not."""
    lower = name.lower()
    if name == "-" or lower.endswith((".yaml", ".yml")):
        return True
    try:
        raw = Path(name).read_bytes()
        if lower.endswith(".docx"):
            from reportgen.read.docx import read_docx

            document = read_docx(raw, name)
        else:
            from reportgen.core.load import decode
            from reportgen.read.markdown import read_markdown

            text, _ = decode(raw, name)
            if text is None:
                return True  # let check say what is wrong with it
            document = read_markdown(text, name)
    except (OSError, InputError):
        return True
    from reportgen.core.numbering import Family

    parts = [b for b in document.headings() if b.level == 1 and b.family is Family.CHAPTER]
    from reportgen.genre.registry import current

    titled = any(word in document.title for word in current().words.file.report_words)
    return len(parts) >= 2 or (titled and len(parts) >= 1)


def check_roster(
    paths: Sequence[str],
    roster: Path,
    shared: Defaults | None,
    config: Config,
    template_dirs: tuple[Path, ...],
    *,
    fix: bool = False,
) -> CheckResult:
    """A roster base checked once per row, as `batch --roster` would render it.

    A finding every row shares is the base file's and is listed once; one that only some
    rows have names each row (名单第 N 行). ``{{ 列 }}`` is filled first, so it is neither
    a placeholder (C003) nor an invalid date (I014).
    """
    from reportgen.batch.plan import roster_jobs
    from reportgen.batch.work import Defaults, RunContext, _relocate, load_merged, style_root
    from reportgen.check.gate import run_gate
    from reportgen.check.runner import CheckResult, FileResult
    from reportgen.pipeline import prepare_loaded

    if len(paths) != 1:
        raise UsageError("用 --roster 时只给一份基础报告，名单的每一行对应一份报告。")
    if fix:
        raise UsageError("--fix 不能与 --roster 同用：请先不带 --roster 修正基础报告。")
    base = Path(paths[0])
    defaults = shared or Defaults()
    result = CheckResult()
    file = FileResult(str(base))
    result.files.append(file)
    try:
        jobs, warnings = roster_jobs(base, roster, defaults)
    except InputError as exc:
        file.problems = exc.problems
        return result
    context = RunContext(defaults, None, template_dirs, config=config)
    rows: dict[tuple[int, int, str, str], list[int]] = {}
    first: dict[tuple[int, int, str, str], Problem] = {}
    for job in jobs:
        loaded, taken, problems, _ = load_merged(job, context)
        try:
            prepared = prepare_loaded(
                loaded, base, template_dirs=template_dirs, style_root=style_root(context, taken)
            )
            found = problems + prepared.warnings
            found += run_gate(
                prepared.document, config, name=str(base), template_dirs=template_dirs
            ).problems
        except InputError as exc:
            found = problems + exc.problems
        for p in _relocate(found, taken, defaults):
            key = (p.line, p.column, p.code, p.message)
            rows.setdefault(key, []).append(job.row_line)
            first.setdefault(key, p)
    out: list[Problem] = list(warnings)
    for key, lines in rows.items():
        p = first[key]
        if (len(lines) == len(jobs) and len(jobs) > 1) or p.message.startswith("名单第"):
            out.append(p)
        else:
            out += [replace(p, message=f"名单第 {n} 行：{p.message}") for n in lines]
    file.problems = sorted(out, key=Problem.sort_key)
    return result


def roster_row(base: Path, roster: Path, row: int, shared: Defaults | None) -> Any:
    """The job of roster line ``row`` (as messages number it) for `render --roster --row`."""
    from reportgen.batch.plan import roster_jobs
    from reportgen.batch.work import Defaults

    jobs, _ = roster_jobs(base, roster, shared or Defaults())
    for job in jobs:
        if job.row_line == row:
            return job
    lines = "、".join(str(j.row_line) for j in jobs[:20])
    raise UsageError(f"名单 {roster.name} 没有第 {row} 行的数据；有数据的行：{lines}。")


def skipped_yaml(folder: Path, limit: int = 5) -> str:
    """Why .yaml files in ``folder`` were not taken as reports, and how to include them
    ("" when there are none): the name must end in .report.yaml."""
    import os
    import re

    found: list[str] = []
    for _root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            lower = name.lower()
            if lower.endswith((".yaml", ".yml")) and not lower.endswith(
                (".report.yaml", ".report.yml", ".batch.yaml", ".batch.yml")
            ):
                found.append(name)
            elif lower.endswith((".report.yaml", ".report.yml")) and name != lower:
                found.append(name)  # 一中.report.YAML: the search is case-sensitive
    if not found:
        return ""
    shown = "、".join(found[:limit]) + ("等" if len(found) > limit else "")
    again = next((n for n in found if re.search(r"\.report ?\(\d+\)\.ya?ml$", n, re.I)), None)
    tip = f"（“{again}”像是重复下载时加上的编号，改回 .report.yaml 结尾即可）" if again else ""
    return (
        f"目录里有 {len(found)} 个没有读取的 YAML 文件：{shown}{tip}。报告文件名要以小写的 "
        ".report.yaml 结尾：请改名（如 实验小学.yaml → 实验小学.report.yaml），"
        "或在命令行上直接写出这些文件的路径。"
    )


def defaults_problems(
    loaded: Any, data: dict[str, Any], where: tuple[str | int, ...]
) -> list[Problem]:
    """Every mistake in a defaults mapping at once: unknown keys (with “是否想写”) and, for a
    defaults file of its own, values a report could not take (a date that does not exist)."""
    import difflib

    from reportgen.core.load import Loaded
    from reportgen.core.model import Report
    from reportgen.core.validate import validate
    from reportgen.problem import Level

    fields = list(Report.model_fields)
    problems = []
    for key in data:
        if key in fields:
            continue
        close = difflib.get_close_matches(str(key).lower(), fields, n=1, cutoff=0.6)
        hint = f"是否想写“{close[0]}”？" if close else f"可用：{'、'.join(fields)}。"
        problems.append(
            loaded.problem(
                (*where, key),
                codes.BAD_DEFAULTS,
                f"“{key}”不是报告的字段，不能作为共用字段。{hint}",
                key=True,
            )
        )
    if where:
        return problems
    # The values, checked as a report would check them (a stand-in report around them).
    known = {k: v for k, v in data.items() if k in fields and k != "parts"}
    stand_in = {"org": "单位", "topic": "工作", "period": "2024", "date": "2024-01-01"}
    from reportgen.genre.registry import default_role

    stand_in["parts"] = [{"role": default_role(), "items": ["正文"]}]  # type: ignore[assignment]
    probe = Loaded(loaded.source, {**stand_in, **known}, loaded.values, loaded.keys)
    _, found = validate(probe)
    problems += [
        p for p in found if p.level is Level.ERROR and p.path.split(".")[0].split("[")[0] in known
    ]
    return problems
