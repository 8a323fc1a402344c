"""Incremental batches: what each output was made from, kept in OUTDIR/.reportgen-batch.json.

A report is skipped when the digest of everything that shapes its outputs (input bytes,
roster row, defaults, templates, options, tool version) is unchanged, the extra files it
read (a style file) are unchanged, and its outputs are still there.

The state survives faults. Besides the state file, a run appends to a journal
(``.reportgen-batch.journal``, one JSON object a line): ``own`` *before* an output is
renamed into place (so a file on disk is never unowned, even after kill -9) and ``done``
once all of a report's outputs are written. The next run replays the journal over the
state and compacts both into the state file. An output's ownership is kept apart from its
report's freshness: a report that failed, a run that was killed, or a format switch
leaves files that stay batch's own (no ``--force`` needed) while the report is rendered
again.

Both files are untrusted input: read only when they are regular files under a size cap,
validated entry by entry; what is wrong is dropped with a warning (I032), never followed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from reportgen import __version__, codes
from reportgen.batch.names import collision_key
from reportgen.errors import OutputError
from reportgen.output import atomic_write
from reportgen.problem import Level, Problem

STATE_NAME = ".reportgen-batch.json"
JOURNAL_NAME = ".reportgen-batch.journal"
_FORMAT = 2
_READABLE_FORMATS = (1, 2)  # 1: before ownership was kept apart (every entry's outputs)
MAX_STATE_BYTES = 64 * 1024 * 1024  # ~100,000 reports; a larger file is not ours
MAX_DEP_BYTES = 16 * 1024 * 1024  # a style file is a few KB
_HEX = re.compile(r"[0-9a-f]{64}")
_STATS = ("parts", "items", "chars", "findings")


class Untrusted(Exception):
    """A state, journal or dependency file that is not a regular file of sane size."""


def read_regular(path: Path, cap: int, *, follow: bool = False) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of at most ``cap`` bytes; ``None`` if absent.

    Stat before open and never block: a FIFO, a device, a socket or a folder (or, unless
    ``follow``, a symlink) raises :class:`Untrusted` without being opened; the file opened
    is checked to be the one stat saw, and no more than ``cap`` + 1 bytes are read.
    """
    try:
        st = os.stat(path, follow_symlinks=follow)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Untrusted(f"无法读取（{exc.strerror}）") from None
    if not stat.S_ISREG(st.st_mode):
        raise Untrusted("不是普通文件")
    if st.st_size > cap:
        raise Untrusted(f"超过 {cap // 1048576} MB")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0) | (0 if follow else getattr(os, "O_NOFOLLOW", 0))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise Untrusted(f"无法读取（{exc.strerror}）") from None
    with os.fdopen(fd, "rb") as fh:
        now = os.fstat(fh.fileno())
        if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino) or not stat.S_ISREG(now.st_mode):
            raise Untrusted("读取时被替换")
        try:
            data = fh.read(cap + 1)
        except OSError as exc:
            raise Untrusted(f"无法读取（{exc.strerror}）") from None
    if len(data) > cap:
        raise Untrusted(f"超过 {cap // 1048576} MB")
    return data


def file_digest(path: Path) -> str:
    """sha256 of a regular file (a style file); ``""`` for anything else, which never matches."""
    try:
        data = read_regular(path, MAX_DEP_BYTES, follow=True)
    except Untrusted:
        return ""
    return "" if data is None else hashlib.sha256(data).hexdigest()


def tree_digest(dirs: Iterable[Path]) -> str:
    """A digest of every file under the template folders (names and bytes)."""
    from reportgen.render.templating import template_files

    h = hashlib.sha256()
    for d in dirs:
        h.update(str(d.resolve()).encode())
        if not d.is_dir():
            continue
        for path in sorted(template_files(d)):  # checked: no link out, nothing unreadable
            h.update(str(path.relative_to(d)).encode())
            h.update(file_digest(path).encode())
    return h.hexdigest()


def shared_digest(shared: dict[str, Any]) -> str:
    """The run-wide part of every key (defaults, options, templates), computed once."""
    text = json.dumps(shared, ensure_ascii=True, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def job_key(source_bytes: bytes, shared: str, row: dict[str, str] | None) -> str:
    """The digest of one report's inputs: the bytes rendered, the run-wide digest, the row."""
    h = hashlib.sha256()
    h.update(__version__.encode())
    h.update(hashlib.sha256(source_bytes).digest())
    h.update(shared.encode())
    h.update(json.dumps(row, ensure_ascii=True, sort_keys=True).encode())
    return h.hexdigest()


# ---------------------------------------------------------------- the state


@dataclass
class State:
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)  # by collision key of stem
    owned: set[str] = field(default_factory=set)  # output names batch wrote here (any run)
    problems: list[str] = field(default_factory=list)  # what was ignored, and why

    def owned_keys(self) -> set[str]:
        """The collision keys of every file batch wrote here (compare ``collision_key(name)``)."""
        keys = {collision_key(n) for n in self.owned}
        return keys | {collision_key(n) for e in self.reports.values() for n in e["outputs"]}

    def warnings(self, outdir: Path) -> list[Problem]:
        return [
            Problem.of(
                str(outdir / STATE_NAME),
                0,
                0,
                Level.WARNING,
                codes.BAD_BATCH_STATE,
                f"{why}；已忽略这部分，本次重新生成相应报告并重建状态文件。",
            )
            for why in self.problems
        ]


