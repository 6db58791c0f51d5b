"""The main window: status bar, problems panel, modified mark, menus, dialogs, crash hook."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from perfdesk.core.files.fingerprint import verification_code
from perfdesk.core.model.results import Location, Problem, Severity
from perfdesk.gui.app import install_excepthook
from perfdesk.gui.form_dialogs import AboutDialog, ProjectInfoDialog, TemplateChoiceDialog
from perfdesk.gui.problems_dock import dock_title, short_message
from perfdesk.gui.status import ERROR_STYLE, StatusFigures
from tests.gui.helpers import loc


def fill_weights(win, funds: str, output: str, benefit: str, satisfaction: str) -> None:
    win.session.set_many(
        [
            (loc("funds", (), "weight"), funds),
            (loc("indicator", (0, 0, 0), "weight"), output),
            (loc("indicator", (1, 0, 0), "weight"), benefit),
            (loc("indicator", (2, 0, 0), "weight"), satisfaction),
        ],
        "分值",
    )


def weights_problem(win):
    return next(p for p in win.problems.problems() if p.code == "WEIGHTS_TOTAL")


def test_weights_95_is_an_error_in_the_panel_and_red_in_the_status_bar(window):
    fill_weights(window, "10", "50", "30", "5")
    problem = weights_problem(window)
    assert problem.severity is Severity.ERROR
    assert window.status.weights.text() == "分值合计 95/100"
    assert window.status.weights.styleSheet() == ERROR_STYLE
    tree = window.problems.tree
    rows = [(tree.topLevelItem(i).text(0), tree.topLevelItem(i).toolTip(2)) for i in range(tree.topLevelItemCount())]
    assert ("错误", problem.message) in rows
    assert "错误" in window.problems.windowTitle()

    window.session.set_text(loc("indicator", (2, 0, 0), "weight"), "10")
    assert window.status.weights.text() == "分值合计 100/100"
    assert window.status.weights.styleSheet() == ""
    assert all(p.code != "WEIGHTS_TOTAL" for p in window.problems.problems())


def test_problem_rows_show_location_and_message_without_repeating_the_location():
    problem = Problem(Severity.WARNING, "REQUIRED_FIELD", "主管部门：未填写，请补上",
                      Location("project", (), "department", "主管部门"))
    assert short_message(problem) == "未填写，请补上"
    bare = Problem(Severity.ERROR, "X", "分值合计不等于 100", Location("table"))
    assert short_message(bare) == "分值合计不等于 100"
    assert dock_title([problem, bare]) == "问题（1 个错误，1 个警告）"
    assert dock_title([]) == "问题（无）"


def test_status_figures_follow_the_evaluation(window):
    fill_weights(window, "10", "50", "30", "10")
    figures = StatusFigures.of(window.session.evaluation, window.session.profile, "ABCD-EF01-2345")
    assert figures.weights_ok
    assert figures.total == f"总分 {window.status.total.text().split()[1]}"
    assert window.status.grade.text() == f"等级 {window.session.evaluation.grade}"
    assert window.status.code.text() == f"验证码 {verification_code(window.session.doc)}"


def test_clicking_a_problem_makes_its_cell_current(window, qtbot):
    fill_weights(window, "10", "50", "30", "5")
    problem = weights_problem(window)
    qtbot.mouseClick(window.problems.summary, Qt.MouseButton.LeftButton)  # the one-line summary expands
    tree = window.problems.tree
    qtbot.waitUntil(lambda: tree.height() > 60)  # the panel grows once the window has laid it out
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    item = next(it for it in items if it.toolTip(2) == problem.message)
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    cell = window.session.layout.locate(problem.location)
    assert (window.view.currentIndex().row(), window.view.currentIndex().column()) == (cell.row, cell.col)


def test_modified_mark_follows_the_undo_stack(window):
    assert window.windowTitle() == "未命名自评表[*] – PerfDesk"
    assert not window.isWindowModified()
    window.session.set_text(loc("project", (), "name"), "社区矫正")
    assert window.isWindowModified()
    window.undo_action.trigger()
    assert not window.isWindowModified()
    window.redo_action.trigger()
    assert window.session.doc.project.name == "社区矫正"


def test_redo_has_both_shortcuts_and_the_grid_actions_are_in_the_edit_menu(window):
    shortcuts = window.redo_action.shortcuts()
    assert QKeySequence("Ctrl+Y") in shortcuts and QKeySequence("Ctrl+Shift+Z") in shortcuts
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    edit_menu = window.menuBar().actions()[1].menu()
    assert window.view.add_indicator_action in edit_menu.actions()
    assert window.project_action in edit_menu.actions()
    assert [a.text() for a in window.menuBar().actions()] == ["文件(&F)", "编辑(&E)", "审核(&R)", "帮助(&H)"]


def test_project_information_is_one_undo_step(window, answers):
    answers.project_changes = [(loc("project", (), "name"), "社区矫正经费"), (loc("project", (), "year"), "2022")]
    before = window.session.undo_stack.count()
    window.edit_project()
    assert window.session.undo_stack.count() == before + 1
    assert (window.session.doc.project.name, window.session.doc.project.year) == ("社区矫正经费", "2022")
    window.session.undo_stack.undo()
    assert (window.session.doc.project.name, window.session.doc.project.year) == ("", "")


def test_project_dialog_reports_only_changed_fields(qtbot, national):
    from perfdesk.core.model.factory import new_document

    project = new_document(national).project
    dialog = ProjectInfoDialog(project)
    qtbot.addWidget(dialog)
    assert dialog.changes(project) == []
    dialog.ui.nameEdit.setText(" 社区矫正 ")
    dialog.ui.moneyUnitCombo.setCurrentText("元")
    assert dialog.changes(project) == [(loc("project", (), "name"), "社区矫正"),
                                       (loc("project", (), "money_unit"), "元")]
    assert dialog.ui.nameLabel.text() == "项目名称（必填）：" and dialog.ui.leaderLabel.text() == "项目负责人："


def test_template_dialog_offers_every_template_with_national_first_choice(qtbot, library):
    dialog = TemplateChoiceDialog(library)
    qtbot.addWidget(dialog)
    assert dialog.ui.templateList.count() == len(list(library))
    chosen = dialog.chosen()
    assert chosen is not None and chosen.id == library.DEFAULT_ID
    assert dialog.ui.descriptionLabel.text() == library.default().description


def test_new_asks_for_a_template_and_replaces_the_document(window, answers):
    answers.template_id = "hubei"
    assert window.files.new()
    assert window.session.profile.id == "hubei"
    assert window.session.doc.template_id == "hubei"
    answers.template_id = None  # the user cancels the template dialog
    assert not window.files.new()
    assert window.session.profile.id == "hubei"


def test_about_shows_version_and_verification_code(window, qtbot):
    dialog = AboutDialog(verification_code(window.session.doc), window)
    qtbot.addWidget(dialog)
    assert verification_code(window.session.doc) in dialog.ui.codeLabel.text()
    assert "Apache" in dialog.ui.licenceLabel.text()


def test_print_preview_and_print_use_the_window_document(window, monkeypatch):
    from perfdesk.gui.print_preview import PrintPreviewDialog

    shown, printed = [], []
    def fake_exec(self: PrintPreviewDialog) -> int:
        shown.append((self.doc, self.page_count))
        return 0

    monkeypatch.setattr(PrintPreviewDialog, "exec", fake_exec)
    monkeypatch.setattr(PrintPreviewDialog, "print_document", lambda self: printed.append(self.doc))
    window.preview_action.trigger()
    window.print_action.trigger()
    assert shown[0][0] is window.session.doc and shown[0][1] >= 1
    assert printed == [window.session.doc]


def test_default_size_fits_the_screen(window):
    area = window.screen().availableGeometry()
    assert window.width() <= area.width() and window.height() <= area.height()
    assert window.problems.height() < window.height() / 2


def test_unexpected_error_shows_a_dialog_and_keeps_the_recovery_copy(window, context, answers, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(context)
    window.session.set_text(loc("project", (), "name"), "崩溃前")
    try:
        raise ValueError("boom")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert answers.errors and answers.errors[0][0] == "程序内部错误"
    assert "恢复副本" in answers.errors[0][1]
    assert window.autosaver.slot.exists()
    assert window.isVisible()


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None and bools are immortal from Python 3.12")
def test_qt_binding_does_not_leak_references_to_none(window):
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void Qt call, so the
    window aborts (`Fatal Python error: none_dealloc`) after a few hundred edits; 6.11 does not."""
    before = sys.getrefcount(None)
    for _ in range(1000):
        window.status.weights.setToolTip("分值合计")
    assert sys.getrefcount(None) > before - 500


