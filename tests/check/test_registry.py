"""The rule registry and the rule modules on disk are the same set: a rule module nobody
registered would be silently skipped, so forgetting its registry line fails here."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import reportgen.check.rules as rules_package
from reportgen.check.core import DocumentCheck, TextCheck, document_rule, text_rule
from reportgen.check.rules import BY_NAME, RULES, find


def _modules_on_disk() -> set[str]:
    """The rule modules in reportgen/check/rules/ (``_private`` helpers excluded)."""
    return {
        f"{rules_package.__name__}.{info.name}"
        for info in pkgutil.iter_modules(rules_package.__path__)
        if not info.name.startswith("_")
    }


def test_every_rule_module_is_registered_and_nothing_else() -> None:
    registered = [rule.module.__name__ for rule in RULES.values()]
    assert len(registered) == len(set(registered)), "a module registered twice"
    assert set(registered) == _modules_on_disk()


def test_codes_and_names_are_unique_and_match_their_modules() -> None:
    assert len(RULES) == len(BY_NAME) == len(_modules_on_disk())
    for code, rule in RULES.items():
        module = rule.module
        assert (code, rule.name, rule.level) == (module.CODE, module.ID, module.LEVEL)
        assert rule.fixable is module.FIXABLE
        assert rule.doc == (module.__doc__ or "").strip() and rule.summary
        assert find(code.lower()) is rule and find(rule.name) is rule


@pytest.mark.parametrize("code", sorted(RULES))
def test_a_rule_runs_as_what_it_is_registered(code: str) -> None:
    """The registry line says what a rule is (modules write no TYPE of their own): a text
    rule's check takes (conf, unit), a document rule's (conf, document, ctx)."""
    rule = RULES[code]
    params = inspect.signature(rule.module.check).parameters
    assert rule.type == ("text" if len(params) == 2 else "document")
    assert isinstance(rule, TextCheck if rule.type == "text" else DocumentCheck)
    assert rule.check is rule.module.check


def test_registering_builds_the_kind_of_entry_it_names() -> None:
    dash = importlib.import_module("reportgen.check.rules.dash")
    part_order = importlib.import_module("reportgen.check.rules.part_order")
    assert isinstance(text_rule(dash), TextCheck)
    made = document_rule(part_order)
    assert isinstance(made, DocumentCheck)
    assert made.sources == getattr(part_order, "SOURCES", None)


@pytest.mark.slow
def test_mypy_rejects_a_rule_whose_check_has_the_wrong_signature(tmp_path: Path) -> None:
    """The Protocols are what makes a wrong ``check`` a type error instead of a crash."""
    from mypy import api

    rule = (
        "from collections.abc import Iterator\nfrom typing import Any\n"
        "from reportgen.check.core import Finding\n"
        "CODE = 'T999'\nID = 'demo'\nLEVEL = 'error'\nFIXABLE = False\n"
        "CONF: dict[str, type] = {}\nDEFAULT: dict[str, Any] = {}\n"
        "def check(conf: dict[str, Any], text: str) -> Iterator[Finding]:\n    yield from ()\n"
    )
    (tmp_path / "demo_rule.py").write_text(rule, encoding="utf-8")
    (tmp_path / "register.py").write_text(
        "import demo_rule\nfrom reportgen.check.core import document_rule, text_rule\n"
        "text_rule(demo_rule)\ndocument_rule(demo_rule)\n",
        encoding="utf-8",
    )
    out, _, status = api.run(
        [
            "--strict",
            "--follow-imports=silent",
            "--cache-dir",
            str(tmp_path / "cache"),
            str(tmp_path / "register.py"),
        ]
    )
    assert status == 1, out
    assert 'Argument 1 to "text_rule" has incompatible type Module' in out
    assert 'Argument 1 to "document_rule" has incompatible type Module' in out
