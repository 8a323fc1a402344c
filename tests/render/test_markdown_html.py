"""HTML blocks in Markdown (issue 16, item 9): their text is kept, never silently lost.

Reproduced: `import` dropped the text inside ``<p>`` / ``<div>`` blocks and everything
after a line starting ``<script>``, and `check` did not see it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.importing.run import import_report
from reportgen.read.markdown import html_text, markdown_paragraphs

from linearity import assert_linear, growth


class _Main:
    name = "reportgen"

    def main(self, args: list[str], prog_name: str | None = None, **_: object) -> None:
        sys.exit(main(list(args)))


PASTED = """\
# 青山县教育局关于2024年第三季度校园安全工作情况的报告

一、工作开展情况

<p>本季度召开专题会议3次，研究部署开学安全工作。</p>

<div class="content">
<p>组织开展拉网式排查&nbsp;，整改隐患<b>46</b>处。</p><p>更换灭火器412具。</p>
</div>

<script>
二、存在的问题

部分农村学校安全设施老化。

三、下一步工作打算

完善隐患排查机制。

特此报告。
"""


def test_html_text_strips_tags_keeps_lines() -> None:
    read = html_text("<div>\n<p>甲&amp;乙</p><p>丙<br>丁</p>\n<!-- 注 --><span>戊</span>\n</div>")
    assert read.paragraphs == [(1, "甲&乙"), (1, "丙"), (1, "丁"), (2, "戊")]
    assert read.dropped == ["注释"]


def test_scripts_and_styles_are_dropped_with_their_content() -> None:
    read = html_text("<style>p{color:red}</style>\n<script>\nvar a = 1;\n</script>\n<p>正文。</p>")
    assert read.paragraphs == [(4, "正文。")]
    assert read.dropped == ["<style> 样式", "<script> 脚本"]


def test_an_unclosed_script_drops_its_line_only() -> None:
    paras = markdown_paragraphs(PASTED)
    texts = [p.text for p in paras]
    assert "本季度召开专题会议3次，研究部署开学安全工作。" in texts
    assert "组织开展拉网式排查 ，整改隐患46处。" in texts
    assert "更换灭火器412具。" in texts
    assert texts[-5:] == [
        "二、存在的问题",
        "部分农村学校安全设施老化。",
        "三、下一步工作打算",
        "完善隐患排查机制。",
        "特此报告。",
    ]
    lines = {p.text: p.origin.line for p in paras}
    assert lines["更换灭火器412具。"] == 8
    assert lines["特此报告。"] == 20


def test_import_keeps_html_text_and_says_so(tmp_path: Path) -> None:
    source = tmp_path / "网页.md"
    source.write_text(PASTED, encoding="utf-8")
    result = import_report(source)
    assert "研究部署开学安全工作" in result.text
    assert "更换灭火器412具" in result.text
    assert "完善隐患排查机制" in result.text
    notes = [(w.line, w.message) for w in result.warnings if w.code == "M011"]
    assert notes == [
        (5, "第 5 行起是 HTML 块：去掉了 HTML 标签，文字按段落导入，请核对。"),
        (7, "第 7 行起是 HTML 块：去掉了 HTML 标签，文字按段落导入，请核对。"),
        (
            11,
            "第 11 行起是 HTML 块：去掉了 HTML 标签，文字按段落导入；删去了<script> 脚本，请核对。",
        ),
    ]


def test_check_sees_text_inside_html_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.md").write_text(
        "# 关于校园安全工作的报告\n\n<div>\n<p>本季度召开专题会议3次,研究部署开学安全工作。</p>\n</div>\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(_Main(), ["check", "r.md"], catch_exceptions=False)  # type: ignore[arg-type]
    assert "4:" in result.output and "T001/half-width-punct" in result.output, result.output
    assert result.exit_code == 1


def test_html_reading_is_linear() -> None:
    def make(n: int) -> object:
        hostile = "<script" * n + "\n" + "<p" * n + "\n" + "<!--" * n + "\n" + "<a " * n
        return lambda: html_text(hostile)

    sizes = (5000, 10000, 20000, 40000)
    assert_linear(sizes, growth(make, sizes))  # type: ignore[arg-type]
