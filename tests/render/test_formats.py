"""The format registry: every format module is registered and makes what it says; an added
format reaches `render`, `batch` and the roll-up without another edit."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import types
from pathlib import Path

import pytest
from batch_helpers import reports, school

import reportgen.render as render_package
from reportgen.batch.run import run_batch
from reportgen.batch.work import Status
from reportgen.errors import UsageError
from reportgen.pipeline import Prepared, format_for, prepare, render_bytes
from reportgen.render import formats
from reportgen.render.formats import FORMATS, OutputFormat, RenderOptions

from conftest import MINIMAL


def _format_modules() -> set[str]:
    """The modules under reportgen/render/ that define a format's ``make``."""
    found = set()
    for info in pkgutil.walk_packages(render_package.__path__, "reportgen.render."):
        if info.name == "reportgen.render.soffice_guard":
            continue  # a script run as its own process, not a module to import
        if callable(getattr(importlib.import_module(info.name), "make", None)):
            found.add(info.name)
    return found


def test_every_format_module_is_registered() -> None:
    assert {f.module for f in FORMATS.values()} == _format_modules()


@pytest.mark.parametrize("name", list(FORMATS))
def test_each_make_has_the_renderer_signature(name: str) -> None:
    make = importlib.import_module(FORMATS[name].module).make
    params = list(inspect.signature(make).parameters.values())
    assert [p.name for p in params] == ["prepared", "options"]
    assert inspect.signature(make).return_annotation in ("bytes", bytes)


def test_names_and_suffixes_are_unique() -> None:
    suffixes = [s for f in FORMATS.values() for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes)) and all(s == s.lower() for s in suffixes)
    assert all(f.via is None or f.via in FORMATS for f in FORMATS.values())


def test_suffix_list_puts_the_default_first_and_the_last_after_or(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A registry of its own: adding a format to the real one needs no edit here.
    made = [OutputFormat(n, n, (f".{n}",), False, "m") for n in ("md", "docx", "pdf", "html")]
    monkeypatch.setattr(formats, "FORMATS", {f.name: f for f in made})
    assert formats.suffix_list("docx") == ".docx、.md、.pdf 或 .html"
    assert formats.suffix_list() == ".md、.docx、.pdf 或 .html"
    assert formats.suffix_list("pdf", sep=", ", last=" or ") == ".pdf, .md, .docx or .html"


@pytest.mark.parametrize(
    ("name", "start"), [("md", b"# "), ("docx", b"PK\x03\x04"), ("html", b"<!DOCTYPE html>")]
)
def test_render_bytes_goes_through_the_registry(tmp_path: Path, name: str, start: bytes) -> None:
    path = tmp_path / "r.report.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert render_bytes(prepare(path), name).startswith(start)


# ---------------------------------------------------------------- an added format


def _text_make(prepared: Prepared, options: RenderOptions) -> bytes:
    return f"TXT {prepared.document.title} {options.draft or ''}".encode()


@pytest.fixture
def txt_format(monkeypatch: pytest.MonkeyPatch) -> OutputFormat:
    module = types.ModuleType("reportgen_test_txt")
    module.make = _text_make  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    added = OutputFormat("txt", "纯文本", (".txt",), False, module.__name__)
    monkeypatch.setitem(FORMATS, "txt", added)
    monkeypatch.setitem(formats.BY_SUFFIX, ".txt", added)
    return added


@pytest.mark.usefixtures("txt_format")
def test_an_added_format_is_chosen_by_name_and_suffix(tmp_path: Path) -> None:
    assert format_for(tmp_path / "x.txt", None) == "txt"
    assert format_for(None, "txt") == "txt"
    with pytest.raises(UsageError, match="不一致"):
        format_for(tmp_path / "x.md", "txt")


@pytest.mark.usefixtures("txt_format")
def test_batch_writes_an_added_format_with_its_own_bytes(tmp_path: Path) -> None:
    """batch used to write DOCX bytes into any target that was not .md or .html."""
    folder = reports(tmp_path / "in", {"a.report.yaml": school("一中")})
    out = tmp_path / "out"
    rollup = tmp_path / "汇总.txt"
    result = run_batch([folder], out, formats="txt,md", jobs=1, rollup=rollup)
    assert [o.status for _, o in result.entries] == [Status.OK]
    assert (out / "a.txt").read_bytes().startswith(b"TXT ")
    assert (out / "a.md").read_bytes().startswith(b"# ")
    assert rollup.read_bytes().startswith(b"TXT ")
