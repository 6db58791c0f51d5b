"""While a file is read to replace the window's table, that table cannot be changed: nothing typed is lost.

The event loop runs during the read (the window repaints, the user may act), and the file read replaces
the window's table when it is done. So the table is read-only meanwhile: keys, paste, 撤销/重做, row
commands, dialogs that edit and review steps are refused, and the status line says which file is being
read. Each test acts in the GUI thread while the reader is held in its thread (`tests.gui.reading`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from perfdesk.core.files import opening
from perfdesk.core.files.storage import dumps
from perfdesk.core.model.results import Location
from perfdesk.gui import import_report
from perfdesk.gui.app import install_excepthook
from perfdesk.gui.dialogs import Prompts
from perfdesk.gui.edit_gate import EditGate
from perfdesk.gui.file_actions import FileState
from perfdesk.gui.main_window import MainWindow
from perfdesk.gui.table.manual_score_dialog import ManualScoreDialog
from perfdesk.gui.table.move_to_dialog import MoveToDialog
from perfdesk.gui.template_change import change_template
from tests.core.imports.corpus import VARIANTS, content_for, render, write_docx
from tests.gui.helpers import filled_document
from tests.gui.reading import read_during, saved_table
from tests.gui.review_script import script_fixture  # noqa: F401 — the review dialogs' scripted answers
from tests.gui.user_input import type_text

NAME = Location("project", (), "name")
FIRST_ROW = Location("indicator", (0, 0, 0), "name")


def type_in(window: MainWindow, qtbot, location: Location = NAME) -> None:
    """Type 张三 into the cell and press Enter, as far as the grid lets the keys through."""
    view = window.view
    view.select_location(location)
    view.setFocus()
    type_text(view, "张")
    editor = QApplication.focusWidget()
    if editor is not None and editor is not view:
        type_text(editor, "三")
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def paste(window: MainWindow, qtbot) -> None:
    QApplication.clipboard().setText("张三")
    window.view.select_location(NAME)
    qtbot.keyClick(window.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def delete(window: MainWindow, qtbot) -> None:
    window.view.select_location(NAME)
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)


def on_first_row(trigger: Callable[[MainWindow], object]) -> Callable[[MainWindow, object], None]:
    """A command run with the first indicator row's cell current."""
    def run(window: MainWindow, qtbot) -> None:
        window.view.select_location(FIRST_ROW)
        trigger(window)
    return run


#: Every way the user changes the table, as the user does it.
EDITS: dict[str, Callable[[MainWindow, object], object]] = {
    "输入": type_in,
    "粘贴": paste,
    "删除内容": delete,
    "撤销": lambda window, qtbot: window.undo_action.trigger(),
    "新增指标": on_first_row(lambda window: window.view.add_indicator_action.trigger()),
    "删除指标": on_first_row(lambda window: window.view.delete_indicator_action.trigger()),
    "下移": on_first_row(lambda window: window.view.move_down_action.trigger()),
    "整组分值": on_first_row(lambda window: window.view.group_weight_action.trigger()),
    "插入比较符": on_first_row(lambda window: window.view.comparator_actions[0].trigger()),
    "人工评分": on_first_row(lambda window: window.view.manual_score_action.trigger()),
    "移动到": on_first_row(lambda window: window.view.table_actions.move_to.trigger()),
    "项目信息": lambda window, qtbot: window.project_action.trigger(),
    "更换模板（导入报告中的按钮）": lambda window, qtbot: change_template(window),
    "报送": lambda window, qtbot: window.review.submit_action.trigger(),
}


@pytest.fixture
def dialogs(monkeypatch, answers) -> list[str]:
    """The dialogs that ask for a change, answered so that they would make one; each one opened is listed."""
    asked: list[str] = []
    monkeypatch.setattr(ManualScoreDialog, "ask",
                        classmethod(lambda cls, *args: asked.append("人工评分") or ("1", "理由")))
    monkeypatch.setattr(MoveToDialog, "ask", classmethod(lambda cls, *args: asked.append("移动到") or 1))
    monkeypatch.setattr(Prompts, "edit_project", lambda self, project, read_only=False:
                        asked.append("项目信息") or [(NAME, "对话框中改的名称")])
    monkeypatch.setattr("perfdesk.gui.review.controller.ReviewController._filler_name",
                        lambda self, title: asked.append(title) or "张三")
    answers.template_id = "hubei"
    return asked


