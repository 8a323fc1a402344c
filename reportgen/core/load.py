"""Bytes → text → YAML nodes with positions → plain data, with every problem found on the way.

The data handed on is deliberately plain: mappings, lists, ``str`` and ``None``. Scalars
keep the text the user typed, so YAML 1.1's surprises (``no`` → False, ``2024-10-08`` →
date, ``010`` → 8) cannot reach a report: the model decides what a field's text means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from reportgen import codes

# Decoding lives in its own module; these names are re-exported for load's callers.
from reportgen.core.decoding import Decoded as Decoded
from reportgen.core.decoding import decode as decode
from reportgen.core.decoding import decode_detail as decode_detail
from reportgen.core.text import XML_ILLEGAL, is_wide
from reportgen.problem import Level, Problem, error

try:  # libyaml's C parser is about ten times faster; its nodes carry the same marks.
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Path_ = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_NULL_TEXT = {"", "~", "null", "Null", "NULL"}


@dataclass(frozen=True)
class Limits:
    """Guards against hostile or mistaken input; each can be raised by a user who needs more."""

    max_bytes: int = 5 * 1024 * 1024  # a long annual report is ~100 KB
    max_nodes: int = 200_000  # counts alias expansions too (billion laughs)
    max_depth: int = 64


def limits_from_env(environ: dict[str, str] | None = None) -> Limits:
    """Limits, raised through REPORTGEN_MAX_INPUT_MB / REPORTGEN_MAX_NODES for the rare user
    who really has a bigger file (a whole year's reports merged into one, say)."""
    import os

    env = os.environ if environ is None else environ
    base = Limits()
    try:
        mb = float(env.get("REPORTGEN_MAX_INPUT_MB", base.max_bytes / 1048576))
        nodes = int(env.get("REPORTGEN_MAX_NODES", base.max_nodes))
    except ValueError:
        return base
    return Limits(max_bytes=int(mb * 1048576), max_nodes=nodes, max_depth=base.max_depth)


DEFAULT_LIMITS = limits_from_env()


@dataclass
class Loaded:
    """Plain data plus where each value and key stood in the file (1-based line, column)."""

    source: str
    data: Any = None
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # The text and node tree it was read from: the render gate checks the same strings.
    text: str | None = field(default=None, repr=False)
    node: Any = field(default=None, repr=False)

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The position of ``path``, or of its nearest ancestor that has one."""
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in self.values:
                return self.values[prefix]
            if prefix in self.keys:
                return self.keys[prefix]
        return (1, 1)

    def problem(
        self,
        path: Path_,
        code: codes.Code,
        message: str,
        *,
        key: bool = False,
        level: Level = Level.ERROR,
    ) -> Problem:
        line, col = self.position(path, key=key)
        return Problem.of(self.source, line, col, level, code, message, format_path(path))


def format_path(path: Path_) -> str:
    """("parts", 1, "items", 3, "heading") → ``parts[1].items[3].heading``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


# ---------------------------------------------------------------- text → nodes

_SYNTAX_HINTS = (
    ("tab", "这里用了制表符（Tab）；YAML 只能用空格缩进，请把 Tab 换成空格。"),
    (
        "mapping values are not allowed",
        "这里不能出现冒号“: ”。如果这段文字本身含有冒号，请给整段文字加引号，或改用全角冒号“：”。",
    ),
    (
        "could not find expected ':'",
        "缺少冒号：每个字段应写成“字段名: 内容”（半角冒号后加一个空格）。",
    ),
    ("did not find expected key", "这一行的缩进与上下文不一致，或上一行的引号没有闭合。"),
    ("did not find expected '-' indicator", "列表项的缩进不一致：同一列表的“- ”应上下对齐。"),
    ("did not find expected ',' or ']'", "方括号“[ ]”没有闭合，或列表项之间少了逗号。"),
    ("did not find expected ',' or '}'", "花括号“{ }”没有闭合，或字段之间少了逗号。"),
    (
        "did not find expected node content",
        "这里缺少内容：方括号或花括号里多了逗号，或括号没有闭合。",
    ),
    ("found unexpected end of stream", "文件意外结束：有引号或括号没有闭合。"),
    (
        "found unknown escape character",
        "双引号内的反斜杠“\\”开始了一个不认识的转义；请改用单引号，或写成“\\\\”。",
    ),
    (
        "found invalid Unicode character escape code",
        "双引号里的“\\u”转义不是有效的字符（如单独的代理项 \\ud800）；请删除它。",
    ),
    ("found undefined alias", "引用了没有定义的锚点（*名称）。"),
    ("expected a single document", "文件里有多个 YAML 文档（“---”分隔）；一个文件只写一份报告。"),
    ("found character '@' that cannot start", "“@”不能作为文字开头，请给这段文字加引号。"),
    ("found character '`' that cannot start", "“`”不能作为文字开头，请给这段文字加引号。"),
    ("while scanning an alias", "“*”不能作为文字开头（会被当成引用），请给这段文字加引号。"),
    ("while scanning an anchor", "“&”不能作为文字开头（会被当成锚点），请给这段文字加引号。"),
    ("found unexpected ':'", "这里的冒号位置不对；含冒号的文字请加引号。"),
)


def _syntax_problem(exc: yaml.YAMLError, text: str, source: str) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        position = exc.position
        if _Loader is not yaml.SafeLoader:  # libyaml counts UTF-8 bytes, not characters
            position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        line = text.count("\n", 0, position) + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return error(
            source,
            line,
            col,
            codes.CONTROL_CHARACTER,
            f"文件含有不可见的控制字符 U+{ord(char):04X}，请删除它（常见于从网页或聊天软件复制的文字）。",
        )
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    described = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or ''}"
    if "maximum nesting depth" in described:
        return error(
            source, line, col, codes.TOO_LARGE, "嵌套层数太多，无法读取；报告的结构不会这么深。"
        )
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    above = lines[line - 2] if 1 < line <= len(lines) + 1 else ""
    from reportgen.core.yaml_traps import full_width_colon, indentation_hint

    indented = indentation_hint(lines, line)
    context = getattr(exc, "context_mark", None)
    colon = full_width_colon(lines, line, context.line + 1 if context is not None else line)
    if "\t" in here[: max(col, 1)] or "tab" in described:
        message = _SYNTAX_HINTS[0][1]
    elif indented is not None:
        line, col, message = indented
    elif colon is not None:
        line, col, message = colon
    elif ("：" in here.split("#")[0] and ":" not in here.split("#")[0].strip()[:-1]) or (
        "：" in above and ":" not in above
    ):
        message = (
            "这一行（或上一行）用了全角冒号“：”分隔字段名和内容；字段名后应是半角冒号加空格“: ”。"
        )
    else:
        message = next(
            (hint for key, hint in _SYNTAX_HINTS if key in described),
            f"YAML 语法错误（{described.strip()}）。",
        )
    return error(source, line, col, codes.YAML_SYNTAX, message)


