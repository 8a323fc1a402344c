"""Shared fixtures: report files written into tmp_path, never into tests/."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.report.yaml"))

MINIMAL = """\
org: 青山县教育局
topic: 校园安全工作
period: 2024年第三季度
date: 2024-10-08
parts:
  - role: work
    items:
      - heading: 抓队伍，强化组织领导
        text: 本季度召开专题会议3次。
  - role: problems
    points: [隐患排查还不够细, 应急演练覆盖面不足]
  - role: next-steps
    items:
      - heading: 健全机制
        text: 完善隐患排查台账。
"""


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    def _write(text: str | bytes, name: str = "r.report.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of a ``*_layout.py`` module measures a LibreOffice PDF: marked ``layout``, so
    ``pytest -m "not slow and not layout and not browser"`` is the fast loop."""
    for item in items:
        if item.path.name.endswith("_layout.py"):
            item.add_marker(pytest.mark.layout)


FAST_LOOP_SHARE = 0.3
"""The share of each property test's examples the fast loop runs (hypothesis profile "fast")."""


def pytest_configure(config: pytest.Config) -> None:
    """Leaving the slow tests out (the fast loop) also runs fewer random examples: the
    property tests scale their counts by ``settings.default.max_examples / 100``."""
    from hypothesis import settings

    settings.register_profile("fast", max_examples=round(100 * FAST_LOOP_SHARE))
    if "not slow" in (config.option.markexpr or ""):
        settings.load_profile("fast")


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests (and the commands they start) keep compiled templates in a folder of their
    own, not in the user's ~/.cache."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before
