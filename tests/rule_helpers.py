"""The per-rule test harness, as yamllint's: a Markdown snippet and the expected findings
on one line, ``check("…", C001=(2, 11))``.

It goes through the public entry point `reportgen check` uses on a file (``check_one``
with the default configuration, or a ``.reportgen.yaml`` text), never through a rule's
own functions, so it holds whatever the rules' registry looks like.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from reportgen.check.config import default_config, load_config
from reportgen.check.runner import check_one
from reportgen.problem import Problem

Where = tuple[int, int]


def findings(text: str, conf: str | None = None, name: str = "r.md") -> list[Problem]:
    """Every problem `check` finds in the Markdown ``text`` (written to a temporary folder,
    never into tests/), with the given ``.reportgen.yaml`` text or the default rules."""
    with tempfile.TemporaryDirectory(prefix="reportgen-rule-") as tmp:
        path = Path(tmp) / name
        path.write_text(text, encoding="utf-8")
        config = default_config()
        if conf is not None:
            (Path(tmp) / ".reportgen.yaml").write_text(conf, encoding="utf-8")
            config = load_config(Path(tmp) / ".reportgen.yaml")
        return check_one(str(path), config).problems


def check(text: str, conf: str | None = None, **expected: Where | list[Where] | None) -> None:
    """Assert that each code named holds exactly the findings given, as (line, column) or a
    list of them (None or [] for none); codes not named are not looked at, as a snippet
    rarely is a whole report."""
    assert expected, "name at least one code"
    found = findings(text, conf)
    for code, want in expected.items():
        wanted = [] if want is None else [want] if isinstance(want, tuple) else want
        got = [(p.line, p.column) for p in found if p.code == code]
        shown = "\n".join(p.format() for p in found)
        assert got == wanted, f"{code}: expected {wanted}, found {got}\n{shown}"


# The three parts a 工作报告 needs, each with content; line 7 is ``## 一、工作情况``.
PARTS = """\
## 一、工作情况

**（一）抓队伍，强化组织领导**。本季度召开专题会议3次。

**（二）抓排查，消除安全隐患**。组织开展拉网式排查。

## 二、存在的问题

主要存在以下几点：一是部分农村学校安全设施老化；二是应急演练覆盖面不够。

## 三、下一步工作打算

**（一）完善机制**。建立隐患台账，实行销号管理。

**（二）加强培训**。举办专题培训班2期。
"""


TITLE = "关于2024年第三季度校园安全工作情况的报告"
LEAD = "2024年第三季度，我局认真落实上级部署，扎实推进各项工作。现将有关情况报告如下："


def report(
    body: str | None = None,
    *,
    title: str = TITLE,
    lead: str = LEAD,
    closing: str = "特此报告。",
    date: str = "2024年10月8日",
) -> str:
    """A work report: title (line 1), 主送 (3), lead (5), ``body`` (the parts, from line 7;
    :data:`PARTS` by default), then closing, signature and date."""
    return (
        f"# {title}\n\n市教育局：\n\n{lead}\n\n{(PARTS if body is None else body).rstrip()}\n\n"
        f"{closing}\n\n青山县教育局\n\n{date}\n"
    )


def parts(*swaps: str) -> str:
    """:data:`PARTS` with text replaced: ``parts(old, new, old2, new2, …)``; each ``old``
    must be there once, so a case cannot silently stop testing anything."""
    assert len(swaps) % 2 == 0, "pairs of (old, new)"
    text = PARTS
    for old, new in zip(swaps[::2], swaps[1::2], strict=True):
        assert text.count(old) == 1, f"{old!r} is not in PARTS exactly once"
        text = text.replace(old, new)
    return text
