"""`batch`: many reports at once (the library is reportgen.batch)."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any

import click

from reportgen.cli._shared import (
    GATE_CONFIG_HELP,
    Command,
    config_option,
    help_option,
    templates_option,
)
from reportgen.errors import ReportgenError
from reportgen.render.formats import names, suffix_list


@click.command(cls=Command, add_help_option=False)
@click.argument(
    "inputs", metavar="INPUT...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="输出目录（不存在时自动创建）。",
)
@click.option(
    "-f",
    "--format",
    "formats",
    default="docx",
    show_default=True,
    help=f"输出格式，可写多个，用逗号分隔：{','.join(names('docx'))}。",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None, help="并行进程数（默认：CPU 核数）。"
)
@click.option(
    "--name",
    default="{stem}",
    show_default=True,
    help="输出文件名模式，可用 {stem} {org} {period} {kind} {title}，如 {org}-{period}。",
)
@click.option(
    "--defaults",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="共用字段的 YAML 文件（period、date、recipient、kind、style 等），报告自己写的优先。",
)
@click.option(
    "--roster",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="名单（.csv 或 .xlsx），每行一个单位：用行里的值填写基础报告中的 {{ 列名 }}。",
)
@click.option("--fail-fast", is_flag=True, help="遇到第一份失败的报告就停止。")
@click.option(
    "--summary",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="把汇总表写入文件：.csv（Excel 可直接打开）或 .md。",
)
@click.option(
    "--rollup",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"把所有成功的报告汇集成一份草稿（{suffix_list('docx')}），按部分的作用分类（roles.yaml 里 rollup: true 的作用）。",
)
@click.option(
    "--expected",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="应报送单位名单（.csv 或 .xlsx，列名 org、单位或学校，否则用第一列）：汇总稿列出未报送的单位。",
)
@click.option(
    "--force", is_flag=True, help="全部重新生成（不跳过未变化的报告），并允许覆盖已有文件。"
)
@click.option("-q", "--quiet", is_flag=True, help="不显示进度和汇总表，只显示错误。")
@click.option("-k", "--kind", default=None, help="文种（覆盖每份报告里的 kind）。")
@click.option(
    "--draft",
    is_flag=True,
    help="检查出错误的报告也生成，文件上标明“草稿”；默认这样的报告不生成、算作失败。",
)
@config_option(GATE_CONFIG_HELP)
@templates_option
@help_option
def batch(quiet: bool, **options: Any) -> int:
    """批量生成报告：INPUT 可以是报告文件、目录（查找其中所有 *.report.yaml）或清单（*.batch.yaml）。

    一份报告出错不影响其他报告；同名输出在写入前就会报错；未变化的报告自动跳过。
    生成前按 check 的规则检查每份报告，有错误的不生成（加 --draft 时生成标明“草稿”的文件）。
    有报告失败时返回 1；按 Ctrl-C 中断时返回 130，收到 SIGTERM、SIGHUP 时返回 143、129
    （已完成的记入状态文件，不会留下写了一半的文件）。另一批正在向同一输出目录输出时返回 2。
    """
    import shutil

    from reportgen.batch.report import Progress, Silent, closing_lines
    from reportgen.batch.run import BatchInterrupted, BatchOptions, run
    from reportgen.batch.work import Status

    terminal = sys.stderr.isatty()
    columns = shutil.get_terminal_size().columns
    progress = Silent() if quiet else Progress(sys.stderr, terminal=terminal, columns=columns)
    options["inputs"] = tuple(options["inputs"])
    from reportgen.check.config import load_config

    options["config"] = load_config(options.pop("config_path"), Path.cwd())
    try:
        result = run(BatchOptions(**options), progress)
    except BatchInterrupted as exc:
        lines = closing_lines(
            exc.result.entries, exc.result.warnings, exc.result.totals(), quiet=quiet
        )
        name = {2: "", 1: "（收到 SIGHUP）", 15: "（收到 SIGTERM）"}.get(exc.signum, "")
        _echo([*lines, f"已中断{name}。"])  # after a hang-up the terminal may be gone
        return 128 + exc.signum
    lines = closing_lines(result.entries, result.warnings, result.totals(), quiet=quiet)
    _echo(lines + [f"已生成 {m}" for m in (result.rollup, result.summary) if m and not quiet])
    if result.failed:
        raise ReportgenError(f"{result.count(Status.FAILED)} 份报告没有生成，原因见上。")
    return 0


def _echo(lines: list[str]) -> None:
    if lines:
        with contextlib.suppress(OSError):
            click.echo("\n".join(lines), err=True)
