"""The input problem codes (loading and validating a report file), for `reportgen rules` and
the README. They are always errors (I017 and I019 warnings) and cannot be switched off: a
report that cannot be read cannot be rendered."""

from __future__ import annotations

# code → (name, level, what it means)
INPUT_CODES: dict[str, tuple[str, str, str]] = {
    "I001": ("yaml-syntax", "error", "YAML 语法错误（含 Tab 缩进、全角冒号、未闭合的引号或括号）"),
    "I002": ("duplicate-key", "error", "同一字段写了两次"),
    "I003": ("unknown-field", "error", "不认识的字段（附“是否想写……”）"),
    "I004": ("wrong-type", "error", "类型不对（应为文字却是列表等）"),
    "I005": ("missing-field", "error", "缺少必填字段"),
    "I006": ("encoding", "error", "编码无法识别"),
    "I007": ("control-character", "error", "含有不可见的控制字符"),
    "I008": ("invalid-value", "error", "取值不对（不在可选范围内）"),
    "I009": ("empty-file", "error", "文件是空的"),
    "I010": ("not-a-mapping", "error", "最外层不是“字段: 内容”"),
    "I011": ("unsupported-tag", "error", "不支持的 YAML 标签（如 `!!python/object`，不会被执行）"),
    "I012": ("too-large", "error", "超过上限（文件大小、展开后的值的个数、嵌套层数）"),
    "I013": ("empty-value", "error", "内容为空"),
    "I014": ("invalid-date", "error", "日期看不懂或不存在"),
    "I015": ("unknown-kind", "error", "没有这个文种"),
    "I016": ("missing-part", "error", "缺少文种要求的部分"),
    "I017": ("part-order", "warning", "部分顺序不常见"),
    "I018": ("typed-number", "error", "手工写了编号"),
    "I019": ("repeated-part", "warning", "同一作用的部分出现多次"),
    "I020": ("bad-reference-doc", "error", "`--reference-doc` 不是有效的 docx"),
    "I021": (
        "reference-doc-too-large",
        "error",
        "`--reference-doc` 解压后超过上限（文字部分 50 MB、图片等 200 MB，防压缩炸弹）",
    ),
    "I022": ("bad-docx", "error", "要检查或导入的 .docx 不是有效的 Word 文档"),
    "I023": (
        "docx-too-large",
        "error",
        "要检查或导入的 .docx 解压后超过上限（文字部分 50 MB、图片等 200 MB，防压缩炸弹）",
    ),
    "I024": ("missing-style-file", "error", "`style:` 指向的版式文件找不到"),
    "I025": (
        "template-error",
        "error",
        "自定义模板出错（语法错误、用了不存在的变量、访问了不允许的内容）",
    ),
    "I026": ("too-deep", "error", "条目嵌套超过“一、（一）1.（1）”四级"),
    "I027": ("items-under-inline", "error", "以“一是”编号的条目下又写了下一级条目"),
    "I028": (
        "bad-roster",
        "error",
        "`--roster` 名单文件已损坏或格式有误（CSV 格式错误、不是有效的 .xlsx）",
    ),
}
