"""Incremental batches: what each output was made from, kept in OUTDIR/.reportgen-batch.json.

A report is skipped when the digest of everything that shapes its outputs (input bytes,
roster row, defaults, templates, options, tool version) is unchanged, the extra files it
read (a style file) are unchanged, and its outputs are still there.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reportgen import __version__
from reportgen.output import atomic_write

STATE_NAME = ".reportgen-batch.json"
_FORMAT = 1


def tree_digest(dirs: Iterable[Path]) -> str:
    """A digest of every file under the template folders (names and bytes)."""
    from reportgen.templating import template_files

    h = hashlib.sha256()
    for d in dirs:
        h.update(str(d.resolve()).encode())
        if not d.is_dir():
            continue
        for path in sorted(template_files(d)):  # checked: no link out, nothing unreadable
            h.update(str(path.relative_to(d)).encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def job_key(source_bytes: bytes, shared: dict[str, Any], row: dict[str, str] | None) -> str:
    """The digest of one report's inputs; ``shared`` holds the run-wide parts (defaults, options)."""
    h = hashlib.sha256()
    h.update(__version__.encode())
    h.update(hashlib.sha256(source_bytes).digest())
    h.update(json.dumps([shared, row], ensure_ascii=False, sort_keys=True, default=str).encode())
    return h.hexdigest()


def load_state(outdir: Path) -> dict[str, dict[str, Any]]:
    """The entries of the last run, by output stem; empty when absent or unreadable."""
    try:
        data = json.loads((outdir / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return {}
    reports = data.get("reports")
    return reports if isinstance(reports, dict) else {}


def save_state(outdir: Path, entries: dict[str, dict[str, Any]]) -> None:
    data = {"format": _FORMAT, "tool": __version__, "reports": entries}
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    atomic_write(outdir / STATE_NAME, text.encode("utf-8"))


def unchanged(entry: dict[str, Any] | None, key: str, outputs: list[Path]) -> bool:
    """True when ``entry`` was made from ``key``, its extra files match and its outputs exist."""
    from reportgen.batch_work import file_digest

    if not entry or entry.get("key") != key:
        return False
    if sorted(entry.get("outputs", [])) != sorted(p.name for p in outputs):
        return False
    if not all(p.is_file() for p in outputs):
        return False
    deps = entry.get("deps", {})
    return all(file_digest(Path(path)) == digest for path, digest in deps.items())
