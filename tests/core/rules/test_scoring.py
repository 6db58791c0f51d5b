"""Scores by rule kind at their edges, funds, groups, manual scores, totals and the three profiles."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfdesk.core.model.document import Indicator
from perfdesk.core.model.factory import new_document
from perfdesk.core.model.results import ScoreKind
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import (
    OverAchievement,
    Rounding,
    TemplateLibrary,
    TotalCap,
)
from perfdesk.core.rules.scoring import evaluate
from tests.core.scoring_docs import complete, put, single


def score_of(profile, target, actual, weight="10", **kw):
    doc, path = single(profile, target, actual, weight, **kw)
    return evaluate(doc, profile).indicator(path)


# ---------------------------------------------------------------- rule kinds


@pytest.mark.parametrize(
    ("target", "actual", "score", "kind"),
    [
        ("270例", "278例", "10.00", ScoreKind.POSITIVE),
        ("≥100人", "90人", "9.00", ScoreKind.POSITIVE),
        ("≥ 4 个", "0个", "0.00", ScoreKind.POSITIVE),
        ("≥98%", "-5%", "0.00", ScoreKind.POSITIVE),
        ("≥-5%", "-3%", "10.00", ScoreKind.POSITIVE),
        ("≥2000", "1992.01", "9.96", ScoreKind.POSITIVE),  # date-like number against a numeric target
        ("≥-5%", "-8%", "0.00", ScoreKind.POSITIVE),
        ("≤ 8 万元", "8万元", "10.00", ScoreKind.NEGATIVE),
        ("≤8万元", "10万元", "8.00", ScoreKind.NEGATIVE),
        ("=0", "0", "10.00", ScoreKind.ZERO),
        ("0人", "2人", "0.00", ScoreKind.ZERO),
        ("≤0%", "0%", "10.00", ScoreKind.ZERO),
        ("无安全事故发生", "0起", "10.00", ScoreKind.ZERO),
        ("无安全事故发生", "3起", "0.00", ScoreKind.ZERO),
        ("=100%", "100%", "10.00", ScoreKind.EXACT),
        ("═100%", "90%", "9.00", ScoreKind.EXACT),
        ("1:10至1:15", "1:12", "10.00", ScoreKind.RANGE),
        ("1:10至1:15", "1:15.8", "9.60", ScoreKind.RANGE),
        ("80%-90%", "70%", "5.00", ScoreKind.RANGE),
        ("80%-90%", "10%", "0.00", ScoreKind.RANGE),
        ("2023年12月", "2023年10月", "10.00", ScoreKind.DEADLINE),
        ("2023年12月", "2023年12月", "10.00", ScoreKind.DEADLINE),
        ("2023年12月", "2024年1月", "0.00", ScoreKind.DEADLINE),
        ("2023年12月", "及时", "10.00", ScoreKind.DEADLINE),
        ("达标", "达标", "10.00", ScoreKind.QUALITATIVE),
        ("较高", "显著", "10.00", ScoreKind.QUALITATIVE),
    ],
)
def test_rule_kinds(national, target, actual, score, kind):
    result = score_of(national, target, actual)
    assert (result.score, result.kind) == (D(score), kind)
    assert result.explanation


def test_bare_number_is_a_ceiling_in_cost_group(national):
    assert score_of(national, "38万元", "19.62万元", where=("产出指标", "成本指标")).kind is ScoreKind.NEGATIVE
    assert score_of(national, "38万元", "19.62万元").score == D("5.16")


def test_explanations_quote_the_numbers(national):
    assert score_of(national, "270例", "278例", "15").explanation == "正向指标：实际278例 ÷ 目标270例 ≥ 1，得满分15"
    assert score_of(national, "38万元", "19.62万元", where=("产出指标", "成本指标")).explanation == (
        "反向指标：实际19.62万元 ≤ 目标38万元，得满分10")


@pytest.mark.parametrize(
    ("target", "actual"),
    [("≥上年值", "120"), ("≥98%", ""), ("≥98%", "abc@#"), ("", "98%"), ("abc@#", "98%"), ("38万元", "19.62元"),
     ("≥98%", "达标"), ("较高", "一般"), ("≥98%", "≥90%"), ("2023年12月", "98%")],
)
def test_unscorable_values_give_no_score(national, target, actual):
    result = score_of(national, target, actual)
    assert (result.score, result.kind, result.needs_reason) == (None, ScoreKind.UNSCORED, False)


def test_threshold_actual_scored_where_the_bound_decides(national):
    assert score_of(national, "≥98%", "≥98%").score == D(10)
    assert score_of(national, "≤1%", "≤1%").score == D(10)
    assert score_of(national, "≤1%", "≤2%").score is None


def test_capping_is_a_profile_setting(national):
    assert score_of(national, "≥20", "31.9").score == D(10)
    loose = dataclasses.replace(national, cap_scores=False)
    assert score_of(loose, "≥20", "31.9", "20").score == D("31.90")


# ---------------------------------------------------------------- qualitative grades


@pytest.mark.parametrize(
    ("profile_id", "grade", "figure", "score"),
    [
        ("national-2020", "A", "", "10.00"),
        ("national-2020", "A", "8", "8.00"),  # 80% belongs to the top band
        ("national-2020", "A", "7.99", None),
        ("national-2020", "B", "6", "6.00"),  # 60% belongs to the middle band
        ("national-2020", "B", "8", None),  # 80% is not in [60%, 80%)
        ("national-2020", "B", "", None),
        ("national-2020", "C", "0", "0.00"),
        ("national-2020", "C", "6", None),
        ("national-2020", "C", "x", None),
        ("national-2020", "Z", "", None),
        ("hubei", "B", "5", "5.00"),
        ("hubei", "B", "4.99", None),
        ("hubei", "C", "4.99", "4.99"),
    ],
)
def test_quality_bands(library, profile_id, grade, figure, score):
    result = score_of(library.get(profile_id), "较高", "一般", quality_grade=grade, quality_score=figure)
    assert result.score == (None if score is None else D(score))
    assert result.kind is (ScoreKind.QUALITATIVE if score is not None else ScoreKind.UNSCORED)


def test_met_word_implies_top_grade(national):
    assert "达成年度指标" in score_of(national, "达标", "完成").explanation


# ---------------------------------------------------------------- over-achievement


def test_over_achievement_flag_at_threshold(national):
    assert not score_of(national, "≥100", "129").over_achieved
    flagged = score_of(national, "≥100", "130")
    assert flagged.over_achieved and flagged.needs_reason and flagged.score == D(10)


@pytest.mark.parametrize(
    ("rule", "actual", "score"),
    [(OverAchievement(D(30), "fixed", D(2), D(0)), "130", "8.00"),
     (OverAchievement(D(30), "per_percent", D(0), D(5)), "140", "5.00"),
     (OverAchievement(D(30), "per_percent", D(0), D(5)), "200", "0.00")],
)
def test_over_achievement_deductions(national, rule, actual, score):
    profile = dataclasses.replace(national, over_achievement=rule)
    assert score_of(profile, "≥100", actual).score == D(score)


# ---------------------------------------------------------------- manual scores


def test_manual_score_overrides_and_says_so(national):
    result = score_of(national, "≥100", "100", manual_score="7", manual_reason="质量一般")
    assert (result.score, result.kind, result.needs_reason) == (D(7), ScoreKind.MANUAL, True)
    assert "规则得分10" in result.explanation and "质量一般" in result.explanation


@pytest.mark.parametrize("manual", ["11", "-1", "七"])
def test_manual_score_outside_weight_is_not_used(national, manual):
    result = score_of(national, "≥100", "100", manual_score=manual, manual_reason="x")
    assert (result.score, result.kind) == (None, ScoreKind.MANUAL)


def test_relative_target_scored_by_hand(national):
    assert score_of(national, "≥上年值", "120", manual_score="9", manual_reason="高于上年").score == D(9)


# ---------------------------------------------------------------- groups


def test_group_weight_shared_equally_and_blank_rows_ignored(national):
    doc = new_document(national, "2023")
    path = put(doc, "产出指标", "数量指标",
               Indicator(name="1.a", target="≥100", actual="100"),
               Indicator(name="指标2："),
               Indicator(name="2.b", target="≥100", actual="50"),
               Indicator(name="3.c", target="达标", actual="达标"), weight="10")
    ev = evaluate(doc, national)
    members = [m for i in range(4) if (m := ev.indicator((*path, i))) is not None]
    assert [m.counted for m in members] == [False] * 4
    assert members[1].kind is ScoreKind.UNSCORED and members[1].weight is None
    assert members[0].weight == D(10) / 3
    assert members[2].kind is ScoreKind.POSITIVE
    group = ev.group(path)
    assert group is not None and group.score == D("8.33") and group.needs_reason
    assert ev.level1_weights["产出指标"] == D(10)


def test_group_with_unscorable_member_and_manual_override(national):
    doc = new_document(national, "2023")
    path = put(doc, "产出指标", "数量指标", Indicator(name="1.a", target="≥上年值", actual="120"), weight="15")
    unscored = evaluate(doc, national).group(path)
    assert unscored is not None and unscored.score is None
    doc.group_at(*path).manual_score, doc.group_at(*path).manual_reason = "12", "比上年增长"
    group = evaluate(doc, national).group(path)
    assert group is not None and (group.score, group.manual) == (D(12), True)


# ---------------------------------------------------------------- funds


def funds_of(profile, budget="38", executed="19.62", **fields):
    doc = new_document(profile, "2023")
    doc.funds.total.budget, doc.funds.total.executed = budget, executed
    for name, value in fields.items():
        setattr(doc.funds, name, value)
    return evaluate(doc, profile).funds


def test_execution_rate(national):
    funds = funds_of(national)
    assert funds.rate.quantize(D("0.0001")) == D("0.5163") and funds.score == D("5.16")
    assert funds.explanation == "预算执行率 = 全年执行数19.62 ÷ 全年预算数38 = 51.63%，得分 = 10 × 51.63% = 5.16"


@pytest.mark.parametrize(("budget", "executed"), [("0", "5"), ("", "5"), ("abc", "5"), ("38", ""), ("-38", "5")])
def test_execution_rate_unusable(national, budget, executed):
    funds = funds_of(national, budget, executed)
    assert (funds.rate, funds.score) == (None, None)


def test_funds_capping_rounding_and_manual(national):
    assert funds_of(national, "100", "105").score == D(10)
    uncapped = dataclasses.replace(national, funds=dataclasses.replace(national.funds, cap=False))
    assert funds_of(uncapped, "100", "105").score == D("10.50")
    down = dataclasses.replace(national, funds=dataclasses.replace(national.funds, rounding=Rounding(0, "down")))
    assert funds_of(down).score == D(5)
    manual = funds_of(national, manual_score="9", manual_reason="疫情影响")
    assert (manual.score, manual.manual) == (D(9), True) and "规则得分5.16" in manual.explanation


def test_funds_not_scored_shows_rate_only(national):
    shown = dataclasses.replace(national, funds=dataclasses.replace(national.funds, scored=False))
    funds = funds_of(shown)
    assert funds.rate is not None and (funds.score, funds.counted, funds.scored) == (None, False, False)


# ---------------------------------------------------------------- profiles and totals


def test_national_counts_funds(national):
    ev = evaluate(complete(national, "38", "19.62"), national)
    assert ev.weights_total == D(100) and ev.total == D("95.16")
    assert ev.level1_weights == {"产出指标": D(50), "效益指标": D(30), "满意度指标": D(10)}


def test_county_shows_funds_outside_the_100(county):
    ev = evaluate(complete(county, "38", "19.62"), county)
    assert ev.funds.score == D("5.16") and not ev.funds.counted
    assert ev.weights_total == D(100) and ev.total == D(100)
    assert ev.level1_weights == {"产出指标": D(50), "效益指标": D(40), "满意度指标": D(10)}


def test_hubei_funds_weigh_twenty(library):
    hubei = library.get("hubei")
    ev = evaluate(complete(hubei, "100", "50"), hubei)
    assert (ev.funds.weight, ev.funds.score, ev.weights_total, ev.total) == (D(20), D(10), D(100), D(90))


def test_sichuan_funds_ten_and_ninety_over_output_and_benefit(library):
    sichuan = library.get("sichuan")
    doc = complete(sichuan, "80", "72")
    i1, i2 = put(doc, "效益指标", "服务对象满意度指标",
                 Indicator(name="1.群众满意度", target="≥90%", actual="81%", weight="10", reason="办理时限偏长"))
    doc.level1[0].groups[0].indicators[0].weight = "80"
    ev = evaluate(doc, sichuan)
    assert (ev.funds.rate, ev.funds.score) == (D("0.9"), D(9))
    assert ev.funds.explanation.startswith("预算执行率 = 全年执行数72 ÷ 调整后预算数80 = 90%")
    satisfaction = ev.indicator((i1, i2, 0))
    assert satisfaction is not None and satisfaction.score == D(9)  # 10 × 81 ÷ 90, inside 效益
    assert ev.level1_weights == {"产出指标": D(80), "效益指标": D(10)}
    assert (ev.weights_total, ev.total) == (D(100), D(98))
    assert analyse(doc, sichuan).problems == []  # 90 on 产出+效益 in any proportion: no split warning


def test_baoshan_funds_weigh_twenty_and_indicators_eighty(library):
    baoshan = library.get("yunnan-baoshan")
    ev = evaluate(complete(baoshan, "120", "90"), baoshan)
    assert (ev.funds.weight, ev.funds.score) == (D(20), D(15))  # 20 × 75%
    assert (ev.weights_total, ev.total, ev.grade) == (D(100), D(95), "优")


def test_total_capped_by_execution_rate(national):
    capped = dataclasses.replace(national, total_caps=(TotalCap(D(70), D(80), D(89)),))
    ev = evaluate(complete(capped, "100", "75"), capped)
    assert (ev.total_uncapped, ev.total, ev.grade) == (D("97.50"), D(89), "良")
    assert "总分最高89" in ev.total_explanation
    assert evaluate(complete(capped, "100", "80"), capped).total == D(98)


@pytest.mark.parametrize(
    ("total", "grade"),
    [("100", "优"), ("90", "优"), ("89.99", "良"), ("89.5", "良"), ("80", "良"), ("79.99", "中"), ("60", "中"),
     ("59.99", "差"), ("0", "差")],
)
def test_grades_at_band_edges(county, total, grade):
    doc, _ = single(county, "≥100", "100", "100", manual_score=total, manual_reason="评审意见")
    ev = evaluate(doc, county)
    assert (ev.total, ev.grade) == (D(total), grade)


# ---------------------------------------------------------------- properties

amounts = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)
weights = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False)
#: Hypothesis runs many inputs per test, so the profile is loaded once here rather than by a fixture.
NATIONAL = TemplateLibrary().get("national-2020")


@settings(max_examples=150, deadline=None)
@given(target=st.decimals(min_value=D("0.01"), max_value=10_000, places=2), actual=amounts, weight=weights,
       op=st.sampled_from(["≥", "≤", "=", ""]))
def test_capped_score_stays_within_weight(target, actual, weight, op):
    result = score_of(NATIONAL, f"{op}{target}", str(actual), str(weight))
    assert result.score is not None and D(0) <= result.score <= weight


@settings(max_examples=150, deadline=None)
@given(target=st.decimals(min_value=D("0.01"), max_value=10_000, places=2), low=amounts, step=amounts)
def test_positive_score_never_falls_as_actual_grows(target, low, step):
    first = score_of(NATIONAL, f"≥{target}", str(low)).score
    second = score_of(NATIONAL, f"≥{target}", str(low + step)).score
    assert second >= first


# ---------------------------------------------------------------- the worked example (seeds/000_*)

SEED_000 = {
    ("产出指标", "数量指标"): ("15", [("164人", "164人"), ("202人", "202人"), ("1351人", "1351人")]),
    ("产出指标", "质量指标"): ("15", [("270例", "278例"), ("达标", "达标"), ("达标", "达标")]),
    ("产出指标", "时效指标"): ("10", [("完成", "完成"), ("100%", "100%")]),
    ("产出指标", "成本指标"): ("10", [("38万元", "19.62万元"), ("100%", "100%")]),
    ("效益指标", "经济效益指标"): ("10", [("≤1%", "≤1%"), ("≤0.2%", "≤0.2%")]),
    ("效益指标", "社会效益指标"): ("10", [("达标", "达标"), ("达标", "达标")]),
    ("效益指标", "生态效益指标"): ("10", [("较高", "较高"), ("100%", "100%")]),
    ("效益指标", "可持续影响指标"): ("10", [("97%", "98%"), ("提升", "提升")]),
    ("满意度指标", "服务对象满意度指标"): ("10", [("≥98%", "≥98%"), ("≥95%", "≥96%")]),
}


def test_seed_000_worked_example(county):
    """The county's table: every target met, execution rate 51.63% shown but outside the 100."""
    doc = new_document(county, "2022")
    doc.funds.total.budget, doc.funds.total.executed = "38", "19.62"
    for (level1, group), (weight, rows) in SEED_000.items():
        put(doc, level1, group, *(Indicator(name=f"{i + 1}.", target=t, actual=a) for i, (t, a) in enumerate(rows)),
            weight=weight)
    ev = evaluate(doc, county)
    assert (ev.funds.score, ev.funds.counted) == (D("5.16"), False)
    assert (ev.weights_total, ev.total, ev.grade) == (D(100), D(100), "优")
    assert all(g.score == g.weight for g in ev.groups)


