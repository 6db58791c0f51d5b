"""DocumentSession: every change is one undo step and recomputes scores and layout."""

from __future__ import annotations

from decimal import Decimal

from perfdesk.core.model.results import Location

ACTUAL = Location("indicator", (0, 0, 0), "actual")


def test_full_document_scores_100(session):
    assert session.evaluation.total == Decimal(100)
    assert session.undo_stack.isClean()


def test_set_text_recomputes_and_undoes(session, qtbot):
    with qtbot.waitSignal(session.changed):
        assert session.set_text(ACTUAL, "５０人")
    assert session.doc.indicator_at(0, 0, 0).actual == "50人"
    assert session.evaluation.indicator((0, 0, 0)).score == Decimal(10)
    assert session.evaluation.total == Decimal(90)
    assert not session.undo_stack.isClean()
    session.undo_stack.undo()
    assert session.doc.indicator_at(0, 0, 0).actual == "100人"
    assert session.evaluation.total == Decimal(100)
    assert session.undo_stack.isClean()
    session.undo_stack.redo()
    assert session.evaluation.total == Decimal(90)


def test_unchanged_text_pushes_no_command(session, qtbot):
    with qtbot.assertNotEmitted(session.changed):
        assert not session.set_text(ACTUAL, " 100人\u3000")
    assert session.undo_stack.count() == 0


def test_set_many_is_one_step(session):
    session.set_many([(ACTUAL, "1人"), (Location("project", (), "name"), "新名")], "粘贴")
    assert session.undo_stack.count() == 1 and session.undo_stack.undoText() == "粘贴"
    session.undo_stack.undo()
    assert session.doc.project.name == "社区矫正经费"


def test_manual_score_and_clear(session):
    session.set_manual_score((0, 0, 0), "15", "质量未全部达标")
    result = session.evaluation.indicator((0, 0, 0))
    assert result.kind.value == "manual" and result.score == Decimal(15)
    assert any("质量未全部达标" in c.text for c in session.layout.cells)
    session.set_manual_score((0, 0, 0), "", "")
    assert session.evaluation.indicator((0, 0, 0)).kind.value != "manual"
    session.set_manual_score("funds", "8", "执行偏慢")
    assert session.evaluation.funds.manual and session.evaluation.funds.score == Decimal(8)


def test_rows_insert_move_remove_are_undoable(session):
    names = lambda: [i.name for i in session.doc.group_at(0, 0).indicators]  # noqa: E731
    session.insert_indicator(0, 0, 1)
    session.set_text(Location("indicator", (0, 0, 1), "name"), "新增")
    assert names() == ["数量指标1", "新增"]
    assert session.move_indicator((0, 0, 1), -1) == (0, 0, 0)
    assert names() == ["新增", "数量指标1"]
    session.remove_indicator((0, 0, 0))
    assert names() == ["数量指标1"]
    for _ in range(4):
        session.undo_stack.undo()
    assert names() == ["数量指标1"] and session.undo_stack.isClean()
    rows = session.layout.indicator_rows
    assert rows[1] - rows[0] == 9


def test_group_weight_toggle(session):
    session.toggle_group_weight(0, 0)
    assert session.doc.group_at(0, 0).weight == "20"
    assert session.layout.bound("group", (0, 0), "weight") is not None
    session.undo_stack.undo()
    assert session.doc.group_at(0, 0).weight == "" and session.doc.indicator_at(0, 0, 0).weight == "20"
    session.undo_stack.redo()
    assert session.doc.group_at(0, 0).weight == "20"


def test_quality_sets_grade_and_points(session):
    path = (1, 1, 0)
    session.set_text(Location("indicator", path, "target"), "达标")
    session.set_quality(path, "B", "7", actual="基本达标")
    ind = session.doc.indicator_at(*path)
    assert (ind.actual, ind.quality_grade, ind.quality_score) == ("基本达标", "B", "7")
    assert session.evaluation.indicator(path).score == Decimal(7)
    session.undo_stack.undo()
    assert (ind.actual, ind.quality_grade) == ("100人", "")


def test_value_edits_refresh_the_layout_and_row_changes_rebuild_it(session):
    layout = session.layout
    session.set_text(ACTUAL, "50人")
    assert session.layout is layout
    change = session.last_change
    assert not change.rebuilt and session.layout.bound("indicator", (0, 0, 0), "actual") in change.cells
    session.insert_indicator(0, 0, 1)
    assert session.layout is not layout and session.last_change.rebuilt and not session.last_change.cells
