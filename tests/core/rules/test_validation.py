"""Every problem code is triggered by a case, points at a real cell, and clean tables have none."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest

from perfdesk.core.layout.table import build_layout
from perfdesk.core.model.document import Indicator
from perfdesk.core.model.results import Severity
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import Rounding, TotalCap
from perfdesk.core.rules.scoring import evaluate
from perfdesk.core.rules.validation import CODES, check
from tests.core.scoring_docs import complete, put


def first(doc):
    """The 产出指标 indicator of a `complete` table (weight 50 or 40, target ≥100人)."""
    return doc.level1[0].groups[0].indicators[0]


def with_first(**fields):
    def case(national):
        doc = complete(national)
        for name, value in fields.items():
            setattr(first(doc), name, value)
        return doc, national
    return case


def with_funds(row: int = 0, **fields):
    def case(national):
        doc = complete(national)
        for name, value in fields.items():
            setattr(doc.funds.rows[row], name, value)
        return doc, national
    return case


def with_project(**fields):
    def case(national):
        doc = complete(national)
        for name, value in fields.items():
            setattr(doc.project, name, value)
        return doc, national
    return case


def weights_total(national):
    doc = complete(national)
    first(doc).weight = "60"
    return doc, national


def split_deviation(national):
    doc = complete(national)
    first(doc).weight = "40"
    doc.level1[1].groups[0].indicators[0].weight = "40"
    return doc, national


def score_above_weight(national):
    loose = dataclasses.replace(national, cap_scores=False)
    doc = complete(loose)
    first(doc).actual, first(doc).reason = "120人", "超额完成"
    return doc, loose


def weight_missing(national):
    doc = complete(national)
    put(doc, "产出指标", "质量指标", Indicator(name="1.合格率", target="≥98%", actual="99%"))
    return doc, national


def group_case(national, *indicators, weight="10", profile=None):
    profile = profile or national
    doc = complete(profile)
    first(doc).weight = "40"
    put(doc, "产出指标", "质量指标", *indicators, weight=weight)
    return doc, profile


def group_empty(national):
    return group_case(national, Indicator(name="指标1："))


def group_not_allowed(national):
    return group_case(national, Indicator(name="1.合格率", target="≥98%", actual="99%"),
                      profile=dataclasses.replace(national, group_weights=False))


def total_capped(national):
    capped = dataclasses.replace(national, total_caps=(TotalCap(D(70), D(80), D(89)),))
    return complete(capped, "100", "75"), capped


def all_claimed(first_claim: str, total: str):
    """Every counted score claimed as computed, but the first row's claim is `first_claim`."""
    def case(national):
        doc = complete(national)
        ev = analyse(doc, national)
        doc.funds.published_score = str(ev.funds.score)
        for r in ev.indicators:
            if r.counted:
                doc.indicator_at(*r.path).published_score = str(r.score)
        first(doc).published_score, first(doc).reason = first_claim, "部分对象迁出"
        doc.published_total = total
        return doc, national
    return case


def deadline_year_missing(national):
    doc = complete(national)
    doc.project.year = ""
    first(doc).target, first(doc).actual = "11月底前", "2023年10月"
    return doc, national


def direction_unclear(national):
    """The first row moved to 成本指标 as a percentage whose name is not a rate."""
    doc = complete(national)
    moved = dataclasses.replace(first(doc), name="1.成本控制", target="100%", actual="90%", reason="节约")
    doc.level1[0].groups[0].indicators = []
    put(doc, "产出指标", "成本指标", moved)
    return doc, national


def with_funds_claim(claim: str):
    def case(national):
        doc = complete(national)
        doc.funds.published_score = claim
        return doc, national
    return case