# ---------------------------------------------------------------- review: bounds written as actuals


@pytest.mark.parametrize(
    ("target", "actual", "score"),
    [
        ("=0", "≤0", "10.00"),  # the bound settles it: nothing happened
        ("无安全事故发生", "≤0起", "10.00"),
        ("≥0", "≥5", "10.00"),
        ("=0", "≥0", None),  # 0 or more: maybe some
        ("0人", ">0人", None),  # some happened, but how many is not a result
        ("无安全事故发生", "≤1起", None),
        ("≤0%", "≤0.5%", None),
        ("2023年12月", "2023年11月前", "10.00"),
        ("2023年10月", "2023年12月前", None),  # maybe in time, maybe not
    ],
)
def test_bound_actual_on_zero_and_deadline_targets(national, target, actual, score):
    result = score_of(national, target, actual)
    assert result.score == (None if score is None else D(score))
    assert "界限" in result.explanation


@pytest.mark.parametrize(
    ("target", "actual", "score"),
    [("≥1912.01", "0", "0.00"), ("≥2023.5", "2000", "9.88"), ("≥100", "≥2023.5", "10.00"),
     ("2023.12", "2023.10", "10.00")],
)
def test_dotted_date_like_numbers_against_numbers(national, target, actual, score):
    """`≥1912.01` beside a plain number is the number, not the date 1912年1月."""
    assert score_of(national, target, actual).score == D(score)