# ---------------------------------------------------------------- nodes → data


def scalar_text(node: yaml.ScalarNode) -> str:
    """A scalar's text as the report reads it.

    Folding a long line puts a space at each line break; between two Chinese characters
    that space is an artefact of the file, not of the text, and is dropped.
    """
    value: str = node.value
    if (not node.style or node.style == ">") and node.start_mark.line != node.end_mark.line:
        value = unfolded(value)
    return value


def unfolded(value: str) -> str:
    """``value`` without each single space between two wide (Chinese) characters: a line
    break YAML folded. (Not a regular expression: compiling the wide class twice took
    ~3 % of a command's start-up.)"""
    pieces = value.split(" ")
    kept = [pieces[0]]
    for before, after in pairwise(pieces):
        if not (is_wide(before[-1:]) and is_wide(after[:1])):
            kept.append(" ")
        kept.append(after)
    return "".join(kept)


def compose(text: str) -> yaml.Node | None:
    """The YAML node tree of ``text`` (libyaml when present); raises yaml.YAMLError."""
    node: yaml.Node | None = yaml.compose(text, Loader=_Loader)
    return node


class _TooLarge(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


class _Builder:
    """Turns composed nodes into plain data, recording positions and collecting problems."""

    def __init__(self, loaded: Loaded, limits: Limits) -> None:
        self.loaded = loaded
        self.limits = limits
        self.count = 0
        # Mappings whose duplicate keys were reported: an alias or a merge builds a mapping
        # again, and one mistake in the file is one problem.
        self.checked: set[int] = set()

    def _problem(self, node: yaml.Node, path: Path_, code: codes.Code, message: str) -> None:
        self.loaded.problems.append(
            Problem.of(
                self.loaded.source,
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                Level.ERROR,
                code,
                message,
                format_path(path),
            )
        )

    def _guard(self, node: yaml.Node, path: Path_, depth: int) -> None:
        """Count one more value; stop at the limits (alias bombs, runaway nesting)."""
        self.count += 1
        if self.count > self.limits.max_nodes:
            raise _TooLarge(
                Problem.of(
                    self.loaded.source,
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                    Level.ERROR,
                    codes.TOO_LARGE,
                    f"文件展开后超过 {self.limits.max_nodes} 个值（可能是锚点“&”与引用“*”层层嵌套）；"
                    "一份报告不会这么大。",
                    format_path(path),
                )
            )
        if depth > self.limits.max_depth:
            raise _TooLarge(
                Problem.of(
                    self.loaded.source,
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                    Level.ERROR,
                    codes.TOO_LARGE,
                    f"嵌套超过 {self.limits.max_depth} 层；报告的结构不会这么深。",
                    format_path(path),
                )
            )

    def build(self, node: yaml.Node, path: Path_, depth: int = 0) -> Any:
        self._guard(node, path, depth)
        self.loaded.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, path, f"{_TAG}seq")
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        self._check_tag(node, path, f"{_TAG}map")
        return self._mapping(node, path, depth)

    def _check_tag(self, node: yaml.Node, path: Path_, expected: str) -> None:
        if node.tag != expected:
            self._problem(
                node,
                path,
                codes.UNSUPPORTED_TAG,
                f"不支持 YAML 标签“{node.tag.replace(_TAG, '!!')}”；报告里只写普通文字、列表和字段。",
            )

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> str | None:
        if node.tag not in _SCALAR_TAGS:
            self._check_tag(node, path, f"{_TAG}str")
            return None
        plain = not node.style  # libyaml says "" where the pure-Python parser says None
        if plain and (node.tag == f"{_TAG}null" or node.value in _NULL_TEXT):
            return None
        value = scalar_text(node)
        bad = XML_ILLEGAL.search(value)
        if bad:
            self._problem(
                node,
                path,
                codes.CONTROL_CHARACTER,
                f"这段文字含有不可见的控制字符 U+{ord(bad.group()):04X}，无法写入文档；请删除它。",
            )
        return value

    def _mapping(
        self,
        node: yaml.MappingNode,
        path: Path_,
        depth: int,
        skip: frozenset[str] = frozenset(),
        merging: frozenset[int] = frozenset(),
    ) -> dict[str, Any]:
        """The mapping's keys, less those in ``skip``, with its ``<<`` merges resolved.

        A merged mapping is built here too, so its own merges are resolved and its keys get
        the positions where they were written. Keys already set nearer win: the mapping's
        own, then its first source and that source's merges, then the next source.
        ``merging`` holds the mappings being merged on the way here (a mapping may merge itself).
        """
        out: dict[str, Any] = {}
        seen: dict[str, int] = {}
        merged: list[yaml.MappingNode] = []
        report = id(node) not in self.checked
        self.checked.add(id(node))
        for key_node, value_node in node.value:
            if key_node.tag == f"{_TAG}merge":
                sources = (
                    value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                )
                merged.extend(s for s in sources if isinstance(s, yaml.MappingNode))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                if report:
                    self._problem(
                        key_node,
                        path,
                        codes.WRONG_TYPE,
                        "字段名必须是一个简单的名字，不能是列表或映射。",
                    )
                continue
            key = str(key_node.value)
            if key in seen:
                if report:
                    self._problem(
                        key_node,
                        (*path, key),
                        codes.DUPLICATE_KEY,
                        f"字段“{key}”重复出现（第 {seen[key]} 行已有）；YAML 只会保留后一个，"
                        "请删除或合并其中一个。",
                    )
                continue
            seen[key] = key_node.start_mark.line + 1
            if key in skip:  # set by a mapping that merges this one: not used, not checked
                continue
            key_path = (*path, key)
            self.loaded.keys[key_path] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            out[key] = self.build(value_node, key_path, depth + 1)
        merging = merging | {id(node)}
        for source in merged:
            if id(source) in merging:
                continue
            self._guard(source, path, depth + 1)
            taken = skip | out.keys()
            out.update(self._mapping(source, path, depth + 1, frozenset(taken), merging))
        return out


