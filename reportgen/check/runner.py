"""`reportgen check` as a library call: find files, read them, run the rules, fix, collect.

Every finding — YAML syntax and validation problems included — is one Problem in one
sorted stream per file; the CLI only formats the result and picks the exit code.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportgen.check.config import Config, Disabled, load_config
from reportgen.check.core import (
    CheckContext,
    DocumentCheck,
    Finding,
    Rule,
    Source,
    SourceKind,
    TextCheck,
    TextUnit,
)
from reportgen.core.blocks import Document
from reportgen.core.reading import is_regular, not_regular
from reportgen.errors import InputError, UsageError
from reportgen.problem import Level, Problem

YAML_SUFFIXES = (".report.yaml", ".report.yml")
STDIN = "-"
STDIN_NAME = "stdin"


@dataclass
class FileResult:
    name: str
    problems: list[Problem] = field(default_factory=list)
    fixed: list[Problem] = field(default_factory=list)  # what --fix changed


@dataclass
class CheckResult:
    files: list[FileResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # not reports (--only-reports)
    ignored: list[str] = field(default_factory=list)  # named, but the config ignores them
    config: Path | None = None  # the configuration file in effect

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    def exit_code(self, strict: bool = False) -> int:
        """0 clean or warnings only, 1 any error (any warning too when ``strict``)."""
        problems = self.problems
        if any(p.level is Level.ERROR for p in problems):
            return 1
        if strict and problems:
            return 1
        return 0


def _kind_of(path: Path) -> SourceKind | None:
    name = path.name.lower()
    if name.endswith(YAML_SUFFIXES) or name.endswith((".yaml", ".yml")):
        return SourceKind.YAML
    if name.endswith((".md", ".markdown")):
        return SourceKind.MD
    if name.endswith(".docx"):
        return SourceKind.DOCX
    return None


def discover(
    paths: Sequence[str], config: Config, cwd: Path, ignored: list[str] | None = None
) -> list[str]:
    """Files to check: named files as given, directories searched (hidden ones skipped).

    A named file the config's ``ignore`` excludes is left out and added to ``ignored``.
    """
    found: list[str] = []
    for raw in paths:
        if raw == STDIN:
            found.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            found += _search(path, config, cwd)
        elif path.exists() and not is_regular(path):
            raise UsageError(not_regular(path))
        elif path.exists():
            if _kind_of(path) is None:
                raise UsageError(_unsupported(path))
            if not config.ignored(path, cwd):
                found.append(str(path))
            elif ignored is not None:
                ignored.append(str(path))
        else:
            raise UsageError(f"找不到文件或目录：{path}")
    return found


def _search(folder: Path, config: Config, cwd: Path) -> list[str]:
    """The report files under ``folder``; none is an error (a CI given the wrong folder
    must not pass having checked nothing)."""
    found: list[str] = []
    ignored = 0
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            lower = name.lower()
            if name.startswith(".") or not lower.endswith(
                (*YAML_SUFFIXES, ".md", ".markdown", ".docx")
            ):
                continue
            if lower.startswith("~$"):  # Word's lock files
                continue
            candidate = Path(root) / name
            if not is_regular(candidate):  # a FIFO or device named *.md would block or never end
                continue
            if config.ignored(candidate, cwd):
                ignored += 1
            else:
                found.append(str(candidate))
    if not found:
        why = f"（{ignored} 个被配置的 ignore 排除）" if ignored else ""
        from reportgen.check.batchwise import skipped_yaml

        where = "当前目录" if folder == Path() else f"目录 {folder} "
        raise UsageError(
            f"{where}里没有要检查的报告文件{why}：check 查找 *.report.yaml、*.md"
            f"、*.docx（隐藏目录除外）。{skipped_yaml(folder) or '请检查路径。'}"
        )
    return found


def _unsupported(path: Path) -> str:
    suffix = path.suffix.lower()
    what = f" {suffix} 文件" if suffix else "没有扩展名的文件"
    hint = "；.doc 请先在 Word 里另存为 .docx" if suffix in (".doc", ".wps", ".rtf") else ""
    return (
        f"不能检查 {path}：不支持{what}。check 支持 *.report.yaml（报告数据）、"
        f".md 和 .docx（写好的报告）{hint}。"
    )


def _problem(
    source: Source, rule: Rule, level: Level, finding: Finding, unit: TextUnit | None
) -> Problem:
    if unit is not None:
        line, column = unit.position(finding.offset)
        path = unit.path
    elif finding.block is not None:
        origin = finding.block.origin
        line, column, path = origin.line, origin.column or (1 if origin.line else 0), origin.path
    else:
        line, column, path = 0, 0, ""
    message = finding.message
    file = unit.file if unit is not None and unit.file else source.name
    return Problem(file, line, column, level, rule.code, rule.name, message, path)


_SCREENS: dict[frozenset[str], re.Pattern[str]] = {}


def _screen(needs: frozenset[str]) -> re.Pattern[str]:
    """A search for any character of a rule's NEEDS (a character set: one fast scan)."""
    if needs not in _SCREENS:
        _SCREENS[needs] = re.compile("[" + "".join(re.escape(ch) for ch in sorted(needs)) + "]")
    return _SCREENS[needs]


