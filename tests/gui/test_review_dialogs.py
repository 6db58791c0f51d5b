"""A reviewer reads 项目信息 and 人工评分 in their dialogs, opened read-only: the table stays as submitted.

In review mode the table is read-only, yet what the unit wrote in these two dialogs (the project's
leader and telephone, a manual score and its reason) is read there. Every way in (编辑 menu, toolbar,
the grid's context menu) opens them read-only, and closing them changes nothing and asks nothing.
Outside review mode they still edit; while a file is read to replace the table they are still refused.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolBar,
)

from perfdesk.core.files import opening
from perfdesk.core.files.storage import dumps, save_document
from perfdesk.core.model.document import Document
from perfdesk.core.model.results import Location
from perfdesk.core.review import workflow as wf
from perfdesk.core.review.codec import review_to_dict
from perfdesk.core.review.model import Review
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import Profile
from perfdesk.gui.dialogs import Prompts
from perfdesk.gui.file_actions import FileState
from perfdesk.gui.main_window import MainWindow
from perfdesk.gui.table.manual_score_dialog import ManualScoreDialog
from tests.core.review.review_docs import valid_document
from tests.gui.modal import when_modal
from tests.gui.reading import read_during, saved_table
from tests.gui.review_script import script_fixture  # noqa: F401 — the review dialogs' scripted answers
from tests.gui.user_input import type_text

#: The real 项目信息 dialog (the `answers` fixture replaces it by a scripted answer).
REAL_EDIT_PROJECT = Prompts.edit_project
#: A popup menu grabs the keyboard, which the offscreen platform cannot do (it says so).
POPUP = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")

GROUP_REASON = "两段路面受汛期影响推迟施工，按完成比例酌情扣分"
INDICATOR_REASON = "群众满意度问卷回收率偏低，酌情扣分"
FUNDS_REASON = "结余资金已按规定收回，执行率按调整后预算计算"

PROJECT = "项目信息"
WEIGHTED_GROUP_ROW = Location("indicator", (0, 0, 0), "actual")  # 数量指标 carries one weight for the group
INDICATOR_ROW = Location("indicator", (1, 0, 0), "actual")
FUNDS_WEIGHT = Location("funds", (), "weight")


def unit_table() -> tuple[Document, Profile]:
    """The unit's table: 项目信息 filled, a group weighted as a whole and three manual scores with reasons."""
    doc, profile = valid_document()
    doc.project.leader, doc.project.phone = "王五", "0832-1234567"
    group = doc.level1[0].groups[0]
    group.weight, group.indicators[0].weight = group.indicators[0].weight, ""
    group.manual_score, group.manual_reason = "8", GROUP_REASON
    indicator = doc.level1[1].groups[0].indicators[0]
    indicator.manual_score, indicator.manual_reason = "9", INDICATOR_REASON
    doc.funds.manual_score, doc.funds.manual_reason = "9.5", FUNDS_REASON
    return doc, profile


def submitted_table(path: Path) -> Path:
    """The unit's table as it reaches the reviewer: submitted (报送), saved."""
    doc, profile = unit_table()
    review = Review()
    wf.submit(review, doc, analyse(doc, profile), "张三", "2024-01-16 09:00")
    doc.review = review_to_dict(review)
    save_document(doc, path)
    return path


@pytest.fixture
def reviewing(window, answers, script, monkeypatch, tmp_path) -> MainWindow:
    """The reviewer's window: 审核 › 以审核模式打开… the submitted table."""
    monkeypatch.setattr(Prompts, "edit_project", REAL_EDIT_PROJECT)
    answers.open_path = submitted_table(tmp_path / "道路养护.pdesk")
    script.names.append("李四")
    window.review.open_for_review_action.trigger()
    assert window.review.review_mode and window.session.doc.project.leader == "王五"
    return window


# ------------------------------------------------------------ the ways in, as the user takes them


def menu_action(menu: QMenu, text: str) -> QAction:
    return next(action for action in menu.actions() if action.text() == text)


