"""The page-balancing pass without LibreOffice: predicted line breaks (render/docx/linebreak.py)
and the choice of paragraphs to adjust (render/docx/balance.py). What LibreOffice really does
with them is measured in test_widow_layout.py."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from reportgen.core.blocks import Block, BlockKind, Document
from reportgen.core.style import StyleProfile
from reportgen.render.docx import render_docx
from reportgen.render.docx.balance import Item, Option, plan, violating
from reportgen.render.docx.linebreak import Run, font_advances, line_starts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HALF = {c: 0.5 for c in "0123456789"} | {"%": 0.833, ".": 0.278}
FIRST, LINE = 442.2 - 32, 442.2  # the type area, after the 2-character first-line indent
PITCH, PAGE = 28.95, 637.8


def lines(text: str, spacing: float = -0.25) -> list[str]:
    starts = line_starts([Run(text, 16, spacing, HALF)], FIRST, LINE)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


@pytest.mark.parametrize(
    ("text", "spacing", "widths"),
    [
        # 28 characters a line at −0.25 pt (15.75 pt each), 26 after the indent.
        ("学" * 80, -0.25, [26, 28, 26]),
        # +0.25 pt (16 pt each): 27 a line, 25 after the indent.
        ("学" * 80, 0.0, [25, 27, 27, 1]),
        # −0.85 pt (14.9 pt each): 29 a line, 27 after the indent.
        ("学" * 80, -1.1, [27, 29, 24]),
    ],
    ids=["28", "27", "29"],
)
def test_characters_per_line(text: str, spacing: float, widths: list[int]) -> None:
    assert [len(line) for line in lines(text, spacing)] == widths


@pytest.mark.parametrize(
    ("text", "first_line"),
    [
        # A mark that may not start a line takes the character before it along.
        ("学" * 26 + "，" + "学" * 10, "学" * 25),
        # An opening bracket never ends a line.
        ("学" * 25 + "（学学）" + "学" * 10, "学" * 25),
        # A number is never split, and it is spaced from the Chinese around it.
        ("学" * 24 + "2024年" + "学" * 10, "学" * 24),
        # An opening quote may start a line after a Chinese character …
        ("学" * 26 + "“学学”" + "学" * 10, "学" * 26),
        # … but not after ； (LibreOffice keeps them together).
        ("学" * 25 + "；“学学”" + "学" * 10, "学" * 24),
    ],
    ids=["comma", "bracket", "number", "quote", "quote-after-semicolon"],
)
def test_line_breaks(text: str, first_line: str) -> None:
    assert lines(text)[0] == first_line


def test_dashes_and_ellipses_may_be_split() -> None:
    # Measured: LibreOffice 7.4 breaks inside …… and —— and starts a line with either.
    text = "学" * 25 + "……" + "学" * 10
    assert lines(text)[0] == "学" * 25 + "…"


def _fandol_fang() -> str | None:
    """FandolFang-Regular wherever it is installed: asked of fontconfig, else in the folders
    the font map adds (TeX Live's tree, which fontconfig does not scan)."""
    from reportgen.render.fontmap import font_plan

    fc_match = shutil.which("fc-match")
    if fc_match is not None:
        out = subprocess.run(
            [fc_match, "--format", "%{family}\t%{file}", "FandolFang:style=Regular"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        families, _, path = out.partition("\t")
        if "FandolFang" in families.split(",") and path.endswith(".otf"):
            return path
    for folder in font_plan().extra_dirs:
        if (found := Path(folder) / "FandolFang-Regular.otf").is_file():
            return str(found)
    return None


def test_font_advances_read_from_the_font_file(tmp_path: Path) -> None:
    assert font_advances(str(tmp_path / "missing.otf")) == {}
    (tmp_path / "bad.otf").write_bytes(b"OTTO" + b"\0" * 40)
    assert font_advances(str(tmp_path / "bad.otf")) == {}
    fang = _fandol_fang()
    if fang is None:
        pytest.skip("FandolFang 未安装（fontconfig 和 TeX Live 的字体目录里都没有）")
    advances = font_advances(fang)
    assert advances["0"] == 0.5 and advances["%"] == pytest.approx(0.833, abs=0.001)


def item(lines: int, **options: tuple[float, float]) -> Item:
    result = Item(None, lines=lines, height=PITCH, text=True)
    result.options = {int(k[1:]): Option(*v) for k, v in options.items()}
    return result


def deltas(items: list[Item]) -> list[float]:
    return [option.delta for option in plan(items, PAGE)]


def test_a_widow_is_pulled_back_or_pushed_by_the_cheapest_change() -> None:
    # 20 lines, then a 3-line paragraph: lines 21–22 and a widow on page 2.
    items = [item(10), item(10, n11=(0.25, 20.0)), item(3, n2=(-0.85, 60.0))]
    assert len(violating(items, PAGE)) == 1
    # Loosening the second paragraph would start the third on line 22 alone (an orphan):
    # tightening the third to 2 lines is the only way.
    assert deltas(items) == [0.0, 0.0, -0.85]


def test_an_orphan_moves_down_with_a_line_added_above() -> None:
    # The third paragraph would start on line 22 alone.
    items = [item(10), item(11, n12=(0.25, 20.0)), item(5)]
    assert len(violating(items, PAGE)) == 1
    assert deltas(items) == [0.0, 0.25, 0.0]


def test_a_heading_never_ends_a_page() -> None:
    heading = Item(None, lines=1, height=PITCH, keep_next=True)
    items = [item(8, n9=(0.25, 20.0)), item(13), heading, item(4)]
    assert len(violating(items, PAGE)) == 1
    assert deltas(items) == [0.25, 0.0, 0.0, 0.0]


def test_nothing_changes_without_a_violation() -> None:
    items = [item(10, n11=(0.25, 20.0)), item(12), item(5)]
    assert len(violating(items, PAGE)) == 0
    assert deltas(items) == [0.0, 0.0, 0.0]


def _spacings(data: bytes) -> dict[str, set[str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    result: dict[str, set[str]] = {}
    for p in root.iter(f"{W}p"):
        values = {s.get(f"{W}val") or "" for s in p.iterfind(f"{W}r/{W}rPr/{W}spacing")}
        if values:
            result["".join(p.itertext())[:10]] = values
    return result


def orphan_document() -> Document:
    """Title, blank line and 19 lines of text put the last paragraph's first line on line
    22 of page 1 alone; the first paragraph's last line is almost full."""
    blocks = [
        Block(BlockKind.TITLE, "关于教师培训工作的报告"),
        Block(BlockKind.PARAGRAPH, "学" * (26 + 28 * 3 + 27)),  # 5 lines, the last nearly full
        Block(BlockKind.PARAGRAPH, "校" * (26 + 28 * 12 + 10)),  # 14 lines
        Block(BlockKind.PARAGRAPH, "教" * (26 + 28 * 4 + 10)),  # 6 lines from line 22
    ]
    return Document(title="关于教师培训工作的报告", blocks=blocks)


def test_render_loosens_a_paragraph_to_move_an_orphan_down() -> None:
    spacings = _spacings(render_docx(orphan_document()))
    # The nearly full paragraph takes 27 characters a line: 6 lines, and the last
    # paragraph starts on page 2.
    assert spacings == {"学" * 10: {"0"}}
    assert _spacings(render_docx(orphan_document(), StyleProfile(avoid_widows=False))) == {}


def test_the_binary_search_breaks_lines_where_stepping_does() -> None:
    """``MeasuredText.starts`` finds each line's end by bisecting running totals; stepping a character
    at a time (the measured rule, kept for lines with spaces) must give the same breaks on mixed
    runs, sizes, spacings, forced breaks and spacing changes."""
    import random

    from reportgen.render.docx.linebreak import MeasuredText, Run

    rng = random.Random(7)
    hanzi = "的是在了和有这中为上个以要时来们到作地出就对会可发年同工能下过说种面学法得"
    marks = "，。、；：“”（）《》——……"
    latin = {c: 0.45 + (ord(c) % 7) / 20 for c in "0123456789abcXYZ%.-"}
    for _ in range(600):
        text = "".join(
            rng.choice("0123456789abcXYZ%.-")
            if (r := rng.random()) < 0.1
            else rng.choice(marks)
            if r < 0.2
            else rng.choice(hanzi)
            for _ in range(rng.randint(1, 250))
        )
        cut_a, cut_b = sorted(rng.randint(0, len(text)) for _ in range(2))
        runs = [
            Run(piece, rng.choice([16.0, 14.0]), rng.choice([-0.25, 0.0, 0.3]), latin)
            for piece in (text[:cut_a], text[cut_a:cut_b], text[cut_b:])
        ]
        forced = (
            sorted(rng.sample(range(1, len(text)), rng.choice([0, 1, 2]))) if len(text) > 3 else []
        )
        paragraph = MeasuredText(runs, forced)
        for delta in (0.0, -0.85, 0.25, 0.6):
            assert paragraph.starts(410.2, 442.2, delta) == paragraph.starts_stepwise(
                410.2, 442.2, delta
            ), (text, delta)


def test_characters_taken_as_one_em_without_a_look_up_are_wide() -> None:
    """``MeasuredText`` looks up the width only of characters outside a class of certainly wide
    ones: every character of that class must be one em wide by the full rule."""
    from reportgen.render.docx.linebreak import _MAYBE_NARROW, wide

    skipped = [chr(c) for c in range(0x10000) if not _MAYBE_NARROW.match(chr(c))]
    assert len(skipped) > 20000  # the CJK ideographs at least
    assert [c for c in skipped if not wide(c)] == []