def load_text(text: str, source: str, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Parse report YAML text. Fatal problems leave ``data`` as ``None``."""
    loaded = Loaded(source, text=text)
    try:
        node = compose(text)
    except yaml.YAMLError as exc:
        loaded.problems.append(_syntax_problem(exc, text, source))
        return loaded
    except RecursionError:
        loaded.problems.append(
            error(source, 1, 1, codes.TOO_LARGE, "嵌套层数太多，无法读取；报告的结构不会这么深。")
        )
        return loaded
    if node is None:
        loaded.problems.append(
            error(
                source,
                1,
                1,
                codes.EMPTY_FILE,
                "文件是空的（或只有注释）；可用 `reportgen new` 生成一份带说明的模板。",
            )
        )
        return loaded
    loaded.node = node
    try:
        loaded.data = _Builder(loaded, limits).build(node, ())
    except _TooLarge as exc:
        loaded.data = None
        loaded.problems.append(exc.problem)
        return loaded
    from reportgen.core.yaml_traps import comment_problems, swallowed_keys

    loaded.problems += comment_problems(text, node, source)
    swallowed = swallowed_keys(text, node, source)
    loaded.problems += swallowed
    if not isinstance(loaded.data, dict) and swallowed and isinstance(node, yaml.ScalarNode):
        loaded.data = None  # the file is one `key：` line: that is the problem, said once
    elif not isinstance(loaded.data, dict):
        kind = "列表" if isinstance(loaded.data, list) else "一段文字"
        loaded.problems.append(
            error(
                source,
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                codes.NOT_A_MAPPING,
                f"文件的最外层应是“字段名: 内容”的形式（如 org: 青山县教育局），实际是{kind}。",
            )
        )
        loaded.data = None
    return loaded


def load_bytes(raw: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    if len(raw) > limits.max_bytes:
        from reportgen.core.reading import TEXT_ENV, too_large

        return Loaded(source, problems=[too_large(source, len(raw), limits.max_bytes, TEXT_ENV)])
    text, problems = decode(raw, source)
    if text is None:
        return Loaded(source, problems=problems)
    return load_text(text, source, limits)


def read_input(path: Path, limits: Limits | None = None) -> bytes:
    """Read a file the user named, all of it or not at all (see :mod:`reportgen.core.reading`).

    A missing or unreadable file, a FIFO or a device is a usage problem (exit 2); a file
    over its kind's limit is refused with I012 before anything is decoded.
    """
    from reportgen.core.reading import TEXT_ENV, read_file

    if limits is None:
        return read_file(path)
    return read_file(path, limits.max_bytes, TEXT_ENV)


def load_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Load a YAML file; one over the size limit gives a Loaded holding the I012 problem."""
    from reportgen.errors import InputError

    try:
        raw = read_input(path, limits)
    except InputError as exc:
        return Loaded(str(path), problems=exc.problems)
    return load_bytes(raw, str(path), limits)
