"""Whatever `check` accepts as a finished report, `import` turns into YAML that renders.

`check` runs the outline rules on the report read back (O001–O003); the imported YAML is
validated by the same rules on the document it builds (I016, I017). A report without outline
findings must therefore import as the kind `check` read it as and validate; one that `check`
passes without errors must render (`reportgen render`, exit 0).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from cli_helpers import _problems, run

from reportgen.check.runner import run_check
from reportgen.core.blocks import BlockKind
from reportgen.core.load import load_text
from reportgen.importing.run import import_report
from reportgen.pipeline import prepare_loaded
from reportgen.problem import Level

OUTLINE = ("O001", "O002", "O003")
TESTS = Path(__file__).parent.parent

REPORT = """# 关于2024年第三季度校园安全工作情况的报告

市教育局：

2024年第三季度，我局认真落实上级部署，扎实推进校园安全各项工作。{lead}现将有关情况报告如下：

一、工作情况

（一）抓队伍，强化组织领导。本季度召开专题会议3次，研究部署校园安全工作。

（二）抓排查，消除安全隐患。共检查学校86所，整改隐患42处。

{rest}{closing}

青山县教育局

2024年10月8日
"""
PROBLEMS = (
    "二、存在的问题\n\n主要存在以下几点：一是部分农村学校消防设施老化；二是台账记录不规范。\n\n"
)
NEXT = "三、下一步工作打算\n\n（一）完善隐患排查机制。建立隐患台账，实行销号管理。\n\n"

# Work reports `check` accepts although a part the kind asks for has no heading of its own.
SHAPES = {
    "next-steps-in-closing": {"rest": PROBLEMS, "closing": "今后，我局将继续完善隐患排查机制。"},
    "problems-and-measures-in-one-heading": {
        "rest": PROBLEMS.replace("存在的问题", "存在的问题及整改措施"),
        "closing": "特此报告。",
    },
    "problems-in-the-lead": {
        "lead": "工作中还存在一些不足，需要在下一阶段加以改进。",
        "rest": NEXT.replace("三、", "二、"),
        "closing": "特此报告。",
    },
    "problems-in-a-work-part": {
        "rest": "二、舆情分析\n\n本季度存在以下问题：个别学校信息报送不及时。\n\n" + NEXT,
        "closing": "特此报告。",
    },
}


def _text(shape: dict[str, str]) -> str:
    return REPORT.format(lead=shape.get("lead", ""), rest=shape["rest"], closing=shape["closing"])


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_accepted_work_reports_import_as_work_reports_that_render(
    tmp_path: Path, name: str
) -> None:
    source = tmp_path / "r.md"
    source.write_text(_text(SHAPES[name]), encoding="utf-8")
    code, out, _ = run(["check", "-f", "parsable", str(source)])
    assert (code, _problems(out)) == (0, [])
    target = tmp_path / "r.report.yaml"
    code, _, err = run(["import", str(source), "-o", str(target)])
    assert code == 0, err
    assert "kind: work-report" in target.read_text(encoding="utf-8")  # not made a summary
    code, _, err = run(["render", str(target), "-o", str(tmp_path / "out.md")])
    assert code == 0 and _problems(err) == [], err


def _agree(path: Path) -> list[str]:
    """What goes wrong between `check` and `import` for one finished report."""
    from reportgen.read.docx import read_docx
    from reportgen.read.markdown import read_markdown

    found = run_check([str(path)], cwd=path.parent).problems
    if any(p.code in OUTLINE for p in found):
        return []
    document = (
        read_markdown(path.read_text(encoding="utf-8"), str(path))
        if path.suffix == ".md"
        else read_docx(path.read_bytes(), str(path))
    )
    imported = import_report(path)
    wrong = []
    has_parts = any(b.kind is BlockKind.HEADING and b.level == 1 for b in document.blocks)
    # A report without part headings becomes one work part, which only a summary allows.
    if has_parts and imported.kind != (document.kind or "work-report"):
        wrong.append(f"imported as {imported.kind}, checked as {document.kind}")
    try:
        prepare_loaded(load_text(imported.text, str(path)), path)
    except Exception as exc:  # an InputError: the imported YAML does not validate
        wrong.append(f"does not validate: {getattr(exc, 'problems', exc)}")
        return wrong
    if not any(p.level is Level.ERROR for p in found):
        target = path.with_name(path.name + ".report.yaml")
        target.write_text(imported.text, encoding="utf-8")
        code, _, err = run(["render", str(target), "-o", str(path.with_name("out.md"))])
        if code != 0:
            wrong.append(f"render exit {code}: {err[:200]}")
    return wrong


@pytest.mark.slow
def test_every_report_check_accepts_imports_and_renders() -> None:
    from realistic.corpus import CASES
    from realistic.files import write

    wrong: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for case in CASES:
            if case.fmt in ("md", "docx"):
                folder = Path(tmp) / case.name
                folder.mkdir()
                paths.append(write(case.build().paras, case.fmt, folder, case.name))
        for source in [
            *sorted((TESTS / "data" / "import").glob("*.md")),
            *sorted((TESTS / "corpus" / "check").glob("*.md")),
        ]:
            folder = Path(tmp) / source.stem
            folder.mkdir()
            copy = folder / source.name
            copy.write_bytes(source.read_bytes())
            paths.append(copy)
        for path in paths:
            if found := _agree(path):
                wrong[path.name] = found
        assert len(paths) >= 100
    assert wrong == {}
