"""The 合计 row and the duplicate flags of a 汇总: figures over rows, computed once here.

The window's totals line, the Excel formulas' cached values and the PDF all
print these numbers.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from perfdesk.core.summary.row import SummaryRow

#: Score bands of the distribution chart, highest first (label, lowest score).
SCORE_BANDS = (("90–100", Decimal(90)), ("80–89.99", Decimal(80)), ("70–79.99", Decimal(70)),
               ("60–69.99", Decimal(60)), ("60以下", Decimal(0)))
_SPACES = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class Totals:
    """合计 over the readable rows."""

    files: int  # every row, unreadable included
    readable: int
    unreadable: int
    budget: Decimal  # 万元, rows with a known amount
    executed: Decimal
    rate: Decimal | None  # executed / budget: the execution rate weighted by budget
    average_score: Decimal | None
    lowest_score: Decimal | None
    highest_score: Decimal | None
    with_errors: int
    claims_differ: int  # tables whose claimed scores disagree with the rules
    by_grade: dict[str, int] = field(default_factory=dict)  # in order of first appearance, best first
    by_band: dict[str, int] = field(default_factory=dict)  # SCORE_BANDS order


def totals(rows: Sequence[SummaryRow], grade_order: Sequence[str] = ()) -> Totals:
    """Sums, weighted rate, score statistics and counts; `grade_order` lists grades best first."""
    ok = [r for r in rows if r.ok]
    budget = sum((r.budget for r in ok if r.budget is not None), Decimal(0))
    executed = sum((r.executed for r in ok if r.executed is not None and r.budget is not None), Decimal(0))
    scores = [r.score for r in ok if r.score is not None]
    grades = Counter(r.grade for r in ok if r.grade)
    order = [g for g in grade_order if g in grades] + sorted(g for g in grades if g not in grade_order)
    bands = {label: 0 for label, _ in SCORE_BANDS}
    for score in scores:
        bands[next((label for label, low in SCORE_BANDS if score >= low), SCORE_BANDS[-1][0])] += 1
    return Totals(
        files=len(rows),
        readable=len(ok),
        unreadable=len(rows) - len(ok),
        budget=budget,
        executed=executed,
        rate=executed / budget if budget else None,
        average_score=(sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        if scores else None,
        lowest_score=min(scores, default=None),
        highest_score=max(scores, default=None),
        with_errors=sum(1 for r in ok if r.errors),
        claims_differ=sum(1 for r in ok if r.claims_differ),
        by_grade={g: grades[g] for g in order},
        by_band=bands,
    )


def _bare(text: str) -> str:
    return _SPACES.sub("", text).replace("（", "(").replace("）", ")")


def _project_key(row: SummaryRow) -> tuple[str, str, str] | None:
    """Project name, year and 实施单位: two units may well both run a `专项业务费`."""
    name = _bare(row.name)
    return (name, row.year.strip(), _bare(row.implementer)) if name else None


def duplicates(rows: Sequence[SummaryRow]) -> dict[int, str]:
    """Row index -> why it looks like a duplicate (same project, unit and year; same verification code).

    Linear in the rows, however many share a name: a note names at most three others.
    """
    by_project: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    by_code: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        if not row.ok:
            continue
        key = _project_key(row)
        if key is not None:
            by_project[key].append(index)
        if row.code:
            by_code[row.code].append(index)
    notes: dict[int, list[str]] = defaultdict(list)
    for indices in by_code.values():
        if len(indices) > 1:
            for i in indices:
                notes[i].append(f"与{_others(rows, indices, i)}验证码相同（同一份表）")
    for (_name, year, _unit), indices in by_project.items():
        if len(indices) > 1:
            codes = Counter(rows[j].code for j in indices)
            for i in indices:
                if codes[rows[i].code] == 1:  # a copy of the same table is said above
                    notes[i].append(f"与{_others(rows, indices, i)}是同一项目、同一年度（{year or '年度未填'}）")
    return {i: "；".join(n) for i, n in sorted(notes.items())}


def _others(rows: Sequence[SummaryRow], indices: list[int], me: int) -> str:
    names = [f"“{rows[j].label}”" for j in indices[:4] if j != me][:3]
    more = len(indices) - 1
    return "、".join(names) + (f"等 {more} 个文件" if more > 3 else "")


def grade_order(grade_lists: Iterable[Sequence[str]]) -> tuple[str, ...]:
    """Every grade label of the given profiles, best first, each once (profiles may name them differently)."""
    order: list[str] = []
    for labels in grade_lists:
        for label in labels:
            if label not in order:
                order.append(label)
    return tuple(order)


#: The 主管部门 of rows that leave it empty, in the charts.
NO_DEPARTMENT = "（未填主管部门）"


@dataclass(frozen=True)
class DepartmentRate:
    """One 主管部门's amounts over its readable rows, counted as `totals` counts them."""

    department: str
    projects: int
    budget: Decimal  # 万元
    executed: Decimal  # 万元, rows with a known budget only
    rate: Decimal | None  # executed / budget: weighted by budget, not an average of the rows' rates


def rates_by_department(rows: Sequence[SummaryRow]) -> list[DepartmentRate]:
    """Execution rate per 主管部门, largest budget first (names compared without spaces).

    A row without a budget adds neither its budget nor its executed amount, so
    the departments' amounts add up to the 合计 row's.
    """
    groups: dict[str, list[SummaryRow]] = defaultdict(list)
    names: dict[str, str] = {}
    for row in rows:
        if row.ok:
            key = _SPACES.sub("", row.department)
            names.setdefault(key, row.department.strip() or NO_DEPARTMENT)
            groups[key].append(row)
    result = []
    for key, members in groups.items():
        part = totals(members)
        result.append(DepartmentRate(names[key], len(members), part.budget, part.executed, part.rate))
    return sorted(result, key=lambda d: (-d.budget, d.department))
