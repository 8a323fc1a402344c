"""`reportgen preview` without a browser: placing findings, the last good render, the event
stream, and the process as a user runs it (URL printed, Ctrl-C → exit 130, nothing left)."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from queue import Queue

import pytest
from cli_helpers import run
from preview_helpers import running_preview

from reportgen.core.blocks import Block, BlockKind, Document, Origin
from reportgen.preview.build import Builder, place
from reportgen.problem import Level, Problem

from conftest import MINIMAL


def _problem(path: str, line: int = 0) -> Problem:
    return Problem("r.report.yaml", line, 1, Level.ERROR, "I003", "unknown-field", "x", path)


DOC = Document(
    title="标题",
    blocks=[
        Block(BlockKind.TITLE, "标题", origin=Origin(1, 1, "title")),
        Block(BlockKind.HEADING, "工作情况", level=1, origin=Origin(8, 14, "parts[0].heading")),
        Block(
            BlockKind.HEADING, "抓队伍", level=2, origin=Origin(10, 18, "parts[0].items[0].heading")
        ),
        Block(BlockKind.PARAGRAPH, "第一段", origin=Origin(11, 15, "parts[0].items[0].text")),
        Block(BlockKind.PARAGRAPH, "第二段", origin=Origin(11, 15, "parts[0].items[0].text")),
        Block(
            BlockKind.HEADING, "抓制度", level=2, origin=Origin(12, 18, "parts[0].items[1].heading")
        ),
        Block(BlockKind.SIGNATURE, "青山县教育局", origin=Origin(2, 6, "org")),
    ],
)


@pytest.mark.parametrize(
    ("path", "line", "expected"),
    [
        ("parts[0].items[0].heading", 10, 2),  # the very field
        ("parts[0].items[0].text", 11, 3),  # a text of several paragraphs: its first
        ("parts[0].items[1].headin", 12, 5),  # a misspelt key: its item
        ("parts[0].items[7]", 30, 5),  # no such item: the part's last block before line 30
        ("org", 2, 6),
        ("kind", 5, 6),  # no block from that field: the last block starting before line 5
        ("", 11, 3),  # no path (a YAML syntax error): by line
        ("", 0, None),  # a whole-file problem: only in the list
    ],
)
def test_place_puts_a_problem_at_its_block(path: str, line: int, expected: int | None) -> None:
    assert place([_problem(path, line)], DOC) == [expected]


TWO_PARAGRAPHS = MINIMAL.replace(
    "        text: 本季度召开专题会议3次。\n",
    "        text: |\n          本季度召开专题会议3次。\n          全年组织培训5场。\n",
)


@pytest.mark.parametrize(
    ("old", "new", "flagged"),
    [
        # the second paragraph, a block of its own
        ("全年组织培训5场", "全年组织培训,5场", '<p class="flagged flagged-error" id="b4"'),
        # the first paragraph, which is the body of the run-in heading's block
        ("专题会议3次", "专题会议,3次", '<p class="run-in level-2 flagged flagged-error" id="b3"'),
        # the heading sentence
        ("抓队伍", "抓队伍,", '<p class="run-in level-2 flagged flagged-error" id="b3"'),
    ],
)
def test_a_finding_in_a_text_of_paragraphs_lands_on_its_paragraph(
    write, old: str, new: str, flagged: str
) -> None:
    view = Builder(write(TWO_PARAGRAPHS.replace(old, new))).build()
    assert [p.code for p in view.problems] == ["T001"]
    assert view.article.count('class="finding error"') == 1
    assert flagged in view.article


def test_a_broken_file_keeps_the_last_good_render(write) -> None:
    report = write(MINIMAL)
    builder = Builder(report)
    good = builder.build()
    assert (good.version, good.broken, good.problems) == (1, False, [])
    assert "本季度召开专题会议3次。" in good.article and "没有发现问题" in good.panel
    report.write_text(MINIMAL.replace("      - heading: 抓队伍", "      - headin: 抓队伍"), "utf-8")
    bad = builder.build()
    assert (bad.version, bad.broken) == (2, True)
    assert [p.code for p in bad.problems] == ["I003", "I005"] or "I003" in [
        p.code for p in bad.problems
    ]
    assert "本季度召开专题会议3次。" in bad.article  # the last good document, still there
    assert 'class="rg-panel broken"' in bad.panel
    assert "文件有错误，下面显示的是上一次正确生成的版本" in bad.panel
    assert re.search(
        r'<span class="finding error" role="note" tabindex="0"><span class="finding-code">I003',
        bad.article,
    )
    report.write_text("parts: [\n", "utf-8")
    never = Builder(report).build()
    assert never.broken and "还无法生成报告" in never.panel and "<article" in never.article


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = run(["preview", str(tmp_path / "无.report.yaml"), "--no-browser"])
    assert (code, out) == (2, "")
    assert err == f"错误：找不到报告文件：{tmp_path / '无.report.yaml'}\n"
    (tmp_path / "报告.md").write_text("# 标题\n", encoding="utf-8")
    code, out, err = run(["preview", str(tmp_path / "报告.md"), "--no-browser"])
    assert (code, out, err) == (
        2,
        "",
        "错误：preview 预览的是报告文件（*.report.yaml），不是 报告.md；"
        "写好的 .md、.docx 报告请用 reportgen check 检查。\n",
    )


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A preview of tmp_path/报告/r.report.yaml (tmp_path itself is outside its folder)."""
    (tmp_path / "报告").mkdir()
    report = tmp_path / "报告" / "r.report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    with running_preview(report) as url:
        yield url, report


