"""Benchmark `reportgen batch` like for like: docxtpl, pandoc and a zip floor on the same records, at the same -j.

    python bench/batch_bench.py --sizes 200,1000 --jobs 1,2

Generates N school reports (3,000–6,000 characters each, content varied by seed), then for
each N and each -j, on the same files, DOCX only:
  * reportgen batch -jJ (--force, -q);
  * docxtpl rendering a Word template (built here with python-docx: loops over parts and
    items), the files spread over a multiprocessing pool of J processes;
  * pandoc, one `pandoc x.md -o x.docx` per report run J at a time by `xargs -P J` (Markdown
    from reportgen, prepared beforehand and not timed), as a user would script it;
  * the zip floor: a pool of J processes that only escapes each report's paragraphs into a
    prebuilt document.xml and zips it with the other parts of a reportgen DOCX — the least any
    generator can do; reportgen's distance to it is what its layout work costs.
reportgen is byte-compiled first (compileall), as a pip install does for docxtpl and any
installed package: a checkout run under PYTHONDONTWRITEBYTECODE=1 would otherwise compile
every module from source at each start.
Peak memory is the largest sum of RSS over the whole process tree (the command and all its
children), polled every 20 ms with psutil. Nothing is installed by this script: it says what
is missing (pandoc, docxtpl, psutil) and skips that part.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PY = sys.executable

# ---------------------------------------------------------------- synthetic reports

_PLACES = [
    "东城",
    "西城",
    "南山",
    "北关",
    "河口",
    "青石",
    "柳湾",
    "杏林",
    "桃源",
    "松岭",
    "竹溪",
    "梅岗",
    "枫桥",
    "石门",
    "龙泉",
    "凤鸣",
    "白沙",
    "黄土",
    "清水",
    "红星",
]
_KINDS = [
    "小学",
    "中学",
    "第一小学",
    "第二中学",
    "实验学校",
    "中心小学",
    "九年一贯制学校",
    "幼儿园",
]
_TOPICS = [
    "安全管理",
    "教学常规",
    "队伍建设",
    "课后服务",
    "食堂管理",
    "德育工作",
    "家校共育",
    "体育卫生",
]
_VERBS = ["健全", "落实", "深化", "强化", "规范", "推进", "完善", "加强", "优化", "创新"]
_OBJECTS = [
    "工作机制",
    "责任体系",
    "日常管理",
    "教研活动",
    "考核评价",
    "隐患排查",
    "应急处置",
    "家校沟通",
    "课程建设",
    "师德师风",
    "作业管理",
    "质量监测",
]
_SENTENCES = [
    "本学期召开专题会议{a}次，研究解决具体问题{b}个，形成会议纪要并逐项跟踪落实",
    "组织全体教职工开展专题培训{a}场，参训{b}人次，培训后开展考核，合格率达到{p}%",
    "对照上级要求制定工作方案，明确责任人和完成时限，每月通报一次进展情况",
    "开展专项检查{a}次，发现问题{b}处，已整改{c}处，其余问题已明确整改措施和时限",
    "建立工作台账，对重点事项实行清单化管理、销号式推进，做到件件有着落、事事有回音",
    "通过家长会、家访和家长群等渠道听取意见建议{b}条，逐条研究并在规定时间内答复",
    "结合学校实际修订管理制度{a}项，对岗位职责、工作流程和考核办法作出具体规定",
    "邀请县级专家到校指导{a}次，组织骨干教师上示范课{b}节，带动青年教师共同提高",
    "利用国旗下讲话、主题班会和宣传栏开展宣传教育，学生参与率达到{p}%",
    "与相关部门建立联动机制，定期会商研判，共同做好校园及周边环境治理",
]
_PROBLEMS = [
    "部分教师对新要求理解还不够深入，落实中存在标准不一的情况",
    "隐患排查还不够细致，个别部位存在检查盲区",
    "经费保障压力较大，部分设施设备更新不够及时",
    "家校沟通的渠道还不够畅通，个别家长参与度不高",
    "工作台账记录不够规范，过程性资料收集不够完整",
    "青年教师比例较高，骨干教师的示范带动作用有待加强",
]


def _sentence(rng: random.Random) -> str:
    a, b = rng.randint(2, 12), rng.randint(10, 300)
    return rng.choice(_SENTENCES).format(
        a=a, b=b, c=max(1, b - rng.randint(0, 9)), p=rng.randint(90, 100)
    )


def _text(rng: random.Random, n: int) -> str:
    return "；".join(_sentence(rng) for _ in range(n)) + "。"


def _item(rng: random.Random) -> dict[str, object]:
    item: dict[str, object] = {
        "heading": f"{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}",
        "text": _text(rng, rng.randint(2, 4)),
    }
    if rng.random() < 0.3:
        item["points"] = [_sentence(rng) for _ in range(rng.randint(2, 4))]
    return item


def synthetic_report(seed: int) -> dict[str, object]:
    """One school's report; the seed fixes its content, so runs compare like with like."""
    rng = random.Random(seed)
    school = f"青山县{rng.choice(_PLACES)}{rng.choice(_KINDS)}{seed}"
    topic = rng.choice(_TOPICS) + "工作"
    target = rng.randint(3000, 6000)
    parts: list[dict[str, object]] = [
        {"role": "work", "heading": "工作情况", "items": [_item(rng) for _ in range(3)]},
        {"role": "results", "items": [_item(rng) for _ in range(2)]},
        {"role": "problems", "points": rng.sample(_PROBLEMS, 3)},
        {"role": "next-steps", "items": [_item(rng) for _ in range(2)]},
    ]
    data: dict[str, object] = {
        "org": school,
        "topic": topic,
        "period": "2024年秋季学期",
        "recipient": "青山县教育局",
        "date": "2025-01-10",
        "parts": parts,
    }
    work = parts[0]["items"]
    assert isinstance(work, list)
    while len(json.dumps(data, ensure_ascii=False)) < target * 1.15:  # JSON adds ~15 % of markup
        work.append(_item(rng))
    return data