def test_toolbar_undo_button_keeps_its_short_text_while_the_menu_names_the_step(window, qtbot):
    from PySide6.QtWidgets import QToolBar

    from tests.gui.user_input import type_into_cell

    button = window.findChild(QToolBar, "mainToolbar").widgetForAction(window.undo_action)
    width = button.sizeHint().width()
    type_into_cell(window.view, qtbot, loc("indicator", (0, 0, 0), "name"), "接收社区矫正对象")
    assert window.undo_action.text() == "撤销 编辑 产出指标 › 数量指标 › 第1行 › 三级指标"
    assert button.text() == "撤销"
    assert button.sizeHint().width() == width
    assert "第1行 › 三级指标" in button.toolTip()


def test_ctrl_z_shows_the_cell_it_restored(window, qtbot):
    """Undoing an edit made far down the table used to leave the user at the top, seeing no change."""
    from tests.gui.user_input import type_into_cell

    view = window.view
    type_into_cell(view, qtbot, loc("indicator", (2, 0, 0), "target"), "≥95%")
    type_into_cell(view, qtbot, loc("project", (), "name"), "社区矫正经费")
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.doc.project.name == ""
    assert view.current_cell().binding.field == "name" and view.current_cell().binding.section == "project"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    binding = view.current_cell().binding
    assert (binding.section, binding.path, binding.field) == ("indicator", (2, 0, 0), "target")
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.session.doc.indicator_at(2, 0, 0).target == "≥95%"
    assert view.current_cell().binding.field == "target"
    assert view.hasFocus()


def test_a_shown_table_is_set_aside_from_the_collector_and_handed_back_when_it_goes(window, qtbot, national):
    """Full collections walking a big open table were the worst edit-to-repaint latencies."""
    import gc

    from perfdesk.core.model.factory import new_document
    from perfdesk.gui import heap
    from perfdesk.gui.file_actions import FileState

    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0)  # settled after the first frames
    window.install_document(new_document(national), national, FileState(), fresh=True)
    assert gc.get_freeze_count() == 0  # the old table's cycles can be collected
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0)
    other = window.context.new_window()
    other.show()
    qtbot.wait(heap.SETTLE_AFTER_MS + 200)  # its own table set aside
    window.close()
    assert gc.get_freeze_count() == 0
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0)  # the table still open, once the closed one is gone
    other.close()
    assert gc.get_freeze_count() == 0
