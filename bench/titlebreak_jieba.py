"""Does jieba pay for itself in the title breaker? (README, "标题回行")

Start-up: ``import jieba`` plus the first ``jieba.lcut`` (which loads its dictionary), in a
fresh interpreter, against ``import reportgen.render.docx.titlebreak`` plus the first
``break_title``. Breaks: 30 long titles of education-bureau reports, broken at the DOCX
title's capacity by the word-list breaker and by the same balancing search restricted to
jieba's word boundaries; printed side by side for a reader to judge.

Run: ``pip install jieba && python bench/titlebreak_jieba.py`` (jieba is not a dependency).
"""

from __future__ import annotations

import statistics
import subprocess
import sys

TITLES = (
    "关于2025年上半年全县中小学校和幼儿园安全隐患排查整治工作情况的报告",
    "关于贯彻落实《义务教育课程方案和课程标准》推进课堂教学改革的情况报告",
    "青山县教育局关于2024年度义务教育优质均衡发展督导评估自查情况的报告",
    "关于全县中小学食堂食品安全和校外供餐单位专项检查情况的报告",
    "关于2025年第一季度校园及周边治安综合治理工作的情况报告",
    "关于乡村教师生活补助政策落实和教师周转宿舍建设情况的报告",
    "关于落实“双减”政策加强义务教育阶段作业管理和课后服务工作的报告",
    "关于2024年秋季学期中小学生近视防控和体质健康监测工作的总结",
    "关于城区学校大班额化解和学位供给保障工作进展情况的报告",
    "关于县域普通高中多样化特色发展和招生制度改革工作的报告",
    "关于推进学前教育普及普惠和公办幼儿园建设工作情况的报告",
    "青山县第一实验中学2025年春季学期教育教学工作总结",
    "关于中等职业学校产教融合校企合作和实习管理情况的自查报告",
    "关于全县教育系统安全生产治本攻坚三年行动工作情况的报告",
    "关于开展中小学校园欺凌专项治理和法治教育工作的情况报告",
    "关于2025年高考中考考务组织和考点安全保障工作的总结",
    "关于特殊教育学校办学条件改善和残疾儿童少年随班就读情况的报告",
    "关于加强中小学心理健康教育和学生心理危机干预工作的报告",
    "关于教育信息化2.0行动计划实施和智慧校园建设情况的报告",
    "关于家庭经济困难学生资助政策落实和资金管理情况的自查报告",
    "关于2024年度县级教育经费投入和使用管理情况的报告",
    "关于中小学教师“县管校聘”管理改革和交流轮岗工作的情况报告",
    "关于学校食堂“互联网+明厨亮灶”建设和大宗食材集中采购情况的报告",
    "关于全县中小学校舍安全排查鉴定和危房改造工作的报告",
    "关于2025年上半年民办教育机构和校外培训机构规范管理工作的报告",
    "关于推进中小学劳动教育和研学实践教育基地建设工作的总结",
    "关于义务教育阶段控辍保学和适龄儿童少年入学情况的报告",
    "关于县教育局机关2024年度党风廉政建设和反腐败工作的报告",
    "关于中小学校园防溺水安全教育和汛期安全防范工作情况的报告",
    "关于2025年暑期中小学教师全员培训和骨干教师研修工作的总结",
)

_STARTUP = {
    "reportgen": "import time; t=time.perf_counter();"
    "from reportgen.render.docx.titlebreak import break_title;"
    "break_title('关于2025年上半年全县中小学校和幼儿园安全隐患排查整治工作情况的报告', 19);"
    "print(time.perf_counter()-t)",
    "jieba": "import time; t=time.perf_counter(); import logging, jieba;"
    "jieba.setLogLevel(logging.WARNING);"
    "jieba.lcut('关于2025年上半年全县中小学校和幼儿园安全隐患排查整治工作情况的报告');"
    "print(time.perf_counter()-t)",
}


def startup(runs: int = 5) -> dict[str, float]:
    """Median seconds over ``runs`` fresh interpreters."""
    out = {}
    for name, code in _STARTUP.items():
        times = [
            float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout)
            for _ in range(runs)
        ]  # fmt: skip
        out[name] = statistics.median(times)
    return out


def jieba_breaks(title: str, capacity: float) -> list[str]:
    import jieba

    from reportgen.render.docx import titlebreak as tb

    positions, at = [], 0
    for word in jieba.lcut(title)[:-1]:
        at += len(word)
        if title[at] not in tb._NO_LINE_START:
            positions.append(at)
    return tb._best(title, positions, capacity) or [title]


def main() -> None:
    import logging

    import jieba

    from reportgen.core.style import StyleProfile
    from reportgen.render.docx.titlebreak import break_title

    jieba.setLogLevel(logging.WARNING)
    p = StyleProfile()
    area = (210 - p.margin_left_mm - p.margin_right_mm) / 25.4 * 72
    capacity = int(area / (p.title_size_pt + p.char_spacing_pt)) - 1
    print(f"capacity {capacity} characters")
    for name, seconds in startup().items():
        print(f"start-up {name}: {seconds * 1000:.0f} ms")
    same = 0
    for title in TITLES:
        ours = break_title(title, capacity)
        theirs = jieba_breaks(title, capacity)
        same += ours == theirs
        mark = "=" if ours == theirs else "≠"
        print(f"{mark} ours : {' / '.join(ours)}")
        if ours != theirs:
            print(f"  jieba: {' / '.join(theirs)}")
    print(f"same breaks: {same}/{len(TITLES)}")


if __name__ == "__main__":
    main()