def generate(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"school-{i:04d}.report.yaml"
        path.write_text(
            yaml.safe_dump(synthetic_report(i), allow_unicode=True, sort_keys=False), "utf-8"
        )
        paths.append(path)
    return paths


# ---------------------------------------------------------------- measuring


def measure(command: list[str], cwd: Path | None = None) -> tuple[float, float, int, float]:
    """Wall seconds, peak RSS (MiB) of the whole process tree, exit code, CPU seconds.

    CPU = user + system time of the command and every process under it (each waited for
    by its parent: pool workers, pandoc under xargs), which other work on a busy machine
    stretches far less than wall time.
    """
    import resource

    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            rss = 0
            for p in tree:
                with contextlib.suppress(psutil.Error):  # a child may exit meanwhile
                    rss += p.memory_info().rss
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if proc.returncode:
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        print(
            f"  ! {' '.join(command[:4])} … exited {proc.returncode}: {err[-400:]}", file=sys.stderr
        )
    return seconds, peak / 2**20, proc.returncode, cpu


def markdown_copies(reports: list[Path], folder: Path) -> None:
    """The Markdown a pandoc user would start from (reportgen's own Markdown; not timed)."""
    from reportgen.pipeline import prepare, render_bytes

    folder.mkdir(parents=True, exist_ok=True)
    for path in reports:
        md = render_bytes(prepare(path), "md")
        (folder / path.name.replace(".report.yaml", ".md")).write_bytes(md)


def docxtpl_template(path: Path) -> None:
    """A Word template with Jinja loops over parts and items, as docxtpl users write them."""
    import docx

    d = docx.Document()
    d.add_paragraph("{{ title }}", style="Title")
    d.add_paragraph("{{ recipient }}：")
    d.add_paragraph("{%p for part in parts %}")
    d.add_paragraph("{{ part.marker }}{{ part.heading }}", style="Heading 1")
    d.add_paragraph("{%p if part.points %}")
    d.add_paragraph("{{ part.points }}")
    d.add_paragraph("{%p endif %}")
    d.add_paragraph("{%p for item in part.entries %}")
    d.add_paragraph("{{ item.marker }}{{ item.heading }}。{{ item.text }}{{ item.points }}")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("{{ org }}")
    d.add_paragraph("{{ date }}")
    d.save(str(path))


_DOCXTPL_WORKER = r"""
import sys, yaml
from multiprocessing import Pool
from pathlib import Path
from docxtpl import DocxTemplate
CN = "一二三四五六七八九十"
def points(ps):
    return "".join(f"{CN[i] if i < 10 else i + 1}是{p}；" for i, p in enumerate(ps or []))
def render(args):
    template, path, out = args
    data = yaml.safe_load(path.read_text("utf-8"))
    parts = []
    for n, part in enumerate(data["parts"]):
        items = [dict(i, marker=f"（{CN[k] if k < 10 else k + 1}）", points=points(i.get("points")))
                 for k, i in enumerate(part.get("items", []))]
        parts.append({"marker": CN[n] + "、", "heading": part.get("heading") or part["role"],
                      "points": points(part.get("points")), "entries": items})
    ctx = dict(data, title=f"关于{data['period']}{data['topic']}情况的报告", parts=parts)
    doc = DocxTemplate(str(template))
    doc.render(ctx)
    doc.save(str(out / path.name.replace(".report.yaml", ".docx")))
if __name__ == "__main__":
    template, src, out, jobs = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    out.mkdir(parents=True, exist_ok=True)
    work = [(template, p, out) for p in sorted(src.glob("*.report.yaml"))]
    if jobs == 1:
        for w in work:
            render(w)
    else:
        with Pool(jobs) as pool:
            pool.map(render, work, chunksize=8)
"""

# The floor: what writing a DOCX costs when nothing is laid out. The package parts of a
# reportgen render are prebuilt once; each report only has its paragraphs escaped into
# document.xml and the zip written. Any real generator (reportgen included) pays this much.
_ZIP_FLOOR_WORKER = r"""
import sys, yaml, zipfile
from multiprocessing import Pool
from pathlib import Path
from xml.sax.saxutils import escape
def paragraphs(data):
    yield data.get("org", "")
    for part in data["parts"]:
        yield part.get("heading") or part.get("role", "")
        for p in part.get("points") or []:
            yield p
        for item in part.get("items") or []:
            yield item.get("heading", "") + "。" + item.get("text", "")
            for p in item.get("points") or []:
                yield p
def render(args):
    parts, head, tail, path, out = args
    data = yaml.safe_load(path.read_text("utf-8"))
    body = "".join(f"<w:p><w:r><w:t>{escape(t)}</w:t></w:r></w:p>" for t in paragraphs(data))
    with zipfile.ZipFile(out / path.name.replace(".report.yaml", ".docx"), "w",
                         zipfile.ZIP_DEFLATED) as z:
        for name, blob in parts:
            z.writestr(name, blob)
        z.writestr("word/document.xml", head + body + tail)
if __name__ == "__main__":
    sample, src, out, jobs = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(sample) as z:
        parts = [(n, z.read(n)) for n in z.namelist() if n != "word/document.xml"]
        doc = z.read("word/document.xml").decode("utf-8")
    start = doc.index("<w:body>") + len("<w:body>")
    head, tail = doc[:start], doc[doc.index("<w:sectPr", start):]
    work = [(parts, head, tail, p, out) for p in sorted(src.glob("*.report.yaml"))]
    if jobs == 1:
        for w in work:
            render(w)
    else:
        with Pool(jobs) as pool:
            pool.map(render, work, chunksize=8)
"""


# ---------------------------------------------------------------- the run


def missing_tools() -> dict[str, str]:
    missing = {}
    if shutil.which("pandoc") is None:
        missing["pandoc"] = "apt-get install pandoc（或 https://pandoc.org/installing.html）"
    for module, how in (("docxtpl", "pip install docxtpl"), ("psutil", "pip install psutil")):
        try:
            __import__(module)
        except ImportError:
            missing[module] = how
    return missing


def run(
    sizes: list[int], jobs_list: list[int], workdir: Path, pandoc_max: int
) -> list[dict[str, object]]:
    missing = missing_tools()
    for tool, how in missing.items():
        print(f"缺少 {tool}：{how}；跳过相应的测量。", file=sys.stderr)
    if "psutil" in missing:
        raise SystemExit("psutil 是测量内存所必需的；请先安装：pip install psutil")
    import compileall

    import reportgen

    compileall.compile_dir(Path(reportgen.__file__).parent, quiet=1)
    rows: list[dict[str, object]] = []
    template = workdir / "template.docx"
    if "docxtpl" not in missing:
        docxtpl_template(template)
    worker = workdir / "docxtpl_worker.py"
    worker.write_text(_DOCXTPL_WORKER, "utf-8")
    floor = workdir / "zip_floor_worker.py"
    floor.write_text(_ZIP_FLOOR_WORKER, "utf-8")
    for n in sizes:
        src = workdir / f"n{n}" / "reports"
        reports = generate(src, n)
        chars = [
            len("".join(ch for ch in p.read_text("utf-8") if not ch.isspace())) for p in reports
        ]
        print(f"N={n}: {n} 份报告，平均 {sum(chars) // n} 字符（YAML）", file=sys.stderr)
        sample = workdir / f"n{n}" / "sample.docx"
        from reportgen.pipeline import prepare, render_bytes

        sample.write_bytes(render_bytes(prepare(reports[0]), "docx"))
        md = workdir / f"n{n}" / "md"
        if "pandoc" not in missing and n <= pandoc_max:
            markdown_copies(reports, md)

        def record(tool: str, jobs: int, command: list[str], n: int = n) -> None:
            seconds, peak, code, cpu = measure(command)
            rows.append(
                {
                    "n": n,
                    "tool": tool,
                    "jobs": jobs,
                    "seconds": seconds,
                    "ms": seconds * 1000 / n,
                    "peak_mib": peak,
                    "cpu_ms": cpu * 1000 / n,
                    "ok": code == 0,
                    # Other work on the machine stretches every figure: say how busy it was.
                    "load": __import__("os").getloadavg()[0],
                }
            )
            print(
                f"  {tool:<10} -j{jobs} {seconds:8.2f} s  {seconds * 1000 / n:7.2f} ms/份  "
                f"CPU {cpu * 1000 / n:7.2f} ms/份  峰值 {peak:7.1f} MiB",
                file=sys.stderr,
            )

        for jobs in jobs_list:
            base = workdir / f"n{n}" / f"j{jobs}"
            record(
                "reportgen",
                jobs,
                [
                    PY,
                    "-m",
                    "reportgen",
                    "batch",
                    str(src),
                    "-o",
                    str(base / "reportgen"),
                    "-j",
                    str(jobs),
                    "-q",
                    "--force",
                ],
            )
            if "docxtpl" not in missing:
                record(
                    "docxtpl",
                    jobs,
                    [PY, str(worker), str(template), str(src), str(base / "docxtpl"), str(jobs)],
                )
            if "pandoc" not in missing and n <= pandoc_max:
                out = base / "pandoc"
                out.mkdir(parents=True, exist_ok=True)
                # A pool of the same size: xargs -P keeps `jobs` pandoc processes running.
                loop = (
                    f'cd "{md}" && ls *.md | xargs -P {jobs} -I{{}} '
                    f'sh -c \'pandoc "$1" -o "{out}/${{1%.md}}.docx"\' _ {{}}'
                )
                record("pandoc", jobs, ["bash", "-c", loop])
            record(
                "zip floor",
                jobs,
                [PY, str(floor), str(sample), str(src), str(base / "floor"), str(jobs)],
            )
    return rows


def _get(rows: list[dict[str, object]], n: int, tool: str, jobs: int) -> dict[str, object] | None:
    return next((r for r in rows if r["n"] == n and r["tool"] == tool and r["jobs"] == jobs), None)


def results_markdown(rows: list[dict[str, object]], command: str) -> str:
    lines = [
        "# `reportgen batch` benchmark: like for like",
        "",
        f"Command: `{command}`  ",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, "
        f"{__import__('os').cpu_count()} CPUs. Every tool renders the same synthetic records to "
        "DOCX at the same `-j` (docxtpl and the zip floor in a multiprocessing pool of that "
        "size, pandoc under `xargs -P`). ms/report = wall time (interpreter start-up included) "
        "divided by N; CPU ms/report = user + system time of the whole process tree divided by N. Peak RSS = largest sum of RSS over the process tree, psutil polling every "
        "20 ms. Load average: the machine's 1-minute load when the run ended (2 CPUs: above 2, "
        "other work was competing for them and every figure is stretched).",
        "",
        "| N | -j | tool | seconds | ms/report | CPU ms/report | peak RSS (MiB) | load average |",
        "|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        flag = "" if r["ok"] else " (failed)"
        lines.append(
            f"| {r['n']} | {r['jobs']} | {r['tool']}{flag} | {r['seconds']:.2f} | "
            f"{r['ms']:.2f} | {r['cpu_ms']:.2f} | {r['peak_mib']:.0f} | {r['load']:.1f} |"
        )
    lines += [
        "",
        "## Against the targets (same N, same -j)",
        "",
        "Each ratio from wall time, then (after the slash) from CPU time.",
        "",
        "| N | -j | docxtpl ÷ reportgen (≥4×) | pandoc ÷ reportgen (≥10×) | reportgen ÷ zip floor (≤2.5×) |",
        "|---:|---:|---:|---:|---:|",
    ]
    keys = sorted({(int(str(r["n"])), int(str(r["jobs"]))) for r in rows})
    for n, jobs in keys:
        ours = _get(rows, n, "reportgen", jobs)

        def ratio(a: dict[str, object] | None, b: dict[str, object] | None) -> str:
            if not a or not b:
                return "—"
            wall = float(str(a["ms"])) / float(str(b["ms"]))
            cpu = float(str(a["cpu_ms"])) / float(str(b["cpu_ms"]))
            return f"{wall:.1f}× / {cpu:.1f}×"

        lines.append(
            f"| {n} | {jobs} | {ratio(_get(rows, n, 'docxtpl', jobs), ours)} | "
            f"{ratio(_get(rows, n, 'pandoc', jobs), ours)} | "
            f"{ratio(ours, _get(rows, n, 'zip floor', jobs))} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="200,1000", help="comma-separated report counts")
    parser.add_argument("--jobs", default="1,2", help="comma-separated -j values")
    parser.add_argument(
        "--pandoc-max", type=int, default=10**9, help="skip the pandoc loop above this N"
    )
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    jobs = [int(s) for s in args.jobs.split(",") if s.strip()]
    command = "python bench/batch_bench.py " + " ".join(argv if argv is not None else sys.argv[1:])
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        rows = run(sizes, jobs, args.keep, args.pandoc_max)
    else:
        with tempfile.TemporaryDirectory(prefix="reportgen-bench-") as tmp:
            rows = run(sizes, jobs, Path(tmp), args.pandoc_max)
    text = results_markdown(rows, command.strip())
    args.results.write_text(text, "utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
