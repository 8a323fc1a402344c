"""Broken and hostile inputs (tests/corpus/cases.yaml): documented exit code and problems,
never a traceback, never a partial or temporary file left behind."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import MINIMAL
from test_cli import run

CORPUS = Path(__file__).parent / "corpus"
CASES: list[dict[str, Any]] = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))


def _generate(name: str, tmp: Path) -> tuple[Path, list[str]]:
    """Make a generated input; returns the input path and extra command-line arguments."""
    path = tmp / f"{name}.report.yaml"
    extra: list[str] = []
    if name == "huge-60mb":
        with path.open("wb") as fh:
            fh.write(b"org: ")
            chunk = "青山县教育局".encode() * 100_000
            while fh.tell() < 60 * 1024 * 1024:
                fh.write(chunk)
    elif name == "items-10000":
        items = "".join(
            f"      - heading: 第{i}项工作\n        text: 本季度完成任务{i}项。\n"
            for i in range(10_000)
        )
        path.write_text(
            MINIMAL.replace("    items:\n", "    items:\n" + items, 1), encoding="utf-8"
        )
    elif name == "deep-nesting":
        path.write_text("org: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    elif name == "binary-garbage":
        import random

        rng = random.Random(7)
        path.write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    elif name in ("reference-not-zip", "reference-zip-bomb"):
        path.write_text(MINIMAL, encoding="utf-8")
        ref = tmp / "org.docx"
        if name == "reference-not-zip":
            ref.write_bytes(b"%PDF-1.4 not a word file")
        else:
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
                zf.writestr("[Content_Types].xml", "<Types/>")
                zf.writestr("word/document.xml", b"\0" * (200 * 1024 * 1024))
            ref.write_bytes(buf.getvalue())
        extra = ["--reference-doc", str(ref), "--format", "docx"]
    elif name.startswith("template-"):
        kinds = tmp / "tpl" / "kinds"
        kinds.mkdir(parents=True)
        title = (
            "'{{ org '"
            if name == "template-syntax-error"
            else "'{{ org.__class__.__mro__[1].__subclasses__() }}'"
        )
        (kinds / "evil.yaml").write_text(
            f"label: 坏\ntitle: {title}\nlead: 现将有关情况报告如下：\nparts:\n  - {{role: work, heading: 工作}}\n",
            encoding="utf-8",
        )
        path.write_text("kind: evil\n" + MINIMAL, encoding="utf-8")
        extra = ["--templates", str(tmp / "tpl")]
    elif name == "output-name-too-long":
        path.write_text(MINIMAL, encoding="utf-8")
        extra = ["-o", "{out}/" + "报" * 300 + ".md"]
    elif name == "output-is-input":
        path = tmp / "r.md"
        path.write_text(MINIMAL, encoding="utf-8")
        extra = ["-o", str(path)]
    else:  # pragma: no cover - a typo in cases.yaml
        raise AssertionError(name)
    return path, extra


def _problems(stderr: str) -> list[tuple[str, int, int]]:
    return [
        (m[3], int(m[1]), int(m[2]))
        for m in re.finditer(r":(\d+):(\d+): (?:error|warning) (\w+) ", stderr)
    ] + [(m[1], 0, 0) for m in re.finditer(r"\.\w+: (?:error|warning) (\w+) ", stderr)]


@pytest.mark.parametrize("case", CASES, ids=[c.get("file", c.get("generate")) for c in CASES])
def test_corpus_case(case: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    if "generate" in case:
        source, extra = _generate(case["generate"], tmp_path)
    else:
        source, extra = CORPUS / case["file"], []
    fmt = case.get("format", "md")
    extra = [a.replace("{out}", str(out)) for a in extra]
    target = [] if "-o" in extra else ["-o", str(out / f"report.{fmt}")]
    args = ["render", str(source), *target, *extra]
    if case.get("stdout"):
        args = ["render", str(source), *extra]
    before = source.read_bytes() if source.exists() else b""

    code, stdout, stderr = run(args)

    assert code == case["exit"], stderr
    assert "Traceback" not in stderr and "内部错误" not in stderr
    found = _problems(stderr)
    for expected in case.get("expect", []):
        code_name, _, where = expected.partition("@")
        if where:
            line, col = (int(n) for n in where.split(":"))
            assert (code_name, line, col) in found, stderr
        else:
            assert code_name in [c for c, _, _ in found], stderr
    if case.get("stdout"):
        assert case["stdout"] in stdout
    if case.get("stderr"):
        assert case["stderr"] in stderr
    leftovers = [p.name for p in out.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".")]
    assert leftovers == []
    if code != 0:
        assert list(out.iterdir()) == []
    elif not case.get("stdout"):
        assert (out / f"report.{fmt}").stat().st_size > 0
    assert source.read_bytes() == before  # the input is never touched
