"""`render`, `new`, `schema`, `kinds`: one report and its starter, schema and kinds."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen.cli._shared import (
    GATE_CONFIG_HELP,
    Command,
    config_option,
    defaults_option,
    help_option,
    print_problems,
    templates_option,
)
from reportgen.render.formats import FORMATS, Look, for_path


@click.command(cls=Command, add_help_option=False)
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help=f"输出文件（{' / '.join(f.suffix for f in FORMATS.values())}）；省略或写 - 时把 Markdown 输出到终端。",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default=None,
    help="输出格式；省略时按输出文件的扩展名判断。",
)
@click.option(
    "--html-look",
    type=click.Choice([look.value for look in Look]),
    default=None,
    help="HTML 的样式：web（默认）为适合网页发布的单栏版式；page 在浏览器里模仿打印出的公文页面（A4、版心、页码）。",
)
@click.option(
    "-k", "--kind", default=None, help="文种（覆盖报告里的 kind），见 `reportgen kinds`。"
)
@click.option(
    "--reference-doc",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="单位自己的 Word 文件（.docx）：沿用其中的页面设置、页眉页脚和正文开头的红头；"
    "样式按公文版式重设（加 --reference-styles 则沿用其中的样式）。",
)
@click.option(
    "--reference-styles",
    is_flag=True,
    help="沿用参考文档自己的样式（标题、正文、各级标题），不按公文版式重设。",
)
@click.option(
    "--draft",
    is_flag=True,
    help="有错误（如没有替换的占位符）时仍然生成，文件上标明“草稿”；默认有错误时不生成。",
)
@config_option(GATE_CONFIG_HELP)
@defaults_option
@click.option(
    "--roster",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="名单（.csv 或 .xlsx）：与 --row 一起预览名单套打中的一份。",
)
@click.option(
    "--row",
    type=click.IntRange(min=1),
    default=None,
    help="名单的第几行（与 batch 提示中的“名单第 N 行”相同）。",
)
@templates_option
@help_option
def render(
    input_path: Path,
    output: Path | None,
    fmt: str | None,
    html_look: str | None,
    kind: str | None,
    reference_doc: Path | None,
    draft: bool,
    config_path: Path | None,
    defaults: Path | None,
    roster: Path | None,
    row: int | None,
    reference_styles: bool,
    template_dirs: tuple[Path, ...],
) -> None:
    """把一份报告（*.report.yaml）生成为 Markdown、DOCX、PDF 或 HTML。

    生成前按 check 的规则检查；有错误时不生成文件（返回 1），加 --draft 时生成标明“草稿”的文件。
    """
    from reportgen.check.config import load_config
    from reportgen.check.gate import advice
    from reportgen.errors import UsageError
    from reportgen.pipeline import render_file

    to_stdout = output is None or str(output) == "-"
    if to_stdout and fmt is not None and FORMATS[fmt].binary:
        chosen = FORMATS[fmt]
        raise UsageError(
            f"{chosen.label} 不能输出到终端；请用 -o 指定文件，如 -o 报告{chosen.suffix}。"
        )
    if html_look is not None and not _is_html(output, fmt):
        raise UsageError("--html-look 只用于 HTML 输出（-o 报告.html 或 --format html）。")
    if (roster is None) != (row is None):
        raise UsageError("--roster 和 --row 要一起用：如 --roster 名单.csv --row 2。")
    data, prepared, gate = render_file(
        input_path,
        None if to_stdout else output,
        fmt=fmt,
        kind=kind,
        template_dirs=template_dirs,
        reference_doc=reference_doc,
        config=load_config(config_path, Path.cwd()),
        draft=draft,
        defaults=defaults,
        roster=(roster, row) if roster is not None and row is not None else None,
        reference_styles=reference_styles,
        html_look=Look(html_look or Look.WEB),
    )
    print_problems(sorted(prepared.warnings + gate.problems, key=lambda p: p.sort_key()))
    for line in advice(gate, str(input_path), draft=draft):
        click.echo(line, err=True)
    if to_stdout:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    elif draft and gate.errors:
        click.echo(f"已生成草稿 {output}（标有“草稿”字样，不能作为正式文件报送）", err=True)
    else:
        click.echo(f"已生成 {output}", err=True)
        made = FORMATS[fmt] if fmt else for_path(output) if output is not None else None
        if made is not None and "docx" in (made.name, made.via):  # laid out by the DOCX writer
            _note_fonts(prepared.style, pdf=made.via == "docx")


def _is_html(output: Path | None, fmt: str | None) -> bool:
    chosen = FORMATS.get(fmt) if fmt is not None else for_path(output) if output else None
    return chosen is not None and chosen.name == "html"


def _note_fonts(style: object, *, pdf: bool) -> None:
    """Tell the user when this computer lacks the fonts the document names: the file is right,
    but what they see here (and a PDF made here) uses substitutes; for a PDF, say which."""
    from reportgen.core.style import StyleProfile
    from reportgen.render.docx.fonts import east_asian_fonts, missing_fonts
    from reportgen.render.fontmap import font_plan

    profile = style if isinstance(style, StyleProfile) else StyleProfile()
    missing = missing_fonts(profile)
    if missing:
        example = font_plan().face(missing[0]) or "仿宋"
        click.echo(
            f"提示：本机没有安装 {'、'.join(missing)}；文件中仍按公文要求写明这些字体，"
            "在装有这些字体的电脑上显示正常，在本机查看（或在本机转成的 PDF）会用相近字体代替。"
            f"如果收文单位也没有这些字体，可在报告的 style: 中改用已有的字体，如 {example}。",
            err=True,
        )
    if not pdf:
        return
    plan = font_plan()
    names = east_asian_fonts(profile)
    used = plan.substitutes(names)
    if used:
        pairs = "，".join(f"{name} → {face}" for name, face in used.items())
        click.echo(f"提示：PDF 中的字体替代：{pairs}。", err=True)
    absent = plan.missing(names)
    if absent:
        click.echo(
            f"提示：本机找不到 {'、'.join(absent)} 及其替代字体（如 Fandol），"
            "PDF 中这些文字由 LibreOffice 任选字体显示，版面可能走样。"
            "可安装 Fandol 字体（Debian/Ubuntu：apt-get install texlive-lang-chinese）。",
            err=True,
        )


@click.command(cls=Command, add_help_option=False)
@click.argument("kind", required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="写入的文件（建议以 .report.yaml 结尾）；省略时输出到终端。",
)
@click.option("--force", is_flag=True, help="文件已存在时覆盖。")
@templates_option
@help_option
def new(
    kind: str | None, output: Path | None, force: bool, template_dirs: tuple[Path, ...]
) -> None:
    """生成一份带中文说明的报告模板（KIND 默认为 words.yaml 的 default_kind）。"""
    from reportgen.genre.registry import default_kind
    from reportgen.starter import write_starter

    kind = kind or default_kind(template_dirs)
    for line in write_starter(kind, output, force=force, template_dirs=template_dirs):
        click.echo(line, err=True)


@click.command(cls=Command, add_help_option=False)
@click.argument("kind", required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="写入的文件；省略时输出到终端。",
)
@templates_option
@help_option
def schema(kind: str | None, output: Path | None, template_dirs: tuple[Path, ...]) -> None:
    """输出报告文件的 JSON Schema（供编辑器校验和补全）。"""
    from reportgen.core.schema import schema_json

    text = schema_json(kind, template_dirs)
    if output is None:
        click.echo(text, nl=False)
    else:
        from reportgen.output import atomic_write

        atomic_write(output, text.encode("utf-8"))
        click.echo(f"已生成 {output}", err=True)


@click.command(cls=Command, add_help_option=False)
@templates_option
@help_option
def kinds(template_dirs: tuple[Path, ...]) -> None:
    """列出可用的文种及其各部分（* 为必需部分），以及部分的作用（role）。"""
    from reportgen.genre.registry import genre_for

    genre = genre_for(template_dirs)
    for kind in genre.kinds.values():
        parts = "、".join(f"{p.heading}{'*' if p.required else ''}" for p in kind.spec.parts)
        click.echo(f"{kind.name:<16}{kind.spec.label}：{parts}")
        if kind.spec.description:
            click.echo(f"{'':<16}{kind.spec.description}")
    roles = "、".join(f"{r} {spec.label}" for r, spec in genre.roles.roles.items())
    click.echo(f"\n部分的作用（role）：{roles}")
