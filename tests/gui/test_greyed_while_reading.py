"""While a file is read to replace the window's table, the commands that would change it are greyed.

The user sees before clicking that 插入行, 粘贴行, 项目信息, 撤销 … cannot run now (their tips say why),
and when the read ends, fails or is cancelled each one is again as it was: still greyed where it was
greyed for its own reason (review mode, a cell outside the rows, nothing to undo), enabled elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QProgressDialog, QPushButton

from perfdesk.core.files import opening
from perfdesk.core.files.storage import dumps
from perfdesk.core.model.results import Location
from perfdesk.gui.file_actions import READING_TIP, FileState
from perfdesk.gui.main_window import MainWindow
from tests.gui.helpers import filled_document
from tests.gui.reading import read_during, saved_table
from tests.gui.review_script import script_fixture  # noqa: F401 — the review dialogs' scripted answers

NAME = Location("project", (), "name")
FIRST_ROW = Location("indicator", (0, 0, 0), "name")


def edit_commands(window: MainWindow) -> dict[str, QAction]:
    """Every command of the menus, toolbar and context menu that changes the table, by what it does."""
    view, review = window.view, window.review
    actions = view.table_actions
    commands = {"撤销": window.undo_action, "重做": window.redo_action, "新增指标": view.add_indicator_action,
                "删除指标": view.delete_indicator_action, "上移": view.move_up_action, "下移": view.move_down_action,
                "剪切行": actions.cut_rows, "粘贴行": actions.paste_rows, "移动到": actions.move_to,
                "整组分值": view.group_weight_action, "人工评分": view.manual_score_action,
                "项目信息": window.project_action, "更换模板": window.template_action,
                "报送": review.submit_action, "开始新一轮": review.reopen_action, "批注单元格": review.comment_action,
                "批注整张表": review.table_comment_action, "退回修改": review.return_action,
                "审核通过": review.accept_action}
    commands.update({f"插入比较符{a.text()}": a for a in view.comparator_actions})
    commands["插入比较符（菜单）"] = window.comparator_menu.menuAction()
    return commands


def looks(window: MainWindow) -> dict[str, tuple[bool, str, str]]:
    """Each command as the user sees it: enabled, tooltip, status tip."""
    return {name: (a.isEnabled(), a.toolTip(), a.statusTip()) for name, a in edit_commands(window).items()}


def on_a_row_with_rows_cut(window: MainWindow) -> None:
    """An unsaved edit (撤销 on), the cursor on an indicator row, that row cut (粘贴行 on)."""
    window.view.select_location(FIRST_ROW)
    window.view.table_actions.cut_rows.trigger()
    window.view.select_location(Location("indicator", (0, 1, 0), "name"))


def on_the_project_name(window: MainWindow) -> None:
    """The row commands are off: the cell is no indicator's."""
    window.view.select_location(NAME)


def untouched(window: MainWindow) -> None:
    """Nothing to undo or redo."""
    window.session.undo_stack.clear()
    window.view.select_location(FIRST_ROW)


def in_review_mode(window: MainWindow) -> None:
    """The reviewer's steps on, 更换模板 and 撤销 below the review's start off."""
    assert window.review.set_review_mode(True)
    window.view.select_location(FIRST_ROW)


#: Each with some commands on and some off for reasons of their own.
SITUATIONS: dict[str, Callable[[MainWindow], None]] = {
    "指标行上，已剪切": on_a_row_with_rows_cut,
    "项目名称上": on_the_project_name,
    "无可撤销": untouched,
    "审核模式": in_review_mode,
}


def cancel(window: MainWindow) -> None:
    """取消 in the read's progress dialog, as the user presses it."""
    window.findChild(QProgressDialog).findChild(QPushButton).click()


@pytest.fixture
def prepared(window, national, script):
    """A window with a filled table and one unsaved edit."""
    script.names.append("李四")
    window.install_document(filled_document(national), national, FileState())
    assert window.session.set_text(NAME, "改过未保存")
    return window


@pytest.mark.parametrize("ending", ["读取失败", "取消"])
@pytest.mark.parametrize("situation", SITUATIONS, ids=list(SITUATIONS))
def test_the_commands_that_change_the_table_are_greyed_while_a_file_is_read_and_come_back_as_they_were(
        situation, ending, prepared, answers, monkeypatch, tmp_path):
    window = prepared
    SITUATIONS[situation](window)
    before, doc = looks(window), dumps(window.session.doc)
    assert any(on for on, _, _ in before.values()) and not all(on for on, _, _ in before.values())
    path = tmp_path / "坏.pdesk"
    path.write_bytes(b"not a table")
    during: dict[str, tuple[bool, str, str]] = {}

    def act() -> None:
        during.update(looks(window))
        if ending == "取消":
            cancel(window)

    reading = read_during(monkeypatch, opening, "open_document", act, hold=ending == "取消")
    assert not window.files.open(path, ask_first=False)
    reading.release.set()
    assert during == {name: (False, READING_TIP, READING_TIP) for name in before}
    assert looks(window) == before and dumps(window.session.doc) == doc
    assert window.edit_gate.reason == "" and window.statusBar().currentMessage() == ""
    expected_errors = ["无法打开文件"] if ending == "读取失败" else []
    assert [title for title, _ in answers.errors] == expected_errors


def test_the_undo_tooltip_still_names_the_step_after_a_read(prepared, answers, monkeypatch, tmp_path):
    """The tooltip given back is Qt's own, which follows the text, not the one it showed at the read."""
    window = prepared
    path = tmp_path / "坏.pdesk"
    path.write_bytes(b"not a table")
    read_during(monkeypatch, opening, "open_document", lambda: None)
    assert not window.files.open(path, ask_first=False)
    assert window.session.set_text(Location("project", (), "leader"), "王五")
    assert window.undo_action.toolTip() == window.undo_action.text() == "撤销 编辑 单元格"


def test_after_a_file_is_read_each_command_is_as_the_new_table_has_it(prepared, answers, national, monkeypatch,
                                                                       tmp_path):
    window = prepared
    on_a_row_with_rows_cut(window)
    path = saved_table(national, tmp_path / "大表.pdesk", "读取完成")
    during: dict[str, tuple[bool, str, str]] = {}
    read_during(monkeypatch, opening, "open_document", lambda: during.update(looks(window)))
    assert window.files.open(path, ask_first=False)
    assert {look for look in during.values()} == {(False, READING_TIP, READING_TIP)}
    shown = looks(window)
    window.view.table_actions.update_enabled()  # what each command's owner says of the new table
    window.undo_actions.update()
    window.review.refresh()
    assert looks(window) == shown and window.edit_gate.reason == ""
    assert shown["项目信息"][0] and shown["更换模板"][0] and shown["报送"][0]
    assert not shown["撤销"][0] and not shown["粘贴行"][0]  # a new undo history; the cut went with the old table
