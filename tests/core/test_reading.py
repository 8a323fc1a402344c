"""One reading function for every input: refused past its limit before decoding, never cut.

Each case of issue 16 (items 1, 2, 9) as it was reproduced: `check --fix` of a file over
5 MB wrote back its first 5 MB; `import` of a 5.6 MB .txt ended early; a cut inside a UTF-8
character gave a false I006; a 5.3 MB roster lost its last rows; a 6.3 MB .docx holding a
photo was "corrupt"; a FIFO named *.md blocked `check` for ever.
"""

from __future__ import annotations

import io
import os
import random
import struct
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.batch.run import run_batch
from reportgen.cli import main
from reportgen.core.reading import read_file, read_stream, text_limit, zip_limits
from reportgen.errors import InputError, UsageError

from conftest import MINIMAL

MB = 1024 * 1024
SENTENCE = "本季度召开专题会议3次,研究部署开学安全工作。"  # T001: fixable by --fix


class _Main:
    name = "reportgen"

    def main(self, args: list[str], prog_name: str | None = None, **_: object) -> None:
        sys.exit(main(list(args)))


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(_Main(), list(args), input=stdin, catch_exceptions=False)  # type: ignore[arg-type]
    return result.exit_code, result.output


def big_markdown(path: Path, size: float) -> bytes:
    lines = ["# 青山县教育局关于校园安全工作的报告", ""]
    body = (SENTENCE * 20 + "\n\n").encode()
    head = "\n".join(lines).encode() + b"\n"
    data = head + body * (int(size * MB) // len(body) + 1)
    path.write_bytes(data)
    return data


def big_yaml(path: Path, size: float) -> bytes:
    line = f"'{SENTENCE * 20}'\n"
    count = int(size * MB) // len(line.encode()) + 1
    filler = "".join(f"x-note{i}: {line}" for i in range(count))
    data = (MINIMAL.replace("本季度召开专题会议3次。", SENTENCE) + filler).encode()
    path.write_bytes(data)
    return data


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert text_limit({}) == 5 * MB
    assert text_limit({"REPORTGEN_MAX_INPUT_MB": "12"}) == 12 * MB
    assert text_limit({"REPORTGEN_MAX_INPUT_MB": "abc"}) == 5 * MB
    assert zip_limits({}).xml == 50 * MB
    assert zip_limits({"REPORTGEN_MAX_DOCX_MB": "100"}).file == 200 * MB


@pytest.mark.parametrize("name, make", [("big.md", big_markdown), ("big.report.yaml", big_yaml)])
def test_fix_refuses_a_file_over_the_limit_and_leaves_it_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, make: object
) -> None:
    monkeypatch.chdir(tmp_path)
    data = make(tmp_path / name, 5.3)  # type: ignore[operator]
    assert len(data) > 5 * MB
    code, out = run("check", "--fix", name)
    assert code == 1
    assert f"{name}\n  1:1  错误  文件有 5.3 MB，超过 5 MB 的上限，没有读取（也没有改动）" in out
    assert "REPORTGEN_MAX_INPUT_MB" in out and "(I012/too-large)" in out
    assert "已自动修正" not in out
    assert (tmp_path / name).read_bytes() == data


@pytest.mark.slow  # fixes a file of more than 5 MB
def test_fix_under_a_raised_limit_fixes_all_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REPORTGEN_MAX_INPUT_MB", "1")
    data = big_markdown(tmp_path / "r.md", 0.9)
    code, out = run("check", "--fix", "r.md")
    # Every paragraph was fixed, to the very end: nothing was cut.
    assert (tmp_path / "r.md").read_bytes() == data.replace(b",", "，".encode())
    assert code == 0, out[-500:]


def test_fix_writes_nothing_when_the_file_changed_while_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportgen.check import runner

    monkeypatch.chdir(tmp_path)
    path = tmp_path / "r.md"
    path.write_text(f"# 关于校园安全工作的报告\n\n{SENTENCE}\n", encoding="utf-8")
    edited = f"# 关于校园安全工作的报告\n\n{SENTENCE}\n\n同事刚加的一段。\n"
    real_fix = runner._fix

    def fix_while_someone_saves(*args: object) -> object:
        path.write_text(edited, encoding="utf-8")  # saved in an editor meanwhile
        return real_fix(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "_fix", fix_while_someone_saves)
    code, out = run("check", "--fix", "r.md")
    assert path.read_text(encoding="utf-8") == edited
    assert code == 1
    assert "文件在检查期间被改动过，为免覆盖别人的修改，--fix 没有写回" in out
    assert "已自动修正" not in out


def test_import_refuses_a_long_text_instead_of_cutting_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    big_markdown(tmp_path / "旧报告.txt", 5.6)
    code, out = run("import", "旧报告.txt", "-o", "r.report.yaml")
    assert code == 1
    assert "文件有 5.6 MB，超过 5 MB 的上限" in out
    assert not (tmp_path / "r.report.yaml").exists()


