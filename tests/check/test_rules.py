"""The rule registry against the rule modules and their tests.

Each rule's cases are in tests/check/rules/test_<module>.py, one line per case
(``check(snippet, CODE=(line, column))``, see tests/rule_helpers.py).
"""

from __future__ import annotations

import pytest

from reportgen.check.rules import RULES

from conftest import ROOT

RULES_DIR = ROOT / "reportgen" / "check" / "rules"
TESTS_DIR = ROOT / "tests" / "check" / "rules"


def test_every_rule_module_has_its_test_file() -> None:
    modules = {p.stem for p in RULES_DIR.glob("*.py") if not p.name.startswith("_")}
    tests = {p.stem.removeprefix("test_") for p in TESTS_DIR.glob("test_*.py")}
    assert tests == modules
    assert {rule.module.__name__.rsplit(".", 1)[1] for rule in RULES.values()} == modules


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_test_names_its_code_failing_and_passing(code: str) -> None:
    """A rule's test file holds a case where it fires and one where it does not."""
    module = RULES[code].module.__name__.rsplit(".", 1)[1]
    text = (TESTS_DIR / f"test_{module}.py").read_text(encoding="utf-8")
    assert f"{code}=(" in text or f"{code}=[(" in text, "no failing case"
    assert f"{code}=None" in text, "no passing case"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_documents_itself(code: str) -> None:
    doc = RULES[code].doc
    assert "错误示例" in doc and "正确示例" in doc
