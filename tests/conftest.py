"""Shared fixtures: report files written into tmp_path, never into tests/."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
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
