"""The three charts of a 汇总表, as data: Excel draws them natively, the PDF with reportlab.graphics.

Both exports chart exactly these figures, taken from the summary core.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from perfdesk.core.summary.row import SummaryRow
from perfdesk.core.summary.totals import DepartmentRate, Totals, rates_by_department

#: Departments charted one by one, largest budget first; the rest are charted together.
MAX_DEPARTMENTS = 15


@dataclass(frozen=True)
class Counts:
    """A count per category: the grade and the score-band charts."""

    title: str
    category: str  # the header of the category column
    labels: tuple[str, ...]
    counts: tuple[int, ...]


@dataclass(frozen=True)
class SummaryCharts:
    """The three charts' data, shared by the Excel sheet and the PDF page."""

    grades: Counts
    bands: Counts
    departments: tuple[DepartmentRate, ...]
    department_title: str = "各主管部门预算执行率（按预算数加权）"


def summary_charts(rows: Sequence[SummaryRow], figures: Totals) -> SummaryCharts:
    """The charts' data; `figures` is `totals(rows, grade_order)` (its grades in that order)."""
    grades = Counts("等级分布", "等级", tuple(figures.by_grade), tuple(figures.by_grade.values()))
    bands = Counts("自评得分分布", "得分段", tuple(figures.by_band), tuple(figures.by_band.values()))
    return SummaryCharts(grades, bands, tuple(_at_most(rates_by_department(rows), MAX_DEPARTMENTS)))


def _at_most(departments: list[DepartmentRate], limit: int) -> list[DepartmentRate]:
    """The largest `limit - 1` departments and one bar for the others, when there are more than `limit`."""
    if len(departments) <= limit:
        return departments
    shown, rest = departments[: limit - 1], departments[limit - 1 :]
    budget = sum((d.budget for d in rest), Decimal(0))
    executed = sum((d.executed for d in rest), Decimal(0))
    other = DepartmentRate(f"其他 {len(rest)} 个部门", sum(d.projects for d in rest), budget, executed,
                           executed / budget if budget else None)
    return [*shown, other]
