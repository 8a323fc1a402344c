"""The `reportgen` command: parse options, call one library function, map errors to exit codes.

Each command lives in a small module of this package; this one holds the group and the one
place where errors become exit codes: 0 success; 1 invalid input (or a failed output); 2
usage problems and unreadable files; 3 an unexpected exception (a bug: `--debug` shows the
traceback); 130 interrupted. A file-system failure is never 3: the commands raise I036/I037
for the ones they expect, and any other OSError here is I039 (exit 1).
"""

from __future__ import annotations

import sys

import click

from reportgen import __version__, codes
from reportgen.cli._shared import CONTEXT, Group, help_option, print_problems
from reportgen.errors import InputError, ReportgenError, os_reason

EXIT_BUG = 3


@click.group(cls=Group, context_settings=CONTEXT, add_help_option=False)
@click.version_option(
    __version__, "-V", "--version", message="reportgen %(version)s", help="显示版本并退出。"
)
@click.option("--debug", is_flag=True, help="出现意外错误时显示完整的调用栈（报告缺陷时附上）。")
@help_option
def cli(debug: bool) -> None:
    """reportgen：用结构化的 YAML 生成符合 GB/T 9704-2012 的中文工作报告（DOCX、PDF、Markdown），
    并检查报告的结构和标点。

    \b
    常用：
      reportgen new -o 本季度.report.yaml        生成一份带说明的报告模板
      reportgen render 本季度.report.yaml -o 报告.docx
      reportgen render 本季度.report.yaml         在终端预览 Markdown
      reportgen preview 本季度.report.yaml        在浏览器里实时预览（保存即更新）
    """


def _register() -> None:
    from reportgen.cli import batch, check, importing, preview, report

    for command in (
        report.render,
        report.new,
        report.schema,
        report.kinds,
        preview.preview,
        check.check,
        check.rules,
        batch.batch,
        importing.import_,
        importing.next_,
    ):
        cli.add_command(command)


_register()


# ---------------------------------------------------------------- errors → exit codes

_CLICK_MESSAGES = (
    ("No such option", "没有这个选项"),
    ("No such command", "没有这个命令"),
    ("Missing argument", "缺少参数"),
    ("Missing option", "缺少选项"),
    # The plural first: replacing the singular inside it would leave its "s" behind.
    ("Got unexpected extra arguments", "多余的参数"),
    ("Got unexpected extra argument", "多余的参数"),
    ("Invalid value for ", "取值不对："),
    ("requires an argument", "需要一个值"),
    ("is not one of", "不是可选值之一"),
    ("does not exist", "不存在"),
    ("Did you mean", "是否想写"),
    ("is not in the range", "不在允许的范围内"),
    ("is a directory", "是一个目录"),
    ("is a file", "是一个文件"),
    ("is not writable", "不可写"),
    ("is not readable", "不可读"),
    ("Directory", "目录"),
    ("File", "文件"),
)


def _translate_click(message: str) -> str:
    """click's message in Chinese, with Chinese punctuation: “-f”、“md”，“。” “？” “：”."""
    import re

    for english, chinese in _CLICK_MESSAGES:
        message = message.replace(english, chinese)
    message = message.replace("Option ", "选项 ").replace("' / '", "'/'")
    message = re.sub(r"'([^'\n]*)'", r"“\1”", message)
    message = message.replace("”, “", "”、“").replace("”: ", "”：")
    # No space between Chinese text and a quotation mark (选项“-o”需要一个值).
    message = re.sub(r"(?<=[\u4e00-\u9fff]) (?=“)|(?<=”) (?=[\u4e00-\u9fff])", "", message)
    message = re.sub(r"\.\s+", "。", message).replace("?", "？")
    message = re.sub(r"多余的参数 \((.*)\)$", r"多余的参数：\1。", message)
    return message[:-1] + "。" if message.endswith(".") else message


def _is_symlink_loop(exc: RuntimeError) -> bool:
    return str(exc).startswith("Symlink loop from")  # pathlib before Python 3.13


def _failed_path(exc: OSError | RuntimeError) -> str:
    if isinstance(exc, RuntimeError):  # "Symlink loop from '/a/b'"
        return str(exc).removeprefix("Symlink loop from ").strip("'")
    return str(exc.filename) if exc.filename is not None else "reportgen"


def _bug(exc: Exception) -> int:
    click.echo(
        f"内部错误：{type(exc).__name__}: {exc}\n这是 reportgen 的缺陷，不是您的输入有误。"
        "请加 --debug 重新运行查看详细信息，并把它连同输入文件一起报告给开发者。",
        err=True,
    )
    return EXIT_BUG


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
        print_problems(exc.problems)
        errors = sum(1 for p in exc.problems if p.level.value == "error")
        # The render gate says more: the warnings, what --fix can mend, --draft.
        closing = getattr(exc, "advice", None) or [f"共 {errors} 个错误，未生成任何文件。"]
        click.echo("\n".join(closing), err=True)
        return exc.exit_code
    except ReportgenError as exc:
        click.echo(str(exc) if exc.problem else f"错误：{exc}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        return 130
    except (OSError, RuntimeError) as exc:
        # The commands turn the file errors they expect into I036/I037 with a message of
        # their own; any other one is still about a file, never a crash (exit 1, I039).
        if debug:
            raise
        if isinstance(exc, RuntimeError) and not _is_symlink_loop(exc):
            return _bug(exc)
        reason = f"读写文件或目录失败：{os_reason(exc)}。"
        click.echo(
            str(ReportgenError(reason, code=codes.FILE_ERROR, file=_failed_path(exc))), err=True
        )
        return 1
    except Exception as exc:
        if debug:
            raise
        return _bug(exc)
    # A command may return an exit code (click's standalone_mode=False passes it through).
    return returned if isinstance(returned, int) else 0
