"""整组分值 can be found: a shortcut, a toolbar button, and the missing-weight message names both."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolBar

from tests.gui.helpers import loc
from tests.gui.user_input import type_into_cell


def test_ctrl_g_puts_one_weight_on_the_group_the_message_tells_how(window, qtbot):
    view, session = window.view, window.session
    type_into_cell(view, qtbot, loc("indicator", (0, 0, 0), "target"), "≥100人")
    problem = next(p for p in session.evaluation.problems if p.code == "WEIGHT_MISSING")
    action = view.group_weight_action
    key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert key and key in problem.message and f"编辑 › {action.text()}" in problem.message

    assert view.select_location(loc("indicator", (0, 0, 0), "actual"))
    qtbot.keyClick(view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert session.doc.group_at(0, 0).weight == "0"  # the rows had no weights to add up
    cell = view.table_model.layout.bound("group", (0, 0), "weight")
    assert cell is not None and session.undo_stack.undoText() == "设为整组分值"
    type_into_cell(view, qtbot, loc("group", (0, 0), "weight"), "20")
    assert not any(p.code == "WEIGHT_MISSING" for p in session.evaluation.problems)


def test_group_weight_is_on_the_toolbar(window):
    bar = window.findChild(QToolBar)
    assert window.view.group_weight_action in bar.actions()
    edit_menu = window.menuBar().actions()[1].menu()
    assert set(window.view.table_actions.row_moves()) <= set(edit_menu.actions())
