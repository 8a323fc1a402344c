"""`.reportgen.yaml`: rule levels and options, ``extends``, ``ignore``; inline disable comments.

    extends: default            # or relaxed, or a path to another config file
    rules:
      placeholder: warning      # error | warning | off
      title-length: {max: 30}   # options (and optionally level:)
      T008: off                 # a code works as well as a name
    ignore: |
      drafts/
      *.tmp.md

The file is found by walking up from the current directory (``-c FILE`` names one).
Every mistake is a :class:`UsageError` naming the file and the key (exit 2).
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from reportgen.errors import UsageError
from reportgen.problem import Level

if TYPE_CHECKING:
    from reportgen.check.core import Rule

CONFIG_NAMES = (".reportgen.yaml", ".reportgen.yml")
LEVELS = ("error", "warning", "off")

PRESETS: dict[str, dict[str, Any]] = {
    "default": {"rules": {}},
    # For drafts and for reports received from elsewhere: only what is certainly wrong fails.
    "relaxed": {
        "extends": "default",
        "rules": {
            "placeholder": "warning",
            "lead-formula": "off",
            "title-length": "off",
            "heading-length": "off",
            "duplicate-item": "off",
            "marker-form": "off",
            "mixed-date-style": "off",
            "half-width-punct": "warning",
            "straight-quotes": "warning",
            "space-in-chinese": "warning",
            "full-width-alnum": "warning",
            "ellipsis": "warning",
            "dash": "warning",
            "doubled-punct": "warning",
        },
    },
}


@dataclass(frozen=True)
class RuleSetting:
    level: Level | None  # None: off
    options: dict[str, Any]


@dataclass
class Config:
    rules: dict[str, RuleSetting]  # code → setting
    ignore: list[str] = field(default_factory=list)
    path: Path | None = None  # the file it came from (None: built-in default)

    @property
    def base(self) -> Path | None:
        return self.path.parent if self.path else None

    def setting(self, code: str) -> RuleSetting:
        return self.rules[code]

    def ignored(self, path: Path, cwd: Path) -> bool:
        if not self.ignore:
            return False
        base = self.base or cwd
        try:
            rel = path.resolve().relative_to(base.resolve())
        except ValueError:
            rel = path
        text = PurePosixPath(rel).as_posix()
        for pattern in self.ignore:
            pat = pattern.rstrip("/")
            if fnmatch.fnmatch(text, pat) or fnmatch.fnmatch(text, pat + "/*"):
                return True
            if "/" not in pat and fnmatch.fnmatch(path.name, pat):
                return True
        return False


def _rules() -> dict[str, Rule]:
    from reportgen.check.rules import RULES

    return RULES


def default_config() -> Config:
    return Config(
        {code: RuleSetting(rule.level, dict(rule.default)) for code, rule in _rules().items()}
    )


def find_config(cwd: Path) -> Path | None:
    for folder in (cwd.resolve(), *cwd.resolve().parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def _bad(where: str, key: str, message: str) -> UsageError:
    """A config mistake, named ``file:line:column`` (found from the key's text) when it can."""
    return UsageError(f"配置文件 {_where(where, key)}：{key}：{message}")


def _where(where: str, key: str) -> str:
    """``file:line:column`` of the last part of ``key`` (``rules.T0x`` → ``T0x:``), else the file."""
    if key.startswith("（"):
        return where
    last = key.rsplit(".", 1)[-1]
    try:
        lines = Path(where).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return where
    pattern = re.compile(rf"^(\s*(?:-\s+)?){re.escape(last)}\s*:")
    for number, line in enumerate(lines, 1):
        m = pattern.match(line)
        if m:
            return f"{where}:{number}:{len(m.group(1)) + 1}"
    return where


def _apply(config: Config, data: Any, where: str, base: Path | None, depth: int) -> None:
    from reportgen.check.rules import find

    if data is None:
        return
    if not isinstance(data, dict):
        raise _bad(where, "（顶层）", "应是“键: 值”的映射。")
    unknown = set(data) - {"extends", "rules", "ignore"}
    if unknown:
        raise _bad(where, sorted(unknown)[0], "不认识的键；可用：extends、rules、ignore。")
    if "extends" in data:
        _extend(config, data["extends"], where, base, depth)
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        raise _bad(where, "rules", "应是“规则名: 级别或选项”的映射。")
    for key, value in rules.items():
        rule = find(str(key))
        if rule is None:
            raise _bad(where, f"rules.{key}", "没有这条规则；`reportgen rules` 列出全部规则。")
        current = config.rules[rule.code]
        options = dict(current.options)
        level = current.level
        if isinstance(value, str) or value is False or value is True:
            level = _level(value, rule.level, where, f"rules.{key}")
        elif isinstance(value, dict):
            for opt, opt_value in value.items():
                if opt == "level":
                    level = _level(opt_value, rule.level, where, f"rules.{key}.level")
                    continue
                if opt not in rule.conf:
                    allowed = "、".join(rule.conf) or "（这条规则没有选项）"
                    raise _bad(where, f"rules.{key}.{opt}", f"不认识的选项；可用：{allowed}。")
                want = rule.conf[opt]
                if want is int and (isinstance(opt_value, bool) or not isinstance(opt_value, int)):
                    raise _bad(where, f"rules.{key}.{opt}", f"应是整数，实际是“{opt_value}”。")
                if want is list:
                    if not isinstance(opt_value, list) or not all(
                        isinstance(x, str) for x in opt_value
                    ):
                        raise _bad(where, f"rules.{key}.{opt}", "应是文字列表。")
                    for x in opt_value:
                        try:
                            re.compile(x)
                        except re.error as exc:
                            raise _bad(
                                where, f"rules.{key}.{opt}", f"“{x}”不是正则表达式（{exc}）。"
                            ) from None
                options[opt] = opt_value
        else:
            raise _bad(
                where, f"rules.{key}", f"应是 error、warning、off 或选项映射，实际是“{value}”。"
            )
        config.rules[rule.code] = RuleSetting(level, options)
    if "ignore" in data:
        ignore = data["ignore"]
        if isinstance(ignore, str):
            ignore = [line.strip() for line in ignore.splitlines()]
        if not isinstance(ignore, list) or not all(isinstance(x, str) for x in ignore):
            raise _bad(where, "ignore", "应是路径模式的列表（或每行一个的多行文字）。")
        config.ignore = [x for x in ignore if x and not x.startswith("#")]


def _level(value: Any, default: Level, where: str, key: str) -> Level | None:
    """A level as the config writes it (error, warning, off, enable, true …); None: off."""
    if value is False or value == "disable":
        return None
    if value is True or value == "enable":
        return default
    if value not in LEVELS:
        raise _bad(where, key, f"级别应是 error、warning 或 off，实际是“{value}”。")
    return None if value == "off" else Level(value)


def _extend(config: Config, name: Any, where: str, base: Path | None, depth: int) -> None:
    if depth > 8:
        raise _bad(where, "extends", "extends 嵌套太深（是否循环引用？）。")
    if not isinstance(name, str):
        raise _bad(where, "extends", "应是 default、relaxed 或另一个配置文件的路径。")
    if name in PRESETS:
        _apply(config, PRESETS[name], f"内置配置 {name}", None, depth + 1)
        return
    path = (base / name) if base else Path(name)
    if not path.is_file():
        raise _bad(where, "extends", f"找不到“{name}”：应是 default、relaxed 或配置文件路径。")
    _apply(config, _read(path), str(path), path.parent, depth + 1)


def _read(path: Path) -> Any:
    import yaml

    from reportgen.core.reading import read_file

    try:
        # Refused past the size limit, and never a FIFO: the config is an input like any other.
        return yaml.safe_load(read_file(path).decode("utf-8"))
    except OSError as exc:
        raise UsageError(f"无法读取配置文件 {path}：{exc.strerror}") from None
    except yaml.YAMLError as exc:
        from reportgen.core.load import _syntax_problem

        text = path.read_text(encoding="utf-8")
        found = _syntax_problem(exc, text, str(path))
        raise UsageError(f"配置文件 {found.location()} 不是有效的 YAML：{found.message}") from None
    except UnicodeDecodeError:
        raise UsageError(f"配置文件 {path} 不是 UTF-8 编码；请另存为 UTF-8。") from None


def load_config(path: Path | None = None, cwd: Path | None = None) -> Config:
    """The configuration in effect: ``path``, else the nearest .reportgen.yaml, else default."""
    here = cwd or Path.cwd()
    if path is not None and not path.is_file():
        raise UsageError(f"找不到配置文件：{path}")
    path = path or find_config(here)
    config = default_config()
    if path is not None:
        config.path = path
        _apply(config, _read(path), str(path), path.parent, 0)
    return config


# ---------------------------------------------------------------- inline disable comments

_DIRECTIVE = re.compile(
    r"(?:#|<!--)\s*reportgen-(disable-next-line|disable-line|disable|enable)\b([^\n]*?)\s*(?:-->|$)"
)


class Disabled:
    """Which rules are switched off on which line by comments in the file.

    YAML ``# reportgen-disable-line placeholder`` (on its own line: the next line),
    ``# reportgen-disable RULE …`` up to ``# reportgen-enable``; Markdown the same in
    ``<!-- … -->``. No rule named means every rule.
    """

    def __init__(self, text: str | None) -> None:
        self.lines: dict[int, set[str]] = {}
        if not text or "reportgen-" not in text:
            return
        blocked: set[str] = set()
        carry: set[str] = set()
        for number, line in enumerate(text.splitlines(), 1):
            here = set(blocked) | carry
            carry = set()
            for m in _DIRECTIVE.finditer(line):
                names = set(re.split(r"[\s,]+", m.group(2).strip())) - {""} or {"*"}
                action = m.group(1)
                own_line = not line[: m.start()].strip()
                if action == "disable":
                    blocked |= names
                elif action == "enable":
                    blocked = set() if "*" in names else blocked - names
                elif action == "disable-next-line" or own_line:
                    carry |= names
                else:
                    here |= names
            if here:
                self.lines[number] = here

    def __call__(self, line: int, code: str, name: str) -> bool:
        names = self.lines.get(line, set())
        return "*" in names or code in names or name in names
