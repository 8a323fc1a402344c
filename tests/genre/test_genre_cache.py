"""The validated genre kept in the user's cache folder: read back while its files are the
same, read anew from the files when one changes, and never trusted when broken; a genre
with a malformed file is never kept."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgen.errors import InputError
from reportgen.genre import registry

KIND = "label: 述职报告\ntitle: 述职\nlead: 现将述职如下：\nparts:\n  - {role: work, heading: 履职情况}\n"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    registry._store.cache_clear()
    registry._cached_genre.cache_clear()
    yield tmp_path / "xdg" / "reportgen"
    registry._store.cache_clear()
    registry._cached_genre.cache_clear()


def _folder(tmp_path: Path, kind: str = KIND) -> Path:
    folder = tmp_path / "tpl"
    (folder / "kinds").mkdir(parents=True, exist_ok=True)
    (folder / "kinds" / "debrief.yaml").write_text(kind, encoding="utf-8")
    return folder


def _fresh_process() -> None:
    registry._cached_genre.cache_clear()


def _kept(home: Path) -> list[Path]:
    return sorted(home.glob("genre-*/*.pickle"))


def test_a_genre_is_read_back_without_validating_its_files(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    first = registry.genre_for((folder,))
    assert len(_kept(cache_home)) == 1
    _fresh_process()

    def no_loading(dirs: tuple[Path, ...]) -> registry.Genre:
        raise AssertionError("read from the files again")

    monkeypatch.setattr(registry, "_load_genre", no_loading)
    again = registry.genre_for((folder,))
    assert again is not first
    assert again.kind("述职报告") is not None
    assert list(again.kinds) == list(first.kinds)
    assert again.kinds["debrief"].spec == first.kinds["debrief"].spec
    assert again.roles.roles == first.roles.roles
    assert again.words.file == first.words.file
    assert again.guess_kind("关于2024年第三季度校园安全工作情况的报告")[0].name == "work-report"


def test_a_changed_file_is_read_anew(cache_home: Path, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    assert registry.genre_for((folder,)).kinds["debrief"].spec.label == "述职报告"
    _fresh_process()
    path = _folder(tmp_path, KIND.replace("述职报告", "述职述廉报告"))
    os.utime(path, ns=(1, 1))  # even with an old time: the size differs
    assert registry.genre_for((folder,)).kinds["debrief"].spec.label == "述职述廉报告"


def test_a_broken_cache_file_is_no_cache(cache_home: Path, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    registry.genre_for((folder,))
    (kept,) = _kept(cache_home)
    for junk in (b"", b"\x80\x05garbage", kept.read_bytes()[:100], b"\x80\x04K\x01."):
        kept.write_bytes(junk)
        _fresh_process()
        assert registry.genre_for((folder,)).kinds["debrief"].spec.label == "述职报告"


def test_a_malformed_genre_is_never_kept(cache_home: Path, tmp_path: Path) -> None:
    folder = _folder(tmp_path, KIND.replace("role: work", "role: nosuchrole"))
    for _ in range(2):
        _fresh_process()
        with pytest.raises(InputError) as caught:
            registry.genre_for((folder,))
        assert [p.code for p in caught.value.problems] == ["I031"]
    assert _kept(cache_home) == []
