"""DOCX → PDF through LibreOffice, many files per soffice start (each start costs ~1 s).

Each soffice runs under a small guard process (soffice_guard.py) in a process group of
its own, with a private profile in the temp folder named ``reportgen-lo-<pid>-*``: the
guard kills soffice and removes the profile when reportgen stops it, when it times out
and when reportgen dies; :func:`clean_stale_profiles` removes what a killed guard left.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from typing import TYPE_CHECKING

from reportgen.errors import OutputError

if TYPE_CHECKING:
    from reportgen.pipeline import Prepared
    from reportgen.render.formats import RenderOptions

__all__ = [
    "clean_stale_profiles",
    "docx_to_pdf",
    "find_soffice",
    "fonts_conf",
    "make",
    "stop_conversions",
]

PROFILE_PREFIX = "reportgen-lo-"
_PROFILE = re.compile(re.escape(PROFILE_PREFIX) + r"(\d+)-")
_GUARD = pathlib.Path(__file__).with_name("soffice_guard.py")
_RUNNING: set[subprocess.Popen[str]] = set()
_RUNNING_LOCK = threading.Lock()

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


def fonts_conf(folder: pathlib.Path | None = None) -> pathlib.Path | None:
    """Write the fontconfig file mapping office font names to the faces installed here
    (render/fontmap.py) into ``folder`` (by default a folder kept for this process, for
    other programs such as a browser); ``None`` when there is nothing to map."""
    from reportgen.render.fontmap import font_plan

    plan = font_plan()
    if not plan.extra_dirs and not plan.substitutes(plan.faces):
        return None
    if folder is None:
        folder = _process_folder()
    path = folder / "fonts.conf"
    path.write_text(plan.conf_xml(), encoding="utf-8")
    return path


@functools.lru_cache(maxsize=1)
def _process_folder() -> pathlib.Path:
    folder = pathlib.Path(tempfile.mkdtemp(prefix="reportgen-fonts-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


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
    profile = tempfile.mkdtemp(prefix=f"{PROFILE_PREFIX}{os.getpid()}-")
    # LibreOffice's own temporary files (lu*.tmp) go inside the profile, removed with it.
    env.update({name: profile for name in ("TMPDIR", "TMP", "TEMP")})
    # The office font names mapped to the faces installed here (render/fontmap.py).
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
        # soffice runs inside the throw-away profile: it leaves files (pkcs11.txt) in its
        # working directory, which must not be the user's folder.
        returncode, stdout, stderr = _run_guarded(command, profile, env, limit, soffice)
    finally:
        shutil.rmtree(profile, ignore_errors=True)  # the guard did, unless it was killed
    missing = [str(p) for p in pdfs if not p.is_file()]
    if returncode != 0 or missing:
        detail = (stderr or stdout).strip()[-500:]
        raise OutputError(
            f"LibreOffice 未能生成 PDF：{', '.join(missing) or '返回码 ' + str(returncode)}"
            + (f"\n{detail}" if detail else "")
        )
    return pdfs


def _run_guarded(
    command: list[str], profile: str, env: dict[str, str], limit: float, soffice: str
) -> tuple[int, str, str]:
    posix = os.name == "posix"
    guard = [sys.executable, "-I", str(_GUARD), str(os.getpid()), profile] if posix else []
    try:
        proc = subprocess.Popen(
            [*guard, *command],
            cwd=None if posix else profile,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=posix,  # not in the terminal's group: reportgen stops it itself
        )
    except OSError as exc:
        raise OutputError(f"无法启动 LibreOffice（{soffice}）：{exc}") from exc
    with _RUNNING_LOCK:
        _RUNNING.add(proc)
    try:
        stdout, stderr = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _stop(proc)
        raise OutputError(f"LibreOffice 转换 PDF 超时（{limit:.0f} 秒）") from None
    except BaseException:
        _stop(proc)
        raise
    finally:
        with _RUNNING_LOCK:
            _RUNNING.discard(proc)
    return proc.returncode, stdout, stderr


def _stop(proc: subprocess.Popen[str]) -> None:
    """Tell the guard to kill soffice and clean up; kill the guard if it does not answer."""
    with contextlib.suppress(OSError):
        proc.send_signal(signal.SIGTERM)
    try:
        proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()


def stop_conversions() -> None:
    """Stop every conversion running in this process (a batch that is stopping)."""
    with _RUNNING_LOCK:
        running = list(_RUNNING)
    for proc in running:
        with contextlib.suppress(OSError):
            proc.send_signal(signal.SIGTERM)


def clean_stale_profiles() -> list[str]:
    """Remove the LibreOffice profiles of reportgen processes that no longer run (killed
    with their guard before it could clean); a live process's profile is left alone."""
    removed: list[str] = []
    root = pathlib.Path(tempfile.gettempdir())
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    for entry in entries:
        match = _PROFILE.match(entry.name)
        if not match or _alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            mine = entry.stat(follow_symlinks=False).st_uid == getattr(os, "getuid", lambda: 0)()
            if entry.is_dir(follow_symlinks=False) and mine:
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(entry.name)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def make(prepared: Prepared, options: RenderOptions) -> bytes:
    """The report as a PDF (the format registry's entry point): its DOCX, converted here."""
    from reportgen.render.formats import FORMATS

    docx = FORMATS["docx"].make(prepared, options)
    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as tmp:
        source = pathlib.Path(tmp) / "report.docx"
        source.write_bytes(docx)
        (pdf,) = docx_to_pdf([source], pathlib.Path(tmp))
        return pdf.read_bytes()
