"""The genre registry: roles, kinds and words read from templates/, merged with a user's
folder, and the questions the readers ask of it (which kind a title names, which roles a
heading names, where a title's topic ends, how a report names its kind)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.genre.registry import current, genre_for, infer_roles, using
from reportgen.read.markdown import front_matter, read_markdown


@pytest.mark.parametrize(
    ("title", "kind", "word"),
    [
        ("关于2024年第三季度校园安全工作情况的报告", "work-report", ""),
        ("关于2024年上半年校园安全工作情况的汇报", "work-report", "汇报"),
        ("青山县实验小学2024年秋季学期工作总结", "summary", "总结"),
        ("关于食堂食品安全自查情况的报告", "self-inspection", "自查"),
        ("食品安全自查工作总结", "self-inspection", "自查"),  # 自查 outweighs 总结
        ("关于2024年第三季度校园安全形势的分析研判报告", "analysis", "研判"),
        ("", "work-report", ""),
    ],
)
def test_the_kind_a_title_names(title: str, kind: str, word: str) -> None:
    found, named = current().guess_kind(title)
    assert (found.name, named) == (kind, word)


@pytest.mark.parametrize(
    ("title", "topic"),
    [
        ("校园安全工作情况的报告", "校园安全工作"),
        ("校园安全工作情况汇报", "校园安全工作"),
        ("食堂食品安全自查情况的报告", "食堂食品安全"),
        ("阅读推广工作总结", "阅读推广工作"),
        ("校园安全形势的分析研判报告", "校园安全"),
        ("校园安全工作", "校园安全工作"),
    ],
)
def test_the_topic_is_the_title_without_a_kind_ending(title: str, topic: str) -> None:
    assert current().title_topic(title) == topic


@pytest.mark.parametrize(
    ("heading", "roles"),
    [
        ("工作情况", ["work"]),
        ("存在的问题及整改措施", ["problems", "next-steps"]),
        ("坚持问题导向，推动整改落实", []),  # a theme: weak words decide nothing
        ("安全隐患整治", ["problems"]),
        ("排查安全隐患", []),  # a veto word
        ("经验", ["experience"]),
    ],
)
def test_the_roles_a_heading_names(heading: str, roles: list[str]) -> None:
    assert infer_roles(heading) == roles


def _folder(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "tpl"
    for name, text in files.items():
        path = folder / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def test_a_user_role_replaces_a_built_in_one_by_id(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        **{
            "roles.yaml": "roles:\n  problems:\n    label: 问题和不足\n    order: 55\n    keywords: [短板弱项]\n"
        },
    )
    table = genre_for((folder,)).roles
    assert table.roles["problems"].label == "问题和不足"
    assert table.roles["problems"].keywords == ("短板弱项",)
    assert list(table.roles)[-2:] == ["problems", "next-steps"]
    assert table.is_theme("排查隐患")  # the built-in shared vetoes are kept
    with using((folder,)):
        assert infer_roles("补齐短板弱项") == ["problems"]
        assert infer_roles("问题与不足") == []  # a built-in keyword, replaced
        # The built-in kinds still head their problems part so: a report rendered in
        # this genre is read back with that role.
        assert infer_roles("存在的问题") == ["problems"]
    assert infer_roles("存在的问题") == ["problems"]  # outside, the built-ins again


def test_user_words_add_to_the_built_in_ones(tmp_path: Path) -> None:
    folder = _folder(tmp_path, **{"words.yaml": "closing_starts: [请予审阅]\n"})
    text = "# 关于校园安全工作情况的报告\n\n## 一、工作情况\n\n开展演练。\n\n请予审阅。\n\n特此报告。\n"
    assert [b.kind.name for b in read_markdown(text, "a.md").blocks][-2:] == [
        "PARAGRAPH",
        "CLOSING",
    ]
    with using((folder,)):
        assert [b.kind.name for b in read_markdown(text, "a.md").blocks][-2:] == [
            "CLOSING",
            "CLOSING",
        ]


def test_two_kinds_may_not_share_a_name(tmp_path: Path) -> None:
    from reportgen.errors import InputError

    kind = "label: 工作总结\ntitle: x\nlead: y\nparts:\n  - {role: work, heading: 工作}\n"
    folder = _folder(tmp_path, **{"kinds__annual.yaml": kind})
    with pytest.raises(InputError) as caught:
        genre_for((folder,))
    (problem,) = caught.value.problems
    assert (problem.code, problem.file) == ("I031", str(folder / "kinds" / "annual.yaml"))
    assert "“工作总结”已被" in problem.message


@pytest.mark.parametrize(
    ("text", "kind", "lines"),
    [
        ("---\nkind: summary\n---\n\n# 标题\n", "summary", ["", "", "", "", "# 标题"]),
        ("---\ntitle: x\n---\n# 标题\n", "", ["", "", "", "# 标题"]),
        ("---\n一、工作情况\n---\n", "", ["---", "一、工作情况", "---"]),  # no mapping
        ("---\nkind: [\n---\n", "", ["---", "kind: [", "---"]),  # not YAML
        ("# 标题\n---\nkind: summary\n---\n", "", ["# 标题", "---", "kind: summary", "---"]),
    ],
)
def test_front_matter(text: str, kind: str, lines: list[str]) -> None:
    found, rest = front_matter(text)
    assert found == kind
    assert rest.splitlines() == lines


def test_render_names_the_kind_in_the_docx_and_the_reader_takes_it(write, tmp_path: Path) -> None:
    import docx
    from cli_helpers import run

    from reportgen.read.docx import declared_kind, read_docx

    from conftest import MINIMAL

    target = tmp_path / "r.docx"
    # The title does not say 自查: only the category tells a reader the kind.
    source = write(
        MINIMAL.replace("org:", "kind: self-inspection\ntitle: 关于校园安全工作的报告\norg:")
    )
    code, _, err = run(["render", str(source), "-o", str(target)])
    assert code == 0, err
    assert docx.Document(str(target)).core_properties.category == "自查报告"
    data = target.read_bytes()
    assert declared_kind(data) == "自查报告"
    document = read_docx(data, "r.docx")
    assert (document.kind, document.declared_kind) == ("self-inspection", "self-inspection")
