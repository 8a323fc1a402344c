"""Start-up stays lean: a command loads only what it uses (bench/NOTES.md, start-up).

Each case runs one command in a fresh interpreter and lists the modules it imported and the
patterns it compiled: a Markdown render needs no DOCX writer, a check of one YAML file no
batch planner, and neither compiles the bare hanzi class ``[HAN]`` (core.text answers from
its ranges).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.core.text import HAN

from conftest import MINIMAL

PROBE = """
import json, re, sys
compiled = []
_compile = re._compile
def spy(pattern, flags):
    compiled.append(str(pattern))
    return _compile(pattern, flags)
re._compile = spy
from reportgen.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules), "compiled": compiled}))
"""


def _run(args: list[str], cwd: Path) -> tuple[int, set[str], list[str]]:
    """The command's exit code, the modules it imported, the patterns it compiled."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    found = json.loads(done.stdout.splitlines()[-1])
    return found["code"], set(found["modules"]), found["compiled"]


@pytest.mark.parametrize(
    ("command", "absent"),
    [
        (["render", "r.report.yaml", "-o", "r.md"], ["reportgen.render.docx", "lxml"]),
        (["check", "r.report.yaml"], ["reportgen.batch.plan", "reportgen.batch.work", "lxml"]),
    ],
)
def test_a_command_loads_only_what_it_uses(
    command: list[str], absent: list[str], tmp_path: Path
) -> None:
    (tmp_path / "r.report.yaml").write_text(MINIMAL, encoding="utf-8")
    code, modules, compiled = _run(command, tmp_path)
    assert code == 0
    assert "reportgen.core.model" in modules  # the probe saw the command's imports
    assert not [m for m in modules for a in absent if m == a or m.startswith(a + ".")]
    assert not [p for p in compiled if f"[{HAN}]" in p]