def modified_table(window: MainWindow, national) -> None:
    """A filled table with one unsaved edit, as when the user chose 不保存 before opening another file."""
    window.install_document(filled_document(national), national, FileState())
    assert window.session.set_text(NAME, "改过未保存")


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_no_edit_reaches_the_table_while_the_file_that_replaces_it_is_read(
        edit, window, qtbot, answers, dialogs, national, monkeypatch, tmp_path):
    modified_table(window, national)
    path = saved_table(national, tmp_path / "大表.pdesk", "读取中修改")
    before, index = dumps(window.session.doc), window.session.undo_stack.index()
    seen: dict[str, object] = {}

    def act() -> None:
        EDITS[edit](window, qtbot)
        seen.update(doc=dumps(window.session.doc), index=window.session.undo_stack.index(),
                    status=window.statusBar().currentMessage())

    read_during(monkeypatch, opening, "open_document", act)
    assert window.files.open(path, ask_first=False)
    assert seen["doc"] == before and seen["index"] == index  # nothing typed, nothing to lose
    assert dialogs == [] and answers.template_questions == [] and answers.errors == [] and answers.questions == []
    assert "正在读取“大表.pdesk”" in str(seen["status"]) and "修改表格" in str(seen["status"])
    assert window.session.doc.project.name == "读取中修改"


def docx_table(tmp_path: Path) -> Path:
    layout, options = VARIANTS["no-weight-column"]
    path = tmp_path / "县水利局自评表.docx"
    write_docx([render(content_for(options), layout)], path)
    return path


def drop(window: MainWindow, path: Path) -> None:
    """The file dragged from the file manager and dropped on the window."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    QApplication.sendEvent(window, QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                                                   Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)


#: Every way a file read replaces the window's table (新建 reads no file; a file given at start-up
#: is read into a window of its own, shown when it is done).
OPENINGS: dict[str, Callable[[MainWindow, Path], object]] = {
    "打开": lambda window, path: window.files.open(path),
    "导入": lambda window, path: window.files.open(path),
    "最近打开": lambda window, path: window.open_recent(path),
    "拖放": drop,
}


@pytest.mark.parametrize("how", OPENINGS, ids=list(OPENINGS))
def test_keys_typed_into_an_untouched_table_while_a_file_is_read_open_no_editor(
        how, window, qtbot, answers, national, monkeypatch, tmp_path):
    """The untouched 未命名 table is replaced by the file without a question: typing in it meanwhile is refused."""
    module: ModuleType = import_report if how == "导入" else opening
    if how == "导入":
        path, reader = docx_table(tmp_path), "import_file"
    else:
        path, reader = saved_table(national, tmp_path / "大表.pdesk", "读取中输入"), "open_document"
    seen: dict[str, object] = {}

    def act() -> None:
        type_in(window, qtbot)
        seen.update(focus=QApplication.focusWidget(), name=window.session.doc.project.name,
                    modified=window.isWindowModified(), status=window.statusBar().currentMessage())

    read_during(monkeypatch, module, reader, act)
    OPENINGS[how](window, path)
    assert seen == {"focus": window.view, "name": "", "modified": False,
                    "status": f"正在读取“{path.name}”，读完后才能修改表格。"}
    assert answers.save_prompts == [] and window.session.doc.project.name != ""


def test_the_table_is_editable_again_when_the_read_fails(window, qtbot, answers, national, monkeypatch, tmp_path):
    modified_table(window, national)
    path = tmp_path / "坏.pdesk"
    path.write_bytes(b"not a table")
    read_during(monkeypatch, opening, "open_document", lambda: type_in(window, qtbot))
    assert not window.files.open(path, ask_first=False)
    assert [title for title, _ in answers.errors] == ["无法打开文件"]
    assert window.session.doc.project.name == "改过未保存" and window.statusBar().currentMessage() == ""
    assert window.undo_action.isEnabled() and window.template_action.isEnabled()
    type_in(window, qtbot)
    assert window.session.doc.project.name == "张三"


def test_the_review_steps_wait_for_the_file_that_replaces_the_table(
        window, qtbot, answers, script, national, monkeypatch, tmp_path):
    """A reviewer's comment is neither answered nor changed meanwhile, and no dialog asks for a text to refuse."""
    modified_table(window, national)
    script.names.append("李四")
    assert window.review.set_review_mode(True)
    script.texts.append("请核实")
    assert window.review.comment_table()
    path = saved_table(national, tmp_path / "大表.pdesk", "读取中批注")
    before, dock = dumps(window.session.doc), window.review.dock
    seen: dict[str, object] = {}

    def act() -> None:
        dock.comments.setCurrentItem(dock.comments.topLevelItem(0))
        for key in ("resolve", "edit", "delete"):
            dock.buttons[key].click()
        steps = [window.review.comment_action, window.review.table_comment_action]
        seen.update(doc=dumps(window.session.doc), steps=[a.isEnabled() for a in steps],
                    status=window.statusBar().currentMessage())

    read_during(monkeypatch, opening, "open_document", act)
    assert window.files.open(path, ask_first=False)
    assert seen == {"doc": before, "steps": [False, False], "status": "正在读取“大表.pdesk”，读完后才能修改表格。"}
    assert answers.questions == [] and list(script.texts) == []
    assert window.review.review_mode and window.review.comment_action.isEnabled()  # the file read, under review


