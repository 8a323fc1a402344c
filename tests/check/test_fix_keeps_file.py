"""`check --fix` keeps a file's link, mode, encoding, BOM and line endings, or refuses."""

from __future__ import annotations

import codecs
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen.check.config import default_config
from reportgen.check.rules import RULES
from reportgen.check.runner import check_one
from reportgen.core.load import decode, decode_detail
from reportgen.errors import OutputError
from reportgen.output import UnencodableError, rewrite_in_place

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and symlinks")

REPORT = (
    "kind: work-report\norg: 青山县教育局\ntopic: 校园安全工作\n"
    "period: {year: 2024, quarter: 3}\ndate: 2024-10-08\n"
    "lead: 现将有关情况报告如下：\nparts:\n  - role: work\n    items:\n"
    "      - heading: 抓队伍，强化组织领导\n        text: 本季度召开专题会议3次,研究部署工作。\n"
    "  - role: problems\n    points: [部分学校设施老化, 应急演练覆盖面不够]\n"
    "  - role: next-steps\n    items:\n      - heading: 完善机制\n        text: 建立隐患台账。\n"
)
FIXED = REPORT.replace("3次,研究", "3次，研究")


def _fix(path: Path) -> tuple[list[str], list[str]]:
    result = check_one(str(path), default_config(), fix=True)
    return [p.code for p in result.fixed], [f"{p.code} {p.message}" for p in result.problems]


# ---------------------------------------------------------------- 1. --fix keeps the file


@posix_only
def test_fix_through_a_symlink_edits_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "store" / "r.report.yaml"
    real.parent.mkdir()
    real.write_text(REPORT, encoding="utf-8")
    link = tmp_path / "link.report.yaml"
    link.symlink_to(real)
    fixed, left = _fix(link)
    assert fixed == ["T001"] and left == []
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8") == FIXED
    assert [p.name for p in real.parent.iterdir()] == ["r.report.yaml"]  # no temp file left


@posix_only
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755])
def test_fix_keeps_the_file_mode(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "r.report.yaml"
    path.write_text(REPORT, encoding="utf-8")
    path.chmod(mode)
    assert _fix(path)[0] == ["T001"]
    assert stat.S_IMODE(path.stat().st_mode) == mode


RARE = "\U00020bb7"  # 𠮷: GB18030 has it (four bytes), GBK does not
_ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf16le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf16be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "gbk": lambda t: t.encode("gbk"),
    "gb18030": lambda t: t.replace("青山县", f"青山{RARE}县").encode("gb18030"),
    "utf8-crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "gbk-crlf": lambda t: t.replace("\n", "\r\n").encode("gbk"),
    "utf16le-bom-crlf": lambda t: codecs.BOM_UTF16_LE + t.replace("\n", "\r\n").encode("utf-16-le"),
}


@pytest.mark.parametrize("name", list(_ENCODINGS))
def test_fix_keeps_the_encoding_bom_and_line_endings(tmp_path: Path, name: str) -> None:
    encode = _ENCODINGS[name]
    path = tmp_path / "r.report.yaml"
    path.write_bytes(encode(REPORT))
    fixed, left = _fix(path)
    assert fixed == ["T001"] and left == []
    assert path.read_bytes() == encode(FIXED)


def test_fix_markdown_keeps_gbk_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    text = "# 关于工作的报告\r\n\r\n本季度召开专题会议3次,研究部署工作。\r\n"
    path.write_bytes(text.encode("gbk"))
    assert _fix(path)[0] == ["T001"]
    assert path.read_bytes() == text.replace("3次,", "3次，").encode("gbk")


def test_fix_refuses_what_gbk_cannot_hold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No rule proposes such a character today; make one that does.
    monkeypatch.setitem(RULES["T001"].module.FULL, ",", RARE)
    path = tmp_path / "r.report.yaml"
    path.write_bytes(REPORT.encode("gbk"))
    fixed, left = _fix(path)
    assert fixed == [] and path.read_bytes() == REPORT.encode("gbk")
    (message,) = [m for m in left if m.startswith("T001")]
    assert "GBK" in message and "U+20BB7" in message and "另存为 UTF-8" in message


@pytest.mark.parametrize(
    ("raw", "encoding", "bom"),
    [
        ("报告".encode(), "utf-8", False),
        (codecs.BOM_UTF8 + "报告".encode(), "utf-8", True),
        (codecs.BOM_UTF16_LE + "报告".encode("utf-16-le"), "utf-16-le", True),
        (codecs.BOM_UTF16_BE + "报告".encode("utf-16-be"), "utf-16-be", True),
        ("报告".encode("gbk"), "gbk", False),
        (f"报告{RARE}".encode("gb18030"), "gb18030", False),
    ],
)
def test_decode_detail_names_the_encoding(raw: bytes, encoding: str, bom: bool) -> None:
    decoded = decode_detail(raw, "r.yaml")
    assert (decoded.text, decoded.encoding, decoded.bom) == (
        decode(raw, "r.yaml")[0],
        encoding,
        bom,
    )
    assert decoded.text is not None and decoded.text.startswith("报告")


def test_decode_detail_failure_keeps_the_problems() -> None:
    decoded = decode_detail(b"org: a\ntopic: \xff\xff\xff\n", "r.yaml")
    assert decoded.text is None and [p.code for p in decoded.problems] == ["I006"]


def test_rewrite_in_place_refuses_rather_than_change_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_bytes("报告\n".encode("gbk"))
    with pytest.raises(UnencodableError, match="U\\+20BB7"):
        rewrite_in_place(path, f"报告{RARE}\n", "gbk", False)
    assert path.read_bytes() == "报告\n".encode("gbk") and len(list(tmp_path.iterdir())) == 1
    rewrite_in_place(path, f"报告{RARE}\n", "gb18030", False)
    assert path.read_bytes() == f"报告{RARE}\n".encode("gb18030")


def test_rewrite_in_place_of_a_missing_file_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        rewrite_in_place(tmp_path / "gone.md", "x", "utf-8", False)
