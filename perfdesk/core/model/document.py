"""The self-evaluation table as data: what the user typed, nothing computed.

Every user-typed value is kept as the text the user typed (a weight `10`, an
amount `19.62`, a target `≥98%`): parsing happens in `values`, so a value the
program cannot read is reported and never lost. Every class keeps an `extra`
dict with the fields a newer PerfDesk wrote that this one does not know, so they
survive a load/save round trip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

#: Most 三级 indicators over the whole table (a real one has 10 to 50). The file reader refuses
#: more, so inserting and pasting stop here: a table that saves must reopen.
MAX_INDICATORS = 5_000
_PLACEHOLDER = re.compile(r"^(?:指标\s*\d*\s*[:：]?|[.。…·\-—_]*)$")
_PLACEHOLDER_START = "指.。…·-—_"  # a non-empty placeholder starts with one of these


def is_placeholder_name(name: str) -> bool:
    """True for an empty name or a template placeholder such as `指标1：` or `……`."""
    text = name.replace("\u3000", "").strip()
    # Most rows have a real name: its first character settles it without the pattern (hot on open).
    return not text or (text[0] in _PLACEHOLDER_START and bool(_PLACEHOLDER.match(text)))


@dataclass
class Project:
    """项目基本信息."""

    name: str = ""  # 项目名称
    department: str = ""  # 主管部门
    implementer: str = ""  # 实施单位
    year: str = ""  # 年度, e.g. "2022"
    leader: str = ""  # 项目负责人
    phone: str = ""  # 联系电话
    money_unit: str = "万元"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class FundsRow:
    """One row of the funds block; `key` names the profile's row definition."""

    key: str
    initial: str = ""  # 年初预算数
    budget: str = ""  # 全年预算数 (Sichuan: 调整后预算数)
    executed: str = ""  # 全年执行数
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Funds:
    """项目资金 block. Only the first row (年度资金总额) carries weight and score."""

    rows: list[FundsRow] = field(default_factory=list)
    weight: str = ""  # 分值 of the execution rate; the profile's default when new
    manual_score: str = ""  # a person's judgement overriding the rule
    manual_reason: str = ""
    published_score: str = ""  # score printed in a source table, kept for comparison
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def total(self) -> FundsRow:
        """The 年度资金总额 row (the first one), the only one that is scored."""
        return self.rows[0]


@dataclass
class Goals:
    """年度总体目标."""

    expected: str = ""  # 预期目标
    achieved: str = ""  # 实际完成情况
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Indicator:
    """A 三级 indicator, written by the unit."""

    name: str = ""
    target: str = ""  # 年度指标值
    actual: str = ""  # 实际完成值
    weight: str = ""  # 分值; empty when the weight sits on the 二级 group
    reason: str = ""  # 偏差原因分析及改进措施
    manual_score: str = ""  # judgement score in [0, 分值]; empty = computed by rule
    manual_reason: str = ""  # required with a manual score
    quality_grade: str = ""  # qualitative grade key chosen by the filler ("" = none)
    quality_score: str = ""  # figure inside the chosen grade's band, in points
    published_score: str = ""
    id: str = ""  # stable id (see model.ids); "" until the document gets its ids
    extra: dict[str, Any] = field(default_factory=dict)

    def is_blank(self) -> bool:
        """A placeholder row (`指标1：`, `……`, nothing typed) that the checks ignore."""
        # What was typed first: most rows have a target, which settles it in one test (hot on open).
        typed = self.target.strip() or self.actual.strip() or self.weight.strip() or self.reason.strip()
        return not (typed or self.manual_score.strip()) and is_placeholder_name(self.name)


@dataclass
class Group:
    """A 二级 indicator (数量指标 …) holding its 三级 rows.

    When `weight` is set the whole group is weighted and scored once (as in a
    table whose 分值 cell is merged over several rows); its indicators' own
    weights are then ignored.
    """

    name: str
    indicators: list[Indicator] = field(default_factory=list)
    weight: str = ""
    manual_score: str = ""
    manual_reason: str = ""
    published_score: str = ""
    id: str = ""  # stable id (see model.ids)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def has_group_weight(self) -> bool:
        return bool(self.weight.strip())


@dataclass
class Level1:
    """An 一级 indicator (产出指标 …)."""

    name: str
    groups: list[Group] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Signature:
    """The signature line under the table."""

    filler: str = ""  # 填报人
    phone: str = ""  # 联系电话
    reviewer: str = ""  # 审核人
    head: str = ""  # 单位负责人
    date: str = ""  # 填报日期
    leader: str = ""  # 项目负责人 (signs under the table where the template prints it, as Sichuan does)
    finance: str = ""  # 财务负责人
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Document:
    """One filled 项目支出绩效自评表."""

    template_id: str
    kind: str = "self_evaluation"
    project: Project = field(default_factory=Project)
    funds: Funds = field(default_factory=Funds)
    goals: Goals = field(default_factory=Goals)
    level1: list[Level1] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    published_total: str = ""
    #: Room for a supervisor's review (status, comments); kept as plain data.
    review: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def iter_indicators(self) -> Iterator[tuple[tuple[int, int, int], Level1, Group, Indicator]]:
        """Yield `((i1, i2, i3), level1, group, indicator)` in table order."""
        for i1, l1 in enumerate(self.level1):
            for i2, group in enumerate(l1.groups):
                for i3, ind in enumerate(group.indicators):
                    yield (i1, i2, i3), l1, group, ind

    def group_at(self, i1: int, i2: int) -> Group:
        return self.level1[i1].groups[i2]

    def indicator_count(self) -> int:
        return sum(len(group.indicators) for l1 in self.level1 for group in l1.groups)

    def room_for_indicators(self) -> int:
        """How many more 三级 rows the table may take (see MAX_INDICATORS)."""
        return max(0, MAX_INDICATORS - self.indicator_count())

    def indicator_at(self, i1: int, i2: int, i3: int) -> Indicator:
        return self.level1[i1].groups[i2].indicators[i3]

    def find_id(self, row_id: str) -> tuple[int, ...] | None:
        """The path of the group (i1, i2) or indicator (i1, i2, i3) with this id, if any."""
        for i1, l1 in enumerate(self.level1):
            for i2, group in enumerate(l1.groups):
                if group.id == row_id:
                    return (i1, i2)
                for i3, ind in enumerate(group.indicators):
                    if ind.id == row_id:
                        return (i1, i2, i3)
        return None