def from_edit_menu(text: str, location: Location | None = None) -> Callable[[MainWindow, object], None]:
    """编辑 › `text`, with the cell showing `location` current."""
    def run(window: MainWindow, qtbot) -> None:
        if location is not None:
            window.view.select_location(location)
        menu_action(window.edit_menu, text).trigger()
    return run


def from_toolbar(window: MainWindow, qtbot) -> None:
    bar = window.findChild(QToolBar, "mainToolbar")
    qtbot.mouseClick(bar.widgetForAction(window.project_action), Qt.MouseButton.LeftButton)


def from_context_menu(location: Location) -> Callable[[MainWindow, object], None]:
    """A right click on the cell showing `location`, then 人工评分… chosen with the keyboard."""
    def run(window: MainWindow, qtbot) -> None:
        view = window.view
        view.select_location(location)
        centre = view.visualRect(view.currentIndex()).center()

        def choose(menu: QMenu) -> None:
            menu.setActiveAction(menu_action(menu, "人工评分…"))
            qtbot.keyClick(menu, Qt.Key.Key_Return)

        when_modal(QMenu, choose, QApplication.activePopupWidget)
        QApplication.sendEvent(view.viewport(), QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, centre, view.viewport().mapToGlobal(centre)))
    return run


#: Each way into the two dialogs, with what the unit wrote that the dialog shows.
ENTRY_POINTS: dict[str, tuple[Callable[[MainWindow, object], None], tuple[str, ...]]] = {
    "编辑菜单 › 项目信息": (from_edit_menu("项目信息…"), ("农村道路养护", "王五", "0832-1234567")),
    "工具栏 › 项目信息": (from_toolbar, ("农村道路养护", "县交通局", "县公路站")),
    "编辑菜单 › 人工评分（指标）": (from_edit_menu("人工评分…", INDICATOR_ROW), ("9", INDICATOR_REASON)),
    "右键菜单 › 人工评分（指标）": (from_context_menu(INDICATOR_ROW), ("9", INDICATOR_REASON)),
    "右键菜单 › 人工评分（整组分值）": (from_context_menu(WEIGHTED_GROUP_ROW), ("8", GROUP_REASON)),
    "编辑菜单 › 人工评分（预算执行率）": (from_edit_menu("人工评分…", FUNDS_WEIGHT), ("9.5", FUNDS_REASON)),
}


def text_fields(dialog: QDialog) -> list[QLineEdit | QPlainTextEdit]:
    return [*dialog.findChildren(QLineEdit), *dialog.findChildren(QPlainTextEdit)]


def text_of(field: QLineEdit | QPlainTextEdit) -> str:
    return field.text() if isinstance(field, QLineEdit) else field.toPlainText()


def read_and_close(qtbot, seen: dict[str, Any]) -> Callable[[QDialog], None]:
    """What the reviewer sees and can do in the dialog, recorded; then a click on its only button."""
    def handle(dialog: QDialog) -> None:
        box = dialog.findChild(QDialogButtonBox)
        try:
            fields = text_fields(dialog)
            shown = [text_of(field) for field in fields]
            copied = []
            for field in fields:
                type_text(field, "改")
                field.setFocus()
                qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
                qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
                copied.append(QApplication.clipboard().text() if text_of(field) else "")
                QApplication.clipboard().clear()
            seen.update(title=dialog.windowTitle(), shown=shown, copied=copied,
                        typed=[text_of(field) for field in fields] != shown,
                        read_only=all(field.isReadOnly() for field in fields),
                        choices=[combo.isEnabled() for combo in dialog.findChildren(QComboBox)],
                        buttons=[button.text() for button in box.buttons()])
        finally:
            qtbot.mouseClick(box.buttons()[-1], Qt.MouseButton.LeftButton)
    return handle