def run_rules(source: Source, config: Config) -> Iterator[tuple[Problem, TextUnit | None, Finding]]:
    from reportgen.check.rules import RULES

    disabled = Disabled(source.text)
    ctx = CheckContext(
        source.kind, source.document.kind if source.document else "", source.template_dirs
    )
    # Most text rules look for characters a clean report does not contain (NEEDS): one scan
    # of the whole document spares running them at all, one of a unit running them there.
    everything = "\n".join(unit.text for unit in source.units)
    junk = _junk(source, config)
    for code, rule in RULES.items():
        setting = config.setting(code)
        level = setting.level
        if level is None or not rule.applies_to(source.kind):
            continue
        screen = _screen(rule.needs) if rule.needs is not None else None
        if screen is not None and screen.search(everything) is None:
            continue
        if isinstance(rule, TextCheck):
            for unit in source.units:
                if screen is not None and screen.search(unit.text) is None:
                    continue  # no finding can be here: each holds a character of NEEDS
                for finding in rule.check(setting.options, unit):
                    if unit.skip and finding.offset in unit.skip:
                        continue
                    if code != _WEB_JUNK and (ranges := junk.get(id(unit))):
                        kept = _outside_junk(finding, ranges)
                        if kept is None:
                            continue
                        finding = kept
                    problem = _problem(source, rule, level, finding, unit)
                    if not disabled(problem.line, rule.code, rule.name):
                        yield problem, unit, finding
        elif isinstance(rule, DocumentCheck) and source.document is not None:
            for finding in rule.check(setting.options, source.document, ctx):
                problem = _problem(source, rule, level, finding, None)
                if not disabled(problem.line, rule.code, rule.name):
                    yield problem, None, finding
    if source.kind is SourceKind.YAML:
        yield from _typed_lines(source, config, disabled, ctx)


_WEB_JUNK = "C011"


def _junk(source: Source, config: Config) -> dict[int, list[tuple[int, int]]]:
    """Where each unit holds page junk (C011's findings), when C011 is on: the other rules
    leave that text alone, whose fix is to delete it."""
    from reportgen.check.rules import RULES
    from reportgen.check.rules.web_junk import junk_ranges

    rule = RULES[_WEB_JUNK]
    if config.setting(_WEB_JUNK).level is None or not rule.applies_to(source.kind):
        return {}
    found = {}
    for unit in source.units:
        ranges = [(start, end) for start, end, _ in junk_ranges(unit)]
        if ranges:
            found[id(unit)] = ranges
    return found


def _outside_junk(finding: Finding, ranges: list[tuple[int, int]]) -> Finding | None:
    """``finding`` when it is not about junk; without the edits that would reach into it."""
    if any(start <= finding.offset < end for start, end in ranges):
        return None
    if any(e.start < end and start < e.end for e in finding.edits for start, end in ranges):
        return replace(finding, edits=())
    return finding


def _typed_lines(
    source: Source, config: Config, disabled: Disabled, ctx: CheckContext
) -> Iterator[tuple[Problem, TextUnit | None, Finding]]:
    """Typed numbering inside YAML text blocks, as a reader of the rendered file sees it."""
    from reportgen.check.rules import RULES
    from reportgen.check.typed_lines import HINT, MARKER_RULES, typed_view

    view = typed_view(source)
    if view is None:
        return
    for code, rule in RULES.items():
        setting = config.setting(code)
        level = setting.level
        if level is None or not rule.applies_to(source.kind):
            continue
        if isinstance(rule, DocumentCheck) and code.startswith("O"):
            for finding in rule.check(setting.options, view.document, ctx):
                if finding.block is None or id(finding.block) not in view.converted:
                    continue
                finding = replace(finding, message=finding.message + HINT)
                problem = _problem(source, rule, level, finding, None)
                if not disabled(problem.line, rule.code, rule.name):
                    yield problem, None, finding
        elif isinstance(rule, TextCheck) and rule.name in MARKER_RULES:
            for unit in view.units:
                for finding in rule.check(setting.options, unit):
                    # Not offered to --fix: "1、" → "1." leaves a typed number; items is the fix.
                    finding = replace(finding, message=finding.message + HINT, edits=())
                    problem = _problem(source, rule, level, finding, unit)
                    if not disabled(problem.line, rule.code, rule.name):
                        yield problem, unit, finding