@pytest.mark.parametrize("how", OPENINGS, ids=list(OPENINGS))
def test_closing_the_window_meanwhile_does_not_ask_again_about_the_table_the_user_gave_up(
        how, context, window, qtbot, answers, national, monkeypatch, tmp_path):
    """不保存 was answered before the read began: closing the window meanwhile closes it, and the file
    opens in a window of its own. Until then the table's recovery copy stays (a crash offers it back)."""
    modified_table(window, national)
    window.autosaver.save_now()
    module: ModuleType = import_report if how == "导入" else opening
    if how == "导入":
        path, reader = docx_table(tmp_path), "import_file"
    else:
        path, reader = saved_table(national, tmp_path / "大表.pdesk", "读取中关闭"), "open_document"
    seen: dict[str, object] = {}

    def act() -> None:
        seen.update(copy=window.autosaver.slot.exists())
        window.close()

    read_during(monkeypatch, module, reader, act)
    OPENINGS[how](window, path)
    assert answers.save_prompts == ["未命名自评表"] and seen == {"copy": True}
    [opened] = context.windows
    assert opened is not window and opened.isVisible() and opened.session.doc.project.name != "改过未保存"
    assert not window.autosaver.slot.exists()  # the unsaved table the user gave up is gone with it


def cut_first_row(window: MainWindow) -> list[str]:
    """剪切行 on the first indicator row; the names of the 二级 it is to be pasted at the end of."""
    window.view.select_location(FIRST_ROW)
    window.view.table_actions.cut_rows.trigger()
    to_last_group(window)
    return [i.name for i in window.session.doc.group_at(2, 0).indicators]


def to_last_group(window: MainWindow) -> None:
    """The cursor on the last 二级's name: 粘贴行 puts the rows at its end."""
    cell = window.view.table_model.layout.keyed("group", (2, 0))
    window.view.setCurrentIndex(window.view.table_model.index(cell.row, cell.col))


def test_a_paste_of_cut_rows_refused_while_a_file_is_read_keeps_the_cut(
        window, qtbot, answers, national, monkeypatch, tmp_path):
    """粘贴行 (as its key ran it before it was greyed) refused during a read that fails: the rows are
    still cut afterwards, and pasting them then moves them."""
    modified_table(window, national)
    names = cut_first_row(window)
    moved = window.session.doc.indicator_at(0, 0, 0).name
    path = tmp_path / "坏.pdesk"
    path.write_bytes(b"not a table")
    read_during(monkeypatch, opening, "open_document", window.view.table_actions.on_paste_rows)
    assert not window.files.open(path, ask_first=False)
    assert [i.name for i in window.session.doc.group_at(2, 0).indicators] == names  # refused meanwhile
    to_last_group(window)  # a refused move leaves the cursor on the rows
    paste_rows = window.view.table_actions.paste_rows
    assert paste_rows.isEnabled()
    paste_rows.trigger()
    assert [i.name for i in window.session.doc.group_at(2, 0).indicators] == [*names, moved]


def test_a_paste_of_cut_rows_refused_in_review_mode_keeps_the_cut(window, qtbot, answers, script, national):
    modified_table(window, national)
    names = cut_first_row(window)
    moved = window.session.doc.indicator_at(0, 0, 0).name
    script.names.append("李四")
    assert window.review.set_review_mode(True)
    paste_rows = window.view.table_actions.paste_rows
    paste_rows.trigger()
    assert window.statusBar().currentMessage().startswith("审核模式下表格只读")
    assert window.review.set_review_mode(False)
    to_last_group(window)  # a refused move leaves the cursor on the rows
    assert paste_rows.isEnabled()
    paste_rows.trigger()
    assert [i.name for i in window.session.doc.group_at(2, 0).indicators] == [*names, moved]


def test_a_read_whose_start_fails_leaves_the_table_editable_and_says_so(
        context, window, qtbot, answers, national, monkeypatch, tmp_path):
    """Something raises while the table is being held for the read (a defect): the program's error
    dialog says so in Chinese, and the table and its commands are free again, not read-only for ever."""
    modified_table(window, national)
    path = saved_table(national, tmp_path / "大表.pdesk", "读取失败")
    hold = EditGate.hold

    def hold_then_fail(gate: EditGate, reason: str) -> None:
        hold(gate, reason)
        raise RuntimeError("held, then failed")

    monkeypatch.setattr(EditGate, "hold", hold_then_fail)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(context)
    context.recent.add(path)
    window.recent_menu.aboutToShow.emit()
    window.recent_menu.actions()[0].trigger()  # 最近打开 › 1 大表.pdesk: its slot's exception reaches the excepthook
    assert [title for title, _ in answers.errors] == ["程序内部错误"]
    assert "意外错误" in answers.errors[0][1] and "held, then failed" in answers.errors[0][1]
    assert window.files.reading is None and window.session.doc.project.name == "改过未保存"
    assert window.project_action.isEnabled() and window.edit_gate.reason == ""
    assert window.statusBar().currentMessage() == ""
    type_in(window, qtbot)
    assert window.session.doc.project.name == "张三"
