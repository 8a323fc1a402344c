"""Running from a source checkout (``python -m reportgen`` in the repository, as the signal tests
do): the built-in templates are the top-level templates/ folder."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from reportgen.render import templating

ROOT = Path(__file__).resolve().parents[2]


def test_a_source_checkout_finds_the_builtin_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    if ROOT / "reportgen" not in Path(templating.__file__).resolve().parents:
        pytest.skip("reportgen is imported from an installed copy, not from this checkout")

    def no_package(name: str, package: str | None = None) -> None:
        return None  # reportgen.templates is no package here

    monkeypatch.setattr(importlib.util, "find_spec", no_package)
    templating.builtin_dir.cache_clear()
    try:
        folder = templating.builtin_dir()
        assert folder == ROOT / "templates"
        assert (folder / "words.yaml").is_file() and (folder / "kinds").is_dir()
    finally:
        templating.builtin_dir.cache_clear()