def _read(name: str, stdin: bytes | None) -> tuple[bytes, Path | None]:
    if name == STDIN:
        return stdin or b"", None
    from reportgen.core.reading import read_file

    return read_file(Path(name)), Path(name)


# Why --fix left a file alone when it changed on disk while it was being checked.
_CHANGED = "文件在检查期间被改动过，为免覆盖别人的修改，--fix 没有写回；请重新运行"


def _source(
    name: str,
    raw: bytes,
    path: Path | None,
    template_dirs: tuple[Path, ...],
    defaults: Any = None,
) -> tuple[Source, list[Problem]]:
    from reportgen.check import sources

    shown = STDIN_NAME if path is None else name
    kind = SourceKind.YAML if path is None else _kind_of(path)
    if kind is SourceKind.YAML:
        source, problems = sources.yaml_source(raw, shown, path, template_dirs, defaults)
    else:
        try:
            if kind is SourceKind.MD:
                source, problems = sources.markdown_source(raw, shown), []
            else:
                source, problems = sources.docx_source(raw, shown), []
        except InputError as exc:
            source, problems = Source(shown, kind or SourceKind.DOCX), exc.problems
    source.template_dirs = template_dirs
    return source, problems


def check_one(
    name: str,
    config: Config,
    *,
    fix: bool = False,
    stdin: bytes | None = None,
    template_dirs: tuple[Path, ...] = (),
    defaults: Any = None,
) -> FileResult:
    try:
        raw, path = _read(name, stdin)
    except InputError as exc:  # too large: this file is refused, the others are checked
        return FileResult(name, problems=exc.problems)
    source, problems = _source(name, raw, path, template_dirs, defaults)
    found = list(run_rules(source, config))
    result = FileResult(source.name)
    refused = ""  # why the file could not be written back, if it could not
    on_disk: bytes | None = (
        raw  # what the file holds as far as we know: --fix writes only over that
    )
    # Overlapping edits wait for the next round; three rounds settle every real case.
    for _ in range(3):
        if not (fix and path is not None and source.text is not None):
            break
        if source.kind is SourceKind.DOCX:
            break
        fixed_text, fixed = _fix(source, found)
        if not fixed:
            break
        from reportgen.core.load import decode_detail
        from reportgen.output import UnencodableError, rewrite_in_place

        # Written back as it was read: same encoding and BOM, through a symlink, same mode,
        # and only if the file still holds exactly the bytes that were checked.
        original = decode_detail(raw, name)
        if not _unchanged(path, on_disk):
            refused = _CHANGED
            break
        try:
            rewrite_in_place(path, fixed_text, original.encoding, original.bom)
        except UnencodableError as exc:
            refused = str(exc)
            break
        on_disk = _reread(path)
        result.fixed += fixed
        source, problems = _source(name, fixed_text.encode("utf-8"), path, template_dirs, defaults)
        found = list(run_rules(source, config))
    if fix:
        found = [
            (_unfixed(p, source, refused) if f.edits or f.fixes else p, u, f) for p, u, f in found
        ]
    result.problems = sorted(problems + [p for p, _, _ in found], key=Problem.sort_key)
    return result


def _unchanged(path: Path, expected: bytes | None) -> bool:
    return expected is not None and _reread(path) == expected


def _reread(path: Path) -> bytes | None:
    from reportgen.core.reading import read_file

    try:
        return read_file(path)
    except (InputError, UsageError):
        return None


def _unfixed(problem: Problem, source: Source, refused: str = "") -> Problem:
    """A fixable finding still there after --fix: say why it was left."""
    if refused:
        why = refused
    elif source.kind is SourceKind.DOCX or source.text is None:
        why = "--fix 不修改 .docx，请在 Word 里改正"
    else:
        why = "--fix 无法安全地修改这一处，请手工改正"
    return replace(problem, message=f"{problem.message}（{why}。）")


def _fix(
    source: Source, found: list[tuple[Problem, TextUnit | None, Finding]]
) -> tuple[str, list[Problem]]:
    assert source.text is not None
    fixable = [(u, f) for _, u, f in found if u is not None and f.edits]
    # A document finding's fixes become one edit per unit; the finding is fixed when all are.
    unit_of = {id(u.block): u for u in source.units if u.block is not None}
    parts: dict[int, list[int]] = {}
    for _, u, f in found:
        if u is None and f.fixes and all(id(b) in unit_of for b, _ in f.fixes):
            for block, edit in f.fixes:
                piece = Finding(f.message, edits=(edit,))
                fixable.append((unit_of[id(block)], piece))
                parts.setdefault(id(f), []).append(id(piece))
    new_text, applied = _try_fix(source, fixable)
    if applied is None:
        # Something came out other than planned: keep the texts whose edits, made alone,
        # come out right, and make those together.
        by_unit: dict[int, list[tuple[TextUnit, Finding]]] = {}
        for unit, finding in fixable:
            by_unit.setdefault(id(unit), []).append((unit, finding))
        kept = [pair for group in by_unit.values() if _try_fix(source, group)[1] for pair in group]
        new_text, applied = _try_fix(source, kept)
    if not applied:
        return source.text, []
    done = {id(f) for f in applied}
    done |= {whole for whole, pieces in parts.items() if all(p in done for p in pieces)}
    return new_text, [p for p, _, f in found if id(f) in done]


