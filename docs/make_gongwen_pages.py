"""Regenerate docs/gongwen-page1.png and docs/gongwen-last.png: the first and last page of
the 文件格式 example (红头, 签发人, attachment page, 版记), rendered by LibreOffice (with the
faces render/fontmap.py finds for the office fonts) and rasterised by pdftoppm.

    python docs/make_gongwen_pages.py
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from reportgen.pipeline import prepare, render_bytes
from reportgen.render.pdf import docx_to_pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "青山县教育局-2025上半年-教师队伍建设-上行文.report.yaml"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / "example.docx"
        docx.write_bytes(render_bytes(prepare(EXAMPLE), "docx"))
        (pdf,) = docx_to_pdf([docx], Path(tmp))
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
        pages = int(
            next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:]
        )
        for page, name in ((1, "gongwen-page1"), (pages, "gongwen-last")):
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "80",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-singlefile",
                    str(pdf),
                    str(ROOT / "docs" / name),
                ],
                check=True,
            )


if __name__ == "__main__":
    main()
