"""The input problem codes (loading and validating a report file), for `reportgen rules` and
the README. They are always errors (I017, I019, I032, I043, I055, I056 and I057 warnings) and
cannot be switched off: a report that cannot be read cannot be rendered."""

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
        "自定义模板出错（语法错误、用了不存在的变量、访问了不允许的内容、超出沙箱的限制）",
    ),
    "I026": ("too-deep", "error", "条目嵌套超过“一、（一）1.（1）”四级"),
    "I027": ("items-under-inline", "error", "以“一是”编号的条目下又写了下一级条目"),
    "I028": (
        "bad-roster",
        "error",
        "`--roster` 名单文件已损坏或格式有误（CSV 格式错误、不是有效的 .xlsx）",
    ),
    "I029": (
        "bad-kind-file",
        "error",
        "文种文件（kinds/NAME.yaml）有误：YAML 语法、不认识的字段、类型不对、缺少必填项、name 与文件名不一致",
    ),
    "I030": (
        "bad-role-file",
        "error",
        "作用表（roles.yaml）或识别词表（words.yaml）有误：YAML 语法、不认识的字段、类型不对、缺少必填项、正则表达式有误",
    ),
    "I031": (
        "genre-conflict",
        "error",
        "文种和作用彼此不一致：文种用了作用表里没有的作用、两个文种用同一个名称、words.yaml 的 default_kind 或 default_role 不存在",
    ),
    "I032": (
        "bad-batch-state",
        "warning",
        "batch 输出目录里的状态文件或日志无效（已忽略并重建）",
    ),
    "I033": ("table-too-large", "error", "表格的 CSV/XLSX 文件行数超过上限（2000 行，空行也算）"),
    "I034": ("missing-reference-doc", "error", "`--reference-doc` 指向的参考文档找不到"),
    "I036": (
        "cannot-write",
        "error",
        "输出文件或目录无法创建或写入（上级是文件、只读文件系统、没有权限、符号链接悬空或循环、磁盘已满）",
    ),
    "I037": (
        "cannot-read",
        "error",
        "`--templates` 目录里的文件无法读取（没有权限、不是普通文件、符号链接悬空或循环）",
    ),
    "I038": (
        "outside-folder",
        "error",
        "模板、版式或表格文件在允许的目录之外（`--templates` 目录里的符号链接指向目录外；`style:`、表格的 `file:` 指向写它的文件所在目录之外）",
    ),
    "I039": ("file-error", "error", "其他读写文件或目录的系统错误（如设备出错）"),
    "I042": (
        "comment-eats-text",
        "error",
        "文字后的“ #”被 YAML 当成注释，后面的文字会丢失（如微博话题 #安全教育月#）",
    ),
    "I043": ("missing-date", "warning", "没有写成文日期（date），报告末尾不会有日期"),
    "I050": (
        "masthead-in-plain",
        "error",
        "版头的项目（issuer_mark、signers、copy_number、secrecy、urgency）写在了 format: plain 的报告里",
    ),
    "I051": ("invalid-copy-number", "error", "份号不是 1 到 6 位阿拉伯数字"),
    "I052": ("invalid-secrecy", "error", "密级不是 绝密、机密、秘密（可加“★保密期限”）"),
    "I053": ("signers-without-number", "error", "写了签发人却没有发文字号"),
    "I054": ("attachment-file", "error", "附件的 file 找不到、无法读取或不是 .md/.txt"),
    "I055": ("printed-before-date", "warning", "印发日期早于成文日期"),
    "I056": ("secret-without-copy-number", "warning", "涉密公文没有份号"),
    "I057": (
        "reference-doc",
        "warning",
        "参考文档：沿用了哪些样式、红头，以及页眉中无法按标准排布的红头",
    ),
    "I058": ("table-unknown-column", "error", "表格里写了不存在的列（行里的列名、公式、文件表头）"),
    "I059": (
        "table-bad-value",
        "error",
        "数字列里写了非数字、整数列里写了小数、日期列里的日期看不懂",
    ),
    "I060": ("table-total-mismatch", "error", "手写的合计、小计或计算列的数与按数据算出的不一致"),
    "I061": ("table-empty-cell", "error", "必填（required）的单元格是空的"),
    "I062": ("table-file", "error", "表格的 CSV/XLSX 文件找不到、读不了，或工作表不存在"),
    "I063": ("table-row-length", "error", "一行写的格数多于要填的列数"),
    "I064": (
        "table-citation",
        "error",
        "正文引用表格数字（{{ 表.… }}）时写了不存在的表、行或列，或表的 id 重复",
    ),
}

# The notes `reportgen import` writes about one source file: code → (name, level, meaning).
# All but M010 are warnings: the YAML is written and the note says what to look at.
IMPORT_CODES: dict[str, tuple[str, str, str]] = {
    "M001": (
        "junk-dropped",
        "warning",
        "从网页、公众号复制时带进来的杂项（分享栏、阅读数、推广语等）已删去，逐条列出",
    ),
    "M002": (
        "guessed",
        "warning",
        "文种、发文机关、主题或报告期是推断的，或日期写法已更正（二O二五年 → 二〇二五年），请核对",
    ),
    "M003": ("placeholder", "warning", "必需的内容没有找到，已写成“[请填写…]”占位"),
    "M004": (
        "numbering",
        "warning",
        "原文的编号与生成时的编号不同（跳号、重号、混用、跳级），或 Word 自动编号无法确定",
    ),
    "M005": ("control-character", "warning", "删去了看不见的控制字符"),
    "M006": (
        "layout",
        "warning",
        "报告文件无法保留原文的版式（标题上方的文字、没有分部分的正文等），文字已移到合适的位置",
    ),
    "M007": ("invalid-output", "warning", "导入结果还不能直接生成，随后列出需要修改的问题"),
    "M008": ("points", "warning", "“一是……二是……”要点的写法与原文不完全相同（生成时写在同一段里）"),
    "M009": (
        "table",
        "warning",
        "原文中的表格没能原样导入：第一个部分标题之前的表格没有导入，合计行与各行之和不一致时按原样导入",
    ),
    "M010": ("empty-import", "error", "文件里没有可导入的文字"),
    "M011": (
        "html-block",
        "warning",
        "HTML 块按纯文本导入：去掉了标签，删去了其中的 `<script>`、`<style>` 和注释",
    ),
    # reportgen next: the next period's file started from the last one.
    "M012": (
        "figure-to-review",
        "warning",
        "沿用上一期的报告：这一行的数字（或发文字号）是上一期的，请更新",
    ),
    "M013": (
        "moved-on",
        "warning",
        "沿用上一期的报告：报告期、成文日期或标题、导语里的报告期已改为下一期，请核对",
    ),
}
