"""Execution rate per 主管部门 (the summary's third chart) and the charts' data."""

from __future__ import annotations

from decimal import Decimal

from perfdesk.core.export.summary_charts import MAX_DEPARTMENTS, summary_charts
from perfdesk.core.summary.row import SummaryRow, unreadable
from perfdesk.core.summary.totals import NO_DEPARTMENT, rates_by_department, totals


def _row(department: str, budget: str | None, executed: str | None) -> SummaryRow:
    return SummaryRow(file=f"/{department}.pdesk", ok=True, department=department,
                      budget=None if budget is None else Decimal(budget),
                      executed=None if executed is None else Decimal(executed))


def test_rate_is_weighted_by_budget_not_an_average_of_rates():
    rows = [_row("民政局", "100", "100"), _row("民政局", "900", "450"), _row("教育局", "50", "40")]
    civil, education = rates_by_department(rows)
    assert (civil.department, civil.projects) == ("民政局", 2)
    assert (civil.budget, civil.executed) == (Decimal(1000), Decimal(550))
    assert civil.rate == Decimal("0.55")  # (100 + 450) / (100 + 900), not (1 + 0.5) / 2
    assert education.rate == Decimal("0.8")


def test_departments_add_up_to_the_total_and_skip_what_totals_skips():
    rows = [_row("民政局", "100", "80"), _row("民政局", None, "70"), _row("教育局", "0", None),
            _row("", "10", "5"), unreadable("/bad.xlsx", "坏")]
    departments = rates_by_department(rows)
    figures = totals(rows)
    assert sum(d.budget for d in departments) == figures.budget
    assert sum(d.executed for d in departments) == figures.executed
    assert [d.department for d in departments] == ["民政局", NO_DEPARTMENT, "教育局"]  # largest budget first
    assert departments[0].executed == 80  # the 70 beside no budget is not counted
    assert departments[-1].rate is None  # a budget of 0 has no rate
    assert sum(d.projects for d in departments) == 4


def test_spaces_do_not_split_a_department():
    rows = [_row("区 民政局", "10", "5"), _row("区民政局\u3000", "30", "25")]
    (only,) = rates_by_department(rows)
    assert only.department == "区 民政局" and only.projects == 2 and only.rate == Decimal("0.75")


def test_charts_keep_the_largest_departments_and_gather_the_rest():
    rows = [_row(f"部门{i:02d}", str(100 + i), str(50 + i)) for i in range(MAX_DEPARTMENTS + 5)]
    departments = summary_charts(rows, totals(rows)).departments
    assert len(departments) == MAX_DEPARTMENTS
    assert [d.department for d in departments[:2]] == ["部门19", "部门18"]
    other = departments[-1]
    assert other.department == "其他 6 个部门" and other.projects == 6
    assert sum(d.budget for d in departments) == totals(rows).budget
    assert other.rate == other.executed / other.budget
    assert len(summary_charts(rows[:MAX_DEPARTMENTS], totals(rows[:MAX_DEPARTMENTS])).departments) == MAX_DEPARTMENTS


def test_chart_counts_follow_the_grade_order():
    rows = [SummaryRow(file=f"/{i}", ok=True, score=Decimal(s), grade=g)
            for i, (s, g) in enumerate((("95", "优"), ("85", "良"), ("55", "差"), ("91", "优")))]
    charts = summary_charts(rows, totals(rows, ("优", "良", "中", "差")))
    assert (charts.grades.labels, charts.grades.counts) == (("优", "良", "差"), (2, 1, 1))
    assert charts.bands.counts == (2, 1, 0, 0, 1)
