"""Ctrl-C during `python -m reportgen batch`: exit 130 and no partial file left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import MINIMAL

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT")


@pytest.mark.slow  # a real batch stopped by a real signal
def test_sigint_leaves_only_complete_files(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    long_part = "".join(
        f"      - heading: 第{i}项工作\n        text: {'按要求落实各项措施，' * 20}完成。\n"
        for i in range(30)
    )
    text = MINIMAL.replace(
        "  - role: problems\n",
        "  - role: work\n    items:\n" + long_part + "  - role: problems\n",
        1,
    )
    for i in range(200):
        (src / f"{i:03d}.report.yaml").write_text(text.replace("青山县教育局", f"学校{i}"), "utf-8")
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "reportgen",
        "batch",
        str(src),
        "-o",
        str(out),
        "-j2",
        "-f",
        "docx,md",
    ]
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, so we can Ctrl-C it like a terminal does
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.docx"))) < 10:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGINT)  # the whole group: the parent and its workers
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode("utf-8", "replace")
    assert "已中断" in err.decode("utf-8")
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    docx = list(out.glob("*.docx"))
    assert 10 <= len(docx) < 200, "interrupted too late to test anything"
    for path in docx:
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None
            assert zf.read("word/document.xml").endswith(b"</w:document>")
    for path in out.glob("*.md"):
        assert path.read_text(encoding="utf-8").rstrip().endswith("2024年10月8日")
    # What finished is recorded: a re-run skips it and makes the rest.
    rerun = subprocess.run(
        command,
        capture_output=True,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr.decode("utf-8", "replace")
    assert len(list(out.glob("*.docx"))) == 200
    assert "跳过" in rerun.stderr.decode("utf-8")