CASES = {
    "CLAIM_UNREADABLE": with_first(published_score="优"),
    "CLAIM_DIFFERS": with_first(published_score="30", reason="部分完成"),
    "CLAIM_ABOVE_WEIGHT": with_first(published_score="60"),
    "CLAIM_DEDUCTION_NO_REASON": with_first(published_score="30"),
    "CLAIM_RATE_SCORE": with_funds_claim("8"),
    "CLAIM_TOTAL_NOT_SUM": all_claimed("30", "100"),
    "CLAIM_TOTAL_DIFFERS": all_claimed("30", "95"),
    "WEIGHTS_TOTAL": weights_total,
    "SPLIT_DEVIATION": split_deviation,
    "SCORE_ABOVE_WEIGHT": score_above_weight,
    "REASON_MISSING": with_first(actual="50人"),
    "TARGET_MISSING": with_first(target=""),
    "TARGET_UNREADABLE": with_first(target="abc@#"),
    "ACTUAL_MISSING": with_first(actual=""),
    "ACTUAL_UNREADABLE": with_first(actual="abc@#"),
    "ACTUAL_NOT_COMPARABLE": with_first(actual="达标"),
    "ACTUAL_IS_THRESHOLD": with_first(actual="≥100人"),
    "UNIT_MISMATCH": with_first(actual="100个"),
    "WEIGHT_UNREADABLE": with_first(weight="五十分x"),
    "WEIGHT_MISSING": weight_missing,
    "GROUP_EMPTY": group_empty,
    "GROUP_WEIGHT_NOT_ALLOWED": group_not_allowed,
    "FUNDS_UNREADABLE": with_funds(initial="一百"),
    "FUNDS_BUDGET_MISSING": with_funds(budget="0"),
    "FUNDS_EXECUTED_MISSING": with_funds(executed=""),
    "FUNDS_OVER_BUDGET": with_funds(executed="120"),
    "FUNDS_SUBROWS_SUM": with_funds(1, budget="60"),
    "REQUIRED_FIELD": with_project(name=""),
    "YEAR_INVALID": with_project(year="二〇二三"),
    "MANUAL_REASON_MISSING": with_first(manual_score="40", reason="质量一般"),
    "MANUAL_OUT_OF_RANGE": with_first(manual_score="60", manual_reason="评审意见"),
    "QUALITY_GRADE_MISSING": with_first(target="较高", actual="一般"),
    "QUALITY_GRADE_UNCONFIRMED": with_first(target="达标", actual="达标"),
    "QUALITY_SCORE_MISSING": with_first(target="较高", actual="一般", quality_grade="B"),
    "QUALITY_SCORE_OUT_OF_BAND": with_first(target="较高", actual="一般", quality_grade="B", quality_score="45"),
    "OVER_ACHIEVEMENT": with_first(actual="200人", reason="目标偏低"),
    "RELATIVE_TARGET": with_first(target="≥上年值"),
    "DEADLINE_YEAR_MISSING": deadline_year_missing,
    "DEADLINE_MET_IN_WORDS": with_first(target="11月底前", actual="按时完成"),
    "UNIT_SHORTENED": with_first(target="≥100人次/月", actual="100人次"),
    "ACTUAL_FRACTION": with_first(target="≥90%", actual="0.95"),
    "DIRECTION_UNCLEAR": direction_unclear,
    "TOTAL_CAPPED": total_capped,
}


def codes(doc, profile):
    return [p.code for p in analyse(doc, profile).problems]


def test_complete_table_has_no_problems(shipped_profile):
    assert analyse(complete(shipped_profile), shipped_profile).problems == []


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_a_triggering_case(national, code):
    assert code in CASES, f"no test case triggers {code}"
    doc, profile = CASES[code](national)
    ev = analyse(doc, profile)
    found = [p for p in ev.problems if p.code == code]
    assert found, [p.message for p in ev.problems]
    layout = build_layout(doc, profile, ev)
    for problem in found:
        assert problem.message.startswith(problem.location.label + "：")
        assert layout.locate(problem.location) is not None, problem.location


def test_cases_only_use_listed_codes(national):
    assert set(CASES) <= set(CODES)
    for case in CASES.values():
        assert set(codes(*case(national))) <= set(CODES)


def place(problem):
    return problem.location.section, problem.location.path, problem.location.field


def test_problem_locations_match_document_fields(national):
    doc, profile = CASES["REASON_MISSING"](national)
    (problem,) = analyse(doc, profile).problems
    assert place(problem) == ("indicator", (0, 0, 0), "reason")
    doc, profile = CASES["FUNDS_SUBROWS_SUM"](national)
    (problem,) = analyse(doc, profile).problems
    assert place(problem) == ("funds", (0,), "budget")
    assert problem.severity is Severity.WARNING