def _text(value: object) -> TypeGuard[str]:
    """A string (lone surrogates included: a file name that is not UTF-8 has them, and the state
    is written as ASCII JSON, so they survive the round trip)."""
    return isinstance(value, str)


def _safe_name(name: object) -> bool:
    return (
        _text(name)
        and 0 < len(name) <= 255
        and name not in (".", "..")
        and not any(c in name for c in "/\\\x00")
    )


def _entry(raw: object) -> dict[str, Any] | None:
    """A state entry with exactly the expected types, or ``None``."""
    if not isinstance(raw, dict) or not all(_text(k) for k in raw):
        return None
    key, source, outputs = raw.get("key"), raw.get("input", ""), raw.get("outputs")
    deps, stats = raw.get("deps", {}), raw.get("stats", {})
    if not (isinstance(key, str) and _HEX.fullmatch(key) and _text(source)):
        return None
    if not (isinstance(outputs, list) and outputs and all(_safe_name(n) for n in outputs)):
        return None
    if not (isinstance(deps, dict) and isinstance(stats, dict)):
        return None
    for path, digest in deps.items():
        if not _text(path):
            return None
        p = Path(path)
        if not (p.is_absolute() and ".." not in p.parts and len(path) < 4096) or "\0" in path:
            return None
        if not (isinstance(digest, str) and _HEX.fullmatch(digest)):
            return None
    if set(stats) - set(_STATS):
        return None
    for name, value in stats.items():
        ok_none = name == "findings" and value is None
        if not ok_none and not (type(value) is int and 0 <= value < 2**53):
            return None
    return {"key": key, "input": source, "outputs": outputs, "deps": deps, "stats": stats}


def _deps_problem(entry: dict[str, Any]) -> str | None:
    """A dependency that is not a regular file is never read: the entry is not fresh."""
    for path in entry["deps"]:
        try:
            st = os.stat(path)
        except OSError:
            continue  # gone: unchanged() sees a different digest
        if not stat.S_ISREG(st.st_mode):
            return f"记录的依赖文件 {path} 不是普通文件"
    return None


def _parse_state(data: bytes) -> tuple[dict[str, Any], set[str], list[str]]:
    try:
        top = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return {}, set(), ["批量状态文件不是有效的 JSON"]
    if not isinstance(top, dict) or top.get("format") not in _READABLE_FORMATS:
        return {}, set(), ["批量状态文件的格式不对"]
    reports, owned, problems = {}, set(), []
    raw_reports = top.get("reports")
    if not isinstance(raw_reports, dict):
        problems.append("批量状态文件的 reports 不是映射")
        raw_reports = {}
    bad = 0
    for stem, raw in raw_reports.items():
        entry = _entry(raw)
        if entry is None or not _text(stem):
            bad += 1
            if isinstance(raw, dict) and isinstance(raw.get("outputs"), list):
                owned |= {n for n in raw["outputs"] if _safe_name(n)}
            continue
        why = _deps_problem(entry)
        if why:
            problems.append(why)
            owned |= set(entry["outputs"])
            continue
        reports[collision_key(stem)] = entry
    if bad:
        problems.append(f"批量状态文件里有 {bad} 条记录无效")
    raw_owned = top.get("owned", [])
    if not isinstance(raw_owned, list):
        problems.append("批量状态文件的 owned 不是列表")
        raw_owned = []
    owned |= {n for n in raw_owned if _safe_name(n)}
    if not all(_safe_name(n) for n in raw_owned):
        problems.append("批量状态文件的 owned 里有无效的文件名")
    return reports, owned, problems


def load_state(outdir: Path) -> State:
    """The state of earlier runs with any journal left by a run that did not finish."""
    state = State()
    try:
        data = read_regular(outdir / STATE_NAME, MAX_STATE_BYTES)
    except Untrusted as exc:
        state.problems.append(f"批量状态文件{exc}")
        data = None
    if data is not None:
        state.reports, state.owned, state.problems = _parse_state(data)
    replay_journal(outdir, state)
    return state


