"""The `reportgen` command: parse options, call one library function, map errors to exit codes.

Exit codes: 0 success; 1 invalid input (or a failed output); 2 usage problems and unreadable
files; 3 an unexpected exception (a bug: `--debug` shows the traceback).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from reportgen import __version__
from reportgen.errors import InputError, ReportgenError
from reportgen.problem import Problem

EXIT_BUG = 3


# ---------------------------------------------------------------- Chinese help


class _ChineseHelp:
    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="用法：")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params = [p for p in self.get_params(ctx) if isinstance(p, click.Option)]  # type: ignore[attr-defined]
        rows = [r for p in params if (r := p.get_help_record(ctx))]
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)
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
            with formatter.section("命令"):
                formatter.write_dl(rows)


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
_help = click.help_option("-h", "--help", help="显示本帮助并退出。")
_templates = click.option(
    "--templates",
    "template_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="自定义模板目录（可多次指定），其中的文种和模板优先于内置的。",
)


def _print_problems(problems: list[Problem]) -> None:
    for p in problems:
        click.echo(p.format(), err=True)


@click.group(cls=Group, context_settings=CONTEXT, add_help_option=False)
@click.version_option(
    __version__, "-V", "--version", message="reportgen %(version)s", help="显示版本并退出。"
)
@click.option("--debug", is_flag=True, help="出现意外错误时显示完整的调用栈（报告缺陷时附上）。")
@_help
def cli(debug: bool) -> None:
    """reportgen：用结构化的 YAML 生成符合 GB/T 9704-2012 的中文工作报告（DOCX / Markdown），
    并检查报告的结构和标点。

    \b
    常用：
      reportgen new -o 本季度.report.yaml        生成一份带说明的报告模板
      reportgen render 本季度.report.yaml -o 报告.docx
      reportgen render 本季度.report.yaml         在终端预览 Markdown
    """


@cli.command(add_help_option=False)
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="输出文件（.md / .docx / .pdf）；省略或写 - 时把 Markdown 输出到终端。",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["md", "docx", "pdf"]),
    default=None,
    help="输出格式；省略时按输出文件的扩展名判断。",
)
@click.option(
    "-k", "--kind", default=None, help="文种（覆盖报告里的 kind），见 `reportgen kinds`。"
)
@click.option(
    "--reference-doc",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="单位自己的 Word 文件（.docx）：沿用其中的样式、页面设置和页眉页脚（如红头）。",
)
@_templates
@_help
def render(
    input_path: Path,
    output: Path | None,
    fmt: str | None,
    kind: str | None,
    reference_doc: Path | None,
    template_dirs: tuple[Path, ...],
) -> None:
    """把一份报告（*.report.yaml）生成为 Markdown、DOCX 或 PDF。"""
    from reportgen.errors import UsageError
    from reportgen.pipeline import render_file

    to_stdout = output is None or str(output) == "-"
    if to_stdout and fmt in ("docx", "pdf"):
        raise UsageError(f"{fmt.upper()} 不能输出到终端；请用 -o 指定文件，如 -o 报告.{fmt}。")
    data, prepared = render_file(
        input_path,
        None if to_stdout else output,
        fmt=fmt,
        kind=kind,
        template_dirs=template_dirs,
        reference_doc=reference_doc,
    )
    _print_problems(prepared.warnings)
    if to_stdout:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        click.echo(f"已生成 {output}", err=True)
        if fmt in ("docx", "pdf") or (
            output is not None and output.suffix.lower() in (".docx", ".pdf")
        ):
            _note_missing_fonts(prepared.style)


def _note_missing_fonts(style: object) -> None:
    """Tell the user when this computer lacks the fonts the document names: the file is right,
    but what they see here (and a PDF made here) uses substitutes."""
    from reportgen.render.docx.fonts import missing_fonts
    from reportgen.style import StyleProfile

    missing = missing_fonts(style if isinstance(style, StyleProfile) else StyleProfile())
    if missing:
        click.echo(
            f"提示：本机没有安装 {'、'.join(missing)}；文件中仍按公文要求写明这些字体，"
            "在装有这些字体的电脑上显示正常，在本机查看（或在本机转成的 PDF）会用相近字体代替。",
            err=True,
        )


@cli.command(add_help_option=False)
@click.argument("kind", required=False, default="work-report")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="写入的文件（建议以 .report.yaml 结尾）；省略时输出到终端。",
)
@click.option("--force", is_flag=True, help="文件已存在时覆盖。")
@_templates
@_help
def new(kind: str, output: Path | None, force: bool, template_dirs: tuple[Path, ...]) -> None:
    """生成一份带中文说明的报告模板（KIND 默认为 work-report）。"""
    from reportgen.starter import write_starter

    for line in write_starter(kind, output, force=force, template_dirs=template_dirs):
        click.echo(line, err=True)


@cli.command(add_help_option=False)
@click.argument("kind", required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="写入的文件；省略时输出到终端。",
)
@_templates
@_help
def schema(kind: str | None, output: Path | None, template_dirs: tuple[Path, ...]) -> None:
    """输出报告文件的 JSON Schema（供编辑器校验和补全）。"""
    from reportgen.schema import schema_json

    text = schema_json(kind, template_dirs)
    if output is None:
        click.echo(text, nl=False)
    else:
        from reportgen.output import atomic_write

        atomic_write(output, text.encode("utf-8"))
        click.echo(f"已生成 {output}", err=True)


@cli.command(add_help_option=False)
@_templates
@_help
def kinds(template_dirs: tuple[Path, ...]) -> None:
    """列出可用的文种及其各部分（* 为必需部分）。"""
    from reportgen.outline import all_kinds

    for kind in all_kinds(template_dirs):
        parts = "、".join(f"{p.heading}{'*' if p.required else ''}" for p in kind.spec.parts)
        click.echo(f"{kind.name:<16}{kind.spec.label}：{parts}")
        if kind.spec.description:
            click.echo(f"{'':<16}{kind.spec.description}")


# ---------------------------------------------------------------- batch (issue #5)


@cli.command(add_help_option=False)
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
    help="输出格式，可写多个，用逗号分隔：docx,md,pdf。",
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
    help="把所有成功的报告汇集成一份草稿（.docx、.md 或 .pdf），按工作情况、成效、问题、下一步分类。",
)
@click.option(
    "--force", is_flag=True, help="全部重新生成（不跳过未变化的报告），并允许覆盖已有文件。"
)
@click.option("-q", "--quiet", is_flag=True, help="不显示进度和汇总表，只显示错误。")
@click.option("-k", "--kind", default=None, help="文种（覆盖每份报告里的 kind）。")
@_templates
@_help
def batch(
    inputs: tuple[Path, ...],
    outdir: Path,
    formats: str,
    jobs: int | None,
    name: str,
    defaults: Path | None,
    roster: Path | None,
    fail_fast: bool,
    summary: Path | None,
    rollup: Path | None,
    force: bool,
    quiet: bool,
    kind: str | None,
    template_dirs: tuple[Path, ...],
) -> None:
    """批量生成报告：INPUT 可以是报告文件、目录（查找其中所有 *.report.yaml）或清单（*.batch.yaml）。

    一份报告出错不影响其他报告；同名输出在写入前就会报错；未变化的报告自动跳过。
    有报告失败时返回 1，按 Ctrl-C 中断时返回 130（不会留下写了一半的文件）。
    """
    import shutil

    from reportgen.batch import BatchInterrupted, run_batch
    from reportgen.batch_report import Progress, Silent, closing_lines

    terminal = sys.stderr.isatty()
    columns = shutil.get_terminal_size().columns
    progress = Silent() if quiet else Progress(sys.stderr, terminal=terminal, columns=columns)
    try:
        result = run_batch(
            list(inputs),
            outdir,
            formats=formats,
            jobs=jobs,
            name=name,
            defaults=defaults,
            fail_fast=fail_fast,
            summary=summary,
            force=force,
            rollup=rollup,
            kind=kind,
            template_dirs=template_dirs,
            roster=roster,
            progress=progress,
        )
    except BatchInterrupted as exc:
        lines = closing_lines(exc.result.entries, [], exc.result.totals(), quiet=quiet)
        if lines:
            click.echo("\n".join(lines), err=True)
        raise
    lines = closing_lines(result.entries, result.warnings, result.totals(), quiet=quiet)
    if lines:
        click.echo("\n".join(lines), err=True)
    for made in (result.rollup, result.summary):
        if made is not None and not quiet:
            click.echo(f"已生成 {made}", err=True)
    if result.failed:
        raise ReportgenError(f"{result.count('failed')} 份报告没有生成，原因见上。")


# ---------------------------------------------------------------- import


@cli.command("import", add_help_option=False)
@click.argument("input_path", metavar="FILE", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="写入的报告文件（建议以 .report.yaml 结尾）；省略或写 - 时输出到终端。",
)
@click.option(
    "-k", "--kind", default=None, help="文种；省略时按标题推断（自查、总结、其他为工作报告）。"
)
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@_help
def import_(input_path: Path, output: Path | None, kind: str | None, force: bool) -> None:
    """把已有的报告（.docx / .md / .txt）转成报告文件（*.report.yaml）。"""
    from reportgen.importer import import_file

    to_stdout = output is None or str(output) == "-"
    result = import_file(input_path, None if to_stdout else output, kind=kind, force=force)
    _print_problems(result.warnings)
    if to_stdout:
        sys.stdout.buffer.write(result.text.encode("utf-8"))
        sys.stdout.flush()
    else:
        click.echo(f"已生成 {output}", err=True)


@cli.command(add_help_option=False)
@click.argument("paths", nargs=-1, metavar="[PATH]... [-]")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["auto", "standard", "parsable", "github", "json", "sarif", "junit"]),
    default="auto",
    help="输出格式；auto（默认）在 GitHub Actions 里用 github，否则用 standard。",
)
@click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="配置文件；默认从当前目录向上找 .reportgen.yaml。",
)
@click.option("--strict", is_flag=True, help="有警告也返回 1。")
@click.option(
    "--fix", is_flag=True, help="自动修正能安全修正的问题，写回 YAML 和 Markdown 源文件。"
)
@_templates
@_help
def check(
    paths: tuple[str, ...],
    fmt: str,
    config_path: Path | None,
    strict: bool,
    fix: bool,
    template_dirs: tuple[Path, ...],
) -> int:
    """检查报告（*.report.yaml、.md、.docx）的结构、内容和标点；目录递归查找，- 读标准输入（YAML）。

    \b
    返回值：0 没有错误（可有警告）；1 有错误（--strict 时警告也算）；2 无法运行。
    """
    from reportgen.check.formats import pick
    from reportgen.check.runner import STDIN, run_check

    stdin = sys.stdin.buffer.read() if STDIN in paths else None
    result = run_check(
        list(paths), config_path=config_path, fix=fix, stdin=stdin, template_dirs=template_dirs
    )
    click.echo(pick(fmt)(result), nl=False)
    return result.exit_code(strict)  # main() passes a command's returned exit code on


@cli.command(add_help_option=False)
@click.argument("rule", required=False)
@_help
def rules(rule: str | None) -> None:
    """列出 check 的全部规则；给出规则代码或名称（如 T001、placeholder）时显示其说明。"""
    from reportgen.check.docs import explain, rule_table

    click.echo(explain(rule) if rule else rule_table(), nl=False)


# ---------------------------------------------------------------- errors → exit codes

_CLICK_MESSAGES = (
    ("No such option", "没有这个选项"),
    ("No such command", "没有这个命令"),
    ("Missing argument", "缺少参数"),
    ("Missing option", "缺少选项"),
    ("Got unexpected extra argument", "多余的参数"),
    ("Got unexpected extra arguments", "多余的参数"),
    ("Invalid value for", "取值不对："),
    ("requires an argument", "需要一个值"),
    ("is not one of", "不是可选值之一"),
    ("does not exist", "不存在"),
    ("Did you mean", "是否想写"),
)


def _translate_click(message: str) -> str:
    for english, chinese in _CLICK_MESSAGES:
        message = message.replace(english, chinese)
    return message


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        returned = cli.main(args=args, prog_name="reportgen", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.Abort:
        click.echo("已中断。", err=True)
        return 130
    except click.UsageError as exc:
        if exc.ctx is not None:
            click.echo(exc.ctx.get_usage(), err=True)
        click.echo(f"错误：{_translate_click(exc.format_message())}", err=True)
        return 2
    except click.ClickException as exc:
        click.echo(f"错误：{_translate_click(exc.format_message())}", err=True)
        return 2
    except InputError as exc:
        _print_problems(exc.problems)
        errors = sum(1 for p in exc.problems if p.level.value == "error")
        click.echo(f"共 {errors} 个错误，未生成任何文件。", err=True)
        return exc.exit_code
    except ReportgenError as exc:
        click.echo(f"错误：{exc}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        return 130
    except Exception as exc:
        if debug:
            raise
        click.echo(
            f"内部错误：{type(exc).__name__}: {exc}\n这是 reportgen 的缺陷，不是您的输入有误。"
            "请加 --debug 重新运行查看详细信息，并把它连同输入文件一起报告给开发者。",
            err=True,
        )
        return EXIT_BUG
    # A command may return an exit code (click's standalone_mode=False passes it through).
    return returned if isinstance(returned, int) else 0
