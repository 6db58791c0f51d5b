"""Claimed scores rechecked: what a table says it scored against what the rules give.

Tables arrive with scores somebody typed (imported hand-made tables, pasted
得分 columns, files edited by hand): the `published_score` of rows, groups and
the execution rate, and the `published_total`. A supervisor's first question is
whether they follow from the table. Each claim is compared with the computed
score at the precision the claim was written in (a claimed `19` agrees with a
computed 18.95 when the profile rounds half up), and every disagreement becomes
a warning that says by how much and why the rule gives what it gives.
"""

from __future__ import annotations

from decimal import Decimal

from perfdesk.core.model.document import Document
from perfdesk.core.model.places import block_place, group_place, indicator_place
from perfdesk.core.model.results import Claim, Evaluation, Location, Problem, Severity, format_decimal
from perfdesk.core.rules.profile import Profile, Rounding
from perfdesk.core.values.parse import parse_number
from perfdesk.core.values.text import excerpt

CLAIM_CODES: dict[str, str] = {
    "CLAIM_UNREADABLE": "原表得分无法识别",
    "CLAIM_DIFFERS": "原表得分与按规则计算的得分不同",
    "CLAIM_ABOVE_WEIGHT": "原表得分超过分值",
    "CLAIM_DEDUCTION_NO_REASON": "原表扣了分，但未填写偏差原因",
    "CLAIM_RATE_SCORE": "原表的预算执行率得分与资金数额算出的不符",
    "CLAIM_TOTAL_NOT_SUM": "原表总分不等于原表各项得分之和",
    "CLAIM_TOTAL_DIFFERS": "原表总分与按规则计算的总分不同",
}
_WARNING = Severity.WARNING


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def agrees(claimed: Decimal, computed: Decimal, rounding: Rounding) -> bool:
    """True when `computed`, rounded the way the province writes scores (`rounding`, the
    profile's claimed_rounding), is the claim: to the claim's own decimals, or to the
    rounding's places (a province writing whole points down claims 8 or 8.00 for 8.96)."""
    return claimed in (Rounding(_places(claimed), rounding.mode).apply(computed), rounding.apply(computed))


class _Recheck:
    def __init__(self, doc: Document, profile: Profile, ev: Evaluation) -> None:
        self.doc, self.profile, self.ev = doc, profile, ev
        self.claims: list[Claim] = []
        self.problems: list[Problem] = []

    def add(self, code: str, where: Location, message: str) -> None:
        self.problems.append(Problem(_WARNING, code, f"{where.label}：{message}", where))

    def claim(self, where: Location, text: str, computed: Decimal | None, weight: Decimal | None,
              explanation: str, reason: str | None, code: str = "CLAIM_DIFFERS") -> Claim | None:
        """Record and check one claimed score; None when nothing is claimed."""
        if not text.strip():
            return None
        claimed = parse_number(text)
        if claimed is None:
            self.add("CLAIM_UNREADABLE", where, f"原表得分“{excerpt(text)}”不是数字，无法核对")
            self.claims.append(Claim(where, text, None, computed, weight, False))
            return None
        same = computed is not None and agrees(claimed, computed, self.profile.claimed_rounding)
        record = Claim(where, text, claimed, computed, weight, same)
        self.claims.append(record)
        if weight is not None and claimed > weight:
            self.add("CLAIM_ABOVE_WEIGHT", where,
                     f"原表得分 {format_decimal(claimed)} 超过分值 {format_decimal(weight)}")
        if computed is not None and not same:
            diff = claimed - computed
            sign = "高" if diff > 0 else "低"
            self.add(code, where, f"原表得分 {format_decimal(claimed)}，按规则应为 {format_decimal(computed)}"
                                  f"（原表{sign} {format_decimal(abs(diff))} 分）。{explanation}")
        if reason is not None and weight is not None and claimed < weight and not reason.strip():
            met = computed is not None and computed >= weight
            why = "按规则本项已达成目标、应得满分" if met else "请说明扣分原因"
            self.add("CLAIM_DEDUCTION_NO_REASON", where,
                     f"原表得分 {format_decimal(claimed)} 低于分值 {format_decimal(weight)}，但未填写偏差原因：{why}")
        return record

    def run(self) -> None:
        funds = self.ev.funds
        counted: list[Claim | None] = []
        if funds.scored:
            record = self.claim(block_place("funds", "published_score", "项目资金 › 原表得分"),
                                self.doc.funds.published_score, funds.score, funds.weight, funds.explanation, None,
                                code="CLAIM_RATE_SCORE")
            if funds.counted:
                counted.append(record)
        # The results are in table order: walked beside the rows (no lookup of each row by its path).
        rows = (ind for l1 in self.doc.level1 for group in l1.groups for ind in group.indicators)
        for result, ind in zip(self.ev.indicators, rows, strict=True):
            if not result.counted:
                continue
            if not ind.published_score.strip():  # the common case: nothing claimed (no place built)
                counted.append(None)
                continue
            where = indicator_place(result.path, result.names, "published_score", ind.id)
            counted.append(self.claim(where, ind.published_score, result.score, result.weight,
                                      result.explanation, ind.reason))
        for g in self.ev.groups:
            group = self.doc.group_at(*g.path)
            if not group.published_score.strip():
                counted.append(None)
                continue
            reasons = "".join(i.reason for i in group.indicators)
            where = group_place(g.path, g.names, "published_score", group.id)
            counted.append(self.claim(where, group.published_score, g.score, g.weight, g.explanation, reasons))
        self.total(counted)

    def total(self, counted: list[Claim | None]) -> None:
        text = self.doc.published_total
        if not text.strip():
            return
        where = Location("table", (), "published_total", "原表总分")
        claimed = parse_number(text)
        if claimed is None:
            self.add("CLAIM_UNREADABLE", where, f"原表总分“{excerpt(text)}”不是数字，无法核对")
            return
        total = self.ev.total
        same = agrees(claimed, total, self.profile.claimed_rounding)
        self.claims.append(Claim(where, text, claimed, total, self.profile.weights_total, same))
        if not same:
            self.add("CLAIM_TOTAL_DIFFERS", where,
                     f"原表总分 {format_decimal(claimed)}，按规则应为 {format_decimal(total)}"
                     f"（相差 {format_decimal(abs(claimed - total))} 分）。{self.ev.total_explanation}")
        parts = [c.claimed for c in counted if c is not None]
        if counted and len(parts) == len(counted):
            summed = sum((p for p in parts if p is not None), Decimal(0))
            if not agrees(claimed, summed, self.profile.claimed_rounding):
                self.add("CLAIM_TOTAL_NOT_SUM", where,
                         f"原表总分 {format_decimal(claimed)} 不等于原表各项得分之和 {format_decimal(summed)}")


def recheck(doc: Document, profile: Profile, evaluation: Evaluation) -> tuple[list[Claim], list[Problem]]:
    """Every claimed score of `doc` beside the computed one, and the problems found."""
    work = _Recheck(doc, profile, evaluation)
    work.run()
    return work.claims, work.problems
