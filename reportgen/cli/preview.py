"""`preview`: the report in the browser as a printed page, updated on each save."""

from __future__ import annotations

from pathlib import Path

import click

from reportgen.cli._shared import Command, help_option, templates_option


@click.command(cls=Command, add_help_option=False)
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    metavar="端口",
    help="监听的端口（只监听本机 127.0.0.1）；默认 0，即自动选一个空闲端口。",
)
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器，只显示预览地址。")
@templates_option
@help_option
def preview(input_path: Path, port: int, no_browser: bool, template_dirs: tuple[Path, ...]) -> None:
    """在浏览器里按打印页面的样子预览报告，每次保存文件后自动更新，错误就地标出。按 Ctrl-C 停止。"""
    from reportgen.preview import preview as serve

    def announce(url: str) -> None:
        click.echo(f"正在预览 {input_path}", err=True)
        click.echo(f"预览地址：{url}", err=True)
        click.echo("保存文件后页面会自动更新；按 Ctrl-C 停止预览。", err=True)

    serve(
        input_path,
        port=port,
        open_browser=not no_browser,
        template_dirs=template_dirs,
        announce=announce,
    )
