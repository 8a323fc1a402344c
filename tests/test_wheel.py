"""The built wheel carries the templates: install it (non-editable) into a fresh venv and run
`reportgen` from an unrelated directory."""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT


def test_every_package_is_listed_in_pyproject() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "reportgen").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


@pytest.mark.slow
def test_wheel_installs_and_renders(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("reportgen", "templates"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(src),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("reportgen-*.whl")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    # Dependencies come from the test environment (no network needed); reportgen itself
    # only from the wheel.
    purelib = Path(
        subprocess.run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    deps = {
        sysconfig.get_paths()["purelib"],
        sysconfig.get_paths()["platlib"],
        *site.getsitepackages(),
    }
    (purelib / "_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    subprocess.run(
        [str(py), "-m", "pip", "install", "--no-deps", "--force-reinstall", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "r.report.yaml").write_text(MINIMAL, encoding="utf-8")
    result = subprocess.run(
        [str(venv / "bin" / "reportgen"), "render", "r.report.yaml", "-o", "报告.md"],
        cwd=elsewhere,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert (
        (elsewhere / "报告.md")
        .read_text(encoding="utf-8")
        .startswith("# 关于2024年第三季度校园安全工作情况的报告")
    )
    result = subprocess.run(
        [str(venv / "bin" / "reportgen"), "render", "r.report.yaml", "-o", "报告.docx"],
        cwd=elsewhere,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert (elsewhere / "报告.docx").read_bytes()[:2] == b"PK"
    # The page look inlines CSS and a script read from templates/html/ (package data).
    result = subprocess.run(
        [str(venv / "bin" / "reportgen"), "render", "r.report.yaml", "-o", "报告.html"],
        cwd=elsewhere,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert ".look-web main" in (elsewhere / "报告.html").read_text(encoding="utf-8")
    where = subprocess.run(
        [str(py), "-c", "import reportgen; print(reportgen.__file__)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(venv) in where  # the installed copy, not the checkout
    kinds = subprocess.run(
        [str(venv / "bin" / "reportgen"), "kinds"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "self-inspection" in kinds.stdout
