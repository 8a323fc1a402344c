"""`check` and `rules` (the library is reportgen.check)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen.cli._shared import (
    Command,
    config_option,
    defaults_option,
    help_option,
    templates_option,
)


@click.command(cls=Command, add_help_option=False)
@click.argument("paths", nargs=-1, metavar="[PATH]... [-]")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["auto", "standard", "parsable", "github", "json", "sarif", "junit"]),
    default="auto",
    help="输出格式；auto（默认）在 GitHub Actions 里用 github，否则用 standard。",
)
@config_option("配置文件；默认从当前目录向上找 .reportgen.yaml。")
@click.option("--strict", is_flag=True, help="有警告也返回 1。")
@click.option(
    "--fix", is_flag=True, help="自动修正能安全修正的问题，写回 YAML 和 Markdown 源文件。"
)
@defaults_option
@click.option(
    "--roster",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="名单（.csv 或 .xlsx）：PATH 是名单套打的基础报告，按名单逐行填好后检查。",
)
@click.option(
    "--only-reports",
    is_flag=True,
    help="跳过看起来不是报告的 Markdown 和 DOCX 文件（如 README），并注明跳过了哪些；pre-commit 钩子使用。",
)
@templates_option
@help_option
def check(
    paths: tuple[str, ...],
    fmt: str,
    config_path: Path | None,
    strict: bool,
    fix: bool,
    defaults: Path | None,
    roster: Path | None,
    only_reports: bool,
    template_dirs: tuple[Path, ...],
) -> int:
    """检查报告（*.report.yaml、.md、.docx）的结构、内容和标点；目录递归查找，- 读标准输入（YAML）。

    也可以给出批量生成的清单（*.batch.yaml），按清单里的报告和共用字段检查。

    \b
    返回值：0 没有错误（可有警告）；1 有错误（--strict 时警告也算）；2 无法运行（选项或配置有误、文件读不到，或给出的目录里没有报告文件）。
    """
    from reportgen.check.formats import pick
    from reportgen.check.runner import STDIN, run_check
    from reportgen.core.reading import read_stream

    stdin = read_stream(sys.stdin.buffer, "stdin") if STDIN in paths else None
    result = run_check(
        list(paths),
        config_path=config_path,
        fix=fix,
        stdin=stdin,
        template_dirs=template_dirs,
        defaults=defaults,
        roster=roster,
        only_reports=only_reports,
    )
    if result.ignored:
        click.echo(
            f"按配置文件 {result.config} 的 ignore 没有检查：{'、'.join(result.ignored)}",
            err=True,
        )
    if result.skipped:
        click.echo(
            f"跳过 {len(result.skipped)} 个不像报告的文件（没有“一、二、”各部分）："
            f"{'、'.join(result.skipped)}",
            err=True,
        )
    click.echo(pick(fmt)(result), nl=False)
    return result.exit_code(strict)  # main() passes a command's returned exit code on


@click.command(cls=Command, add_help_option=False)
@click.argument("rule", required=False)
@help_option
def rules(rule: str | None) -> None:
    """列出全部代码：check 的规则、读取和校验报告的问题（I）、导入的提示（M）；给出代码或名称（如 T001、placeholder、I012、M001）时显示其说明。"""
    from reportgen.check.docs import explain, rule_table

    click.echo(explain(rule) if rule else rule_table(), nl=False)
