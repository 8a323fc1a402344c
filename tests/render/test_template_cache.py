"""Compiled templates in the user's cache folder: a shortcut only. A template compiled once is
read back, an edited one is compiled anew, and a cache that is broken, not writable or not
safely the user's own is no cache, never an error."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgen import cache
from reportgen.render import templating


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    _forget()
    yield tmp_path / "xdg" / "reportgen"
    _forget()


def _forget() -> None:
    """What a new process would not have: the cache folder, environments, formulas."""
    templating._bytecode_cache.cache_clear()
    templating.environment.cache_clear()
    templating._compiled.cache_clear()


def _render(folder: Path) -> str:
    templating.environment.cache_clear()  # a new process: the template is loaded afresh
    return templating.render_template("t.md.j2", {"who": "青山县"}, (folder,))


def _cached_files(home: Path) -> list[Path]:
    return sorted(home.glob("jinja-*/*.cache"))


def test_a_compiled_template_is_kept_and_read_back(cache_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "t.md.j2").write_text("{{ who }}教育局", encoding="utf-8")
    assert _render(folder) == "青山县教育局"
    (kept,) = _cached_files(cache_home)
    assert os.stat(kept.parent).st_mode & 0o777 == 0o700
    written = kept.stat().st_mtime_ns
    assert _render(folder) == "青山县教育局"
    assert kept.stat().st_mtime_ns == written  # read back, not compiled and written again


def test_an_edited_template_is_compiled_anew(cache_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    template = folder / "t.md.j2"
    template.write_text("{{ who }}教育局", encoding="utf-8")
    assert _render(folder) == "青山县教育局"
    template.write_text("{{ who }}人民政府", encoding="utf-8")
    assert _render(folder) == "青山县人民政府"


def test_a_broken_cache_file_is_no_cache(cache_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "t.md.j2").write_text("{{ who }}教育局", encoding="utf-8")
    _render(folder)
    (kept,) = _cached_files(cache_home)
    for junk in (b"", b"j2\x80garbage", kept.read_bytes()[:40]):
        kept.write_bytes(junk)
        assert _render(folder) == "青山县教育局"


def test_a_cache_folder_that_cannot_be_made_is_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    assert cache.cache_dir("jinja") is None
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # ignored, as the XDG spec says
    monkeypatch.setenv("HOME", str(blocker))
    assert cache.cache_dir("jinja") is None
    templating._bytecode_cache.cache_clear()
    templating.environment.cache_clear()
    try:
        folder = tmp_path / "tpl"
        folder.mkdir()
        (folder / "t.md.j2").write_text("{{ who }}教育局", encoding="utf-8")
        assert _render(folder) == "青山县教育局"
    finally:
        templating._bytecode_cache.cache_clear()
        templating.environment.cache_clear()


def test_a_folder_others_may_write_to_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = cache.cache_dir("jinja")
    assert folder is not None and folder.parent == tmp_path / "reportgen"
    (tmp_path / "reportgen").chmod(0o777)
    assert cache.cache_dir("jinja") is None
    (tmp_path / "reportgen").chmod(0o700)
    folder.chmod(0o733)
    assert cache.cache_dir("jinja") is None


def test_code_that_cannot_be_read_is_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir("jinja", tmp_path / "missing.py") is None


def test_the_fingerprint_follows_the_code(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("A = 1\n", encoding="utf-8")
    before = cache.fingerprint(module)
    assert cache.fingerprint(module) == before
    module.write_text("A = 2\n", encoding="utf-8")
    assert cache.fingerprint(module) != before


def test_a_kind_formula_is_kept_too(cache_home: Path) -> None:
    formula = "关于{{ period }}{{ topic }}情况的报告"
    context = {"period": "2024年第三季度", "topic": "校园安全工作"}

    def render() -> str:
        templating.environment.cache_clear()
        templating._compiled.cache_clear()
        return templating.render_string(formula, context, "文种 work-report 的 title")

    assert render() == "关于2024年第三季度校园安全工作情况的报告"
    (kept,) = _cached_files(cache_home)
    written = kept.stat().st_mtime_ns
    assert render() == "关于2024年第三季度校园安全工作情况的报告"
    assert kept.stat().st_mtime_ns == written
    kept.write_bytes(b"j2")
    assert render() == "关于2024年第三季度校园安全工作情况的报告"
