"""What an organisation's reference document brings besides styles: a 红头 typed at the top
of its body (kept, the report follows it) or drawn in its header (it cannot sit where
GB/T 9704 puts a 标志: left out when the report lays out its own 版头, base.py), and the
notes that tell the user what was taken.

A body 红头 is everything from the body's start up to and including the first paragraph
that ends it the way office 红头模板 do: a red bottom border, or a drawn line (a DrawingML
line shape or a VML line). Only the first 15 paragraphs are looked at: a red rule further
down is part of the template's sample text, not a 红头.
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import qn

MAX_LETTERHEAD_PARAGRAPHS = 15
_VML_LINE = "{urn:schemas-microsoft-com:vml}line"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def is_red(color: str | None) -> bool:
    """A colour Word writes as RRGGBB that reads as red (FF0000, C00000, E60012 …)."""
    if not color or not re.fullmatch(r"[0-9A-Fa-f]{6}", color):
        return False
    r, g, b = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    return r >= 0x99 and g <= 0x40 and b <= 0x40


def _ends_letterhead(p: Any) -> bool:
    bottom = p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    if bottom is not None and is_red(bottom.get(qn("w:color"))):
        return True
    if any(True for _ in p.iter(_VML_LINE)):
        return True
    return any(g.get("prst") == "line" for g in p.iter(f"{{{_A}}}prstGeom"))


def letterhead(body: Any) -> list[Any]:
    """The body's 红头 paragraphs, or ``[]``."""
    children = [c for c in body if c.tag in (qn("w:p"), qn("w:tbl"))]
    for index, child in enumerate(children[:MAX_LETTERHEAD_PARAGRAPHS]):
        if child.tag == qn("w:p") and _ends_letterhead(child):
            return children[: index + 1]
    return []


def red_in(part_element: Any) -> bool:
    """Whether a header holds a 红头: red text, a red border or a drawn line."""
    for color in part_element.iter(qn("w:color")):
        if is_red(color.get(qn("w:val"))):
            return True
    for border in part_element.iter(qn("w:bottom")):
        if is_red(border.get(qn("w:color"))):
            return True
    return any(True for _ in part_element.iter(_VML_LINE)) or any(
        g.get("prst") == "line" for g in part_element.iter(f"{{{_A}}}prstGeom")
    )
