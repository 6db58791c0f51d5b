"""Document mutations used by the grid's undo commands, tested without Qt."""

from __future__ import annotations

import pytest

from perfdesk.core.model import edits
from perfdesk.core.model.document import Indicator
from perfdesk.core.model.factory import new_document
from perfdesk.core.model.results import Location


@pytest.fixture
def doc(national):
    return new_document(national, year="2023")


@pytest.mark.parametrize(
    ("typed", "field", "stored"),
    [
        ("＞＝９８％", "target", "≥98%"),
        (">= 4 个", "target", "≥4个"),
        ("<=0.2%", "actual", "≤0.2%"),
        ("＝100%", "target", "=100%"),
        ("==100%", "target", "=100%"),
        ("≧100%", "target", "≥100%"),
        ("═100%", "target", "=100%"),
        ("\u3000１０\u3000", "weight", "10"),
        ("  社区矫正，　 ", "name", "社区矫正，"),
        ("第一行 \r\n  第二行", "reason", "第一行\n第二行"),
        ("指标1：接收 对象", "name", "指标1：接收 对象"),
    ],
)
def test_normalise_text(typed, field, stored):
    assert edits.normalise_text(typed, field) == stored


def test_set_field_returns_old_text_per_section(doc):
    cases = [
        Location("project", (), "name"),
        Location("funds", (0,), "executed"),
        Location("funds", (), "weight"),
        Location("goals", (), "expected"),
        Location("indicator", (0, 0, 0), "target"),
        Location("indicator", (0, 0, 0), "quality_grade"),
        Location("group", (0, 0), "weight"),
        Location("signature", (), "date"),
    ]
    for loc in cases:
        before = edits.get_field(doc, loc)
        assert edits.set_field(doc, loc, "X1") == before
        assert edits.get_field(doc, loc) == "X1"
    assert doc.funds.rows[0].executed == "X1"
    assert doc.indicator_at(0, 0, 0).quality_grade == "X1"


@pytest.mark.parametrize(
    "loc",
    [
        Location("indicator", (0, 0, 5), "target"),
        Location("indicator", (0, 0, 0), "extra"),
        Location("funds", (0,), "key"),
        Location("nowhere", (), "name"),
        Location("indicator", (0, 0), "target", label="产出指标 › 数量指标"),
    ],
)
def test_set_field_rejects_unknown_places_in_chinese(doc, loc):
    with pytest.raises(edits.EditError, match="表格中没有|无法编辑"):
        edits.set_field(doc, loc, "1")


def test_insert_move_remove_and_restore(doc):
    group = doc.group_at(0, 0)
    group.indicators[0].name = "A"
    path = edits.insert_indicator(doc, 0, 0, 1, Indicator(name="B"))
    assert path == (0, 0, 1)
    edits.insert_indicator(doc, 0, 0, 99, Indicator(name="C"))
    assert [i.name for i in group.indicators] == ["A", "B", "C"]

    assert edits.move_indicator(doc, (0, 0, 2), -1) == (0, 0, 1)
    assert [i.name for i in group.indicators] == ["A", "C", "B"]
    assert edits.move_indicator(doc, (0, 0, 0), -1) == (0, 0, 0)

    removed = edits.remove_indicator(doc, (0, 0, 1))
    assert (removed.indicator.name, removed.cleared) == ("C", False)
    assert [i.name for i in group.indicators] == ["A", "B"]
    edits.restore_indicator(doc, removed)
    assert [i.name for i in group.indicators] == ["A", "C", "B"]


def test_removing_the_only_row_leaves_a_blank_row(doc):
    group = doc.group_at(1, 1)
    group.indicators[0].name = "受益人数"
    removed = edits.remove_indicator(doc, (1, 1, 0))
    assert removed.cleared and len(group.indicators) == 1 and group.indicators[0].is_blank()
    edits.restore_indicator(doc, removed)
    assert group.indicators[0].name == "受益人数"


def test_remove_missing_row_is_a_chinese_error(doc):
    with pytest.raises(edits.EditError, match="没有这一行"):
        edits.remove_indicator(doc, (0, 0, 3))
    with pytest.raises(edits.EditError, match="二级指标"):
        edits.move_indicator(doc, (0, 9, 0), 1)


def test_group_weight_toggle_and_back(doc):
    group = doc.group_at(0, 0)
    group.indicators = [Indicator(name=n, weight=w) for n, w in (("a", "5"), ("b", "5"), ("c", "5"))]
    before = edits.toggle_group_weight(doc, 0, 0)
    assert group.weight == "15" and all(i.weight == "" for i in group.indicators)
    edits.toggle_group_weight(doc, 0, 0)
    assert group.weight == "" and [i.weight for i in group.indicators] == ["5", "5", "5"]
    edits.toggle_group_weight(doc, 0, 0)
    edits.restore_group_weights(doc, 0, 0, before)
    assert group.weight == "" and [i.weight for i in group.indicators] == ["5", "5", "5"]


def test_group_weight_spread_keeps_the_sum(doc):
    group = doc.group_at(0, 0)
    group.indicators = [Indicator(name=n) for n in "abc"]
    group.weight = "10"
    edits.toggle_group_weight(doc, 0, 0)
    assert [i.weight for i in group.indicators] == ["3.33", "3.33", "3.34"]


def test_manual_score_locations():
    assert edits.manual_score_locations("funds")[0] == Location("funds", (), "manual_score")
    assert edits.manual_score_locations((0, 1))[1] == Location("group", (0, 1), "manual_reason")
    assert edits.manual_score_locations((0, 1, 2))[0].section == "indicator"
    with pytest.raises(edits.EditError):
        edits.manual_score_locations((1,))
