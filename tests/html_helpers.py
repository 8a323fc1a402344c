"""Reading reportgen's HTML back with the standard library's html.parser (no browser)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {"meta", "br", "col", "img", "input", "link", "hr", "wbr", "source"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    parts: list[str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


class Tree(HTMLParser):
    """Every element in document order, each with its attributes and its whole text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.doctype = ""
        self.feed(source)
        self.close()

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in _VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        assert self.open and self.open[-1].tag == tag, f"</{tag}> closes <{self.open[-1].tag}>"
        element = self.open.pop()
        element.text = "".join(element.parts)

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.parts.append(data)

    def find(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [
            e
            for e in self.elements
            if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
        ]
