"""Every code reportgen reports, in one registry: what `reportgen rules` lists and explains,
what the README's tables are tested against, and the constants call sites pass.

Families: **I** reading and validating a report (errors, a few warnings; they cannot be
switched off: a report that cannot be read cannot be rendered), **B** the inputs of a batch
(shared defaults, manifest, roster), **O/C/T** the check rules
(each defined by its module in reportgen/check/rules/, gathered here by :func:`rule_codes`),
**M** the notes `reportgen import` (and `next`) writes about a source file. A call site
passes the constant (``codes.TOO_LARGE``), never the code and name typed by hand
(tests/test_codes.py holds them to it).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.problem import Level


@dataclass(frozen=True)
class Code:
    """One code: its id (I012), name (too-large), default level and meaning (Chinese)."""

    id: str
    name: str
    level: Level
    meaning: str

    @property
    def family(self) -> str:
        return self.id[0]


# ---------------------------------------------------------------- I: reading and validating

YAML_SYNTAX = Code(
    "I001", "yaml-syntax", Level.ERROR, "YAML 语法错误（含 Tab 缩进、全角冒号、未闭合的引号或括号）"
)
DUPLICATE_KEY = Code("I002", "duplicate-key", Level.ERROR, "同一字段写了两次")
UNKNOWN_FIELD = Code("I003", "unknown-field", Level.ERROR, "不认识的字段（附“是否想写……”）")
WRONG_TYPE = Code("I004", "wrong-type", Level.ERROR, "类型不对（应为文字却是列表等）")
MISSING_FIELD = Code("I005", "missing-field", Level.ERROR, "缺少必填字段")
ENCODING = Code("I006", "encoding", Level.ERROR, "编码无法识别")
CONTROL_CHARACTER = Code("I007", "control-character", Level.ERROR, "含有不可见的控制字符")
INVALID_VALUE = Code("I008", "invalid-value", Level.ERROR, "取值不对（不在可选范围内）")
EMPTY_FILE = Code("I009", "empty-file", Level.ERROR, "文件是空的")
NOT_A_MAPPING = Code("I010", "not-a-mapping", Level.ERROR, "最外层不是“字段: 内容”")
UNSUPPORTED_TAG = Code(
    "I011",
    "unsupported-tag",
    Level.ERROR,
    "不支持的 YAML 标签（如 `!!python/object`，不会被执行）",
)
TOO_LARGE = Code(
    "I012", "too-large", Level.ERROR, "超过上限（文件大小、展开后的值的个数、嵌套层数）"
)
EMPTY_VALUE = Code("I013", "empty-value", Level.ERROR, "内容为空")
INVALID_DATE = Code("I014", "invalid-date", Level.ERROR, "日期看不懂或不存在")
UNKNOWN_KIND = Code("I015", "unknown-kind", Level.ERROR, "没有这个文种")
MISSING_PART = Code("I016", "missing-part", Level.ERROR, "缺少文种要求的部分")
PART_ORDER = Code("I017", "part-order", Level.WARNING, "部分顺序不常见")
TYPED_NUMBER = Code("I018", "typed-number", Level.ERROR, "手工写了编号")
REPEATED_PART = Code("I019", "repeated-part", Level.WARNING, "同一作用的部分出现多次")
BAD_REFERENCE_DOC = Code(
    "I020", "bad-reference-doc", Level.ERROR, "`--reference-doc` 不是有效的 docx"
)
REFERENCE_DOC_TOO_LARGE = Code(
    "I021",
    "reference-doc-too-large",
    Level.ERROR,
    "`--reference-doc` 解压后超过上限（文字部分 50 MB、图片等 200 MB，防压缩炸弹）",
)
BAD_DOCX = Code("I022", "bad-docx", Level.ERROR, "要检查或导入的 .docx 不是有效的 Word 文档")
DOCX_TOO_LARGE = Code(
    "I023",
    "docx-too-large",
    Level.ERROR,
    "要检查或导入的 .docx 解压后超过上限（文字部分 50 MB、图片等 200 MB，防压缩炸弹）",
)
MISSING_STYLE_FILE = Code(
    "I024", "missing-style-file", Level.ERROR, "`style:` 指向的版式文件找不到"
)
TEMPLATE_ERROR = Code(
    "I025",
    "template-error",
    Level.ERROR,
    "自定义模板出错（语法错误、用了不存在的变量、访问了不允许的内容、超出沙箱的限制）",
)
TOO_DEEP = Code("I026", "too-deep", Level.ERROR, "条目嵌套超过“一、（一）1.（1）”四级")
ITEMS_UNDER_INLINE = Code(
    "I027", "items-under-inline", Level.ERROR, "以“一是”编号的条目下又写了下一级条目"
)
BAD_ROSTER = Code(
    "I028",
    "bad-roster",
    Level.ERROR,
    "`--roster` 名单文件已损坏或格式有误（CSV 格式错误、不是有效的 .xlsx）",
)
BAD_KIND_FILE = Code(
    "I029",
    "bad-kind-file",
    Level.ERROR,
    "文种文件（kinds/NAME.yaml）有误：YAML 语法、不认识的字段、类型不对、缺少必填项、name 与文件名不一致",
)
BAD_ROLE_FILE = Code(
    "I030",
    "bad-role-file",
    Level.ERROR,
    "作用表（roles.yaml）或识别词表（words.yaml）有误：YAML 语法、不认识的字段、类型不对、缺少必填项、正则表达式有误、作用的开关（default、umbrella 等）彼此矛盾",
)
GENRE_CONFLICT = Code(
    "I031",
    "genre-conflict",
    Level.ERROR,
    "文种和作用彼此不一致：文种用了作用表里没有的作用、两个文种用同一个名称、words.yaml 的 default_kind 不存在",
)
BAD_BATCH_STATE = Code(
    "I032", "bad-batch-state", Level.WARNING, "batch 输出目录里的状态文件或日志无效（已忽略并重建）"
)
TABLE_TOO_LARGE = Code(
    "I033", "table-too-large", Level.ERROR, "表格的 CSV/XLSX 文件行数超过上限（2000 行，空行也算）"
)
MISSING_REFERENCE_DOC = Code(
    "I034", "missing-reference-doc", Level.ERROR, "`--reference-doc` 指向的参考文档找不到"
)
CANNOT_WRITE = Code(
    "I036",
    "cannot-write",
    Level.ERROR,
    "输出文件或目录无法创建或写入（上级是文件、只读文件系统、没有权限、符号链接悬空或循环、磁盘已满）",
)
CANNOT_READ = Code(
    "I037",
    "cannot-read",
    Level.ERROR,
    "`--templates` 目录里的文件无法读取（没有权限、不是普通文件、符号链接悬空或循环）",
)
OUTSIDE_FOLDER = Code(
    "I038",
    "outside-folder",
    Level.ERROR,
    "模板、版式或表格文件在允许的目录之外（`--templates` 目录里的符号链接指向目录外；`style:`、表格的 `file:` 指向写它的文件所在目录之外）",
)
FILE_ERROR = Code("I039", "file-error", Level.ERROR, "其他读写文件或目录的系统错误（如设备出错）")
COMMENT_EATS_TEXT = Code(
    "I042",
    "comment-eats-text",
    Level.ERROR,
    "文字后的“ #”被 YAML 当成注释，后面的文字会丢失（如微博话题 #安全教育月#）",
)
MISSING_DATE = Code(
    "I043", "missing-date", Level.WARNING, "没有写成文日期（date），报告末尾不会有日期"
)
MASTHEAD_IN_PLAIN = Code(
    "I050",
    "masthead-in-plain",
    Level.ERROR,
    "版头的项目（issuer_mark、signers、copy_number、secrecy、urgency）写在了 format: plain 的报告里",
)
INVALID_COPY_NUMBER = Code(
    "I051", "invalid-copy-number", Level.ERROR, "份号不是 1 到 6 位阿拉伯数字"
)
INVALID_SECRECY = Code(
    "I052", "invalid-secrecy", Level.ERROR, "密级不是 绝密、机密、秘密（可加“★保密期限”）"
)
SIGNERS_WITHOUT_NUMBER = Code(
    "I053", "signers-without-number", Level.ERROR, "写了签发人却没有发文字号"
)
ATTACHMENT_FILE = Code(
    "I054", "attachment-file", Level.ERROR, "附件的 file 找不到、无法读取或不是 .md/.txt/.docx"
)
ATTACHMENT_DOCX = Code(
    "I040",
    "attachment-docx",
    Level.ERROR,
    "附件的 .docx 文件无法使用（损坏、不是 Word 文档，或文件、解压后的内容超过上限）",
)
ATTACHMENT_DOCX_DROPPED = Code(
    "I041",
    "attachment-docx-dropped",
    Level.WARNING,
    "附件的 .docx 文件中有图片、图表、文本框或嵌入对象，没有附上（只附文字段落和表格）",
)
ATTACHMENT_FILE_OUTSIDE = Code(
    "I044",
    "attachment-file-outside",
    Level.ERROR,
    "附件的 file 指向报告文件所在文件夹之外（按符号链接指向的实际位置判断）",
)
PRINTED_BEFORE_DATE = Code("I055", "printed-before-date", Level.WARNING, "印发日期早于成文日期")
SECRET_WITHOUT_COPY_NUMBER = Code(
    "I056", "secret-without-copy-number", Level.WARNING, "涉密公文没有份号"
)
REFERENCE_DOC = Code(
    "I057",
    "reference-doc",
    Level.WARNING,
    "参考文档：沿用了哪些样式、红头，以及页眉中无法按标准排布的红头",
)
TABLE_UNKNOWN_COLUMN = Code(
    "I058",
    "table-unknown-column",
    Level.ERROR,
    "表格里写了不存在的列（行里的列名、公式、文件表头）",
)
TABLE_BAD_VALUE = Code(
    "I059",
    "table-bad-value",
    Level.ERROR,
    "数字列里写了非数字、整数列里写了小数、日期列里的日期看不懂",
)
TABLE_TOTAL_MISMATCH = Code(
    "I060", "table-total-mismatch", Level.ERROR, "手写的合计、小计或计算列的数与按数据算出的不一致"
)
TABLE_EMPTY_CELL = Code("I061", "table-empty-cell", Level.ERROR, "必填（required）的单元格是空的")
TABLE_FILE = Code(
    "I062", "table-file", Level.ERROR, "表格的 CSV/XLSX 文件找不到、读不了，或工作表不存在"
)
TABLE_ROW_LENGTH = Code("I063", "table-row-length", Level.ERROR, "一行写的格数多于要填的列数")
TABLE_CITATION = Code(
    "I064",
    "table-citation",
    Level.ERROR,
    "正文引用表格数字（{{ 表.… }}）时写了不存在的表、行或列，或表的 id 重复",
)

# ---------------------------------------------------------------- B: batch inputs
# The shared defaults (--defaults, a manifest's defaults:), a batch manifest (*.batch.yaml)
# and a roster (--roster): errors but B004.

BAD_DEFAULTS = Code(
    "B001",
    "bad-defaults",
    Level.ERROR,
    "共用字段（`--defaults` 文件、批量清单的 defaults:）写错：不是“字段: 内容”的映射，或写了报告没有的字段；"
    "批量清单（*.batch.yaml）本身写错时名称为 bad-manifest",
)
# B001 for the manifest itself: the same code, the name says which file is wrong.
BAD_MANIFEST = Code(
    "B001",
    "bad-manifest",
    Level.ERROR,
    "批量清单（*.batch.yaml）写错：不认识的项、没有 reports、reports 的项不是路径或又是一份清单",
)
ROSTER_EMPTY_CELL = Code(
    "B002", "roster-empty-cell", Level.ERROR, "名单里的单元格是空的，无法填入报告中的 {{ 列名 }}"
)
ROSTER_MISSING_COLUMN = Code(
    "B003", "roster-missing-column", Level.ERROR, "报告里的 {{ 列名 }} 在名单中没有这一列"
)
ROSTER_UNUSED_COLUMN = Code(
    "B004",
    "roster-unused-column",
    Level.WARNING,
    "名单的某一列没有被报告用到（报告里没有 {{ 列名 }}）",
)
DUPLICATE_UNIT = Code(
    "B005",
    "duplicate-unit",
    Level.WARNING,
    "同一单位有不止一份报告汇入汇总稿（如旧稿和改稿都在本批里），汇总稿里这个单位出现不止一次",
)

# ---------------------------------------------------------------- M: import notes
# All but M010 are warnings: the YAML is written and the note says what to look at.
NOTE_JUNK_DROPPED = Code(
    "M001",
    "junk-dropped",
    Level.WARNING,
    "从网页、公众号复制时带进来的杂项（分享栏、阅读数、推广语等）已删去，逐条列出",
)
NOTE_GUESSED = Code(
    "M002",
    "guessed",
    Level.WARNING,
    "文种、发文机关、主题或报告期是推断的，或日期写法已更正（二O二五年 → 二〇二五年），请核对",
)
NOTE_PLACEHOLDER = Code(
    "M003", "placeholder", Level.WARNING, "必需的内容没有找到，已写成“[请填写…]”占位"
)
NOTE_NUMBERING = Code(
    "M004",
    "numbering",
    Level.WARNING,
    "原文的编号与生成时的编号不同（跳号、重号、混用、跳级），或 Word 自动编号无法确定",
)
NOTE_CONTROL_CHARACTER = Code("M005", "control-character", Level.WARNING, "删去了看不见的控制字符")
NOTE_LAYOUT = Code(
    "M006",
    "layout",
    Level.WARNING,
    "报告文件无法保留原文的版式（标题上方的文字、没有分部分的正文等），文字已移到合适的位置",
)
NOTE_INVALID_OUTPUT = Code(
    "M007", "invalid-output", Level.WARNING, "导入结果还不能直接生成，随后列出需要修改的问题"
)
NOTE_POINTS = Code(
    "M008",
    "points",
    Level.WARNING,
    "“一是……二是……”要点的写法与原文不完全相同（生成时写在同一段里）",
)
NOTE_TABLE = Code(
    "M009",
    "table",
    Level.WARNING,
    "原文中的表格没能原样导入：第一个部分标题之前的表格没有导入，合计行与各行之和不一致时按原样导入",
)
NOTE_EMPTY_IMPORT = Code("M010", "empty-import", Level.ERROR, "文件里没有可导入的文字")
NOTE_HTML_BLOCK = Code(
    "M011",
    "html-block",
    Level.WARNING,
    "HTML 块按纯文本导入：去掉了标签，删去了其中的 `<script>`、`<style>` 和注释",
)
# reportgen next: the next period's file started from the last one.
NOTE_FIGURE_TO_REVIEW = Code(
    "M012",
    "figure-to-review",
    Level.WARNING,
    "沿用上一期的报告：这一行的数字（或发文字号）是上一期的，请更新",
)
NOTE_MOVED_ON = Code(
    "M013",
    "moved-on",
    Level.WARNING,
    "沿用上一期的报告：报告期、成文日期或标题、导语里的报告期已改为下一期，请核对",
)


INPUT_CODES: dict[str, Code] = {
    c.id: c
    for c in (
        YAML_SYNTAX,
        DUPLICATE_KEY,
        UNKNOWN_FIELD,
        WRONG_TYPE,
        MISSING_FIELD,
        ENCODING,
        CONTROL_CHARACTER,
        INVALID_VALUE,
        EMPTY_FILE,
        NOT_A_MAPPING,
        UNSUPPORTED_TAG,
        TOO_LARGE,
        EMPTY_VALUE,
        INVALID_DATE,
        UNKNOWN_KIND,
        MISSING_PART,
        PART_ORDER,
        TYPED_NUMBER,
        REPEATED_PART,
        BAD_REFERENCE_DOC,
        REFERENCE_DOC_TOO_LARGE,
        BAD_DOCX,
        DOCX_TOO_LARGE,
        MISSING_STYLE_FILE,
        TEMPLATE_ERROR,
        TOO_DEEP,
        ITEMS_UNDER_INLINE,
        BAD_ROSTER,
        BAD_KIND_FILE,
        BAD_ROLE_FILE,
        GENRE_CONFLICT,
        BAD_BATCH_STATE,
        TABLE_TOO_LARGE,
        MISSING_REFERENCE_DOC,
        CANNOT_WRITE,
        CANNOT_READ,
        OUTSIDE_FOLDER,
        FILE_ERROR,
        ATTACHMENT_DOCX,
        ATTACHMENT_DOCX_DROPPED,
        COMMENT_EATS_TEXT,
        MISSING_DATE,
        ATTACHMENT_FILE_OUTSIDE,
        MASTHEAD_IN_PLAIN,
        INVALID_COPY_NUMBER,
        INVALID_SECRECY,
        SIGNERS_WITHOUT_NUMBER,
        ATTACHMENT_FILE,
        PRINTED_BEFORE_DATE,
        SECRET_WITHOUT_COPY_NUMBER,
        REFERENCE_DOC,
        TABLE_UNKNOWN_COLUMN,
        TABLE_BAD_VALUE,
        TABLE_TOTAL_MISMATCH,
        TABLE_EMPTY_CELL,
        TABLE_FILE,
        TABLE_ROW_LENGTH,
        TABLE_CITATION,
    )
}
BATCH_CODES: dict[str, Code] = {
    c.id: c
    for c in (
        BAD_DEFAULTS,
        ROSTER_EMPTY_CELL,
        ROSTER_MISSING_COLUMN,
        ROSTER_UNUSED_COLUMN,
        DUPLICATE_UNIT,
    )
}
# Codes registered under a second name (the first is the one in the tables above).
ALIASES: tuple[Code, ...] = (BAD_MANIFEST,)
IMPORT_CODES: dict[str, Code] = {
    c.id: c
    for c in (
        NOTE_JUNK_DROPPED,
        NOTE_GUESSED,
        NOTE_PLACEHOLDER,
        NOTE_NUMBERING,
        NOTE_CONTROL_CHARACTER,
        NOTE_LAYOUT,
        NOTE_INVALID_OUTPUT,
        NOTE_POINTS,
        NOTE_TABLE,
        NOTE_EMPTY_IMPORT,
        NOTE_HTML_BLOCK,
        NOTE_FIGURE_TO_REVIEW,
        NOTE_MOVED_ON,
    )
}


def rule_codes() -> dict[str, Code]:
    """The O/C/T codes, from the rule registry (imported on first use: the rules are many)."""
    from reportgen.check.rules import RULES

    return {
        code: Code(code, rule.name, rule.level, rule.summary.rstrip("。"))
        for code, rule in RULES.items()
    }


def all_codes() -> dict[str, Code]:
    """Every code of every family, rules first (the order of `reportgen rules`)."""
    return {**rule_codes(), **INPUT_CODES, **BATCH_CODES, **IMPORT_CODES}


def find(code_or_name: str) -> Code | None:
    """A code by its id (any case) or, for the I and B families, its name (M names repeat
    rule names)."""
    wanted = code_or_name.upper()
    for table in (INPUT_CODES, BATCH_CODES, IMPORT_CODES):
        if wanted in table:
            return table[wanted]
    named = (*INPUT_CODES.values(), *BATCH_CODES.values(), *ALIASES)
    found = next((c for c in named if c.name == code_or_name), None)
    return BATCH_CODES.get(found.id, found) if found is not None else None
