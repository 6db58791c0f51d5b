"""The 合计 line and duplicate flags: the figures the window, the Excel file and the PDF print."""

from __future__ import annotations

from decimal import Decimal

from perfdesk.core.summary.row import SummaryRow, unreadable
from perfdesk.core.summary.totals import duplicates, grade_order, totals


def _row(name: str, budget: str | None, executed: str | None, score: str, grade: str, **kw) -> SummaryRow:
    return SummaryRow(file=f"/in/{name}.pdesk", ok=True, name=name, year=kw.pop("year", "2022"),
                      budget=None if budget is None else Decimal(budget),
                      executed=None if executed is None else Decimal(executed),
                      score=Decimal(score), grade=grade, code=kw.pop("code", name), **kw)


ROWS = [
    _row("甲", "100", "90", "95", "优"),
    _row("乙", "300", "150", "72.5", "中", errors=2),
    _row("丙", None, None, "59", "差", claims_differ=1),  # an amount it could not convert
    unreadable("/in/坏.pdesk", "坏了"),
]


def test_amounts_are_summed_and_the_rate_weighted_by_budget() -> None:
    t = totals(ROWS)
    assert (t.files, t.readable, t.unreadable) == (4, 3, 1)
    assert (t.budget, t.executed) == (Decimal(400), Decimal(240))
    assert t.rate == Decimal("0.6")  # 240/400, not the mean of 90% and 50%


def test_score_statistics_and_counts() -> None:
    t = totals(ROWS, grade_order=("优", "良", "中", "差"))
    assert t.average_score == Decimal("75.50") and (t.lowest_score, t.highest_score) == (Decimal(59), Decimal(95))
    assert list(t.by_grade.items()) == [("优", 1), ("中", 1), ("差", 1)]
    assert t.by_band == {"90–100": 1, "80–89.99": 0, "70–79.99": 1, "60–69.99": 0, "60以下": 1}
    assert (t.with_errors, t.claims_differ) == (1, 1)


def test_nothing_readable_gives_empty_figures() -> None:
    t = totals([unreadable("/x.pdesk", "坏")])
    assert t.rate is None and t.average_score is None and t.by_grade == {}


def test_same_project_and_year_and_same_code_are_flagged() -> None:
    rows = [
        _row("道路 养护", "1", "1", "90", "优", code="A"),
        _row("道路养护", "1", "1", "80", "良", code="B"),  # same project (spaces do not count), other content
        _row("道路养护", "1", "1", "80", "良", code="B", year="2023"),  # another year: only the code is shared
        _row("桥梁", "1", "1", "80", "良", code="C"),
    ]
    notes = duplicates(rows)
    assert set(notes) == {0, 1, 2}
    assert "同一项目、同一年度（2022）" in notes[0] and "道路养护.pdesk" in notes[0]
    assert "验证码相同" in notes[1] and "验证码相同" in notes[2] and "同一项目" in notes[1]


def test_grade_order_merges_profiles_best_first() -> None:
    assert grade_order([("优", "良", "中", "差"), ("优", "良", "合格", "不合格")]) == (
        "优", "良", "中", "差", "合格", "不合格")


def test_a_negative_score_counts_in_the_lowest_band_and_odd_numbers_read_as_empty() -> None:
    from perfdesk.core.summary.row import row_from_json

    t = totals([_row("负", "1", "1", "-5", "差")])
    assert t.by_band["60以下"] == 1
    odd = row_from_json({"file": "x.pdesk", "ok": True, "budget": float("nan"), "score": float("inf")})
    assert odd.budget is None and odd.score is None and totals([odd]).budget == 0


def test_the_same_name_from_two_units_is_not_a_duplicate_and_many_copies_stay_fast() -> None:
    rows = [_row("专项业务费", "1", "1", "90", "优", code="A", implementer="甲局"),
            _row("专项业务费", "1", "1", "90", "优", code="B", implementer="乙局")]
    assert duplicates(rows) == {}
    many = [_row("专项业务费", "1", "1", "90", "优", code=f"C{i}") for i in range(5000)]
    notes = duplicates(many)  # linear: 5,000 rows of one project
    assert len(notes) == 5000 and notes[0].endswith("等 4999 个文件是同一项目、同一年度（2022）")
