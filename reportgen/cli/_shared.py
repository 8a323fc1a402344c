"""What every command shares: Chinese help output, the common options, problem printing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from reportgen.problem import Problem

# ---------------------------------------------------------------- Chinese help


def _section(formatter: click.HelpFormatter, title: str, rows: list[tuple[str, str]]) -> None:
    """click's ``formatter.section`` with a full-width colon after the title (选项：)."""
    formatter.write_paragraph()
    formatter.write_text(f"{title}：")
    formatter.indent()
    try:
        formatter.write_dl(rows)
    finally:
        formatter.dedent()


class _ChineseHelp:
    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="用法：")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params = [p for p in self.get_params(ctx) if isinstance(p, click.Option)]  # type: ignore[attr-defined]
        rows = [r for p in params if (r := p.get_help_record(ctx))]
        if rows:
            _section(formatter, "选项", rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


class Command(_ChineseHelp, click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)


class Group(_ChineseHelp, click.Group):
    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=60)))
        if rows:
            _section(formatter, "命令", rows)


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
help_option = click.help_option("-h", "--help", help="显示本帮助并退出。")
templates_option = click.option(
    "--templates",
    "template_dirs",
    multiple=True,
    # A misspelt folder must not fall back to the built-ins in silence (exit 2, like a missing file).
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="自定义模板目录（可多次指定），其中的文种和模板优先于内置的。",
)


_F = TypeVar("_F", bound=Callable[..., Any])


def config_option(help: str) -> Callable[[_F], _F]:
    """``-c/--config``: the rules' configuration file (check, and the gate of render/batch)."""
    return click.option(
        "-c",
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help=help,
    )


GATE_CONFIG_HELP = "检查规则的配置文件；默认从当前目录向上找 .reportgen.yaml（与 check 相同）。"

defaults_option = click.option(
    "--defaults",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="共用字段的 YAML 文件（与 batch --defaults 相同）：报告没写的字段从这里取。",
)


def print_problems(problems: list[Problem]) -> None:
    for p in problems:
        click.echo(p.format(), err=True)
