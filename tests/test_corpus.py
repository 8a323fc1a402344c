"""Broken and hostile inputs (tests/corpus/cases.yaml): documented exit code and problems,
never a traceback, never a partial or temporary file left behind."""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from cli_helpers import _problems, run

from conftest import MINIMAL

CORPUS = Path(__file__).parent / "corpus"
CASES: list[dict[str, Any]] = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))


@functools.cache
def _zip_bomb() -> bytes:
    """A .docx whose document.xml inflates to 200 MB: deflated once (0.7 s), used thrice."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (200 * 1024 * 1024))
    return buf.getvalue()


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
            ref.write_bytes(_zip_bomb())
        extra = ["--reference-doc", str(ref)]
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
    elif name == "binary-garbage-md":
        import random

        path = tmp / "garbage.md"
        rng = random.Random(3)
        path.write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    elif name in ("not-a-zip-docx", "zip-bomb-docx"):
        path = tmp / f"{name}.docx"
        if name == "not-a-zip-docx":
            path.write_bytes(b"PK\x03\x04 but not really a zip")
        else:
            path.write_bytes(_zip_bomb())
    elif name == "docx-without-headings":
        import docx

        path = tmp / "手打.docx"
        d = docx.Document()
        d.add_paragraph(
            "本学期，我校围绕书香校园建设开展系列阅读活动，一是开设阅读课；二是组织读书分享会12场。"
        )
        d.add_paragraph("特此报告。")
        d.save(str(path))
    elif name == "huge-numbers-md":
        path = tmp / "huge.md"
        path.write_text(
            "# 关于校园安全工作情况的报告\n\n本季度共培训2000-" + "9" * 5000 + "人。\n\n"
            "附件：1.统计表\n\n" + "5" * 5000 + ".台账\n\n青山县教育局\n\n2024年10月8日\n",
            encoding="utf-8",
        )
    elif name == "missing-path":
        path = tmp / "没有这个文件.report.yaml"
    elif name.startswith("batch-"):
        path = tmp / "in"
        path.mkdir()
        if name == "batch-hostile-names":
            (path / "CON.report.yaml").write_text(MINIMAL, encoding="utf-8")
            (path / "slash.report.yaml").write_text(
                MINIMAL.replace("青山县教育局", "青山/../一中"), encoding="utf-8"
            )
        elif name == "batch-long-name":
            (path / ("长" * 80 + ".report.yaml")).write_text(MINIMAL, encoding="utf-8")
        elif name == "batch-one-broken":
            (path / "好.report.yaml").write_text(MINIMAL, encoding="utf-8")
            (path / "坏.report.yaml").write_text("org: [\n", encoding="utf-8")
        elif name == "batch-collision":
            (path / "甲.report.yaml").write_text(MINIMAL, encoding="utf-8")
            (path / "乙.report.yaml").write_text(MINIMAL, encoding="utf-8")
    else:  # pragma: no cover - a typo in cases.yaml
        raise AssertionError(name)
    return path, extra


def _args(case: dict[str, Any], source: Path, extra: list[str], out: Path) -> list[str]:
    command = case.get("command", "render")
    if command == "check":
        return ["check", "-f", "parsable", str(source)]
    if command == "import":
        return ["import", str(source), "-o", str(out / "imported.report.yaml")]
    if command == "batch":
        return [
            "batch",
            str(source),
            "-o",
            str(out),
            "-f",
            "md",
            "-j",
            "1",
            "-q",
            *case.get("args", []),
        ]
    fmt = case.get("format", "md")
    if case.get("stdout"):
        return ["render", str(source), *extra]
    target = [] if "-o" in extra else ["-o", str(out / f"report.{fmt}")]
    return ["render", str(source), *target, *extra]


def _snapshot(paths: list[Path]) -> dict[Path, bytes]:
    out = {}
    for path in paths:
        if path.is_file():
            out[path] = path.read_bytes()
        elif path.is_dir():
            out.update({p: p.read_bytes() for p in path.rglob("*") if p.is_file()})
    return out


@pytest.mark.parametrize(
    "case",
    [
        # `slow: true` in cases.yaml: an end-to-end run of seconds, left out of the fast loop
        pytest.param(c, marks=[pytest.mark.slow] if c.get("slow") else [])
        for c in CASES
    ],
    ids=[f"{c.get('command', 'render')}:{c.get('file', c.get('generate'))}" for c in CASES],
)
def test_corpus_case(case: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    if "generate" in case:
        source, extra = _generate(case["generate"], tmp_path)
    else:
        source, extra = CORPUS / case["file"], []
    extra = [a.replace("{out}", str(out)) for a in extra]
    before = _snapshot([source])

    code, stdout, stderr = run(_args(case, source, extra, out))

    output = stdout + stderr
    assert code == case["exit"], output
    assert "Traceback" not in output and "内部错误" not in output
    found = _problems(output)
    for expected in case.get("expect", []):
        code_name, _, where = expected.partition("@")
        if where:
            line, col = (int(n) for n in where.split(":"))
            assert (code_name, line, col) in found, output
        else:
            assert code_name in [c for c, _, _ in found], output
    if case.get("stdout"):
        assert case["stdout"] in stdout
    if case.get("stderr"):
        assert case["stderr"] in output
    written = sorted(p.name for p in out.iterdir() if p.name != ".reportgen-batch.json")
    assert [n for n in written if n.endswith(".tmp") or n.startswith(".")] == []  # no partial file
    if "outputs" in case:
        assert written == sorted(case["outputs"])
    if "max_name_bytes" in case:
        assert len(written) == 1 and len(written[0].encode()) <= case["max_name_bytes"]
    if code != 0 and case.get("command", "render") != "batch":
        assert written == []
    elif (
        code == 0
        and case.get("command", "render") in ("render", "import")
        and not case.get("stdout")
    ):
        assert written and all((out / n).stat().st_size > 0 for n in written)
    assert _snapshot([source]) == before  # inputs are never touched
