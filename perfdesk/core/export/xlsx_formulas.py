"""Live Excel formulas for the computed cells of the exported table.

Every computed cell of the layout (执行率, 得分, 总分 …) is written as a formula
that also carries the core's value, so a viewer that never recalculates shows
the right numbers and Excel/WPS/LibreOffice follow later edits. A formula is
written only where it reproduces the core's rule exactly (`scoring.plan` says
which rule scored each row): proportional, negative and zero-target rules read
the numbers in the helper columns, and a full-marks outcome of any other rule
refers to the weight. Scores that need a person's judgement (qualitative
grades below the top, manual scores, ranges missed, late deadlines) and rows
that cannot be scored stay plain values.

Hidden helper columns, right of the grid's columns (`Grid.helpers`: I, J, K
for the standard 8), on the indicator rows:

- target: the number read from 年度指标值 (`≥98%` → 98)
- actual: the number read from 实际完成值
- share: a member's unrounded score inside a weighted 二级 group
  (its rule's formula at its share of the group weight, or its value when no
  formula applies), which the group's 得分 sums

Where the profile prints no 分值 column the weights are still cells of the
sheet (the grid's unprinted column, hidden like the helpers), so the formulas
and the 分值合计 read them the same way.

The helper numbers are what the core read at export time: editing the text of
年度指标值/实际完成值 in Excel does not change them (edit the helper cells), while
weights and amounts are the visible cells themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from perfdesk.core.layout.table import Cell, TableLayout
from perfdesk.core.model.document import Document
from perfdesk.core.model.results import Evaluation, ScoreKind
from perfdesk.core.rules.formulas import value_of
from perfdesk.core.rules.profile import Profile, Rounding
from perfdesk.core.rules.readings import fraction_of_percent
from perfdesk.core.rules.scoring import Entry, plan
from perfdesk.core.values.parse import Comparator, Value, ValueKind

HELPER_TITLES = ("目标值（数值）", "实际值（数值）", "组内得分")


@dataclass(frozen=True)
class Formula:
    """A formula (without `=`) and the value the core computed for it."""

    text: str
    value: Decimal | str  # "" when the core has no value


def _ref(row: int, col: int) -> str:
    return xl_rowcol_to_cell(row, col)


def _rounded(expr: str, rounding: Rounding) -> str:
    """Round like `Rounding.apply`: ROUND is half away from zero, equal to half_up for scores ≥ 0.

    ROUNDDOWN first snaps binary noise (2.8999999999999995) to 10 places, or it
    would drop a cent that the decimal core keeps.
    """
    if rounding.mode == "down":
        return f"ROUNDDOWN(ROUND({expr},10),{rounding.places})"
    return f"ROUND({expr},{rounding.places})"


class FormulaPlan:
    """Formulas of one exported table: per computed cell, plus the hidden helper cells."""

    def __init__(self, doc: Document, profile: Profile, ev: Evaluation, layout: TableLayout) -> None:
        self.doc, self.profile, self.ev, self.layout = doc, profile, ev, layout
        self.target_col, self.actual_col, self.share_col = layout.grid.helpers
        #: (row, col) → number or Formula for the hidden helper columns.
        self.helpers: dict[tuple[int, int], Decimal | Formula] = {}
        self._weights: dict[tuple, Cell] = {}
        for cell in layout.cells:
            if cell.binding is not None and cell.binding.field == "weight":
                key = (cell.binding.section, *cell.binding.path)
                self._weights[key] = cell
        scored = plan(doc, profile)
        self._entries: dict[tuple[int, ...], Entry] = {e.path: e for e in scored.entries}
        self._groups: dict[tuple[int, ...], list[int]] = {
            g.path: self._plan_group(g.path, g.members) for g in scored.groups
        }

    def formula_for(self, cell: Cell) -> Formula | None:
        """The live formula of a computed cell, or None when it stays a plain value."""
        handlers = {
            "funds.rate": self._funds_rate,
            "funds.score": self._funds_score,
            "indicator.score": self._indicator_score,
            "group.score": self._group_score,
            "weights_total": self._weights_total,
            "total": self._total,
            "grade": self._grade,
        }
        handler = handlers.get(cell.key)
        return handler(cell) if handler else None

    def _weight_ref(self, *key: str | int) -> str | None:
        cell = self._weights.get(key)
        return None if cell is None or cell.number is None else _ref(cell.row, cell.col)

    # ------------------------------------------------------------ funds

    def _funds_rate(self, cell: Cell) -> Formula | None:
        budget = self.layout.bound("funds", (0,), "budget")
        executed = self.layout.bound("funds", (0,), "executed")
        if budget is None or executed is None or budget.number is None or executed.number is None:
            return None
        if budget.number < 0 or executed.number < 0:
            return None  # the core refuses negative amounts
        b, e = _ref(budget.row, budget.col), _ref(executed.row, executed.col)
        return Formula(f'IF({b}=0,"",{e}/{b})', _value(self.ev.funds.rate))

    def _funds_score(self, cell: Cell) -> Formula | None:
        res = self.ev.funds
        w = self._weight_ref("funds")
        if res.manual or res.score is None or w is None:
            return None
        rate = _ref(cell.row, self.layout.grid.funds.rate)
        raw = f"MIN({w},{w}*{rate})" if self.profile.funds.cap else f"{w}*{rate}"
        return Formula(f'IF({rate}="","",{_rounded(raw, self.profile.funds.rounding)})', res.score)

    # ------------------------------------------------------------ indicators

    def _indicator_score(self, cell: Cell) -> Formula | None:
        res = self.ev.indicator(tuple(cell.path))
        entry = self._entries.get(tuple(cell.path))
        w = self._weight_ref("indicator", *cell.path)
        if res is None or res.score is None or entry is None or w is None:
            return None
        raw = self._rule(entry, cell.row, w)
        return None if raw is None else Formula(_rounded(raw, self.profile.score_rounding), res.score)

    def _rule(self, entry: Entry, row: int, w: str) -> str | None:
        """The unrounded rule that scored `entry`, as a formula of weight `w` and the row's helpers."""
        outcome = entry.outcome
        if entry.blank or entry.manual.given or outcome is None or outcome.score is None:
            return None
        ind = entry.indicator
        target = value_of(ind.target)
        # the number the rule compared: `0.93` against `≥90%` was read as 93%
        actual, _ = fraction_of_percent(target, value_of(ind.actual), outcome.kind is ScoreKind.NEGATIVE)
        numeric = _numbers(target, actual)
        t, a = _ref(row, self.target_col), _ref(row, self.actual_col)
        if numeric and outcome.kind in (ScoreKind.POSITIVE, ScoreKind.EXACT):
            assert target.number is not None  # _numbers() checked it
            raw = self._positive(w, t, a, target.number)
        elif numeric and outcome.kind is ScoreKind.NEGATIVE:
            raw = f"IF({a}<={t},{w},IF({t}<=0,0,{w}*{t}/{a}))"
        elif numeric and outcome.kind is ScoreKind.ZERO:
            met = {Comparator.GT: f"{a}>0", Comparator.GE: f"{a}>=0"}.get(target.comparator or Comparator.EQ, f"{a}<=0")
            raw = f"IF({met},{w},0)"
        elif outcome.score == entry.weight:
            return w  # full marks by a rule without numbers (met word, deadline, inside a range)
        else:
            return None
        assert target.number is not None and actual.number is not None  # only the numeric rules get here
        self.helpers[(row, self.target_col)] = target.number
        self.helpers[(row, self.actual_col)] = actual.number
        return raw

    def _positive(self, w: str, t: str, a: str, target: Decimal) -> str:
        """Proportional score, capped per profile, with the over-achievement deduction."""
        if target < 0:
            return f"IF({a}>={t},{w},0)"
        ratio = f"{a}/{t}"
        raw = f"MIN({w},{w}*{ratio})" if self.profile.cap_scores else f"{w}*{ratio}"
        rule = self.profile.over_achievement
        over = f"{ratio}>={1 + rule.threshold / 100}"
        if rule.deduction == "fixed":
            raw = f"IF({over},{raw}-{rule.points},{raw})"
        elif rule.deduction == "per_percent":
            beyond = f"(({ratio}-1)*100-{rule.threshold})"
            raw = f"IF({over},{raw}-{w}*{rule.percent_of_weight}/100*{beyond},{raw})"
        return f"MAX(0,{raw})"

    # ------------------------------------------------------------ groups

    def _plan_group(self, path: tuple[int, int], members: list[Entry]) -> list[int]:
        """Rows whose hidden share cell holds a member's unrounded score; the group's 得分 sums them.

        A member scored by a formula gets that formula at its share of the group
        weight; any other (a manual score, a graded qualitative one) its value.
        Empty when the group is not scored by its members.
        """
        w = self._weight_ref("group", *path)
        res = self.ev.group(path)
        if w is None or res is None or res.score is None or res.manual or not members:
            return []
        share = f"({w}/{len(members)})"
        rows: list[int] = []
        for member in members:
            name = self.layout.bound("indicator", member.path, "name")
            score = member.manual.score if member.manual.given or member.outcome is None else member.outcome.score
            if name is None or score is None:
                return []
            rule = self._rule(member, name.row, share)
            self.helpers[(name.row, self.share_col)] = Formula(rule, score) if rule else score
            rows.append(name.row)
        return rows

    def _group_score(self, cell: Cell) -> Formula | None:
        rows = self._groups.get(tuple(cell.path))
        res = self.ev.group(tuple(cell.path))
        if not rows or res is None or res.score is None:
            return None
        shares = ",".join(_ref(r, self.share_col) for r in rows)
        return Formula(_rounded(f"SUM({shares})", self.profile.score_rounding), res.score)

    # ------------------------------------------------------------ totals

    def _indicator_column(self, col: int) -> str:
        first, last = self.layout.indicator_rows
        name = xl_col_to_name(col)
        return f"{name}{first + 1}:{name}{last}"

    def _weights_total(self, cell: Cell) -> Formula | None:
        parts = [self._indicator_column(self.layout.grid.col("weight"))]
        if self.ev.funds.counted and self.ev.funds.weight is not None:
            w = self._weight_ref("funds")
            if w is None:
                return None  # the profile's default weight stands in for an empty cell
            parts.insert(0, w)
        return Formula(f"SUM({','.join(parts)})", self.ev.weights_total)

    def _total(self, cell: Cell) -> Formula:
        parts = [self._indicator_column(self.layout.grid.col("score"))]
        funds = next((c for c in self.layout.cells if c.key == "funds.score"), None)
        if funds is not None and self.ev.funds.counted:
            parts.insert(0, _ref(funds.row, funds.col))
        total = _rounded(f"SUM({','.join(parts)})", self.profile.score_rounding)
        rate = next((c for c in self.layout.cells if c.key == "funds.rate"), None)
        if self.profile.total_caps and rate is not None:
            total = self._capped(total, _ref(rate.row, rate.col))
        return Formula(total, self.ev.total)

    def _capped(self, total: str, rate: str) -> str:
        """Nested IFs: in a cap's execution-rate band (percent), the total is at most its cap."""
        expr = total
        for cap in reversed(self.profile.total_caps):
            band = f'AND({rate}<>"",{rate}*100>={cap.rate_from},{rate}*100<{cap.rate_to})'
            expr = f"IF({band},MIN({cap.max_total},{total}),{expr})"
        return expr

    def _grade(self, cell: Cell) -> Formula:
        total = next(c for c in self.layout.cells if c.key == "total")
        ref = _ref(total.row, total.col)
        bands = self.profile.grades
        expr = f'"{bands[-1].label}"'
        for band in reversed(bands[:-1]):
            expr = f'IF({ref}>={band.low},"{band.label}",{expr})'
        return Formula(f'"评价等级："&{expr}', cell.text)


def _value(number: Decimal | None) -> Decimal | str:
    return "" if number is None else number


def _numbers(target: Value, actual: Value) -> bool:
    """Both plain numbers, the actual a result rather than a bound (`≥98%`)."""
    return (
        target.kind is ValueKind.NUMBER
        and actual.kind is ValueKind.NUMBER
        and target.number is not None
        and actual.number is not None
        and not actual.is_threshold
    )
