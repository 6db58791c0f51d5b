"""Which way a percentage target points when only the indicator's name says it.

Under 成本指标 a bare number is a ceiling (`38万元`: spend no more), but clerks also put
rates there with no ≥ or ≤: `财政资金足额到位率 100%`, `成本控制率 100%`. A rate (a name
with 率) is better the higher it is, unless its name says it counts something bad
(`超支率`, `偏差率`, `损失率` …); a percentage whose name is not a rate says neither.
"""

from __future__ import annotations

from typing import Literal

#: Words naming something that should stay low: a rate of these is a ceiling.
_DOWNWARD_WORDS = ("超支", "超标", "超出", "超预算", "偏差", "偏离", "误差", "损失", "损耗", "浪费", "差错", "错误",
                   "事故", "投诉", "流失", "闲置", "空置", "返工", "违规", "违纪", "不合格", "增长", "增幅", "上涨",
                   "变动")


def rate_direction(name: str) -> Literal["positive", "negative"] | None:
    """`positive` for a rate (`到位率`, `完成率`), `negative` for a rate of something bad
    (`超支率`), None when the name is not a rate and cannot say."""
    if "率" not in name:
        return None
    return "negative" if any(word in name for word in _DOWNWARD_WORDS) else "positive"