def test_dotted_date_target_with_a_percent_actual_stays_a_deadline(national):
    assert score_of(national, "2023.12", "100%").score is None


@pytest.mark.parametrize(
    ("target", "actual", "weight"),
    [("≥98%", "90%", "999999999999999"), ("≥0.000001%", "999999999999999%", "10"),
     ("80%-90%", "999999999999999%", "999999999999999"), ("≥1:0.000001", "1:999999999999999", "10"),
     ("≥98%", "90%", "9" * 27), ("≥98%", "9" * 27 + "%", "10")],
)
def test_extreme_numbers_never_crash(national, target, actual, weight):
    """The largest numbers the parser accepts still score and format; larger ones are refused with a reason."""
    doc, path = single(national, target, actual, weight)
    result = analyse(doc, national).indicator(path)
    assert result is not None and result.explanation


def test_month_only_actual_against_a_day_deadline_in_that_month_is_not_judged(national):
    """`2023年12月` may be before or after `2023年12月15日`: ask for the day instead of giving 0."""
    result = score_of(national, "2023年12月15日", "2023年12月")
    assert (result.score, result.kind) == (None, ScoreKind.UNSCORED)
    assert score_of(national, "2023年12月15日", "2023年11月").score == D(10)
    assert score_of(national, "2023年12月15日", "2024年1月").score == D(0)
