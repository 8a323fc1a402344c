"""The genre lives in data: no kind, role or formula word is written in the package's code.

Every string constant of reportgen/ except docstrings (which document, with examples) is
searched for the built-in kinds' names and title words, the roles' labels and keywords and
the formulas' words, all read from templates/; comments are not code and are not searched.
No string constant is a built-in kind's or role's id either: what a role means to the commands (the
default role, the umbrella parts, the roll-up's opening part …) is a flag in roles.yaml.
"""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "reportgen"
TEMPLATES = ROOT / "templates"
# The formula words (现将……报告如下：, 特此报告。) besides those the kind files list.
FORMULA_WORDS = ("现将", "如下：", "特此")


def _genre_words() -> set[str]:
    words: set[str] = set(FORMULA_WORDS)
    for path in (TEMPLATES / "kinds").glob("*.yaml"):
        kind = yaml.safe_load(path.read_text(encoding="utf-8"))
        words |= {kind["label"], *kind.get("aliases", []), *kind.get("title_words", [])}
        words |= set(kind.get("closing_words", []))
        words |= {p["heading"] for p in kind["parts"]}
    roles = yaml.safe_load((TEMPLATES / "roles.yaml").read_text(encoding="utf-8"))["roles"]
    for spec in roles.values():
        words |= {spec["label"], *(k for k in spec["keywords"] if len(k) > 2)}
    return words


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


# String constants equal to a role id that are no role: the keys of `check -f json`'s output.
NOT_ROLES = {("reportgen/check/formats.py", "problems"), ("reportgen/check/formats.py", "results")}


def _role_ids() -> set[str]:
    roles = yaml.safe_load((TEMPLATES / "roles.yaml").read_text(encoding="utf-8"))["roles"]
    return set(roles)


def test_the_word_list_is_read_from_templates() -> None:
    words = _genre_words()
    assert {"工作报告", "工作总结", "自查报告", "分析研判报告", "情况汇报"} <= words
    assert {"存在的问题", "下一步", "工作情况", "特此报告", "现将"} <= words


def test_no_genre_word_in_code() -> None:
    words = sorted(_genre_words())
    found = [
        f"{path.relative_to(ROOT)}:{line}: {word} in {text!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in _strings(path)
        for word in words
        if word in text
    ]
    assert found == []


def test_no_role_id_in_code() -> None:
    ids = _role_ids()
    assert {"work", "overview", "results", "problems", "next-steps"} <= ids
    found = [
        f"{name}:{line}: {text!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in _strings(path)
        if text in ids and ((name := str(path.relative_to(ROOT))), text) not in NOT_ROLES
    ]
    assert found == []


def test_no_kind_id_in_code() -> None:
    """The default kind (a report without ``kind:``, ``reportgen new``, a title that names
    none) is words.yaml's ``default_kind``, not an id written in the code."""
    ids = {path.stem for path in (TEMPLATES / "kinds").glob("*.yaml")}
    assert {"work-report", "summary", "self-inspection"} <= ids
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in _strings(path)
        if text in ids
    ]
    assert found == []


def test_the_exceptions_are_still_there() -> None:
    """An exception that no longer matches anything would hide a role id written there later."""
    for name, text in NOT_ROLES:
        assert text in [t for _, t in _strings(ROOT / name)]
