"""`reportgen rules`: the rule table and one rule's documentation, from the rules themselves."""

from __future__ import annotations

from reportgen.errors import UsageError

_LEVEL_CN = {"error": "错误", "warning": "警告", "off": "关闭"}
_TYPE_CN = {"text": "文字", "document": "结构"}


def rule_table() -> str:
    from reportgen.check.rules import RULES
    from reportgen.codes import BATCH_CODES, IMPORT_CODES, INPUT_CODES

    lines = []
    for code, rule in RULES.items():
        fix = "可修正" if rule.fixable else ""
        lines.append(f"{code}  {rule.name:<24}{_LEVEL_CN[rule.level]}  {fix:<4}{rule.summary}")
    lines.append("")
    lines.append("读取和校验报告文件（*.report.yaml）时的问题，不能关闭：")
    for code, c in INPUT_CODES.items():
        lines.append(f"{code}  {c.name:<24}{_LEVEL_CN[c.level]}  {'':<4}{c.meaning}")
    lines.append("")
    lines.append(
        "批量生成的共用字段、批量清单和名单（batch、render --defaults/--roster）的问题，不能关闭："
    )
    for code, c in BATCH_CODES.items():
        lines.append(f"{code}  {c.name:<24}{_LEVEL_CN[c.level]}  {'':<4}{c.meaning}")
    lines.append("")
    lines.append("导入已有报告（reportgen import）时的提示：")
    for code, c in IMPORT_CODES.items():
        lines.append(f"{code}  {c.name:<24}{_LEVEL_CN[c.level]}  {'':<4}{c.meaning}")
    return "\n".join(lines) + "\n"


def explain(code_or_name: str) -> str:
    """One code's explanation: a rule (by code or name), an input code (by code or name) or
    an import note (by code only: their names repeat rule names, as placeholder does)."""
    from reportgen.check.rules import find
    from reportgen.codes import find as find_code

    rule = find(code_or_name)
    if rule is None:
        code = find_code(code_or_name)
        if code is None:
            raise UsageError(f"没有规则“{code_or_name}”；`reportgen rules` 列出全部规则。")
        level = f"{_LEVEL_CN[code.level]}（{code.level.value}）"
        if code.family == "M":
            return f"{code.id} {code.name}\n级别：{level}，reportgen import 的提示\n\n{code.meaning}。\n"
        return f"{code.id} {code.name}\n默认级别：{level}，不能关闭\n\n{code.meaning}。\n"
    head = [
        f"{rule.code} {rule.name}",
        f"默认级别：{_LEVEL_CN[rule.level]}（{rule.level.value}）  类型：{_TYPE_CN[rule.type]}"
        f"  {'可以用 --fix 自动修正' if rule.fixable else '不能自动修正'}",
    ]
    if rule.sources:
        head.append(f"适用于：{'、'.join(rule.sources)}")
    if rule.default:
        opts = "，".join(f"{k}: {v}" for k, v in rule.default.items())
        head.append(f"选项（默认）：{opts}")
    return "\n".join(head) + "\n\n" + rule.doc + "\n"