def test_preview_serves_nothing_outside_the_report_folder(serving: tuple[str, Path]) -> None:
    import urllib.error
    import urllib.request

    url, report = serving
    (report.parent / "图.txt").write_text("一", encoding="utf-8")
    (report.parent.parent / "secret.txt").write_text("不该看到", encoding="utf-8")
    assert urllib.request.urlopen(url + "%E5%9B%BE.txt").read() == "一".encode()
    (report.parent / ".x").write_text("隐藏", encoding="utf-8")
    paths = ("../secret.txt", "%2e%2e/secret.txt", "..%2fsecret.txt", "/etc/passwd", ".x", "a%00b")
    for path in paths:
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(url + path)
        assert caught.value.code == 404, path
    request = urllib.request.Request(url, headers={"Host": "evil.example:80"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request)
    assert caught.value.code == 403


def test_the_event_stream_carries_each_save(serving: tuple[str, Path]) -> None:
    url, report = serving
    where = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
    conn.request("GET", "/events?since=1")
    response = conn.getresponse()
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
    assert response.readline() == b"retry: 1000\n"
    saved = time.perf_counter()
    report.write_text(MINIMAL.replace("专题会议3次", "专题会议4次"), encoding="utf-8")
    lines = [response.readline() for _ in range(4)]
    elapsed = time.perf_counter() - saved
    conn.close()
    assert lines[:3] == [b"\n", b"id: 2\n", b"event: update\n"]
    data = lines[3]
    assert data.startswith(b"data: ") and data.endswith(b"}\n")
    view = json.loads(data[len(b"data: ") :])
    assert view["version"] == 2 and "专题会议4次" in view["article"]
    assert view["broken"] is False and view["codes"] == []
    assert elapsed < 2.0  # about 0.1 s on an idle machine; the watcher waits 30 ms of quiet
    # An editor that saves by writing a hidden temporary file and renaming it over the report.
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
    conn.request("GET", "/events", headers={"Last-Event-ID": "2"})
    response = conn.getresponse()
    temporary = report.parent / f".{report.name}.swp"
    temporary.write_text(MINIMAL.replace("专题会议3次", "专题会议5次"), encoding="utf-8")
    os.replace(temporary, report)
    line = b""
    while not line.startswith(b"data: "):
        line = response.readline()
    conn.close()
    view = json.loads(line[len(b"data: ") :])
    assert view["version"] == 3 and "专题会议5次" in view["article"]


def test_the_command_prints_the_url_and_stops_on_ctrl_c(write) -> None:
    report = write(MINIMAL)
    before = sorted(p.name for p in report.parent.iterdir())
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "preview", str(report), "--no-browser"],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )
    try:
        assert proc.stderr is not None
        assert proc.stderr.readline() == f"正在预览 {report}\n"
        address = proc.stderr.readline()
        m = re.fullmatch(r"预览地址：http://127\.0\.0\.1:(\d+)/\n", address)
        assert m, address
        port = int(m.group(1))
        assert proc.stderr.readline() == "保存文件后页面会自动更新；按 Ctrl-C 停止预览。\n"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/")
        page = conn.getresponse().read().decode()
        conn.close()
        assert '<html lang="zh-CN">' in page and "<h1" in page and 'id="rg-panel"' in page
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
        err = proc.stderr.read()
        assert proc.stdout is not None
        out = proc.stdout.read()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert err == "\n已中断。\n"  # click's newline after ^C, then the CLI's word
    assert out == ""
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass
    assert sorted(p.name for p in report.parent.iterdir()) == before


