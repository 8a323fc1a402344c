"""Checks of the whole-公文 fields (版头, 附件 pages, 版记) that need more than one field or
the file system: each problem names the field that is wrong, with its position."""

from __future__ import annotations

from pathlib import Path

from reportgen import codes
from reportgen.core.load import Loaded
from reportgen.core.model import Report, iso_date
from reportgen.problem import Level, Problem

# Fields that only exist in a 版头 (GB/T 9704 7.2).
_MASTHEAD = {
    "issuer_mark": "发文机关标志（issuer_mark）",
    "signers": "签发人（signers）",
    "copy_number": "份号（copy_number）",
    "secrecy": "密级（secrecy）",
    "urgency": "紧急程度（urgency）",
}
ATTACHMENT_SUFFIXES = (".md", ".txt", ".markdown", ".docx")


def gongwen_problems(report: Report, loaded: Loaded, source: Path | None) -> list[Problem]:
    problems: list[Problem] = []
    if report.format == "plain":
        for name, label in _MASTHEAD.items():
            if getattr(report, name):
                problems.append(
                    loaded.problem(
                        (name,),
                        codes.MASTHEAD_IN_PLAIN,
                        f"{label}只排在文件格式或信函格式的版头中，而这里写了 format: plain；"
                        "请删去这一项，或改为 format: file。",
                        key=True,
                    )
                )
    if report.signers and not report.doc_number and report.format != "plain":
        problems.append(
            loaded.problem(
                ("signers",),
                codes.SIGNERS_WITHOUT_NUMBER,
                "写了签发人却没有发文字号（doc_number）：上行文的发文字号居左、签发人居右，排在同一行；"
                "请补上 doc_number，如“青教发〔2024〕15号”。",
                key=True,
            )
        )
    if report.secrecy and not report.copy_number:
        problems.append(
            loaded.problem(
                ("secrecy",),
                codes.SECRET_WITHOUT_COPY_NUMBER,
                "涉密公文应当标注份号（GB/T 9704 7.2.1）：请补上 copy_number，如 000001。",
                key=True,
                level=Level.WARNING,
            )
        )
    if report.printed_on and report.date and iso_date(report.printed_on) < iso_date(report.date):
        problems.append(
            loaded.problem(
                ("printed_on",),
                codes.PRINTED_BEFORE_DATE,
                f"印发日期 {report.printed_on} 早于成文日期 {report.date}；请核对。",
                level=Level.WARNING,
            )
        )
    # Attachments' files are side files: core/side_files.py reads them (I054).
    return problems
