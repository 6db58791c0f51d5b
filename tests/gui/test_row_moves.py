"""Moving whole rows to another 二级 as a clerk does: 剪切行 / 粘贴行 and 移动到…, each one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel

from perfdesk.core.layout.table import build_layout
from perfdesk.core.model.document import Indicator
from perfdesk.core.model.results import Location
from perfdesk.gui.session import DocumentSession
from perfdesk.gui.table.move_to_dialog import MoveToDialog
from tests.gui.helpers import filled_document


@pytest.fixture
def session(qtbot, national):
    doc = filled_document(national)
    doc.group_at(0, 0).indicators = [
        Indicator(name="接收人数", target="≥100人", actual="100人", weight="10"),
        Indicator(name="矫正对象满意度", target="≥95%", actual="97%", weight="5"),  # in the wrong 二级
        Indicator(name="走访次数", target="≥12次", actual="12次", weight="5"),
    ]
    return DocumentSession(doc, national)


def go(view, path, field="name"):
    assert view.select_location(Location("indicator", path, field))


def _corner(view, path, field):
    cell = view.table_model.layout.bound("indicator", path, field)
    return cell.row, cell.col


def where(view):
    binding = view.current_cell().binding
    return binding.path, binding.field


def shown(view, path, field):
    """What the grid shows for a field (through the Qt model, as painted)."""
    cell = view.table_model.layout.bound("indicator", path, field)
    return view.table_model.index(cell.row, cell.col).data()


def assert_grid_matches_document(view, session):
    fresh = build_layout(session.doc, session.profile, session.evaluation)
    model = view.table_model
    assert model.rowCount() == fresh.rows
    for cell in fresh.cells:
        assert model.index(cell.row, cell.col).data() == cell.text, (cell.row, cell.col)
        assert (view.rowSpan(cell.row, cell.col), view.columnSpan(cell.row, cell.col)) == (cell.rowspan, cell.colspan)


def test_cut_and_paste_rows_into_another_group_moves_whole_rows_in_one_step(qtbot, view, session):
    satisfaction = session.doc.group_at(2, 0)
    satisfaction.indicators[0].name = "群众满意度"
    go(view, (0, 0, 1), "actual")
    actions = view.table_actions
    assert not actions.paste_rows.isEnabled()
    actions.cut_rows.trigger()
    assert session.undo_stack.count() == 0  # a cut alone changes nothing
    go(view, (2, 0, 0), "target")
    assert actions.paste_rows.isEnabled()
    actions.paste_rows.trigger()
    assert [i.name for i in satisfaction.indicators] == ["矫正对象满意度", "群众满意度"]
    assert [i.name for i in session.doc.group_at(0, 0).indicators] == ["接收人数", "走访次数"]
    assert (shown(view, (2, 0, 0), "target"), shown(view, (2, 0, 0), "actual")) == ("≥95%", "97%")
    assert where(view) == ((2, 0, 0), "target")  # the cursor follows the moved row
    assert_grid_matches_document(view, session)
    assert session.undo_stack.count() == 1 and session.undo_stack.undoText() == "粘贴 1 行指标"
    assert not actions.paste_rows.isEnabled()  # the cut is used up

    session.undo_stack.undo()
    assert [i.name for i in session.doc.group_at(0, 0).indicators] == ["接收人数", "矫正对象满意度", "走访次数"]
    assert_grid_matches_document(view, session)


def test_paste_on_a_group_name_puts_several_rows_at_its_end(qtbot, view, session):
    go(view, (0, 0, 1))
    view.selectionModel().select(view.currentIndex(), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    last = view.table_model.layout.bound("indicator", (0, 0, 2), "target")
    view.selectionModel().select(view.table_model.index(last.row, last.col), QItemSelectionModel.SelectionFlag.Select)
    view.table_actions.cut_rows.trigger()
    group_cell = view.table_model.layout.keyed("group", (1, 0))
    view.setCurrentIndex(view.table_model.index(group_cell.row, group_cell.col))
    view.table_actions.paste_rows.trigger()
    names = [i.name for i in session.doc.group_at(1, 0).indicators]
    assert names[-2:] == ["矫正对象满意度", "走访次数"]
    assert_grid_matches_document(view, session)


def test_an_edit_after_cutting_cancels_the_cut(qtbot, view, session):
    go(view, (0, 0, 1))
    view.table_actions.cut_rows.trigger()
    delegate = view.itemDelegate()
    assert delegate.is_cut(view.table_model.index(*_corner(view, (0, 0, 1), "target")))  # framed, as in Excel
    assert not delegate.is_cut(view.table_model.index(*_corner(view, (0, 0, 0), "target")))
    session.set_text(Location("indicator", (0, 0, 0), "actual"), "99人")
    assert not delegate.is_cut(view.table_model.index(*_corner(view, (0, 0, 1), "target")))
    go(view, (2, 0, 0))
    assert not view.table_actions.paste_rows.isEnabled()
    view.table_actions.paste_rows.trigger()
    assert session.undo_stack.count() == 1  # only the edit


def test_move_to_another_group_from_the_last_row(qtbot, view, session, monkeypatch):
    asked = []

    def choose(parent, rows, choices, current):
        asked.append((rows, choices[current]))
        return choices.index("满意度指标 › 服务对象满意度指标（1行）")

    monkeypatch.setattr(MoveToDialog, "ask", choose)
    go(view, (0, 0, 2), "target")
    assert view.table_actions.move_to.isEnabled()
    view.table_actions.move_to.trigger()
    assert asked == [(1, "产出指标 › 数量指标（3行）")]
    assert [i.name for i in session.doc.group_at(2, 0).indicators] == ["服务对象满意度指标1", "走访次数"]
    assert where(view) == ((2, 0, 1), "target")
    assert session.undo_stack.undoText() == "移动 1 行指标"
    assert_grid_matches_document(view, session)


def test_move_down_from_a_groups_last_row_goes_into_the_next_group(qtbot, view, session):
    """下移 used to be disabled at the last row of a 二级."""
    go(view, (0, 0, 2), "actual")
    assert view.move_down_action.isEnabled()
    view.move_down_action.trigger()
    assert [i.name for i in session.doc.group_at(0, 1).indicators][0] == "走访次数"
    assert where(view) == ((0, 1, 0), "actual") and session.undo_stack.undoText() == "下移指标"
    view.move_up_action.trigger()  # and back up, to the end of 数量指标
    assert [i.name for i in session.doc.group_at(0, 0).indicators][-1] == "走访次数"
    assert where(view) == ((0, 0, 2), "actual")
    assert_grid_matches_document(view, session)
    last = (2, 0, len(session.doc.group_at(2, 0).indicators) - 1)
    go(view, last)
    assert not view.move_down_action.isEnabled()  # the table's last row goes nowhere further
    go(view, (0, 0, 0))
    assert not view.move_up_action.isEnabled()


def test_move_to_dialog_lists_groups_in_chinese(qtbot):
    dialog = MoveToDialog(2, ["产出指标 › 数量指标（3行）", "效益指标 › 社会效益指标（1行）"], 1)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "移动到" and dialog.list.currentRow() == 1
    assert "2 行" in dialog.findChild(QLabel).text()


def test_row_moves_are_in_the_context_menu_and_have_shortcuts(qtbot, view):
    actions = view.table_actions
    assert [a.text() for a in actions.row_moves()] == ["剪切行", "粘贴行", "移动到…"]
    assert all(not a.shortcut().isEmpty() for a in actions.row_moves())
    assert set(actions.row_moves()) <= set(view.actions())


def test_clerk_moves_a_row_with_the_keyboard_in_the_window(window, qtbot):  # noqa: F811 (fixture)
    """Ctrl+Shift+X on the misplaced row, go to the right 二级, Ctrl+Shift+V: the status bar says what happened."""
    from tests.gui.user_input import type_into_cell

    view, session = window.view, window.session
    type_into_cell(view, qtbot, Location("indicator", (0, 0, 0), "name"), "群众满意度")
    type_into_cell(view, qtbot, Location("indicator", (0, 0, 0), "target"), "≥95%")
    assert view.select_location(Location("indicator", (0, 0, 0), "name"))
    qtbot.keyClick(view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.statusBar().currentMessage().startswith("已剪切 1 行指标")
    group = view.table_model.layout.keyed("group", (2, 0))
    view.setCurrentIndex(view.table_model.index(group.row, group.col))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    moved = session.doc.group_at(2, 0).indicators
    assert [(i.name, i.target) for i in moved] == [("群众满意度", "≥95%")]  # took the blank row's place
    assert session.doc.group_at(0, 0).indicators[0].is_blank()
    assert window.statusBar().currentMessage() == "已把 1 行指标移到“满意度指标 › 服务对象满意度指标”"
    assert_grid_matches_document(view, session)
