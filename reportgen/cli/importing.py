"""`import`: an existing report into report YAML (the library is reportgen.importing.run)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen.cli._shared import Command, help_option, print_problems, templates_option
from reportgen.problem import Problem


@click.command("import", cls=Command, add_help_option=False)
@click.argument("input_path", metavar="FILE", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="写入的报告文件（建议以 .report.yaml 结尾）；省略或写 - 时输出到终端。",
)
@click.option(
    "-k",
    "--kind",
    default=None,
    help="文种；省略时用报告自己写明的文种，否则按标题里的文种词推断（见 reportgen kinds）。",
)
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@templates_option
@help_option
def import_(
    input_path: Path,
    output: Path | None,
    kind: str | None,
    force: bool,
    template_dirs: tuple[Path, ...],
) -> None:
    """把已有的报告（.docx / .md / .txt）转成报告文件（*.report.yaml）。"""
    from reportgen.importing.run import import_file

    target = _target(output)
    result = import_file(input_path, target, kind=kind, force=force, template_dirs=template_dirs)
    _report(result.text, result.warnings, target, "")


@click.command("next", cls=Command, add_help_option=False)
@click.argument("input_path", metavar="FILE", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="写入的新报告文件；省略或写 - 时输出到终端。",
)
@click.option(
    "-p", "--period", default=None, help="新的报告期；省略时按上一期顺延（第三季度 → 第四季度）。"
)
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@help_option
def next_(input_path: Path, output: Path | None, period: str | None, force: bool) -> None:
    """从上一期的报告文件开始写下一期：报告期、日期顺延，列出要更新的数字。"""
    from reportgen.importing.next_period import start_next_file

    target = _target(output)
    started = start_next_file(input_path, target, period=period, force=force)
    _report(
        started.text, started.warnings, target, f"（{started.old_period} → {started.new_period}）"
    )


def _target(output: Path | None) -> Path | None:
    """The file to write, or None for the terminal (no -o, or -o -)."""
    return None if output is None or str(output) == "-" else output


def _report(text: str, warnings: list[Problem], target: Path | None, detail: str) -> None:
    """The notes on stderr; the YAML on stdout when no file was written (the library wrote it)."""
    print_problems(warnings)
    if target is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    else:
        click.echo(f"已生成 {target}{detail}", err=True)
