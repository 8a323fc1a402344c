"""Checks of the whole-公文 fields (版头, 附件 pages, 版记) that need more than one field or
the file system: each problem names the field that is wrong, with its position."""

from __future__ import annotations

from pathlib import Path

from reportgen.core.load import Loaded
from reportgen.core.model import Attachment, Report, iso_date
from reportgen.problem import Level, Problem

ATTACHMENT_SUFFIXES = (".md", ".txt", ".markdown", ".docx")

# Fields that only exist in a 版头 (GB/T 9704 7.2).
_MASTHEAD = {
    "issuer_mark": "发文机关标志（issuer_mark）",
    "signers": "签发人（signers）",
    "copy_number": "份号（copy_number）",
    "secrecy": "密级（secrecy）",
    "urgency": "紧急程度（urgency）",
}


def gongwen_problems(report: Report, loaded: Loaded, source: Path | None) -> list[Problem]:
    problems: list[Problem] = []
    if report.format == "plain":
        for name, label in _MASTHEAD.items():
            if getattr(report, name):
                problems.append(
                    loaded.problem(
                        (name,),
                        "I050",
                        "masthead-in-plain",
                        f"{label}只排在文件格式或信函格式的版头中，而这里写了 format: plain；"
                        "请删去这一项，或改为 format: file。",
                        key=True,
                    )
                )
    if report.signers and not report.doc_number and report.format != "plain":
        problems.append(
            loaded.problem(
                ("signers",),
                "I053",
                "signers-without-number",
                "写了签发人却没有发文字号（doc_number）：上行文的发文字号居左、签发人居右，排在同一行；"
                "请补上 doc_number，如“青教发〔2024〕15号”。",
                key=True,
            )
        )
    if report.secrecy and not report.copy_number:
        problems.append(
            loaded.problem(
                ("secrecy",),
                "I056",
                "secret-without-copy-number",
                "涉密公文应当标注份号（GB/T 9704 7.2.1）：请补上 copy_number，如 000001。",
                key=True,
                level=Level.WARNING,
            )
        )
    if report.printed_on and report.date and iso_date(report.printed_on) < iso_date(report.date):
        problems.append(
            loaded.problem(
                ("printed_on",),
                "I055",
                "printed-before-date",
                f"印发日期 {report.printed_on} 早于成文日期 {report.date}；请核对。",
                level=Level.WARNING,
            )
        )
    base = source.parent if source is not None else Path(".")
    for i, entry in enumerate(report.attachments):
        if isinstance(entry, Attachment) and entry.file:
            problems += _file_problems(loaded, ("attachments", i, "file"), base, entry.file)
    return problems


def _file_problems(
    loaded: Loaded, path: tuple[str | int, ...], base: Path, name: str
) -> list[Problem]:
    from reportgen.core.attachment_file import (
        AttachmentFileError,
        outside,
        read_docx_attachment,
    )

    target = base / name
    why = ""
    if target.suffix.lower() not in ATTACHMENT_SUFFIXES:
        why = f"只能附 .md、.txt 或 .docx 文件，“{name}”不是"
    elif (away := outside(base, name)) is not None:
        # Side files stay beside the report: a report passed around must not pull in
        # another folder's files (symlinks are followed).
        return [
            loaded.problem(
                path,
                "I044",
                "attachment-file-outside",
                f"附件文件 {away} 不在报告文件所在的文件夹（{base}）里；附件文件只能放在报告旁边或其子文件夹中，"
                "请把它复制过来。",
            )
        ]
    elif not target.is_file():
        why = f"找不到附件文件“{name}”（相对于报告文件所在的文件夹）"
    elif target.suffix.lower() == ".docx":
        try:
            content = read_docx_attachment(target)
        except AttachmentFileError as exc:
            return [loaded.problem(path, exc.code, exc.name, exc.message)]
        if content.dropped:
            return [
                loaded.problem(
                    path,
                    "I041",
                    "attachment-docx-dropped",
                    f"附件文件“{name}”中的 {content.dropped} 处图片、图表、文本框或嵌入对象没有附上"
                    "（只附文字段落和表格）；需要时请在生成的文件中手工插入，或把附件另行报送。",
                    level=Level.WARNING,
                )
            ]
    else:
        try:
            target.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            why = (
                f"附件文件“{name}”无法读取（{getattr(exc, 'strerror', None) or '不是 UTF-8 文本'}）"
            )
    if not why:
        return []
    return [loaded.problem(path, "I054", "attachment-file", why + "。")]
