"""DOCX → PDF through LibreOffice, many files per soffice start (each start costs ~1 s)."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import tempfile

from reportgen.errors import OutputError

__all__ = ["docx_to_pdf", "find_soffice", "fonts_conf"]

_CANDIDATES = (
    "soffice",
    "libreoffice",
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
)


def find_soffice() -> str | None:
    """The LibreOffice executable, or ``None`` when it is not installed."""
    for candidate in _CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def fonts_conf(folder: pathlib.Path) -> pathlib.Path | None:
    """Write the fontconfig file mapping office font names to the faces installed here
    (render/fontmap.py) into ``folder``; ``None`` when there is nothing to map."""
    from reportgen.render.fontmap import font_plan

    plan = font_plan()
    if not plan.extra_dirs and not plan.substitutes(plan.faces):
        return None
    path = folder / "fonts.conf"
    path.write_text(plan.conf_xml(), encoding="utf-8")
    return path


def docx_to_pdf(
    docx_paths: list[pathlib.Path], outdir: pathlib.Path, timeout: float | None = None
) -> list[pathlib.Path]:
    """Convert every file in one soffice call; returns the PDFs in the order given.

    ``timeout`` defaults to 60 s plus 5 s per file. Raises :class:`OutputError` when
    LibreOffice is missing, fails, times out or leaves a PDF unwritten.
    """
    if not docx_paths:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise OutputError(
            "未找到 LibreOffice（soffice），无法生成 PDF。请先安装：Debian/Ubuntu 用 "
            "`apt-get install libreoffice-writer-nogui`，其他系统从 https://www.libreoffice.org 下载。"
        )
    stems = [p.stem for p in docx_paths]
    if len(set(stems)) != len(stems):
        raise OutputError("同一批转换的 DOCX 文件名不能重复（输出的 PDF 会互相覆盖）")
    outdir.mkdir(parents=True, exist_ok=True)
    pdfs = [outdir / f"{stem}.pdf" for stem in stems]
    for pdf in pdfs:
        # soffice overwrites them anyway; removing them first means a PDF that is
        # there afterwards was really produced by this call.
        pdf.unlink(missing_ok=True)
    env = dict(os.environ)
    limit = timeout if timeout is not None else 60 + 5 * len(docx_paths)
    # A private profile per call: soffice instances sharing one profile block each other
    # (or hand the job to an already running instance that lacks our environment).
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as profile:
        conf = fonts_conf(pathlib.Path(profile))
        if conf is not None:
            env["FONTCONFIG_FILE"] = str(conf)
        command = [
            soffice,
            f"-env:UserInstallation={pathlib.Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir.resolve()),
            *(str(p.resolve()) for p in docx_paths),
        ]
        try:
            # Run inside the throw-away profile: soffice leaves files (pkcs11.txt) in its
            # working directory, which must not be the user's folder.
            completed = subprocess.run(
                command,
                env=env,
                capture_output=True,
                text=True,
                timeout=limit,
                check=False,
                cwd=profile,
            )
        except subprocess.TimeoutExpired as exc:
            raise OutputError(f"LibreOffice 转换 PDF 超时（{limit:.0f} 秒）") from exc
        except OSError as exc:
            raise OutputError(f"无法启动 LibreOffice（{soffice}）：{exc}") from exc
    missing = [str(p) for p in pdfs if not p.is_file()]
    if completed.returncode != 0 or missing:
        detail = (completed.stderr or completed.stdout).strip()[-500:]
        raise OutputError(
            f"LibreOffice 未能生成 PDF：{', '.join(missing) or '返回码 ' + str(completed.returncode)}"
            + (f"\n{detail}" if detail else "")
        )
    return pdfs
