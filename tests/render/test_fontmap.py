"""The office-name → installed-face map behind PDFs (render/fontmap.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from reportgen.render import fontmap
from reportgen.render.fontmap import FontPlan, font_plan, plan_from

OFFICE = ("仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体")


def keys(*names: str) -> frozenset[str]:
    return frozenset("".join(n.split()).casefold() for n in names)


@pytest.mark.parametrize(
    ("installed", "expected"),
    [
        # Only Fandol: every office name falls back to its Fandol face.
        (
            keys("FandolFang", "FandolKai", "FandolHei", "FandolSong", "Noto Sans CJK JP"),
            {
                "仿宋_GB2312": "FandolFang",
                "楷体_GB2312": "FandolKai",
                "黑体": "FandolHei",
                "方正小标宋简体": "FandolSong",
                "宋体": "FandolSong",
            },
        ),
        # Windows' own faces (仿宋, 楷体, SimSun) come before Fandol; 黑体 is there itself.
        (
            keys("仿宋", "KaiTi", "黑体", "SimSun", "FandolFang", "FandolSong"),
            {
                "仿宋_GB2312": "仿宋",
                "楷体_GB2312": "KaiTi",
                "方正小标宋简体": "SimSun",
                "宋体": "SimSun",
            },
        ),
        # The real office fonts: nothing is substituted.
        (keys("仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体"), {}),
    ],
)
def test_each_office_name_gets_the_best_installed_face(
    installed: frozenset[str], expected: dict[str, str]
) -> None:
    assert plan_from(installed, (), True).substitutes(OFFICE) == expected


def test_names_without_any_face_are_missing_and_unknown_names_are_left_alone() -> None:
    plan = plan_from(keys("FandolFang"), (), True)
    assert plan.missing([*OFFICE, "FandolFang"]) == [
        "楷体_GB2312",
        "黑体",
        "方正小标宋简体",
        "宋体",
    ]
    assert plan.face("Some Font") is None
    # Without fontconfig nothing can be said.
    assert plan_from(frozenset(), (), False).missing(OFFICE) == []


def test_conf_adds_the_folders_and_binds_the_substitutes_as_the_name_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    plan = plan_from(keys("FandolFang", "黑体"), ("/x/fandol",), True)
    root = etree.fromstring(plan.conf_xml().encode())
    assert root.findtext("include") == "/etc/fonts/fonts.conf"
    assert [d.text for d in root.iterfind("dir")] == ["/x/fandol"]
    aliases = {a.findtext("family"): a.findtext("prefer/family") for a in root.iterfind("alias")}
    assert aliases["仿宋_GB2312"] == "FandolFang"
    assert "黑体" not in aliases  # installed: no alias
    assert all(a.get("binding") == "same" for a in root.iterfind("alias"))


def test_fandol_outside_fontconfig_is_found_in_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fandol in a folder fontconfig does not scan (as TeX Live's): found by the folder
    globs and named from its files, and the conf adds that folder."""
    folder = tmp_path / "texlive" / "fandol"
    folder.mkdir(parents=True)
    for face in ("FandolFang", "FandolKai", "FandolHei", "FandolSong"):
        (folder / f"{face}-Regular.otf").write_bytes(b"")
    monkeypatch.setattr(fontmap, "_FANDOL_GLOBS", (str(tmp_path / "*" / "fandol"),))
    monkeypatch.setattr(
        fontmap.shutil, "which", lambda name: "/bin/true" if name == "fc-list" else None
    )
    monkeypatch.setattr(fontmap, "_run", lambda command: "/f/noto.ttc\tNoto Sans CJK JP\n")
    plan = plan_from(*fontmap.scan())
    assert plan.extra_dirs == (str(folder),)
    assert plan.substitutes(OFFICE)["仿宋_GB2312"] == "FandolFang"


def test_this_machine_maps_every_office_name_when_fandol_is_anywhere() -> None:
    plan = font_plan()
    if not plan.known or plan.missing(OFFICE):
        pytest.skip(f"本机缺少字体：{'、'.join(plan.missing(OFFICE)) or '无 fontconfig'}")
    assert all(plan.face(name) for name in OFFICE)
    assert isinstance(plan, FontPlan)
