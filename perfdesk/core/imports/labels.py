"""The labels a hand-made 自评表 is recognised by, with the variants counties write.

Every pattern is matched against `key(text)`: full-width forms folded (NFKC),
all whitespace and line breaks removed, a trailing colon dropped — so
`年度\\n指标值`, `项目名称：` and `实施单位 ` all read as their label.
"""

from __future__ import annotations

import re
import unicodedata

#: 得分, 自评得分, 实际得分, 得分（分）, 评分: the claimed score's column, indicators and funds.
SCORE_HEADER = r"得分|^自?评分$"
#: 分值, 权重（%）, 标准分值, 指标分值, 满分 (never a 得分 header): the weight's column, indicators and funds.
WEIGHT_HEADER = r"^(?!.*得分).{0,4}(分值|权重|分数)|^满分"
INDICATOR_HEADERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        ("level1", r"^一级"),
        ("group", r"^二级"),
        ("name", r"^(三级|指标名称|具体指标|指标内容)"),
        ("target", r"^(?!.*实际).*(指标值|目标值|预期值|计划值|计划完成|指标数值)"),
        ("actual", r"(实际完成值|实际值|完成值|实际完成|实际数值|达成值|完成情况)"),
        ("weight", WEIGHT_HEADER),
        ("score", SCORE_HEADER),
        ("reason", r"(偏差|原因|改进措施|整改措施)"),
        ("remark", r"^备注$"),  # the reasons' column when a table has no 偏差原因 column
    )
)
#: Yunnan's split columns under 年度指标值 / 实际完成值.
SPLIT_HEADERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("op", re.compile(r"^(指标性质|性质|符号|运算符)")),
    ("value", re.compile(r"^(指标值|数值|值|完成值|实际值|实际完成值)$")),
    ("unit", re.compile(r"^(度量单位|计量单位|单位)$")),
)
FUNDS_HEADERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        ("initial", r"^年初(预算|批复|安排)"),
        ("executed", r"(执行数|实际支出|支出数|执行金额|全年执行(?!率))"),
        ("budget", r"(全年预算|调整后预算|预算数|全年批复|批复数)"),
        ("weight", WEIGHT_HEADER),
        ("rate", r"执行率"),
        ("score", SCORE_HEADER),
    )
)
FUNDS_LABEL = re.compile(r"^(项目)?资金(情况|投入)?([(（].*[)）])?$|^项目资金|^资金[(（]")
PROJECT_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("name", re.compile(r"^项目名称")),
    ("department", re.compile(r"^(主管部门|主管单位)")),
    ("implementer", re.compile(r"^(项目)?(实施单位|预算单位|单位名称|执行单位)|^项目单位")),
    ("leader", re.compile(r"^(项目)?负责人")),
    ("phone", re.compile(r"^(联系)?电话")),
    ("year", re.compile(r"^(项目)?年度$")),
)
SIGNATURE_LABELS: tuple[tuple[str, str], ...] = (
    ("filler", "填报人|填表人|经办人"),
    ("phone", "联系电话|联系方式|电话"),
    ("reviewer", "审核人"),
    ("head", "单位负责人|负责人"),
    ("date", "填报日期|填表日期|填报时间|填表时间|日期"),
)
#: `（签字）`, `签章`, `(盖章)` after a signature label, before its colon.
SIGNED = r"(?:[(（]?(?:签字|签章|签名|盖章)[)）]?)?"
SIGNATURE = re.compile(
    r"(" + "|".join(p for _, p in SIGNATURE_LABELS) + r")" + SIGNED + r"\s*[:：]?\s*(.*?)(?=\s*(?:"
    + "|".join(p for _, p in SIGNATURE_LABELS) + r")" + SIGNED + r"\s*[:：]|$)"
)
SIGNATURE_START = re.compile(r"^(填报人|填表人|审核人|单位负责人|经办人)")
#: `小计`, `产出指标小计`, `小计（产出指标）`: a row summing a 一级 or 二级 inside the indicators, no indicator.
SUBTOTAL = re.compile(r"^小计(?![\u4e00-\u9fff])|小计$")
TOTAL = re.compile(r"^(总分|合计|总计|综合得分|自评总分|自评得分合计|得分合计)")
GOALS = re.compile(r"(年度)?总体目标|^绩效目标$")
EXPECTED = re.compile(r"^(年度)?(预期|绩效)目标$|^(年度)?预期目标|^年初(设定)?目标|^年度目标$")
ACHIEVED = re.compile(r"^(全年)?(实际)?完成情况|^目标完成情况|^(全年)?实际完成")
TITLE = re.compile(r"自评表")
#: The title of a table that may follow a 自评表 on its sheet (its 绩效目标表, or another 自评表).
NEXT_TITLE = re.compile(r"自评表|绩效目标表|目标申报表")
YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
#: The year on a line of its own under the title: `（2023年度）`, `2023年度`.
YEAR_LINE = re.compile(r"^[(（]?((?:19|20)\d\d)年度?[)）]?$")
#: `一、产出指标`, `（二）效益指标`, `1.数量指标`, `①数量指标`: an enumeration before a 一级/二级 label.
ENUMERATION = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]|[①-⑳])\s*")
FILLING_UNIT_LABEL = re.compile(r"^(填报单位|填表单位)([(（]盖章[)）])?$")
FILLING_UNIT = re.compile(
    r"(填报单位|单位名称|预算单位)(?:[(（]盖章[)）])?\s*[:：]\s*(.*?)(?=\s{2,}|\s*(?:金额)?单位[:：]|$)"
)
MONEY_UNIT = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元)|资金\s*[(（]\s*(万元|元)\s*[)）]")
NOTE = re.compile(r"^(说明|注|备注|填表说明)\s*\d*\s*[:：.、]")


#: A label is short: only this much of a cell is compared, so a report pasted into a cell merged
#: down a whole sheet costs no more than a label each time its rows are looked at.
KEY_LENGTH = 200


def key(text: str) -> str:
    """The label as compared: full-width folded, no whitespace, no trailing colon."""
    folded = unicodedata.normalize("NFKC", text[:KEY_LENGTH])
    return re.sub(r"\s+", "", folded).rstrip(":")


def role_of(text: str, patterns: tuple[tuple[str, re.Pattern[str]], ...]) -> str:
    """The first role whose pattern matches the label, or ""."""
    k = key(text)
    return next((role for role, pattern in patterns if k and pattern.search(k)), "")
