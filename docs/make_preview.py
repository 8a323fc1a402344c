"""Regenerate docs/preview.png: `reportgen preview` of an example in Debian's Chromium, driven
by Playwright, with one half-width comma typed into the text so that a finding shows in the
list on top and in the margin at its place. Fonts: the Fandol stand-ins, as for the PDFs.

    python docs/make_preview.py
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path
from queue import Queue

from playwright.sync_api import sync_playwright

from reportgen.preview import preview
from reportgen.render.pdf import fonts_conf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "青山县教育局-2024Q3-校园安全.report.yaml"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)  # the findings name the file as the user typed it
        report = Path("校园安全.report.yaml")
        shutil.copy(EXAMPLE, report)
        text = report.read_text(encoding="utf-8")
        urls: Queue[str] = Queue()
        stop = threading.Event()
        thread = threading.Thread(
            target=preview,
            args=(report,),
            kwargs={"open_browser": False, "announce": urls.put, "stop": stop},
        )
        thread.start()
        env = dict(os.environ)
        conf = fonts_conf()
        if conf is not None:
            env["FONTCONFIG_FILE"] = str(conf)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS, env=env)
                page = browser.new_page(viewport={"width": 1000, "height": 1260})
                page.goto(urls.get(timeout=10))
                page.locator("#rg-status", has_text="实时预览").wait_for()
                # A save, as the user makes one: the update shows the re-render's time.
                report.write_text(text.replace("班子成员", "班子成员,", 1), encoding="utf-8")
                page.wait_for_selector(".flagged")
                page.evaluate("document.fonts.ready")
                page.screenshot(path=str(ROOT / "docs" / "preview.png"))
                browser.close()
        finally:
            stop.set()
            thread.join(timeout=10)


if __name__ == "__main__":
    main()