def save_state(outdir: Path, state: State) -> None:
    """Compact: the state with every output that still exists, then the journal goes."""
    owned = {n for n in state.owned if _exists(outdir / n)}
    for entry in state.reports.values():
        owned |= {n for n in entry["outputs"] if _exists(outdir / n)}
    data = {
        "format": _FORMAT,
        "tool": __version__,
        "reports": state.reports,
        "owned": sorted(owned),
    }
    # ASCII JSON: a file name that is not UTF-8 (a lone surrogate in Python) stays writable.
    text = json.dumps(data, ensure_ascii=True, indent=1, sort_keys=True)
    path = outdir / STATE_NAME
    with contextlib.suppress(OSError):
        # The state's name is batch's own: a FIFO, device node or link left there (a hostile
        # or broken state, already ignored on reading) is removed, never written into.
        if not stat.S_ISREG(path.lstat().st_mode):
            path.unlink()
    atomic_write(path, text.encode("utf-8"))
    state.owned = owned
    with contextlib.suppress(OSError):  # replayed again next time: every record is idempotent
        (outdir / JOURNAL_NAME).unlink(missing_ok=True)


def _exists(path: Path) -> bool:
    return os.path.lexists(path)


def unchanged(entry: dict[str, Any] | None, key: str, outputs: list[Path]) -> bool:
    """True when ``entry`` was made from ``key``, its extra files match and ``outputs``
    are among the files that render wrote (a format dropped since is no reason to redo)."""
    if not entry or entry.get("key") != key:
        return False
    if not {p.name for p in outputs} <= set(entry["outputs"]):
        return False
    if not all(p.is_file() for p in outputs):
        return False
    return all(file_digest(Path(path)) == digest for path, digest in entry["deps"].items())


# ---------------------------------------------------------------- the journal


def journal_own(journal: Path, stem: str, name: str) -> None:
    """Before ``name`` is renamed into place: it is batch's, and no longer what ``stem``'s
    entry was made from."""
    _append(journal, {"own": name, "stem": collision_key(stem)})


def journal_done(journal: Path, stem: str, entry: dict[str, Any]) -> None:
    """Every output of ``stem`` is written: it may be skipped next time."""
    _append(journal, {"done": collision_key(stem), "entry": entry})


def _append(journal: Path, record: dict[str, Any]) -> None:
    """One line, one write(): O_APPEND keeps lines from several workers whole."""
    line = json.dumps(record, ensure_ascii=True, sort_keys=True).encode("ascii") + b"\n"
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(journal, flags, 0o644)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(0, "不是普通文件")
            if os.write(fd, line) != len(line):
                raise OSError(0, "写入不完整")
        finally:
            os.close(fd)
    except OSError as exc:
        # Without the record the output would be unowned next time: do not write it.
        raise OutputError(f"无法记录批量状态 {journal}：{exc.strerror}") from None


def replay_journal(outdir: Path, state: State) -> set[str]:
    """Fold the journal into ``state``; returns the stems (collision keys) it records as done."""
    done: set[str] = set()
    try:
        data = read_regular(outdir / JOURNAL_NAME, MAX_STATE_BYTES)
    except Untrusted as exc:
        state.problems.append(f"批量状态日志{exc}")
        return done
    if not data:
        return done
    lines = data.split(b"\n")
    if lines[-1]:
        lines.pop()  # a line cut by a crash (or a full disk) mid-write
    bad = 0
    for line in filter(None, lines):
        try:
            record = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            bad += 1
            continue
        if not _apply(state, record):
            bad += 1
        elif isinstance(record, dict) and "done" in record:
            done.add(collision_key(record["done"]))
    if bad:
        state.problems.append(f"批量状态日志里有 {bad} 行无效")
    return done


def _apply(state: State, record: object) -> bool:
    if not isinstance(record, dict):
        return False
    stem = record.get("stem", record.get("done"))
    if not _text(stem):
        return False
    stem = collision_key(stem)
    old = state.reports.get(stem)
    if "own" in record and _safe_name(record["own"]):
        # The file is being replaced: it no longer shows what the entry's key made.
        state.owned.add(record["own"])
        if old is not None:
            old["outputs"] = [n for n in old["outputs"] if n != record["own"]]
            if not old["outputs"]:
                del state.reports[stem]
        return True
    if "done" in record:
        entry = _entry(record.get("entry"))
        if entry is None:
            return False
        if old is not None and old["key"] == entry["key"]:  # -f docx, then -f md: both fresh
            entry["outputs"] = sorted(set(old["outputs"]) | set(entry["outputs"]))
        state.reports[stem] = entry
        state.owned |= set(entry["outputs"])
        return True
    return False
