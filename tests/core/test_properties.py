"""Property tests: random report trees, random text in every field, random damage to YAML.

Nothing may end in anything but a rendered document or an InputError (exit 1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.core.blocks import BlockKind
from reportgen.core.load import load_text
from reportgen.errors import InputError
from reportgen.pipeline import Prepared
from reportgen.render.docx import render_docx
from reportgen.render.markdown import render_markdown

from conftest import EXAMPLES


def examples(n: int) -> int:
    """``n`` in the full suite; fewer in the fast loop, whose hypothesis profile (tests/conftest.py)
    lowers the default of 100."""
    return max(10, n * settings.default.max_examples // 100)


SETTINGS = settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

_HANZI = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_PUNCT = st.sampled_from("，。；：、“”（）《》？！——……0123456789")
chinese = st.text(st.one_of(_HANZI, _HANZI, _HANZI, _PUNCT), min_size=1, max_size=40).filter(
    lambda s: s.strip()
)
anything = st.text(min_size=0, max_size=30)


def item(depth: int = 0) -> st.SearchStrategy[Any]:
    fields = {
        "heading": chinese,
        "text": chinese,
        "points": st.lists(chinese, min_size=1, max_size=4),
    }
    base = st.fixed_dictionaries(
        {"heading": chinese}, optional={"text": chinese, "points": fields["points"]}
    )
    if depth >= 2:
        return st.one_of(chinese, base)
    return st.one_of(
        chinese,
        base,
        st.fixed_dictionaries(
            {"heading": chinese},
            optional={"text": chinese, "items": st.lists(item(depth + 1), min_size=1, max_size=3)},
        ),
    )


part = st.fixed_dictionaries(
    {
        "heading": chinese,
        "role": st.just("work"),
        "items": st.lists(item(), min_size=1, max_size=5),
    },
    optional={
        "numbering": st.sampled_from(["（一）", "1.", "（1）", "一是"]),
        "run_in": st.booleans(),
    },
)
report_tree = st.fixed_dictionaries(
    {
        "kind": st.just("summary"),
        "org": st.just("青山县实验小学"),
        "topic": chinese,
        "period": st.sampled_from(["2024年", "2024年秋季学期", "2024"]),
        "parts": st.lists(part, min_size=1, max_size=5),
    },
    optional={
        "recipient": chinese,
        "date": st.just("2024-10-08"),
        "lead": chinese,
        "closing": chinese,
        "attachments": st.lists(chinese, min_size=1, max_size=3),
    },
)


def _prepare_text(text: str) -> Prepared:
    """The pipeline of `render` on YAML text (no file)."""
    from reportgen.core.document import build_document
    from reportgen.core.validate import resolve_roles, validate
    from reportgen.genre.registry import load_kind

    loaded = load_text(text, "h.yaml")
    report, problems = validate(loaded)
    if report is None:
        raise InputError(problems)
    kind = load_kind(report.kind)
    assert kind is not None
    return Prepared(build_document(report, kind, resolve_roles(report)))


def _strip_markers(text: str) -> bool:
    from reportgen.core.numbering import parse_marker

    return parse_marker(text.strip()) is None


@SETTINGS
@given(report_tree)
def test_random_valid_trees_render_everywhere(tree: dict[str, Any]) -> None:
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    try:
        prepared = _prepare_text(text)
    except InputError as exc:
        # The expected refusals: random Chinese starting with a typed marker (一是, 十、),
        # items nested below （1）, or sub-items under 一是 items.
        assert {p.code for p in exc.problems} <= {"I018", "I026", "I027", "I043"}, exc
        return
    doc = prepared.document
    markdown = render_markdown(doc)
    assert markdown.startswith("# ")
    docx = render_docx(doc)
    assert docx[:2] == b"PK"
    numbered = [b for b in doc.blocks if b.kind is BlockKind.HEADING and b.level == 1]
    assert [b.number for b in numbered] == list(range(1, len(tree["parts"]) + 1))
    for b in numbered:
        assert f"## {b.marker}" in markdown


def _put_everywhere(value: str) -> dict[str, Any]:
    return {
        "org": value or "青山县教育局",
        "topic": value,
        "period": value,
        "title": value,
        "recipient": value,
        "doc_number": value,
        "lead": value,
        "closing": value,
        "signature": value,
        "attachments": [value],
        "parts": [
            {
                "heading": value,
                "intro": value,
                "points": [value],
                "items": [value, {"heading": value, "text": value, "points": [value]}],
            },
            {"role": "problems", "points": [value]},
            {"role": "next-steps", "items": [{"heading": value}]},
        ],
    }


@SETTINGS
@given(anything)
def test_any_text_in_any_field_never_crashes(value: str) -> None:
    text = yaml.safe_dump(_put_everywhere(value), allow_unicode=True, sort_keys=False)
    try:
        prepared = _prepare_text(text)
    except InputError as exc:
        assert exc.problems and all(p.code.startswith("I") for p in exc.problems)
        return
    render_markdown(prepared.document)
    render_docx(prepared.document)


_SEED_TEXTS = [p.read_text(encoding="utf-8") for p in EXAMPLES[:2]] or ["org: a\n"]


@st.composite
def damaged_yaml(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(_SEED_TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "insert", "duplicate-line", "swap-lines", "indent"]))
        lines = text.split("\n")
        if op == "delete" and len(text) > 2:
            a = draw(st.integers(0, len(text) - 1))
            text = text[:a] + text[a + draw(st.integers(1, 40)) :]
        elif op == "insert":
            a = draw(st.integers(0, len(text)))
            text = (
                text[:a]
                + draw(
                    st.text(
                        st.sampled_from(
                            [*list(":-[]{}&*!|>'\"#\t\n \u3000，：x1"), "\x00", "\u2028", "\ufeff"]
                        ),
                        max_size=6,
                    )
                )
                + text[a:]
            )
        elif op == "duplicate-line" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif op == "swap-lines" and len(lines) > 1:
            i = draw(st.integers(0, len(lines) - 2))
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
            text = "\n".join(lines)
        elif op == "indent" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
            text = "\n".join(lines)
    return text


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=damaged_yaml())
def test_damaged_yaml_never_crashes(text: str, tmp_path_factory: Any) -> None:
    from cli_helpers import run

    folder: Path = tmp_path_factory.mktemp("damaged")
    source = folder / "d.report.yaml"
    source.write_text(text, encoding="utf-8", errors="surrogatepass")
    code, _, stderr = run(["render", str(source), "-o", str(folder / "out.md")])
    assert code in (0, 1), stderr
    assert "内部错误" not in stderr and "Traceback" not in stderr
    if code == 1:
        assert not (folder / "out.md").exists()


# ---------------------------------------------------------------- read-back

_CLEAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
clause = st.text(_CLEAN, min_size=2, max_size=12)
heading_text = st.lists(clause, min_size=1, max_size=3).map("，".join).filter(_strip_markers)
body_text = (
    st.lists(clause, min_size=1, max_size=4)
    .map(lambda cs: "，".join(cs) + "。")
    .filter(_strip_markers)
)
clean_item = st.one_of(
    st.fixed_dictionaries({"heading": heading_text}, optional={"text": body_text}),
    st.fixed_dictionaries(
        {
            "heading": heading_text,
            "text": body_text,
            "items": st.lists(
                st.fixed_dictionaries({"heading": heading_text, "text": body_text}),
                min_size=1,
                max_size=3,
            ),
        }
    ),
)
clean_tree = st.fixed_dictionaries(
    {
        "kind": st.just("summary"),
        "org": st.just("青山县实验小学"),
        "topic": st.just("教学工作"),
        "period": st.just("2024年秋季学期"),
        "date": st.just("2025-01-17"),
        "parts": st.lists(
            st.fixed_dictionaries(
                # A random heading may hold a role keyword (问题, 成效): the role is said outright.
                {
                    "heading": heading_text,
                    "role": st.just("work"),
                    "items": st.lists(clean_item, min_size=1, max_size=4),
                },
                optional={"numbering": st.sampled_from(["（一）", "1."]), "run_in": st.booleans()},
            ),
            min_size=1,
            max_size=4,
        ),
    }
)


def _outline(doc: Any) -> list[tuple[int, str, str]]:
    return [(b.level, b.marker, b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


@SETTINGS
@given(clean_tree)
def test_random_reports_read_back_to_the_same_outline(tree: dict[str, Any]) -> None:
    from reportgen.read.docx import read_docx
    from reportgen.read.markdown import read_markdown

    prepared = _prepare_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False))
    doc = prepared.document
    expected = _outline(doc)
    assert _outline(read_docx(render_docx(doc), "r.docx")) == expected
    assert _outline(read_markdown(render_markdown(doc), "r.md")) == expected
