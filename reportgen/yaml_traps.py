"""YAML that parses but does not say what the user meant: text eaten by a `` #`` comment.

libyaml drops comments, so they are found from the source line: the rest of the line after
a plain scalar's end mark. A WeChat hashtag (``参加 #安全教育月# 的学生``) reads as a
comment and silently cuts the text; a comment written as the starter writes them
(``org: 青山县教育局   # 发文机关全称``, a space after ``#``) is left alone.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from reportgen.problem import Level, Problem
from reportgen.text import RE_CJK

_COMMENT_AFTER = re.compile(r"[ \t]+#(.*)$")


def _path_text(path: tuple[str | int, ...]) -> str:
    from reportgen.load import format_path

    return format_path(path)


def comment_problems(text: str, root: yaml.Node, source: str) -> list[Problem]:
    """I042 for every plain scalar followed on its line by a comment that looks like text."""
    lines = text.split("\n")
    problems: list[Problem] = []
    seen: set[int] = set()

    def visit(node: Any, path: tuple[str | int, ...], depth: int) -> None:
        if depth > 64 or id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
                visit(value, (*path, name), depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, child in enumerate(node.value):
                visit(child, (*path, i), depth + 1)
        elif isinstance(node, yaml.ScalarNode) and not node.style:
            found = _eaten(node, lines)
            if found is not None:
                problems.append(_problem(node, found, path, source))

    visit(root, (), 0)
    return problems


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
    return Problem(
        source,
        line,
        column,
        Level.ERROR,
        "I042",
        "comment-eats-text",
        f"{lost}。如果“#”后面是正文（如微博话题），请给整段文字加双引号：{example}；"
        "如果是注释，请在“#”后加一个空格。",
        _path_text(path),
    )
