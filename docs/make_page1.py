"""Regenerate docs/page1.png: page 1 of an example, rendered by LibreOffice (with the Fandol
stand-ins for the office fonts) and rasterised by pdftoppm.

    python docs/make_page1.py
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from reportgen.pipeline import prepare, render_bytes
from reportgen.render.pdf import docx_to_pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "青山县教育局-2024Q3-校园安全.report.yaml"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / "example.docx"
        docx.write_bytes(render_bytes(prepare(EXAMPLE), "docx"))
        (pdf,) = docx_to_pdf([docx], Path(tmp))
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "96",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(ROOT / "docs" / "page1"),
            ],
            check=True,
        )
    print(ROOT / "docs" / "page1.png")


if __name__ == "__main__":
    main()
