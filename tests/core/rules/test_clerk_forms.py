"""Scores of values written as clerks write them: deadlines without a year, parts of the year,
deadlines met said in words; each reads as meant or asks a precise question."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdesk.core.model.results import ScoreKind, Severity
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import TemplateLibrary
from perfdesk.core.rules.scoring import evaluate
from tests.core.scoring_docs import single

TIMELINESS = ("产出指标", "时效指标")
#: Hypothesis runs many inputs per test, so the profile is loaded once here rather than by a fixture.
NATIONAL = TemplateLibrary().get("national-2020")


def scored(profile, target, actual, year="2023", where=TIMELINESS):
    """(result, problems of the row) for one indicator in a table of `year`."""
    doc, path = single(profile, target, actual, where=where)
    doc.project.year = year
    ev = analyse(doc, profile)
    return ev.indicator(path), [p for p in ev.problems if p.location.path == path]


# ---------------------------------------------------------------- deadlines without a year


@pytest.mark.parametrize(
    ("target", "actual", "score", "assumed"),
    [
        ("11月底前", "2023年11月20日", "10", "按2023年11月30日计"),
        ("11月底前", "2023年12月", "0", "按2023年11月30日计"),
        ("12月31日前", "2023年12月", "10", None),  # December is not after December 31
        ("年底前", "2023年10月", "10", "按2023年12月31日计"),
        ("年底前", "2024年1月", "0", "按2023年12月31日计"),
        ("年内", "2023年12月28日", "10", "按2023年12月31日计"),
        ("11月份前", "2023年11月", "10", "按2023年11月30日计"),
        ("2023年11月份", "2023年10月", "10", "按2023年11月30日计"),
        ("第三季度", "2023年9月30日", "10", "按2023年9月30日计"),
        ("三季度末", "2023年10月8日", "0", "按2023年9月30日计"),
        ("第3季度前", "2023年8月", "10", "按2023年9月30日计"),
        ("上半年", "2023年6月", "10", "按2023年6月30日计"),
        ("上半年", "2023年7月", "0", "按2023年6月30日计"),
        ("下半年", "2023年11月", "10", "按2023年12月31日计"),
        ("2月底前", "2023年2月28日", "10", "按2023年2月28日计"),  # 2023 is not a leap year
        ("11月底前", "10月", "10", "按2023年10月计"),  # an actual without a year is in the table's year too
    ],
)
def test_deadlines_without_a_year_are_in_the_tables_year(national, target, actual, score, assumed):
    result, problems = scored(national, target, actual)
    assert (result.kind, result.score) == (ScoreKind.DEADLINE, D(score)), result.explanation
    assert problems == [] if score == "10" else [p.code for p in problems] == ["REASON_MISSING"]
    if assumed is not None:
        assert assumed in result.explanation  # the tooltip says which date was used


@pytest.mark.parametrize("year", ["", "二〇二三", "  "])
def test_a_deadline_without_a_year_asks_for_the_tables_year(national, year):
    result, problems = scored(national, "11月底前", "2023年10月", year=year)
    assert result.score is None and result.kind is ScoreKind.UNSCORED
    (problem,) = [p for p in problems if p.code == "DEADLINE_YEAR_MISSING"]
    assert problem.severity is Severity.ERROR and problem.location.field == "target"
    assert "请在表头填写年度（如 2023）" in problem.message and "“11月底前”没有写年份" in problem.message
    result, problems = scored(national, "2023年11月底前", "10月", year=year)
    assert [p.location.field for p in problems if p.code == "DEADLINE_YEAR_MISSING"] == ["actual"]


def test_a_full_date_needs_no_table_year(national):
    result, problems = scored(national, "2023年11月底前", "2023年10月", year="")
    assert result.score == D(10) and problems == []


@pytest.mark.parametrize("year", ["2022", "2022年", "２０２２年度"])
def test_the_tables_year_is_read_as_people_write_it(national, year):
    result, _ = scored(national, "11月底前", "2022年11月30日", year=year)
    assert result.score == D(10) and "按2022年11月30日计" in result.explanation


# ---------------------------------------------------------------- a deadline met, said in words


@pytest.mark.parametrize("actual", ["按时完成", "如期完成", "提前完成", "按期完成", "已按时完成", "及时", "完成"])
@pytest.mark.parametrize("target", ["2023年11月", "11月底前", "第三季度"])
def test_a_deadline_met_in_words_is_met_and_asks_for_the_date(national, target, actual):
    result, problems = scored(national, target, actual)
    assert (result.kind, result.score) == (ScoreKind.DEADLINE, D(10))
    assert f"实际“{actual}”按在期限内完成计" in result.explanation
    (problem,) = problems
    assert (problem.code, problem.severity, problem.location.field) == ("DEADLINE_MET_IN_WORDS", Severity.WARNING,
                                                                      "actual")
    assert "请改填实际完成日期" in problem.message


def test_a_deadline_met_in_words_needs_no_year(national):
    result, problems = scored(national, "11月底前", "按时完成", year="")
    assert result.score == D(10) and [p.code for p in problems] == ["DEADLINE_MET_IN_WORDS"]


@pytest.mark.parametrize("actual", ["未按时完成", "延期完成", "逾期"])
def test_a_deadline_missed_in_words_asks_for_the_date(national, actual):
    result, problems = scored(national, "11月底前", actual)
    assert result.score is None and [p.code for p in problems] == ["ACTUAL_NOT_COMPARABLE"]
    assert "请填写日期" in problems[0].message


# ---------------------------------------------------------------- properties

DEADLINES = ["11月底前", "12月31日前", "年底前", "年内", "2023年11月份", "11月份前", "第三季度", "三季度末",
             "第3季度前", "上半年", "下半年", "年底", "2023年12月", "2023年6月30日", "2月29日前"]
YEARS = ["", "2023", "2024", "２０２２年度", "去年"]


@settings(max_examples=200, deadline=None)
@given(target=st.sampled_from(DEADLINES), year=st.sampled_from(YEARS), first=st.dates(), later=st.integers(0, 400))
def test_a_later_completion_never_scores_more(target, year, first, later):
    """Monotone in the completion date, whatever the deadline form and the table's year."""
    import datetime as dt

    second = first + dt.timedelta(days=later)
    texts = [f"{d.year}年{d.month}月{d.day}日" for d in (first, second)]
    results = [scored(NATIONAL, target, text, year=year)[0] for text in texts]
    if results[0].score is None:
        assert results[1].score is None  # only the table's year is missing, for both
        return
    assert results[1].score is not None and results[1].score <= results[0].score


@settings(max_examples=200, deadline=None)
@given(target=st.sampled_from(DEADLINES + ["≥90%", "达标"]),
       actual=st.sampled_from(DEADLINES + ["按时完成", "如期完成", "未按时完成", "10月", "2023年10月", "95%"]),
       year=st.sampled_from(YEARS))
def test_any_deadline_form_scores_or_says_why(target, actual, year):
    doc, path = single(NATIONAL, target, actual, where=TIMELINESS)
    doc.project.year = year
    ev = analyse(doc, NATIONAL)
    result = ev.indicator(path)
    assert result.score is not None or any(p.location.path == path for p in ev.problems)
    assert evaluate(doc, NATIONAL).indicator(path) == result
