"""Scores of values written as clerks write them: deadlines without a year, parts of the year,
deadlines met said in words, units missing their `/…` part, fractions against percentages,
rates under 成本指标; each reads as meant or asks a precise question."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdesk.core.model.document import Indicator
from perfdesk.core.model.factory import new_document
from perfdesk.core.model.results import ScoreKind, Severity
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import TemplateLibrary
from perfdesk.core.rules.scoring import evaluate
from tests.core.scoring_docs import put, single

TIMELINESS = ("产出指标", "时效指标")
#: Hypothesis runs many inputs per test, so the profile is loaded once here rather than by a fixture.
NATIONAL = TemplateLibrary().get("national-2020")


QUANTITY, COST = ("产出指标", "数量指标"), ("产出指标", "成本指标")


def scored(profile, target, actual, year="2023", where=TIMELINESS, name="1.指标"):
    """(result, problems of the row) for one indicator named `name` in a table of `year`."""
    doc = new_document(profile, year)
    i1, i2 = put(doc, *where, Indicator(name=name, target=target, actual=actual, weight="10", reason="说明"))
    ev = analyse(doc, profile)
    return ev.indicator((i1, i2, 0)), [p for p in ev.problems if p.location.path == (i1, i2, 0)]


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
    assert problems == []
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


# ---------------------------------------------------------------- units missing their `/…` part


@pytest.mark.parametrize(
    ("target", "actual", "score"),
    [("≤500元/人", "480元", "10"), ("≤500元/人", "600元", "8.33"), ("≥2次/年", "2次", "10"),
     ("≥100人次/月", "80人次", "8"), ("≥100人次", "120人次/月", "10"), ("80-120元/人", "100元", "10")],
)
def test_a_unit_missing_its_per_part_compares_the_numbers_and_names_both_units(national, target, actual, score):
    result, problems = scored(national, target, actual, where=QUANTITY)
    assert result.score is not None and result.score.quantize(D("0.01")) == D(score), result.explanation
    (problem,) = problems
    assert (problem.code, problem.severity) == ("UNIT_SHORTENED", Severity.WARNING)
    t_unit, a_unit = (v.lstrip("≤≥0123456789-") for v in (target, actual))
    for text in (result.explanation, problem.message):
        assert f"“{t_unit}”" in text and f"“{a_unit}”" in text


@pytest.mark.parametrize(("target", "actual"), [("≤500元/人", "480万元"), ("≥2次/年", "2次/月"), ("≥2次", "2人")])
def test_units_that_really_differ_are_still_refused(national, target, actual):
    result, problems = scored(national, target, actual, where=QUANTITY)
    assert result.score is None and [p.code for p in problems] == ["UNIT_MISMATCH"]


# ---------------------------------------------------------------- fractions against percentages


@pytest.mark.parametrize(
    ("target", "actual", "score", "read_as"),
    [
        ("≥90%", "0.93", "10", "93%"),
        ("≥90%", "1", "10", "100%"),
        ("=100%", "1", "10", "100%"),
        ("≥90%", "0.45", "5", "45%"),
        ("80%-90%", "0.85", "10", "85%"),
        ("95%", "0.95", "10", "95%"),
        # a low or downward target: 0.8% and 80% are both possible, read as written and asked
        ("≥2%", "0.8", "4", "0.8%"),
        ("≤5%", "0.03", "10", "0.03%"),
    ],
)
def test_a_fraction_against_a_percentage_says_how_it_was_read(national, target, actual, score, read_as):
    result, problems = scored(national, target, actual, where=QUANTITY)
    assert result.score == D(score), result.explanation
    assert f"实际“{actual}”按{read_as}计" in result.explanation
    (problem,) = problems
    assert (problem.code, problem.severity, problem.location.field) == ("ACTUAL_FRACTION", Severity.WARNING, "actual")
    assert f"请写成“{read_as}”" in problem.message


@pytest.mark.parametrize(("target", "actual", "score"),
                         [("≥90%", "95", "10"), ("≥90%", "0", "0"), ("≥90", "0.93", "0.1")])
def test_a_percentage_without_its_sign_and_non_percent_targets_are_read_as_before(national, target, actual, score):
    result, problems = scored(national, target, actual, where=QUANTITY)
    assert result.score == D(score) and "ACTUAL_FRACTION" not in {p.code for p in problems}


# ---------------------------------------------------------------- percentages under 成本指标


@pytest.mark.parametrize(
    ("name", "target", "actual", "score", "kind", "warned"),
    [
        ("2.财政资金足额到位率", "100%", "80%", "8", ScoreKind.POSITIVE, False),
        ("1.成本控制率", "100%", "100%", "10", ScoreKind.POSITIVE, False),
        ("1.项目支出达标率", "95%", "100%", "10", ScoreKind.POSITIVE, False),
        ("1.成本超支率", "5%", "8%", "6.25", ScoreKind.NEGATIVE, False),
        ("1.预算偏差率", "10%", "5%", "10", ScoreKind.NEGATIVE, False),
        ("1.成本控制", "100%", "90%", "10", ScoreKind.NEGATIVE, True),  # neither: kept a ceiling, asked
        ("1.社区矫正经费", "38万元", "19.62万元", "10", ScoreKind.NEGATIVE, False),  # an amount stays a ceiling
        ("1.人均成本率", "≤60%", "70%", "8.57", ScoreKind.NEGATIVE, False),  # a written ≤ decides
    ],
)
def test_a_percentage_under_cost_reads_its_direction_from_the_name(national, name, target, actual, score, kind, warned):
    result, problems = scored(national, target, actual, where=COST, name=name)
    assert (result.kind, result.direction) == (kind, kind)
    assert result.score is not None and result.score.quantize(D("0.01")) == D(score), result.explanation
    asked = [p for p in problems if p.code == "DIRECTION_UNCLEAR"]
    assert bool(asked) is warned
    if warned:
        assert "请写成“≥100%”" in asked[0].message and "请写成“≤100%”" in asked[0].message
        assert "未写≥或≤，按不超过100%计分" in result.explanation
    elif "率" in name and "≤" not in target:
        assert "计分" in result.explanation and name[2:] in result.explanation


def test_a_rate_under_cost_is_no_longer_full_marks_below_its_target(national):
    """`财政资金足额到位率 100%` with 80% was full marks as a ceiling: 80% ≤ 100%."""
    result, _ = scored(national, "100%", "80%", where=COST, name="2.财政资金足额到位率")
    assert result.score == D(8) and "按越高越好计分" in result.explanation


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


percents = st.decimals(min_value=D("0.01"), max_value=200, places=2)


@st.composite
def monotone_rows(draw: st.DrawFn) -> tuple[tuple[tuple[str, str], str], str, str, str, int]:
    """(where, name), target, and two actuals written the same way, the second the larger number,
    and the way the score must move between them (1: never falls, -1: never rises)."""
    low, step = draw(percents), draw(percents)
    high = low + step
    form = draw(st.sampled_from(["percent", "fraction", "per", "rate", "bad_rate"]))
    target = draw(percents)
    if form == "fraction":  # a fraction against a high rate: read as a percentage, monotone within (0, 1]
        first, second = sorted(draw(st.decimals(min_value=D("0.01"), max_value=1, places=2)) for _ in range(2))
        return (QUANTITY, "1.合格率"), f"≥{max(target, D(50))}%", str(first), str(second), 1
    if form == "per":
        return (QUANTITY, "1.培训"), f"≥{target}次/年", f"{low}次", f"{high}次", 1
    if form == "rate":
        return (COST, "1.资金到位率"), f"{target}%", f"{low}%", f"{high}%", 1
    if form == "bad_rate":
        return (COST, "1.成本超支率"), f"{target}%", f"{low}%", f"{high}%", -1
    return (QUANTITY, "1.满意度"), f"≥{target}%", f"{low}%", f"{high}%", 1


@settings(max_examples=200, deadline=None)
@given(monotone_rows())
def test_scores_move_one_way_as_the_actual_grows_in_every_written_form(row):
    (where, name), target, first, second, way = row
    scores = [scored(NATIONAL, target, actual, where=where, name=name)[0].score for actual in (first, second)]
    low, high = (s if s is not None else D(-1) for s in scores)
    assert D(0) <= low <= D(10) and D(0) <= high <= D(10)
    assert (high - low) * way >= 0, (target, first, second, scores)


TARGETS = ["≥90%", "=100%", "100%", "80%-90%", "≤5%", "≥2%", "≤500元/人", "≥2次/年", "≥100人次/月", "38万元", "5%"]
ACTUALS = ["0.93", "1", "0", "95", "0.5", "1.5", "480元", "2次", "120人次", "2次/月", "19.62万元", "80%", "按时完成"]
NAMES = ["1.资金到位率", "1.成本超支率", "1.成本控制", "", "率"]


@settings(max_examples=300, deadline=None)
@given(target=st.sampled_from(TARGETS), actual=st.sampled_from(ACTUALS), name=st.sampled_from(NAMES),
       where=st.sampled_from([QUANTITY, COST]))
def test_every_new_form_scores_within_its_weight_or_says_why(target, actual, name, where):
    result, problems = scored(NATIONAL, target, actual, where=where, name=name)
    if result.score is None:
        assert any(p.severity is Severity.ERROR for p in problems)
    else:
        assert D(0) <= result.score <= D(10)
    assert result.direction in (ScoreKind.POSITIVE, ScoreKind.NEGATIVE, ScoreKind.EXACT, ScoreKind.RANGE)


@pytest.mark.parametrize(("target", "actual", "score"), [("0起/年", "0起", "10"), ("=0次/月", "2次", "0")])
def test_a_zero_target_with_a_shortened_unit_is_judged_with_the_same_warning(national, target, actual, score):
    result, problems = scored(national, target, actual, where=QUANTITY)
    assert (result.kind, result.score) == (ScoreKind.ZERO, D(score))
    assert [p.code for p in problems] == ["UNIT_SHORTENED"] and "按同一单位比较" in result.explanation