def test_it_listens_on_loopback_only(serving: tuple[str, Path]) -> None:
    url, _ = serving
    assert url.startswith("http://127.0.0.1:")
    port = urllib.parse.urlsplit(url).port
    assert port is not None
    tables = [Path("/proc/net/tcp"), Path("/proc/net/tcp6")]
    if not tables[0].exists():
        pytest.skip("no /proc/net/tcp (not Linux)")
    listening = [
        fields[1].split(":")[0]
        for table in tables
        if table.exists()
        for fields in (line.split() for line in table.read_text().splitlines()[1:])
        if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port  # 0A: LISTEN
    ]
    assert listening == ["0100007F"]  # 127.0.0.1 only: no 0.0.0.0, no IPv6 wildcard


def test_a_file_gone_for_a_moment_keeps_the_render(write) -> None:
    report = write(MINIMAL)
    builder = Builder(report)
    builder.build()
    report.unlink()  # an editor that deletes and re-creates on save
    gone = builder.build()
    assert gone.broken and "本季度召开专题会议3次。" in gone.article
    assert f"找不到文件：{report}" in gone.panel
    report.write_text(MINIMAL, encoding="utf-8")
    back = builder.build()
    assert not back.broken and "没有发现问题" in back.panel


def test_a_style_file_in_another_folder_is_watched_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportgen.pipeline import ALLOW_STYLE_OUTSIDE
    from reportgen.preview import preview

    monkeypatch.setenv(ALLOW_STYLE_OUTSIDE, "1")  # a shared style above the report's folder

    (tmp_path / "版式").mkdir()
    (tmp_path / "报告").mkdir()
    style = tmp_path / "版式" / "本局.yaml"
    style.write_text("margin_top_mm: 37\n", encoding="utf-8")
    report = tmp_path / "报告" / "r.report.yaml"
    report.write_text(MINIMAL + "style: ../版式/本局.yaml\n", encoding="utf-8")
    urls: Queue[str] = Queue()
    stop = threading.Event()
    thread = threading.Thread(
        target=preview,
        args=(report,),
        kwargs={"open_browser": False, "announce": urls.put, "stop": stop},
    )
    thread.start()
    try:
        where = urllib.parse.urlsplit(urls.get(timeout=10))
        conn = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
        conn.request("GET", "/events?since=1")
        response = conn.getresponse()
        time.sleep(0.7)  # the watcher's first round (see _watch): the save below is a change
        style.write_text("margin_top_mm: 30\n", encoding="utf-8")
        line = b""
        while not line.startswith(b"data: "):
            line = response.readline()
        conn.close()
        assert "--top: 30mm;" in json.loads(line[len(b"data: ") :])["vars"]
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
