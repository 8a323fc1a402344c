"""A small YAML emitter for report files: block style, comments, Chinese left as it is.

PyYAML's dumper cannot attach comments, folds long Chinese lines at odd places and picks
scalar styles on its own; a report file is read and edited by people, so we write it
ourselves. Only what a report needs is supported: mappings with string keys, sequences,
strings and booleans. A string is written plain when the YAML 1.1 resolver would read it
back as that same string, as a literal block (``|-``) when it is long or has several lines,
and double-quoted (with escapes) otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

import yaml

INDENT = 2
BLOCK_MIN = (
    60  # field values at least this long go in a literal block (list items: only multi-line ones)
)

_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
# Characters that cannot stand in a plain or literal scalar: C0/C1 controls (tab
# included), DEL, and what YAML 1.1 counts as line breaks besides \n, plus BOM and
# non-characters.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_NUMBER_12 = re.compile(r"^[-+]?(\.\d+|\d+(\.\d*)?)([eE][-+]?\d+)?$|^0o[0-7]+$")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\x00": "\\0",
    "\x07": "\\a",
    "\x08": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\xa0": "\\_",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


Value = Union[str, bool, "Map", "Seq"]


@dataclass
class Entry:
    """``key: value  # comment``; ``blank_before`` puts an empty line above it, ``above`` a
    comment line (for what the reader should know about the entry, or about one left out)."""

    key: str
    value: Value
    comment: str = ""
    blank_before: bool = False
    above: str = ""


@dataclass
class Map:
    entries: list[Entry] = field(default_factory=list)

    def add(
        self,
        key: str,
        value: Value,
        comment: str = "",
        *,
        blank_before: bool = False,
        above: str = "",
    ) -> None:
        self.entries.append(Entry(key, value, comment, blank_before, above))


@dataclass
class Seq:
    items: list[Value] = field(default_factory=list)
    blank_between: bool = False  # an empty line between items (the parts of a report)
    flow: bool = False  # one line, [a, b, c]: a table row (strings only)


_FLOW_INDICATORS = set(",[]{}")


def flow_scalar(value: str) -> str:
    """A string inside ``[ … ]``: plain when it reads back as itself (a figure such as 12 or
    91.7% too: the loader reads every scalar as text), quoted otherwise."""
    if _FLOW_INDICATORS.intersection(value):
        return quoted(value)
    if plain_ok(value) or (_NUMBER_12.match(value) and value == value.strip()):
        return value
    return quoted(value)


def _flow(node: Seq) -> str:
    return "[" + ", ".join(flow_scalar(str(v)) for v in node.items) + "]"


# ---------------------------------------------------------------- scalars


def plain_ok(value: str) -> bool:
    """Whether ``value`` can be written without quotes and read back unchanged."""
    if not value or value != value.strip() or "\n" in value or _UNSAFE.search(value):
        return False
    if value[0] in _INDICATORS or ": " in value or " #" in value or value.endswith(":"):
        return False
    if "\xa0" in value or value[0] == "\u3000" or value[-1] == "\u3000":
        return False  # invisible in an editor: quote them so they are seen
    if value.lower() in ("y", "n") or _NUMBER_12.match(value):
        return False  # read as bool / number by YAML 1.2 tools (editors, linters)
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR_TAG


def block_ok(value: str) -> bool:
    """Whether ``value`` can be a ``|-`` literal block that reads back unchanged."""
    if not value or _UNSAFE.search(value) or "\xa0" in value:
        return False
    lines = value.split("\n")
    if lines[0][:1] in (" ", "\u3000") or not lines[0] or not lines[-1]:
        return False
    return all(line == line.rstrip(" \u3000") for line in lines)


def quoted(value: str) -> str:
    """A double-quoted YAML scalar; anything unprintable is escaped."""
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _UNSAFE.match(ch):
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _comment(text: str) -> str:
    return "  # " + " ".join(text.split()) if text else ""


def _scalar_lines(
    value: str | bool, indent: int, comment: str, long: int = BLOCK_MIN
) -> tuple[str, list[str]]:
    """(what follows ``key: `` or ``- ``, the lines of a literal block below it)."""
    if isinstance(value, bool):
        return ("true" if value else "false") + _comment(comment), []
    if ("\n" in value or len(value) >= long) and block_ok(value):
        pad = " " * indent
        return "|-" + _comment(comment), [pad + line if line else "" for line in value.split("\n")]
    text = value if plain_ok(value) else quoted(value)
    return text + _comment(comment), []


# ---------------------------------------------------------------- structure


def _map_lines(node: Map, indent: int, first_prefix: str | None = None) -> list[str]:
    """Lines of a mapping at ``indent``; ``first_prefix`` replaces the first line's
    indentation (``"- "`` for a mapping that is a sequence item)."""
    lines: list[str] = []
    pad = " " * indent
    for n, entry in enumerate(node.entries):
        lead = first_prefix if (n == 0 and first_prefix is not None) else pad
        if entry.blank_before and lines:
            lines.append("")
        if entry.above:
            # At the key's column: under "- " that is the dash's column, which YAML allows.
            lines.append(
                " " * (len(lead) - len(lead.lstrip(" "))) + "# " + " ".join(entry.above.split())
            )
        head = f"{lead}{entry.key}:"
        value = entry.value
        if isinstance(value, Map):
            lines.append(head + _comment(entry.comment))
            lines += _map_lines(value, indent + INDENT)
        elif isinstance(value, Seq):
            if not value.items or value.flow:
                lines.append(f"{head} {_flow(value)}" + _comment(entry.comment))
                continue
            lines.append(head + _comment(entry.comment))
            lines += _seq_lines(value, indent + INDENT)
        else:
            text, block = _scalar_lines(value, indent + INDENT, entry.comment)
            lines.append(f"{head} {text}")
            lines += block
    return lines


def _seq_lines(node: Seq, indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for n, item in enumerate(node.items):
        if node.blank_between and n:
            lines.append("")
        if isinstance(item, Map):
            if not item.entries:
                lines.append(f"{pad}- {{}}")
                continue
            lines += _map_lines(item, indent + INDENT, first_prefix=f"{pad}- ")
        elif isinstance(item, Seq) and item.flow:
            lines.append(f"{pad}- {_flow(item)}")
        elif isinstance(item, Seq):
            raise TypeError("nested block sequences are not used in report files")
        else:
            # A long list item reads well as one plain line; a block adds only noise.
            text, block = _scalar_lines(item, indent + INDENT, "", long=10**9)
            lines.append(f"{pad}- {text}")
            lines += block
    return lines


def dump(root: Map, header: list[str] | None = None) -> str:
    """The YAML text of ``root``, with ``header`` as comment lines above it."""
    lines = ["# " + " ".join(h.split()) if h.strip() else "#" for h in header or []]
    if lines:
        lines.append("")
    lines += _map_lines(root, 0)
    return "\n".join(lines) + "\n"


def to_data(node: Value) -> object:
    """The plain data ``node`` stands for: what loading its YAML must give back."""
    if isinstance(node, Map):
        return {e.key: to_data(e.value) for e in node.entries}
    if isinstance(node, Seq):
        return [to_data(v) for v in node.items]
    return node
