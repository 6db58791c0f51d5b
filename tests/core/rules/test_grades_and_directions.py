"""Qualitative grades are asked for and printed; every row says how it is scored (its direction)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from perfdesk.core.layout.refresh import refresh_layout
from perfdesk.core.layout.table import build_layout
from perfdesk.core.model import edits
from perfdesk.core.model.results import Location, ScoreKind, Severity, direction_label
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.scoring import evaluate
from tests.core.scoring_docs import single


def result_of(profile, target, actual, weight="10", **kw):
    doc, path = single(profile, target, actual, weight, **kw)
    return evaluate(doc, profile).indicator(path)


def score_cell(profile, target, actual, **kw):
    doc, path = single(profile, target, actual, **kw)
    layout = build_layout(doc, profile, analyse(doc, profile))
    return layout.keyed("indicator.score", path)


# ---------------------------------------------------------------- grades


@pytest.mark.parametrize("actual", ["达标", "完成"])
def test_equal_or_met_words_ask_for_the_grade(national, actual):
    """达标/达标 got full marks silently; now the score is provisional and the grade is asked for."""
    doc, path = single(national, "达标", actual)
    ev = analyse(doc, national)
    assert ev.indicator(path).score == D(10) and ev.indicator(path).grade == ""
    asked = [p for p in ev.problems if p.code == "QUALITY_GRADE_UNCONFIRMED"]
    assert len(asked) == 1 and asked[0].severity is Severity.WARNING
    assert asked[0].location.field == "quality_grade" and "选择完成档次" in asked[0].message
    doc.indicator_at(*path).quality_grade = "A"
    assert not any(p.code == "QUALITY_GRADE_UNCONFIRMED" for p in analyse(doc, national).problems)


def test_a_manual_score_settles_the_grade_question(national):
    doc, path = single(national, "达标", "达标", manual_score="9", manual_reason="评审意见")
    assert not any(p.code == "QUALITY_GRADE_UNCONFIRMED" for p in analyse(doc, national).problems)


def actual_cell(profile, target, actual, **kw):
    doc, path = single(profile, target, actual, **kw)
    layout = build_layout(doc, profile, analyse(doc, profile))
    return layout.bound("indicator", path, "actual")


@pytest.mark.parametrize(
    ("grade", "figure", "text"),
    [("A", "", "一般（达成）"), ("B", "7", "一般（部分达成）"), ("C", "3", "一般（未达成）")],
)
def test_the_chosen_grade_is_printed_beside_the_actual(national, grade, figure, text):
    """Grid, Excel and PDF all draw this layout: the grade is seen where the clerk chose it."""
    assert actual_cell(national, "效果显著", "一般", quality_grade=grade, quality_score=figure).text == text
    assert score_cell(national, "效果显著", "一般", quality_grade=grade, quality_score=figure).text == (figure or "10")


def test_the_grade_shows_under_a_group_weight_too(national):
    doc, path = single(national, "效果显著", "一般", weight="", quality_grade="B", quality_score="7")
    doc.group_at(*path[:2]).weight = "10"
    layout = build_layout(doc, national, analyse(doc, national))
    assert layout.bound("indicator", path, "actual").text == "一般（部分达成）"
    assert layout.keyed("group.score", path[:2]).text == "7"


def test_no_grade_shown_when_none_was_chosen_or_the_target_is_a_number(national):
    assert actual_cell(national, "达标", "达标").text == "达标"
    assert actual_cell(national, "≥98%", "99%", quality_grade="B", quality_score="7").text == "99%"
    manual = dict(quality_grade="B", quality_score="7", manual_score="6", manual_reason="评审意见")
    assert actual_cell(national, "效果显著", "一般", **manual).text == "一般"  # the person's score, not the grade


@pytest.mark.parametrize(
    ("profile_id", "weight", "defaults"),
    [
        ("national-2020", "10", ("10", "7", "3")),
        ("national-2020", "5", ("5", "3.5", "1.5")),  # 部分达成 used to propose 3.99
        ("national-2020", "1", ("1", "0.7", "0.3")),
        ("hubei", "10", ("10", "6.5", "2.5")),
    ],
)
def test_default_points_sit_inside_each_band(library, profile_id, weight, defaults):
    profile = library.get(profile_id)
    w = D(weight)
    got = tuple(g.default_points(w) for g in profile.quality_grades)
    assert got == tuple(D(x) for x in defaults)
    for grade, points in zip(profile.quality_grades, got, strict=True):
        result = result_of(profile, "效果显著", "一般", weight, quality_grade=grade.key, quality_score=str(points))
        assert result.score == points  # the scoring rules accept what the editor proposes


# ---------------------------------------------------------------- directions


@pytest.mark.parametrize(
    ("target", "actual", "kind"),
    [
        ("≥100人", "90人", ScoreKind.POSITIVE),
        ("270例", "278例", ScoreKind.POSITIVE),
        ("≤8万元", "10万元", ScoreKind.NEGATIVE),
        ("=100%", "90%", ScoreKind.EXACT),
        ("无安全事故发生", "0起", ScoreKind.ZERO),
        ("0人", "2人", ScoreKind.ZERO),
        ("1:10至1:15", "1:12", ScoreKind.RANGE),
        ("2023年12月", "2023年10月", ScoreKind.DEADLINE),
        ("达标", "达标", ScoreKind.QUALITATIVE),
    ],
)
def test_direction_is_known_before_the_actual_and_matches_the_rule(national, target, actual, kind):
    assert result_of(national, target, "").direction is kind
    scored = result_of(national, target, actual)
    assert scored.kind is kind and scored.direction is kind


def test_bare_number_in_a_cost_group_is_shown_as_a_ceiling(national):
    result = result_of(national, "38万元", "", where=("产出指标", "成本指标"))
    assert direction_label(result.direction) == "评分方式：反向（实际值越低越好，不超过目标值得满分）"
    assert direction_label(result_of(national, "≥上年值", "").direction) == ""  # relative: no rule


def test_score_tooltip_starts_with_how_the_row_is_scored(national):
    cell = score_cell(national, "≤5%", "4%")
    first, rest = cell.tooltip.split("\n", 1)
    assert first.startswith("评分方式：反向") and rest.startswith("反向指标：")
    manual = score_cell(national, "≥98%", "90%", manual_score="9", manual_reason="评审意见")
    assert manual.tooltip.startswith("评分方式：人工评分（规则为正向")


@pytest.mark.parametrize(("field", "text", "shown"), [
    ("quality_score", "", "一般"),  # a field the grid does not show: the grade lapses
    ("weight", "", "一般"),  # no weight: not scored, so no grade is claimed
    ("target", "≥98%", "一般"),  # no longer qualitative
])
def test_a_refreshed_actual_cell_follows_every_edit_that_changes_the_grade(national, field, text, shown):
    doc, path = single(national, "效果显著", "一般", quality_grade="C", quality_score="3")
    layout = build_layout(doc, national, analyse(doc, national))
    assert layout.bound("indicator", path, "actual").text == "一般（未达成）"
    edits.set_field(doc, Location("indicator", path, field), text)
    ev = analyse(doc, national)
    assert refresh_layout(layout, doc, national, ev, [Location("indicator", path, field)]) is not None
    assert layout.bound("indicator", path, "actual").text == shown
    assert build_layout(doc, national, ev).bound("indicator", path, "actual").text == shown