def _try_fix(
    source: Source, fixable: list[tuple[TextUnit, Finding]]
) -> tuple[str, list[Finding] | None]:
    """(new text, findings fixed), or (text, None) when the result is not as planned."""
    from reportgen.check import fix

    assert source.text is not None
    edits, skipped = fix.plan(fixable, source.text)
    if not edits:
        return source.text, []
    new_text = fix.apply(source.text, edits)
    left = {id(f) for f in skipped}
    applied = [(u, f) for u, f in fixable if id(f) not in left]
    if not fix.faithful(source, new_text, applied):
        return source.text, None
    return new_text, [f for _, f in applied]


def run_check(
    paths: Sequence[str],
    *,
    config_path: Path | None = None,
    fix: bool = False,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    template_dirs: Sequence[Path] = (),
    defaults: Path | None = None,
    roster: Path | None = None,
    only_reports: bool = False,
) -> CheckResult:
    """Check every file under ``paths`` (``-``: YAML from ``stdin``) and return the findings.

    ``template_dirs`` hold the user's outline kinds (``DIR/kinds/NAME.yaml``), searched
    before the built-ins, as for ``render --templates``. As `batch` reads them:
    ``defaults`` (a shared-fields file) go under every YAML report, a ``*.batch.yaml``
    manifest stands for its reports (with its ``defaults:``), and with ``roster`` the one
    path is a roster base checked row by row. ``only_reports``: Markdown and DOCX files
    that do not read as reports are skipped with a note (the pre-commit hooks). Every file
    is read in the genre of ``template_dirs``: their kinds and roles are recognised in
    Markdown and DOCX reports exactly as the built-ins are.
    """
    from reportgen.genre.registry import using

    with using(tuple(template_dirs)):
        return _run_check(
            paths,
            config_path=config_path,
            fix=fix,
            stdin=stdin,
            cwd=cwd,
            template_dirs=template_dirs,
            defaults=defaults,
            roster=roster,
            only_reports=only_reports,
        )


def _run_check(
    paths: Sequence[str],
    *,
    config_path: Path | None,
    fix: bool,
    stdin: bytes | None,
    cwd: Path | None,
    template_dirs: Sequence[Path],
    defaults: Path | None,
    roster: Path | None,
    only_reports: bool,
) -> CheckResult:
    from reportgen.check import batchwise

    here = cwd or Path.cwd()
    config = load_config(config_path, here)
    shared = batchwise.load_shared(defaults)
    if roster is not None:
        return batchwise.check_roster(paths, roster, shared, config, tuple(template_dirs), fix=fix)
    plain, manifests = batchwise.split_manifests(paths or ["."], shared)
    result = CheckResult()
    names = discover(plain, config, here, result.ignored) if plain or not manifests else []
    if fix and STDIN in names:
        raise UsageError("--fix 不能用于标准输入（-）：请给出文件路径。")
    result.config = config.path
    jobs = [(name, shared) for name in names] + manifests
    named = {str(Path(p)) for p in plain}
    for name, layer in jobs:
        # Markdown and Word files found by searching a folder are checked when they read as
        # reports (a README or a `batch --summary` table is not); named ones always, unless
        # --only-reports (the hooks, which are handed every matching file).
        searched = name not in named and not name.lower().endswith((".yaml", ".yml"))
        if (only_reports or searched) and not batchwise.looks_like_report(name, stdin):
            result.skipped.append(name)
            continue
        result.files.append(
            check_one(
                name,
                config,
                fix=fix,
                stdin=stdin,
                template_dirs=tuple(template_dirs),
                defaults=layer,
            )
        )
    return result


def check_document(
    document: Document, config: Config | None = None, template_dirs: tuple[Path, ...] = ()
) -> list[Problem]:
    """The findings for a document built in memory from a report YAML, with the positions
    of the blocks' origins. Its outline was checked when it was built (validation: I016,
    I017, I019), so it is checked as a YAML source: the outline rules do not report again.
    """
    from reportgen.check.config import default_config
    from reportgen.check.core import block_units

    source = Source(
        document.source or "document",
        SourceKind.YAML,
        None,
        document,
        block_units(document, None),
        template_dirs,
    )
    from reportgen.genre.registry import using

    with using(template_dirs):
        found = list(run_rules(source, config or default_config()))
    return sorted((p for p, _, _ in found), key=Problem.sort_key)