@POPUP
@pytest.mark.parametrize("way", ENTRY_POINTS, ids=list(ENTRY_POINTS))
def test_the_reviewer_reads_the_dialog_and_closing_it_changes_nothing(way, reviewing, qtbot, answers):
    window = reviewing
    enter, written = ENTRY_POINTS[way]
    stack = window.session.undo_stack
    before, steps = dumps(window.session.doc), (stack.count(), stack.index())
    seen: dict[str, Any] = {}
    when_modal(QDialog, read_and_close(qtbot, seen))
    enter(window, qtbot)
    qtbot.waitUntil(lambda: "buttons" in seen)
    title = PROJECT if "项目信息" in way else "人工评分"
    assert seen["title"] == f"{title} — 只读（审阅中）" and seen["buttons"] == ["关闭"]
    assert seen["read_only"] and not seen["typed"] and not any(seen["choices"])
    assert set(written) <= set(seen["shown"])
    assert seen["copied"] == seen["shown"]  # every filled field can be selected and copied
    assert dumps(window.session.doc) == before and (stack.count(), stack.index()) == steps
    assert not window.isWindowModified()
    assert answers.questions == [] and answers.errors == []
    assert "只读" not in window.statusBar().currentMessage()  # the edit guard was not asked
    assert window.review.review_mode and window.review.status_label.text() == "审核模式 · 已报送，待审核"


# ------------------------------------------------------------ outside review mode they edit


def fill_and_accept(qtbot, fields: Callable[[Any], dict[QLineEdit | QPlainTextEdit, str]]) -> Callable:
    """Type over each of the dialog's `fields` its text, then OK."""
    def handle(dialog: QDialog) -> None:
        box = dialog.findChild(QDialogButtonBox)
        try:
            for field, text in fields(dialog).items():
                field.setFocus()
                qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
                type_text(field, text)
        finally:
            qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    return handle


@POPUP
def test_outside_review_mode_the_dialogs_still_edit_the_table(window, qtbot, answers, monkeypatch):
    monkeypatch.setattr(Prompts, "edit_project", REAL_EDIT_PROJECT)
    window.install_document(*unit_table(), FileState())  # the unit's own table, not submitted
    stack = window.session.undo_stack
    when_modal(QDialog, fill_and_accept(qtbot, lambda dialog: {dialog.ui.leaderEdit: "赵六"}))
    from_toolbar(window, qtbot)
    qtbot.waitUntil(lambda: window.session.doc.project.leader == "赵六")
    when_modal(QDialog, fill_and_accept(qtbot, lambda dialog: {dialog.score: "7", dialog.reason: "部分路段未验收"}))
    from_context_menu(INDICATOR_ROW)(window, qtbot)
    qtbot.waitUntil(lambda: window.session.doc.indicator_at(1, 0, 0).manual_score == "7")
    assert window.session.doc.indicator_at(1, 0, 0).manual_reason == "部分路段未验收"
    assert [stack.text(i) for i in range(stack.count())] == ["修改项目信息", "人工评分"]
    assert window.isWindowModified() and answers.questions == []


# ------------------------------------------------------------ while a file is read they are refused


def test_while_a_file_is_read_in_review_mode_neither_dialog_opens(
        reviewing, qtbot, answers, script, monkeypatch, tmp_path):
    window = reviewing
    opened: list[str] = []
    monkeypatch.setattr(ManualScoreDialog, "ask", classmethod(lambda cls, *args: opened.append("人工评分")))
    monkeypatch.setattr(Prompts, "edit_project", lambda self, *args: opened.append(PROJECT) or [])
    path = saved_table(window.session.profile, tmp_path / "下一张.pdesk", "下一张")
    seen: dict[str, object] = {}

    def act() -> None:
        from_edit_menu("项目信息…")(window, qtbot)
        from_edit_menu("人工评分…", INDICATOR_ROW)(window, qtbot)
        seen.update(status=window.statusBar().currentMessage())

    read_during(monkeypatch, opening, "open_document", act)
    assert window.files.open(path, ask_first=False)
    assert opened == [] and answers.questions == [] and answers.errors == []
    assert seen["status"] == "正在读取“下一张.pdesk”，读完后才能修改表格。"
    assert window.review.review_mode and window.session.doc.project.name == "下一张"
