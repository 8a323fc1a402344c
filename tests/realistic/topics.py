"""Invented content of five school and bureau topics, from which the realistic documents are cut.

Everything here is written fresh for reportgen: the places (青山县, 柳溪镇, 石桥乡 …), schools
and figures are made up. Each topic gives the pieces a report of its kind is made of, so
that one outline shape can be written about each topic without copying sentences.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    key: str
    org: str  # the sender (signature)
    me: str  # how the sender names itself (我局, 我校)
    subject: str  # 校园安全, 教师培训 …
    period: str
    date: str
    recipient: str
    # (heading sentence, body) of the work items: bodies are one or more sentences.
    work: tuple[tuple[str, str], ...]
    # Topical part headings of a topic-structured report (the first words point to no role).
    themes: tuple[str, ...]
    problems: tuple[str, ...]  # one sentence each, without the end mark
    steps: tuple[tuple[str, str], ...]  # next steps: (heading sentence, body)
    results: str  # one paragraph of results with figures


SAFETY = Topic(
    key="safety",
    org="青山县教育局",
    me="我局",
    subject="校园安全",
    period="2024年第三季度",
    date="2024年10月8日",
    recipient="市教育局",
    work=(
        (
            "抓队伍，强化组织领导",
            "本季度召开校园安全专题会议3次，调整充实县级安全工作领导小组，明确各校校长为第一责任人。",
        ),
        (
            "抓排查，消除安全隐患",
            "组织开展开学前安全大排查，共检查学校86所，发现隐患41处，已整改39处。",
        ),
        ("抓演练，提升应急能力", "全县各校开展消防疏散和防震演练172场次，参与师生4.3万人次。"),
        (
            "抓宣传，增强安全意识",
            "利用班会、家长会开展防溺水、交通安全教育，发放《致家长的一封信》2.1万份。",
        ),
    ),
    themes=(
        "强化组织领导，压实工作责任",
        "坚持问题导向，推动整改落实",
        "排查安全隐患，守牢安全底线",
        "深化宣传教育，营造安全氛围",
    ),
    problems=(
        "部分农村学校消防设施老化，更换资金不足",
        "个别学校安全台账记录不规范，隐患整改销号不及时",
        "寄宿制学校夜间值守力量偏弱",
    ),
    steps=(
        (
            "完善隐患排查机制",
            "建立隐患台账，实行问题清单、责任清单、整改清单管理，整改一处销号一处。",
        ),
        ("补齐技防物防短板", "争取专项资金，推动7所农村学校接入县级视频监控平台。"),
        ("加强值守力量", "为寄宿制学校配齐宿管人员，落实夜间巡查制度。"),
    ),
    results="全县学校本季度未发生安全责任事故，师生安全知识知晓率达到96%。",
)

TRAINING = Topic(
    key="training",
    org="柳溪镇中心学校",
    me="我校",
    subject="教师培训",
    period="2024年上半年",
    date="2024年7月5日",
    recipient="青山县教育局",
    work=(
        ("健全培训制度", "制定《教师校本研修管理办法》，把培训学时纳入年度考核。"),
        ("丰富培训形式", "采取专家讲座、同课异构、师徒结对等方式开展培训，共组织校本培训24场。"),
        ("突出骨干引领", "选派12名骨干教师参加市级研修，返校后开展二次培训8场。"),
        ("强化信息技术应用", "组织全体教师参加信息技术应用能力提升培训，合格率100%。"),
    ),
    themes=(
        "健全研修机制，夯实培训基础",
        "聚焦课堂教学，提升专业能力",
        "坚持问题导向，补齐能力短板",
        "发挥骨干作用，带动整体提升",
    ),
    problems=(
        "培训内容与课堂实际结合还不够紧密",
        "村小教师参训时间难以保证",
        "培训效果评估手段比较单一",
    ),
    steps=(
        ("优化培训内容", "开展需求调研，按学科、按教龄分层设计培训专题。"),
        ("推进送培到校", "组织骨干教师到村小开展送教活动，每学期不少于2次。"),
        ("完善评估办法", "把课堂观察和学生反馈纳入培训效果评估。"),
    ),
    results="上半年全校教师人均完成培训42学时，3名教师在县级优质课评比中获一等奖。",
)

READING = Topic(
    key="reading",
    org="青山县实验小学",
    me="我校",
    subject="阅读推广",
    period="2024年秋季学期",
    date="2025年1月10日",
    recipient="青山县教育局",
    work=(
        ("营造书香环境", "新建班级图书角36个，更新图书室藏书3200册。"),
        ("开展主题活动", "组织“读书节”“亲子共读”“好书推荐”等活动，参与学生1860人次。"),
        ("推进整本书阅读", "各年级确定必读书目，每周安排一节阅读指导课。"),
        ("发挥家校合力", "通过家长学校指导家庭阅读，评选书香家庭58户。"),
    ),
    themes=(
        "完善阅读设施，营造书香氛围",
        "丰富阅读活动，激发阅读兴趣",
        "坚持问题导向，提升阅读质量",
        "凝聚家校合力，延伸阅读空间",
    ),
    problems=(
        "部分班级图书角更新慢，图书利用率不高",
        "低年级学生阅读习惯尚未养成",
        "阅读活动评价方式有待完善",
    ),
    steps=(
        ("更新图书资源", "建立图书漂流机制，每月在班级之间轮换图书。"),
        ("加强阅读指导", "开展阅读指导课例研讨，形成分年级指导方案。"),
        ("完善评价办法", "建立学生阅读成长档案，记录阅读量和读书笔记。"),
    ),
    results="本学期学生人均阅读课外书11本，学校被评为县级书香校园。",
)

CANTEEN = Topic(
    key="canteen",
    org="石桥乡中心小学",
    me="我校",
    subject="食堂食品安全",
    period="2024年秋季学期",
    date="2024年12月20日",
    recipient="青山县教育局",
    work=(
        ("落实陪餐制度", "校领导每天轮流陪餐，本学期陪餐记录完整，共收集意见建议27条。"),
        ("严把采购关口", "食材统一从县集中配送平台采购，索证索票率100%。"),
        ("规范加工操作", "对照操作规范开展自查，完成留样登记、餐具消毒台账。"),
        ("加强从业人员管理", "组织食堂从业人员参加健康体检和食品安全培训，持证上岗率100%。"),
    ),
    themes=(
        "压实主体责任，健全管理制度",
        "排查安全隐患，守牢食品安全底线",
        "规范加工流程，提升供餐质量",
        "强化监督检查，接受师生评议",
    ),
    problems=(
        "食堂操作间面积偏小，生熟分区不够明显",
        "部分台账填写不及时",
        "从业人员流动较大，培训需要经常补课",
    ),
    steps=(
        ("改善硬件条件", "申请改造资金，对操作间进行分区改造。"),
        ("规范台账管理", "明确专人负责台账，每周检查一次。"),
        ("稳定从业队伍", "与供餐单位协商，保持从业人员相对稳定。"),
    ),
    results="本学期食堂未发生食品安全事故，学生对食堂满意度达到93%。",
)

MENTAL = Topic(
    key="mental",
    org="青山县第二中学",
    me="我校",
    subject="心理健康教育",
    period="2024年",
    date="2024年12月30日",
    recipient="青山县教育局",
    work=(
        ("健全工作机构", "成立心理健康教育领导小组，配备专职心理教师2名、兼职心理辅导员16名。"),
        ("开设心理课程", "七至九年级每两周开设一节心理健康课，全年授课210课时。"),
        ("做好筛查辅导", "开展学生心理健康测评，建立心理档案1480份，对重点关注学生逐一跟踪辅导。"),
        ("加强家校协同", "举办家庭教育讲座4场，开通心理咨询热线。"),
    ),
    themes=(
        "健全工作机制，筑牢心理防线",
        "上好心理课程，普及心理知识",
        "坚持问题导向，做实筛查干预",
        "加强家校协同，形成育人合力",
    ),
    problems=(
        "专职心理教师数量不足，个别辅导难以全覆盖",
        "部分家长对心理健康教育重视不够",
        "心理辅导室设施比较简陋",
    ),
    steps=(
        ("充实师资力量", "争取增加专职心理教师编制，组织班主任参加心理辅导培训。"),
        ("深化家校沟通", "每学期开展家长心理健康专题讲座不少于2次。"),
        ("改善辅导条件", "改造心理辅导室，添置沙盘等设备。"),
    ),
    results="全年开展个别辅导320人次，学生心理测评预警人数比上年下降18%。",
)

TOPICS = (SAFETY, TRAINING, READING, CANTEEN, MENTAL)