def test_threshold_actual_is_a_warning_only_when_it_decides(national):
    for actual, severity in (("≥100人", Severity.WARNING), ("≥90人", Severity.ERROR)):
        doc = complete(national)
        first(doc).actual = actual
        (problem,) = [p for p in analyse(doc, national).problems if p.code == "ACTUAL_IS_THRESHOLD"]
        assert problem.severity is severity


def test_manual_score_settles_a_relative_target(national):
    doc = complete(national)
    first(doc).target, first(doc).manual_score, first(doc).manual_reason = "≥上年值", "50", "高于上年"
    assert codes(doc, national) == []


def test_group_reason_needed_on_one_member(national):
    doc, profile = group_case(national, Indicator(name="1.合格率", target="≥98%", actual="49%"),
                              Indicator(name="2.验收率", target="≥98%", actual="98%"))
    assert codes(doc, profile) == ["REASON_MISSING"]
    doc.level1[0].groups[1].indicators[1].reason = "部分项目延期验收"
    assert codes(doc, profile) == []


@pytest.mark.parametrize("weight", ["-10", "五十分x", "1O"])
def test_negative_or_garbled_weight_is_unreadable(national, weight):
    doc = complete(national)
    first(doc).weight = weight
    assert "WEIGHT_UNREADABLE" in codes(doc, national)


def test_unreadable_group_weight_points_at_group(national):
    doc, profile = group_case(national, Indicator(name="1.合格率", target="≥98%", actual="99%"), weight="十")
    problems = [p for p in analyse(doc, profile).problems if p.code == "WEIGHT_UNREADABLE"]
    assert [place(p) for p in problems] == [("group", (0, 1), "weight")]


def test_county_split_without_funds_and_hubei_combined_split(library):
    county = library.get("county-ziyang")
    doc = complete(county)
    doc.funds.weight = "abc"  # not counted, but still a typed value that cannot be read
    assert codes(doc, county) == ["WEIGHT_UNREADABLE"]
    hubei = library.get("hubei")
    doc = complete(hubei)
    first(doc).weight = "30"
    doc.level1[1].groups[0].indicators[0].weight = "50"
    assert codes(doc, hubei) == ["SPLIT_DEVIATION", "SPLIT_DEVIATION"]


def test_signature_fields_are_warnings_and_project_name_an_error(national):
    doc = complete(national)
    doc.signature.filler = doc.project.name = ""
    severities = {p.location.field: p.severity for p in analyse(doc, national).problems}
    assert severities == {"name": Severity.ERROR, "filler": Severity.WARNING}


@pytest.mark.parametrize(("year", "valid"), [("2022年", True), ("２０２３年度", True), ("23", False), ("3023", False)])
def test_year_forms(national, year, valid):
    doc = complete(national)
    doc.project.year = year
    assert ("YEAR_INVALID" not in codes(doc, national)) is valid


def test_table_without_funds_rows_is_reported_not_crashed(national):
    doc = complete(national)
    doc.funds.rows = []
    found = codes(doc, national)
    assert {"FUNDS_BUDGET_MISSING", "FUNDS_EXECUTED_MISSING"} <= set(found)


def test_check_of_an_older_evaluation_reads_its_own_document(national):
    doc, profile = CASES["UNIT_MISMATCH"](national)
    older = evaluate(doc, profile)
    evaluate(complete(national), national)
    assert [p.code for p in check(doc, profile, older)] == ["UNIT_MISMATCH"]


@pytest.mark.parametrize(
    ("target", "actual", "severity"),
    [("无安全事故发生", "≤0起", Severity.WARNING), ("=0", "≥0", Severity.ERROR),
     ("2023年12月", "2023年11月前", Severity.WARNING), ("2023年10月", "2023年12月前", Severity.ERROR)],
)
def test_bound_actual_of_zero_and_deadline_targets_is_reported_at_the_actual(national, target, actual, severity):
    doc = complete(national)
    first(doc).target, first(doc).actual = target, actual
    evaluation = analyse(doc, national)
    (problem,) = [p for p in evaluation.problems if p.code == "ACTUAL_IS_THRESHOLD"]
    assert problem.severity is severity
    cell = build_layout(doc, national, evaluation).locate(problem.location)
    assert cell is not None and cell.binding is not None
    assert (cell.binding.section, tuple(cell.binding.path), cell.binding.field) == ("indicator", (0, 0, 0), "actual")


