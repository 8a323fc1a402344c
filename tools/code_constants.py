"""Rewrite hand-typed I, B and M codes in reportgen/ as the constants of reportgen/codes.py.

    python tools/code_constants.py [FILE_OR_FOLDER ...]   (default: reportgen/)

Made for the one-time sweep, kept for branches written before it: run it after merging
one, then `ruff check --fix` (import order) and `mypy` (a helper still taking ``code, name``).

- ``"I012", "too-large"`` (a code and its name) → ``codes.TOO_LARGE``; as the arguments of
  ``Problem(...)`` the call becomes ``Problem.of(...)``; a tuple of just the two,
  ``("I020", "bad-reference-doc")``, becomes the constant.
- ``code="I036"`` → ``code=codes.CANNOT_WRITE``; any other ``"I016"`` → ``codes.MISSING_PART.id``.
- ``from reportgen import codes`` is added where it is now used.

A file that names a local variable ``codes`` is reported and left alone. Idempotent.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen import codes  # noqa: E402

# (id, name) → the constant's name; B001 has two names (bad-defaults, bad-manifest).
NAMED = {
    (code.id, code.name): name
    for name, code in vars(codes).items()
    if isinstance(code, codes.Code) and name.isupper()
}
CONSTANT = {
    code.id: name
    for table in (codes.INPUT_CODES, codes.BATCH_CODES, codes.IMPORT_CODES)
    for code in table.values()
    for name in [NAMED[code.id, code.name]]
}
PAIR = re.compile(r'"([IMB]\d{3})",(\s*)"([a-z][a-z-]*)"')
KEYWORD = re.compile(r'\bcode="([IMB]\d{3})"')
SINGLE = re.compile(r'"([IMB]\d{3})"')
LOCAL = re.compile(r"^\s*codes\s*=|\bfor codes\b|\bdef codes\b|\(codes\b", re.M)
IMPORT = "from reportgen import codes\n"


def _opening(text: str, at: int) -> int:
    """The index of the bracket that encloses ``at`` (-1 at module level)."""
    depth = 0
    for i in range(at - 1, -1, -1):
        c = text[i]
        if c in ")]}":
            depth += 1
        elif c in "([{":
            if depth == 0:
                return i
            depth -= 1
    return -1


def _callee(text: str, paren: int) -> tuple[int, str]:
    j = paren
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "._"):
        j -= 1
    return j, text[j:paren]


def rewrite(text: str) -> str:
    edits: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for m in PAIR.finditer(text):
        code, name = m[1], m[3]
        if (code, name) not in NAMED:
            raise SystemExit(f"{code} {name!r} is not in reportgen/codes.py under that name")
        new = f"codes.{NAMED[code, name]}"
        start, end = m.start(), m.end()
        paren = _opening(text, start)
        if paren >= 0 and text[paren] == "(":
            j, callee = _callee(text, paren)
            close = re.match(r"\s*,?\s*\)", text[end:])
            if callee == "" and text[paren + 1 : start].strip() == "" and close:
                start, end = paren, end + close.end()  # ("I020", "bad-reference-doc")
            elif callee == "Problem":
                edits.append((j, paren, "Problem.of"))
        edits.append((start, end, new))
        taken.append((m.start(), m.end()))
    for m in KEYWORD.finditer(text):
        edits.append((m.start(), m.end(), f"code=codes.{CONSTANT[m[1]]}"))
        taken.append((m.start(), m.end()))
    for m in SINGLE.finditer(text):
        if m[1] in CONSTANT and not any(a <= m.start() < b for a, b in taken):
            edits.append((m.start(), m.end(), f"codes.{CONSTANT[m[1]]}.id"))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    if edits and IMPORT not in text:
        text = _add_import(text)
    return text


def _add_import(text: str) -> str:
    """The import before the module's first top-level one (ruff's isort moves it into place)."""
    lines = text.splitlines(keepends=True)
    tree = ast.parse(text)
    first = next(
        (
            node
            for node in tree.body
            if isinstance(node, (ast.Import, ast.ImportFrom))
            and not (isinstance(node, ast.ImportFrom) and node.module == "__future__")
        ),
        None,
    )
    if first is not None:
        lines.insert(first.lineno - 1, IMPORT)
        return "".join(lines)
    # Only ``from __future__ import annotations`` (every module has it): just after it.
    future = next(n for n in tree.body if isinstance(n, ast.ImportFrom))
    lines.insert(future.end_lineno or future.lineno, "\n" + IMPORT)
    return "".join(lines)


def main(argv: list[str]) -> int:
    targets = [Path(a) for a in argv] or [ROOT / "reportgen"]
    files = [p for t in targets for p in ([t] if t.is_file() else sorted(t.rglob("*.py")))]
    changed = 0
    for path in files:
        if path.name == "codes.py" and path.parent.name == "reportgen":
            continue
        text = path.read_text(encoding="utf-8")
        new = rewrite(text)
        if new == text:
            continue
        if LOCAL.search(text):
            print(f"{path}: names a local `codes`; rename it and run again", file=sys.stderr)
            continue
        path.write_text(new, encoding="utf-8")
        changed += 1
    print(f"{changed} files rewritten", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
