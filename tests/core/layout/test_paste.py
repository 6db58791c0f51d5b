"""The paste planner reads a block by position and by content (no Qt)."""

from __future__ import annotations

from perfdesk.core.layout.paste import parse_tsv, plan_indicator_paste
from perfdesk.core.model.factory import new_document


def test_level1_with_its_share_and_group_columns_are_labels(national):
    doc = new_document(national)
    block = parse_tsv("产出指标(50分)\t数量指标\t甲\t≥1人\t1人\t10\t10\t无\n")
    plan = plan_indicator_paste(doc, (0, 0, 0), "name", block)
    written = {(loc.field, value) for loc, value in plan.changes}
    assert written == {("name", "甲"), ("target", "≥1人"), ("actual", "1人"), ("weight", "10"),
                       ("published_score", "10"), ("reason", "无")}
    assert not plan.unplaced


def test_an_unknown_group_name_is_reported_and_the_row_stays_in_the_current_group(national):
    doc = new_document(national)
    plan = plan_indicator_paste(doc, (0, 0, 0), "name", parse_tsv("不存在的指标\t甲\t≥1\n"))
    assert "不存在的指标" in plan.unplaced
    assert {loc.path for loc, _ in plan.changes} == {(0, 0, 0)}


def test_a_block_longer_than_the_group_asks_the_group_to_grow(national):
    doc = new_document(national)
    plan = plan_indicator_paste(doc, (0, 0, 0), "target", parse_tsv("≥1\n≥2\n≥3\n"))
    assert plan.grow == {(0, 0): 2}
    assert [loc.path for loc, _ in plan.changes] == [(0, 0, 0), (0, 0, 1), (0, 0, 2)]


def test_a_weighted_group_takes_the_pasted_weight_and_score_on_the_group(national):
    doc = new_document(national)
    doc.group_at(0, 0).weight = "20"
    plan = plan_indicator_paste(doc, (0, 0, 0), "name", parse_tsv("甲\t≥1\t1\t20\t19\t\n"))
    fields = {(loc.section, loc.field): value for loc, value in plan.changes}
    assert fields[("group", "weight")] == "20" and fields[("group", "published_score")] == "19"


def test_a_paste_stops_at_the_most_indicators_a_file_may_hold(national):
    """A table that saves must reopen: rows beyond MAX_INDICATORS are refused and counted."""
    from perfdesk.core.model.document import MAX_INDICATORS, Indicator

    doc = new_document(national)
    group = doc.group_at(0, 0)
    elsewhere = doc.indicator_count() - len(group.indicators)
    group.indicators = [Indicator(name=f"{i}") for i in range(MAX_INDICATORS - elsewhere - 1)]
    assert doc.room_for_indicators() == 1
    end = len(group.indicators) - 1
    plan = plan_indicator_paste(doc, (0, 0, end), "target", parse_tsv("≥1\n≥2\n≥3\n≥4\n"))
    assert plan.grow == {(0, 0): 1}
    assert [loc.path for loc, _ in plan.changes] == [(0, 0, end), (0, 0, end + 1)]
    assert "其余 2 行未粘贴" in plan.summary() and "已粘贴 2 行" in plan.summary()
