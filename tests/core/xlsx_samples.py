"""Documents for the Excel export tests and benchmark: the worked example and generated tables."""

from __future__ import annotations

import random

from perfdesk.core.model.document import Document, Group, Indicator
from perfdesk.core.model.factory import ensure_rows, new_document
from perfdesk.core.model.ids import ensure_ids
from perfdesk.core.rules.profile import Profile

#: 一级 › 二级 › rows of (三级, 年度指标值, 实际完成值) from seeds/000_* (益阳市资阳区 2022).
WORKED_GROUPS = {
    ("产出指标", "数量指标"): ("15", [("1.接收社区矫正对象", "164人", "164人"),
                                  ("2.解除社区矫正对象", "202人", "202人"),
                                  ("3.安置帮教对象", "1351人", "1351人")]),
    ("产出指标", "质量指标"): ("15", [("1.开展适用社区矫正调查评估", "270例", "278例"),
                                  ("2.筑牢社区矫正安全防线。", "达标", "达标"),
                                  ("3.加强社区矫正人员法律法规讲解,提高法纪意识", "达标", "达标")]),
    ("产出指标", "时效指标"): ("10", [("1.项目经费支出进度", "完成", "完成"),
                                  ("2.社区矫正个案矫正率", "100%", "100%")]),
    ("产出指标", "成本指标"): ("10", [("1.社区矫正经费", "38万元", "19.62万元"),
                                  ("2.财政资金足额到位率", "100%", "100%")]),
    ("效益指标", "经济效益指标"): ("10", [("1.社区矫正对象违纪率", "≤1%", "≤1%"),
                                    ("2.维护社会稳定，减少社区矫正对象再犯罪", "≤0.2%", "≤0.2%")]),
    ("效益指标", "社会效益指标"): ("10", [("1.开展社区矫正工作，维护辖区和谐稳定", "达标", "达标"),
                                    ("2.通过法律宣传、法治建设、法律援助增强人民的法律意识", "达标", "达标")]),
    ("效益指标", "生态效益指标"): ("10", [("1.促进司法公正良性循环影响程度", "较高", "较高"),
                                    ("2.管理社矫对象到位率", "100%", "100%")]),
    ("效益指标", "可持续影响指标"): ("10", [("1.维护当事人合法权益、维护法律正确实施率", "97%", "98%"),
                                     ("2.基层司法行政工作影响力", "提升", "提升")]),
    ("满意度指标", "服务对象满意度指标"): ("10", [("1.法律援助工作满意率", "≥98%", "≥98%"),
                                         ("2.社区矫正对象满意率", "≥95%", "≥96%")]),
}


def worked_example(profile: Profile) -> Document:
    """The 2022 社区矫正 table of seeds/000_*, weights on whole 二级 groups as published."""
    doc = new_document(profile, year="2022")
    p = doc.project
    p.name, p.implementer, p.department = "社区矫正", "益阳市资阳区司法局", "益阳市资阳区司法局"
    total, current = doc.funds.rows[0], doc.funds.rows[1]
    total.initial, total.budget, total.executed = "38", "38", "19.62"
    current.initial, current.budget, current.executed = "38", "38", "19.62"
    doc.goals.expected = "完成2022年度社区矫正工作任务。使罪犯顺利回归社会，预防犯罪，维护社会稳定，确保不出事故。"
    doc.goals.achieved = "2022年，共接受有关部门委托开展适用社区矫正调查评估278例，接收164名社区矫正对象。"
    for l1 in doc.level1:
        for group in l1.groups:
            weight, rows = WORKED_GROUPS[(l1.name, group.name)]
            group.weight = weight
            group.indicators = [Indicator(name=n, target=t, actual=a) for n, t, a in rows]
    cost = doc.level1[0].groups[3].indicators[0]
    cost.reason = "智慧矫正建设因新办公地点未按期搬迁腾空，加上疫情原因今年未能动工。明年加快进度完成搬迁工作"
    doc.signature.filler, doc.signature.date = "张三", "2023年1月10日"
    ensure_ids(doc)  # rows were replaced after new_document
    return doc


#: (target, actual) pairs by rule: positive, negative (成本), zero, exact, and a qualitative one.
_QUANTITATIVE = (
    lambda r: (f"≥{r.randint(50, 500)}人", f"{r.randint(30, 600)}人"),
    lambda r: (f"{r.randint(80, 100)}%", f"{r.randint(60, 100)}.{r.randint(0, 9)}%"),
    lambda r: (f"≤{r.randint(5, 50)}万元", f"{r.randint(3, 70)}.{r.randint(0, 99):02d}万元"),
    lambda r: ("=0", r.choice(("0", "0", "2"))),
    lambda r: ("=100%", f"{r.randint(90, 100)}%"),
)


def generated_document(profile: Profile, indicators: int, seed: int = 7) -> Document:
    """A table of `indicators` 三级 rows spread over the profile's tree, one weight per row.

    Weights are whole points; a few groups carry one weight for all their rows so
    weighted groups are exercised too. The result is the same for the same seed.
    """
    rnd = random.Random(seed)
    doc = new_document(profile, year="2023")
    doc.project.name, doc.project.implementer = "生成的测试项目", "某县某局"
    total = doc.funds.rows[0]
    total.initial, total.budget = "120", f"{rnd.randint(100, 200)}.{rnd.randint(0, 99):02d}"
    total.executed = f"{rnd.randint(60, 210)}.{rnd.randint(0, 99):02d}"
    groups: list[Group] = [g for l1 in doc.level1 for g in l1.groups]
    for g in groups:
        g.indicators = []
    for i in range(indicators):
        group = groups[i % len(groups)]
        target, actual = rnd.choice(_QUANTITATIVE)(rnd)
        if rnd.random() < 0.1:
            target, actual = "达标", "达标"
        group.indicators.append(Indicator(name=f"{i + 1}.指标{i + 1}", target=target, actual=actual,
                                          weight=str(rnd.randint(1, 5)), reason="原因说明" * rnd.randint(0, 12)))
    for g in groups[1::4]:
        g.weight = str(rnd.randint(2, 9))
    ensure_rows(doc, profile)
    ensure_ids(doc)  # rows were replaced after new_document
    return doc