def test_a_cut_inside_a_character_is_too_large_not_a_wrong_encoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    head = b"# \xe6\x8a\xa5\xe5\x91\x8a\n\n"  # 报告
    # The 5 MB mark falls in the middle of a three-byte character.
    body = "安" * ((5 * MB - len(head)) // 3 + 10)
    pad = b"x" * ((5 * MB - len(head) - 1) % 3)  # the mark one byte into a character
    data = head + pad + body.encode()
    assert data[5 * MB - 1] >= 0xE0 and data[5 * MB] in range(0x80, 0xC0)
    (tmp_path / "cut.md").write_bytes(data)
    code, out = run("check", "cut.md")
    assert "I012/too-large" in out and "I006" not in out
    assert code == 1


def test_standard_input_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTGEN_MAX_INPUT_MB", "0.5")
    with pytest.raises(InputError) as info:
        read_stream(io.BytesIO(b"a: b\n" * 200_000), "stdin")
    assert info.value.problems[0].code == "I012"
    assert "标准输入超过 0.5 MB 的上限，没有读取" in info.value.problems[0].message
    assert read_stream(io.BytesIO(b"a: b\n"), "stdin") == b"a: b\n"


def test_a_file_that_grew_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(InputError) as info:
        read_file(path, 1000, "REPORTGEN_MAX_INPUT_MB")
    assert info.value.problems[0].code == "I012"
    assert read_file(path, 2000, "REPORTGEN_MAX_INPUT_MB") == b"x" * 2000


def test_roster_csv_over_the_limit_is_refused_not_cut(tmp_path: Path) -> None:
    base = tmp_path / "基础.report.yaml"
    base.write_text(MINIMAL.replace("org: 青山县教育局", "org: '{{ 学校 }}'"), encoding="utf-8")
    rows = [f"青山县第{i:05d}中学,{'备注' * 480}" for i in range(1, 5381)]
    roster = tmp_path / "名单.csv"
    roster.write_text("学校,备注\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert roster.stat().st_size > 5.2 * MB
    with pytest.raises(InputError) as info:
        run_batch([base], tmp_path / "out", formats="md", roster=roster, jobs=1)
    assert [p.code for p in info.value.problems] == ["I012"]
    assert not list((tmp_path / "out").glob("*.md")) if (tmp_path / "out").exists() else True


# ---------------------------------------------------------------- .docx: XML counted, not media


def _png(path: Path, width: int, height: int) -> None:
    """A PNG of random pixels (incompressible: its size is about width × height × 3)."""
    rng = random.Random(16)
    raw = b"".join(b"\x00" + rng.randbytes(width * 3) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 0))
        + chunk(b"IEND", b"")
    )


def test_a_docx_with_a_big_photo_checks_and_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx

    monkeypatch.chdir(tmp_path)
    photo = tmp_path / "photo.png"
    _png(photo, 1500, 1400)
    doc = docx.Document()
    doc.add_paragraph("青山县教育局关于校园安全工作的报告")
    doc.add_paragraph("一、主要工作")
    doc.add_paragraph("本季度召开专题会议3次，研究部署开学安全工作。")
    doc.add_picture(str(photo))
    doc.add_paragraph("二、下一步打算")
    doc.add_paragraph("完善隐患排查台账。")
    doc.save(tmp_path / "有照片.docx")
    assert (tmp_path / "有照片.docx").stat().st_size > 6 * MB
    code, out = run("check", "有照片.docx")
    assert "I022" not in out and "I012" not in out and "I023" not in out, out
    code, out = run("import", "有照片.docx", "-o", "r.report.yaml")
    assert code == 0, out
    assert "完善隐患排查台账。" in (tmp_path / "r.report.yaml").read_text(encoding="utf-8")


# ---------------------------------------------------------------- FIFOs and devices

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@needs_fifo
def test_check_dir_skips_a_fifo_named_md(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "管道.md")
    # A report by its content (a part heading), so a folder search checks it.
    report = f"# 关于校园安全工作的报告\n\n## 一、工作情况\n\n{SENTENCE}\n"
    (tmp_path / "r.md").write_text(report, encoding="utf-8")
    code, out = run("check", ".")
    assert "r.md" in out and "管道.md" not in out
    assert code == 1  # the half-width comma in r.md


@needs_fifo
@pytest.mark.parametrize("command", [["check"], ["import"], ["render"]])
def test_a_fifo_named_on_the_command_line_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "管道.report.yaml" if command == ["render"] else "管道.md"
    os.mkfifo(tmp_path / name)
    code, out = run(*command, name)
    assert code == 2
    assert f"{name} 不是普通文件（是命名管道、套接字或设备）" in out


def test_a_device_is_refused(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(UsageError, match="不是普通文件"):
        read_file(Path("/dev/zero"))
