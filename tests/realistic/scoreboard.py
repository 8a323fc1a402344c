"""The scoreboard: `check` and `import` measured on the realistic corpus.

    python tests/realistic/scoreboard.py          # figures
    python tests/realistic/scoreboard.py -v       # and every miss, document by document

Check: a *false reject* is an error on a well-formed report (or a code it must not get),
a *missed defect* a defect report without its code; warnings are counted per well-formed
report. Import: every sentence of the source (junk lines aside) must come out of the
imported YAML's render with the same words (*lost* otherwise) and the same punctuation
(*altered*: allowed only where the import says so, M006/M008 — an own-line heading
loses its trailing colon, one-sentence points written as paragraphs are joined with ；);
a sentence of the render found nowhere in the source is *spurious* (the
kind's generated title/lead/closing aside); every piece of junk (a line, or a run glued to a
paragraph's start or end) must be gone; the imported
YAML of a well-formed report must render; its outline (part roles, items per part, the
closing, blocks above 一、) must be the expected one.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

if __name__ == "__main__":  # run as a script: the corpus package lives next to this file
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from realistic.corpus import CASES, Case
from realistic.files import plain, write
from realistic.shapes import Shape

_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+[、，]|[（(][一二三四五六七八九十]+[）)]|\d+[.．、，]|[（(]\d+[）)])"
)
_INLINE = re.compile(r"(^|[。；，：！？])[一二三四五六七八九十]+是")
_NOT_WORD = re.compile(r"[^\u3400-\u9fffA-Za-z0-9%]")
_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f【】]")
# Markdown marks and the marker of a block above 一、 (its separator may be normalised).
_MARKUP = re.compile(r"^#+\s*|\*\*")
_GROUP = re.compile(r"^(?:第[一二三四五六七八九十]+(?:部分|板块|篇)|[上中下]篇)[\s\u3000：:]*")


def _strip(text: str) -> str:
    text = _MARKUP.sub("", _EMOJI.sub("", text).strip())
    text = _GROUP.sub("", text)
    text = _MARKER.sub("", text)
    return _INLINE.sub(r"\1", text)


def _key(text: str) -> str:
    return _NOT_WORD.sub("", text)


def _sentences(paras: Iterable[str]) -> list[str]:
    out: list[str] = []
    for p in paras:
        for s in _SENTENCE.findall(_strip(p).replace(" ", "").replace("\u3000", "")):
            if len(_key(s)) >= 4:
                out.append(s)
    return out


@dataclass
class Result:
    case: Case
    shape: Shape
    errors: list[str] = field(default_factory=list)  # check: codes at level error
    warnings: list[str] = field(default_factory=list)
    checked: bool = False
    lost: list[str] = field(default_factory=list)
    altered: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    junk_kept: list[str] = field(default_factory=list)
    render_error: str = ""
    outline: list[str] = field(default_factory=list)  # outline differences
    notes: list[str] = field(default_factory=list)  # the import's warning codes
    check_roles: tuple[str, ...] = ()  # the part roles check reads in the file
    import_roles: tuple[str, ...] = ()  # the part roles of the imported report

    @property
    def disagree(self) -> bool:
        """check and import read different outlines (part roles) from the same file."""
        if not self.checked or not self.import_roles:
            return False
        # A report without part headings: check sees no parts, import must make one.
        return self.check_roles != self.import_roles and (self.check_roles, self.import_roles) != (
            (),
            ("work",),
        )

    messages: list[str] = field(default_factory=list)

    @property
    def unannounced(self) -> list[str]:
        """Sentences whose punctuation the import changed without saying so (M006, M008)."""
        return [] if {"M006", "M008"} & set(self.notes) else self.altered

    @property
    def false_reject(self) -> list[str]:
        if not self.checked:
            return []
        bad = [c for c in self.shape.absent if c in self.errors + self.warnings]
        if self.shape.clean:
            bad += [c for c in self.errors if c not in self.shape.must]
        return bad

    @property
    def missed(self) -> list[str]:
        if not self.checked:
            return []
        found = self.errors + self.warnings
        missed = [c for c in self.shape.must if c not in found]
        for code, count in self.shape.extra.items():
            if re.fullmatch(r"[A-Z]\d{3}", code) and found.count(code) != count:
                missed.append(f"{code}×{found.count(code)}≠{count}")
        return missed


def _check(path: Path, result: Result) -> None:
    from reportgen.check.runner import run_check
    from reportgen.core.blocks import BlockKind
    from reportgen.problem import Level
    from reportgen.read.docx import read_docx
    from reportgen.read.markdown import read_markdown

    problems = run_check([str(path)], cwd=path.parent).problems
    result.checked = True
    if path.suffix == ".md":
        document = read_markdown(path.read_text(encoding="utf-8"), str(path))
    else:
        document = read_docx(path.read_bytes(), str(path))
    result.check_roles = tuple(
        b.role for b in document.blocks if b.kind is BlockKind.HEADING and b.level == 1
    )
    for p in problems:
        if p.level is Level.ERROR:
            result.errors.append(p.code)
        elif p.level is Level.WARNING:
            result.warnings.append(p.code)
        result.messages.append(f"{p.code}@{p.line}:{p.column} {p.message}")


def _unglued(paragraph: str, junk: tuple[str, ...]) -> str:
    """``paragraph`` without the junk glued to its start or end (……20本。分享到：朋友圈)."""
    for j in junk:
        if paragraph.endswith(j):
            paragraph = paragraph[: -len(j)].rstrip()
        if paragraph.startswith(j):
            paragraph = paragraph[len(j) :].lstrip()
    return paragraph


def _import(path: Path, result: Result) -> None:
    from reportgen.core.blocks import BlockKind
    from reportgen.core.load import load_text
    from reportgen.importing.run import import_report
    from reportgen.pipeline import prepare_loaded
    from reportgen.render.markdown import render_markdown

    shape = result.shape
    imported = import_report(path)
    result.notes = [w.code for w in imported.warnings]
    yaml_text = imported.text
    for junk in shape.junk:
        core = _key(junk)[:12]
        # A short key (（完） is 完) is in any text: the junk itself is looked for then.
        if (len(core) >= 3 and core in _key(yaml_text)) or (
            len(core) < 3 and junk.strip() in yaml_text
        ):
            result.junk_kept.append(junk)
    data = imported.data if isinstance(imported.data, dict) else {}
    try:
        prepared = prepare_loaded(load_text(yaml_text, str(path)), path)
    except Exception as exc:  # an InputError: the YAML does not render
        result.render_error = str(getattr(exc, "problems", exc))[:300]
        return
    document = prepared.document
    rendered = render_markdown(document)
    _outline(document, data, result)
    # Sentences: the source's (junk aside) against the render's.
    left_out = (*shape.junk, *shape.dropped)  # junk, and 版记 dropped with a note
    source = [
        plain(_unglued(p, shape.junk))
        for p in shape.paras
        if p and not p.startswith("TABLE:") and p not in left_out
    ]
    out_text = rendered.replace("*", "").replace("#", "").replace("\\", "")
    out_paras = out_text.split("\n")
    out_raw = "".join(_strip(p).replace(" ", "").replace("\u3000", "") for p in out_paras)
    out_key = _key(out_raw)
    src_sentences = _sentences(source)
    for s in src_sentences:
        if _key(s) not in out_key:
            result.lost.append(s)
        elif (s not in out_raw and s.rstrip("。！？；") not in out_raw) or (
            s[-1:] in "。！？；" and s not in out_raw
        ):
            result.altered.append(s)
    generated = []
    if "title" not in data:
        generated.append(document.title)
    if "lead" not in data:
        generated += [b.text for b in document.blocks if b.kind is BlockKind.LEAD]
    src_key = _key("".join(_strip(p) for p in source))
    rendered_paras = [
        text
        for b in document.blocks
        # The 版记 is imported as cc/printed_by (a 版记 line is left out of the source's
        # sentences above), so its render is not compared either.
        if b.kind not in (BlockKind.TABLE, BlockKind.IMPRINT)
        for text in (b.items if b.kind is BlockKind.ATTACHMENTS else [b.full_text])
    ]
    for s in _sentences(rendered_paras):
        if _key(s) not in src_key and not any(_key(s) in _key(g) for g in generated):
            result.spurious.append(s)


def _outline(document: object, data: dict[str, object], result: Result) -> None:
    from reportgen.core.blocks import BlockKind, Document

    assert isinstance(document, Document)
    shape = result.shape
    parts = [b for b in document.blocks if b.kind is BlockKind.HEADING and b.level == 1]
    roles = tuple(b.role for b in parts)
    if shape.roles and roles != shape.roles:
        result.outline.append(f"roles {roles} ≠ {shape.roles}")
    # Items: the headings one step below each part (（一） or, skipping it, 1.).
    counts: list[int] = []
    under: int | None = None
    for b in document.blocks:
        if b.kind is not BlockKind.HEADING or b.family is None:
            continue
        if b.level == 1:
            counts.append(0)
            under = None
        elif counts and b.family.value != "一是" and (under is None or b.level == under):
            under = b.level
            counts[-1] += 1
    if shape.items and tuple(counts) != shape.items:
        result.outline.append(f"items {tuple(counts)} ≠ {shape.items}")
    has_closing = bool(str(data.get("closing") or "").strip())
    if has_closing != shape.closing:
        result.outline.append(f"closing {has_closing} ≠ {shape.closing}")
    parts_data = data.get("parts")
    found = sum(
        1
        for p in (parts_data if isinstance(parts_data, list) else [])
        if isinstance(p, dict) and p.get("group")
    )
    if found != shape.blocks:
        result.outline.append(f"blocks {found} ≠ {shape.blocks}")
    recipient = result.case.topic.recipient
    if f"{recipient}：" in shape.paras and data.get("recipient") != recipient:
        result.outline.append(f"recipient {data.get('recipient')!r} ≠ {recipient!r}")
    number = shape.extra.get("doc_number")
    if number and data.get("doc_number") != number:
        result.outline.append(f"doc_number {data.get('doc_number')!r} ≠ {number!r}")
    result.import_roles = roles


def run(cases: list[Case] = CASES) -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            shape = case.build()
            folder = Path(tmp) / case.name
            folder.mkdir()
            path = write(shape.paras, case.fmt, folder, case.name)
            result = Result(case, shape)
            if case.fmt in ("md", "docx"):
                _check(path, result)
            _import(path, result)
            results.append(result)
    return results


@dataclass
class Figures:
    documents: int
    shapes: int
    checked_clean: int
    false_rejects: int
    defects: int
    missed_defects: int
    warnings_per_clean: float
    sentences: int
    lost: int
    altered: int
    altered_unannounced: int  # altered without an M006/M008 note
    spurious: int
    junk: int
    junk_kept: int
    well_formed: int
    render_failures: int
    outline_mismatches: int
    disagreements: int  # documents where check and import read different part roles


def figures(results: list[Result]) -> Figures:
    clean = [r for r in results if r.checked and r.shape.clean]
    defects = [r for r in results if r.checked and r.shape.must]
    well_formed = [r for r in results if r.shape.renders]
    warnings = sum(len([w for w in r.warnings if w not in r.shape.must]) for r in clean)
    return Figures(
        documents=len(results),
        shapes=len({r.case.shape for r in results}),
        checked_clean=len(clean),
        false_rejects=sum(1 for r in results if r.false_reject),
        defects=len(defects),
        missed_defects=sum(1 for r in defects if r.missed),
        warnings_per_clean=round(warnings / max(len(clean), 1), 2),
        sentences=sum(
            len(
                _sentences(
                    plain(p) for p in r.shape.paras if p not in (*r.shape.junk, *r.shape.dropped)
                )
            )
            for r in results
        ),
        lost=sum(len(r.lost) for r in results),
        altered=sum(len(r.altered) for r in results),
        altered_unannounced=sum(len(r.unannounced) for r in results),
        spurious=sum(len(r.spurious) for r in results),
        junk=sum(len(r.shape.junk) for r in results),
        junk_kept=sum(len(r.junk_kept) for r in results),
        well_formed=len(well_formed),
        render_failures=sum(1 for r in well_formed if r.render_error),
        outline_mismatches=sum(1 for r in results if r.outline),
        disagreements=sum(1 for r in results if r.disagree),
    )


def report(results: list[Result], verbose: bool = False) -> str:
    f = figures(results)
    lines = [
        f"文档 {f.documents} 篇，提纲形态 {f.shapes} 种",
        f"check：误报错误（正确报告被判错） {f.false_rejects} / {f.checked_clean}；"
        f"漏报缺陷 {f.missed_defects} / {f.defects}；每篇正确报告的提醒 {f.warnings_per_clean}",
        f"import：句子 {f.sentences} 句，丢失 {f.lost}，改动 {f.altered}"
        f"（未提示的 {f.altered_unannounced}），多出 {f.spurious}；"
        f"网页残留 {f.junk} 处，保留 {f.junk_kept}；"
        f"应能生成 {f.well_formed} 篇，不能生成 {f.render_failures}；提纲不符 {f.outline_mismatches} 篇",
        f"check 与 import 读出的提纲不一致 {f.disagreements} 篇",
    ]
    if verbose:
        for r in results:
            issues = []
            if r.false_reject:
                issues.append(f"false reject {r.false_reject}")
            if r.missed:
                issues.append(f"missed {r.missed}")
            if r.shape.clean and r.warnings:
                issues.append(f"warnings {r.warnings}")
            for label, items in (
                ("lost", r.lost),
                ("altered", r.altered),
                ("spurious", r.spurious),
                ("junk kept", r.junk_kept),
                ("outline", r.outline),
            ):
                if items:
                    issues.append(f"{label} {items[:3]}")
            if r.disagree:
                issues.append(f"check roles {r.check_roles} ≠ import roles {r.import_roles}")
            if r.render_error and r.shape.renders:
                issues.append(f"render {r.render_error}")
            if issues:
                lines.append(f"- {r.case.name}: " + "; ".join(issues))
                if "-vv" in sys.argv:
                    lines += [f"    {m}" for m in r.messages]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(run(), verbose="-v" in sys.argv or "-vv" in sys.argv))
