"""YAML that parses but does not say what the user meant: text eaten by a `` #`` comment.

libyaml drops comments, so they are found from the source line: the rest of the line after
a plain scalar's end mark. A WeChat hashtag (``参加 #安全教育月# 的学生``) reads as a
comment and silently cuts the text; a comment written as the starter writes them
(``org: 青山县教育局   # 发文机关全称``, a space after ``#``) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from reportgen import codes
from reportgen.core.text import RE_CJK
from reportgen.problem import Level, Problem

_COMMENT_AFTER = re.compile(r"[ \t]+#(.*)$")


def _path_text(path: tuple[str | int, ...]) -> str:
    from reportgen.core.load import format_path

    return format_path(path)


def comment_problems(text: str, root: yaml.Node, source: str) -> list[Problem]:
    """I042 for every plain scalar followed on its line by a comment that looks like text."""
    if " #" not in text and "\t#" not in text:
        return []  # no comment after anything on any line
    lines = text.split("\n")
    problems: list[Problem] = []
    for node, path, _ in _plain_scalars(root):
        found = _eaten(node, lines)
        if found is not None:
            problems.append(_problem(node, found, path, source))
    return problems


_Where = tuple[str | int, ...]  # a field path, as core.load writes it


def _plain_scalars(root: yaml.Node) -> Iterator[tuple[yaml.ScalarNode, _Where, int]]:
    """Each plain (unquoted) scalar of the tree with its path and depth, once (an alias is
    the node it names: a "billion laughs" file stays linear), at most 64 levels deep."""
    seen: set[int] = set()
    stack: list[tuple[Any, _Where, int]] = [(root, (), 0)]
    while stack:
        node, path, depth = stack.pop()
        if depth > 64 or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            children = [
                (value, (*path, str(key.value) if isinstance(key, yaml.ScalarNode) else "?"))
                for key, value in node.value
            ]
        elif isinstance(node, yaml.SequenceNode):
            children = [(child, (*path, i)) for i, child in enumerate(node.value)]
        else:
            if isinstance(node, yaml.ScalarNode) and not node.style:
                yield node, path, depth
            continue
        stack.extend((child, where, depth + 1) for child, where in reversed(children))


def _eaten(node: yaml.ScalarNode, lines: list[str]) -> tuple[int, int, str] | None:
    """(line, column of ``#``, comment text) when the comment after ``node`` looks like text."""
    end = node.end_mark
    if end.line >= len(lines):
        return None
    line = lines[end.line].rstrip("\r")
    m = _COMMENT_AFTER.match(line, end.column)
    if m is None:
        return None
    comment = m.group(1)
    value = str(node.value)
    # "#话题#", "#话题": the # is part of the text. "# 说明" (a space after #) is a comment
    # as the starter (and `import`) write them.
    hashtag = bool(comment) and not comment[0].isspace()
    if not hashtag or not (RE_CJK.search(value) or RE_CJK.search(comment)):
        return None
    return end.line + 1, m.start(1), comment  # m.start(1) is just after "#": 1-based "#"


def _problem(
    node: yaml.ScalarNode, found: tuple[int, int, str], path: tuple[str | int, ...], source: str
) -> Problem:
    line, column, comment = found
    value = str(node.value)
    whole = f"{value} #{comment}".strip()
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    quoted = whole.replace("\\", "\\\\").replace('"', '\\"')
    example = f'{key}: "{quoted}"' if key and isinstance(path[-1], str) else f'- "{quoted}"'
    rest = "报告里只剩“{value}”" if value else "这里成了空的"
    lost = f"空格后的“#”在 YAML 里开始注释：“#{comment.strip()}”被删去，{rest.format(value=value)}"
    return Problem.of(
        source,
        line,
        column,
        Level.ERROR,
        codes.COMMENT_EATS_TEXT,
        f"{lost}。如果“#”后面是正文（如微博话题），请给整段文字加双引号：{example}；"
        "如果是注释，请在“#”后加一个空格。",
        _path_text(path),
    )


# ---------------------------------------------------------------- indentation

_KEY_LINE = re.compile(r"^([ \u3000]*)(- +)?([^\s:#\-][^:#]*?):(?:[ \t]|$)")


def _key_column(line: str) -> tuple[int, str] | None:
    """(0-based column where the key starts, key) for a ``key:`` or ``- key:`` line."""
    m = _KEY_LINE.match(line)
    if m is None or "\u3000" in m.group(1):
        return None
    return len(m.group(1)) + len(m.group(2) or ""), m.group(3)


def indentation_hint(lines: list[str], line: int) -> tuple[int, int, str] | None:
    """(line, column, message) when line ``line`` (1-based) is a key indented unlike its
    siblings, or the line before it is indented with full-width spaces.

    YAML's own messages for this (“mapping values are not allowed here”, “did not find
    expected '-' indicator”) send the user to quotes or list items; the fix is the column.
    """
    found = _indentation_hint(lines, line)
    if found is not None:
        return (line, *found)
    if 1 < line <= len(lines) + 1 and lines[line - 2].lstrip(" ").startswith("\u3000"):
        # A line indented with full-width spaces reads as the text before it going on;
        # YAML stumbles only on the line after.
        found = _indentation_hint(lines, line - 1)
        if found is not None:
            return (line - 1, *found)
    return None


def _indentation_hint(lines: list[str], line: int) -> tuple[int, str] | None:
    if not 0 < line <= len(lines):
        return None
    here = lines[line - 1].rstrip("\r")
    m = _KEY_LINE.match(here)
    if m is None or m.group(2):
        return None
    lead, key = m.group(1), m.group(3)
    if "\u3000" in lead:
        spaces = lead.count("\u3000")
        sibling = _sibling(lines, line, None)
        where = (
            f"，让“{key}”与第 {sibling[0]} 行的“{sibling[2]}”对齐（行首 {sibling[1]} 个半角空格）"
            if sibling
            else ""
        )
        return len(lead) + 1, (
            f"这一行用全角空格“　”缩进（{spaces} 个，输入法全角状态下常会打出来）；"
            f"YAML 只认半角空格。请把行首的全角空格换成半角空格{where}。"
        )
    indent = len(lead)
    sibling = _sibling(lines, line, indent)
    if sibling is None:
        return None
    number, column, other = sibling
    more = "多" if indent > column else "少"
    return indent + 1, (
        f"“{key}:”比第 {number} 行的“{other}:”{more}缩进了 {abs(indent - column)} 个空格；"
        f"同一条目的字段要上下对齐。请让“{key}”从第 {column + 1} 列开始（行首 {column} 个空格）。"
    )


def _sibling(lines: list[str], line: int, indent: int | None) -> tuple[int, int, str] | None:
    """The nearest key above ``line`` it should align with: (line, column, key).

    ``indent`` None (full-width indentation): the nearest key line above. Otherwise a key
    one or two columns away; a key exactly at ``indent`` means the line is aligned already.
    """
    for number in range(line - 1, max(0, line - 60), -1):
        text = lines[number - 1].rstrip("\r")
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        found = _key_column(text)
        if found is None:
            continue
        column, key = found
        if indent is None:
            return number, column, key
        if column == indent:
            return None
        if abs(column - indent) <= 2:
            return number, column, key
        if column < indent:
            return None
    return None


# ---------------------------------------------------------------- full-width colon

# A field name followed by a full-width colon (输入法中文状态下的“：”): ``org： 青山县教育局``,
# ``- heading： 抓常规``. Field names are ASCII, so Chinese prose with a colon never matches.
_FULL_WIDTH_KEY = re.compile(r"^([ ]*(?:- +)?)([A-Za-z_][A-Za-z0-9_]*)[ \t\u3000]*：")


def _colon_at(line_text: str) -> tuple[int, str] | None:
    """(0-based column of the ``：``, key) when ``line_text`` starts with ``key：``."""
    m = _FULL_WIDTH_KEY.match(line_text)
    if m is None:
        return None
    return m.end() - 1, m.group(2)


def colon_message(key: str) -> str:
    return (
        f"字段名“{key}”后面用了全角冒号“：”；字段名后应是半角冒号加空格，写成“{key}: ”"
        "（输入法切换到英文状态再输入冒号）。"
    )


def full_width_colon(lines: list[str], line: int, context: int) -> tuple[int, int, str] | None:
    """(line, column, message) of the ``：`` that made YAML fail at ``line`` (1-based).

    YAML stumbles after the mistake: on the next key (“mapping values are not allowed
    here”), on the line after it (“could not find expected ':'”, the mistake's line being
    the error's context) or at the end of the file. The first ``key：`` from the context
    line (or the line before the error) to the error's line is the one to report.
    """
    first = max(1, min(context, line - 1))
    for number in range(first, min(line, len(lines)) + 1):
        found = _colon_at(lines[number - 1].rstrip("\r"))
        if found is not None:
            column, key = found
            return number, column + 1, colon_message(key)
    return None


def swallowed_keys(text: str, root: yaml.Node, source: str) -> list[Problem]:
    """I001 for a ``key：`` line YAML read as the text before it going on.

    Indented under a plain scalar (``- heading: 抓常规`` then ``   intro： 内容``), the line is
    part of the heading (“抓常规 intro： 内容”) and nothing fails; it is the same mistake as
    a ``key：`` YAML cannot read, so it gets the same code and message.
    """
    if "：" not in text:
        return []
    lines = text.split("\n")
    problems: list[Problem] = []
    for node, path, depth in _plain_scalars(root):
        # The whole file as one scalar (``org： 青山县教育局`` alone): its first line too.
        start = node.start_mark.line + (0 if depth == 0 else 1)
        for number in range(start, node.end_mark.line + 1):
            found = _colon_at(lines[number].rstrip("\r")) if number < len(lines) else None
            if found is not None:
                column, key = found
                problems.append(
                    Problem.of(
                        source,
                        number + 1,
                        column + 1,
                        Level.ERROR,
                        codes.YAML_SYNTAX,
                        colon_message(key),
                        _path_text(path),
                    )
                )
                break
    return problems