def test_messages_quote_only_the_start_of_a_very_long_value(national):
    from perfdesk.core.model.factory import new_document
    from perfdesk.core.rules.analysis import analyse

    doc = new_document(national)
    ind = doc.level1[0].groups[0].indicators[0]
    ind.name, ind.target, ind.actual, ind.weight = "x", "≥90%", "95%", "分" * 50_000
    problem = next(p for p in analyse(doc, national).problems if p.code == "WEIGHT_UNREADABLE")
    assert len(problem.message) < 200 and "…" in problem.message


def test_claims_agree_at_the_precision_they_are_written_in(national):
    doc = complete(national)
    ev = analyse(doc, national)
    weight = first(doc).weight
    first(doc).published_score = weight + ".0"
    doc.published_total = "100"
    ev = analyse(doc, national)
    assert not [p for p in ev.problems if p.code.startswith("CLAIM_")]
    claim = next(c for c in ev.claims if c.location.section == "indicator")
    assert claim.agrees and claim.difference == 0 and claim.location.id == first(doc).id


def test_a_differing_claim_says_by_how_much_and_why(national):
    doc, profile = CASES["CLAIM_DIFFERS"](national)
    problem = next(p for p in analyse(doc, profile).problems if p.code == "CLAIM_DIFFERS")
    assert "原表得分 30，按规则应为" in problem.message and "原表低" in problem.message
    assert "实际" in problem.message or "得分" in problem.message  # the rule's explanation follows


def test_funds_messages_use_the_profile_column_names(library):
    sichuan = library.get("sichuan")
    doc = complete(sichuan, budget="", executed="5")
    messages = [p.message for p in analyse(doc, sichuan).problems if p.code == "FUNDS_BUDGET_MISSING"]
    assert len(messages) == 1 and "调整后预算数为空或为 0" in messages[0]
    over = [p.message for p in analyse(complete(sichuan, "5", "6"), sichuan).problems if p.code == "FUNDS_OVER_BUDGET"]
    assert over and "全年执行数6大于调整后预算数5" in over[0]


@pytest.mark.parametrize("placeholder", ["—", "— —", "/", "无", "-", "－－"])
def test_placeholders_in_amount_cells_mean_empty(national, placeholder):
    """Published tables print `—` or `/` where a funds row has nothing: not an unreadable amount."""
    doc, profile = with_funds(1, initial=placeholder, budget=placeholder, executed=placeholder)(national)
    doc.funds.total.initial = placeholder
    found = codes(doc, profile)
    assert "FUNDS_UNREADABLE" not in found and "FUNDS_SUBROWS_SUM" not in found
    doc.funds.total.budget = placeholder  # the total's own budget left out: said as missing, not unreadable
    found = codes(doc, profile)
    assert "FUNDS_BUDGET_MISSING" in found and "FUNDS_UNREADABLE" not in found


@pytest.mark.parametrize(("mode", "agreeing", "differing"), [("half_up", "50", "49"), ("down", "49", "50")])
def test_claims_are_read_with_the_claimed_rounding_not_the_score_rounding(national, mode, agreeing, differing):
    """A province writing whole points rounded down claims 49 for a computed 49.5 (and 49.00 too)."""
    profile = dataclasses.replace(national, claimed_rounding=Rounding(0, mode))
    doc = complete(profile)
    first(doc).actual, first(doc).reason = "99人", "部分对象迁出"
    for claim, agrees in ((agreeing, True), (agreeing + ".00", True), (differing, False)):
        first(doc).published_score = claim
        ev = analyse(doc, profile)
        found = next(c for c in ev.claims if c.location.section == "indicator")
        assert (found.computed, found.agrees) == (D("49.5"), agrees), claim
        assert ("CLAIM_DIFFERS" in {p.code for p in ev.problems}) is not agrees
