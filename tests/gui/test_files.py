"""File commands of the main window: save/open round trip, prompts, errors, read-only, recent, drop."""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from perfdesk.core.files import lock as file_lock
from perfdesk.core.files.storage import document_to_data, load_document
from perfdesk.gui.dialogs import LockChoice, Prompts, SaveChoice
from perfdesk.gui.recent_files import LIMIT, RecentFiles
from tests.gui.helpers import loc
from tests.gui.user_input import type_text


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def fill(win) -> None:
    win.session.set_many(
        [
            (loc("project", (), "name"), "社区矫正经费"),
            (loc("project", (), "year"), "2022"),
            (loc("indicator", (0, 0, 0), "name"), "1.接收社区矫正对象"),
            (loc("indicator", (0, 0, 0), "target"), "≥160人"),
            (loc("indicator", (0, 0, 0), "actual"), "164人"),
            (loc("indicator", (0, 0, 0), "weight"), "20"),
        ],
        "填写",
    )


@pytest.fixture
def saved(window, answers, tmp_path):
    """The window's document filled and saved as tmp/表.pdesk (lock released)."""
    fill(window)
    answers.save_path = tmp_path / "表"
    assert window.files.save()
    window.file_state.release()
    return tmp_path / "表.pdesk"


def test_save_then_reopen_gives_the_same_document(window, saved, context):
    assert saved.exists()
    assert not window.isWindowModified()
    assert window.windowTitle() == "表.pdesk[*] – PerfDesk"
    data = document_to_data(window.session.doc)
    assert window.close()
    other = context.open_file(saved)
    assert other is not None and other is not window
    assert document_to_data(other.session.doc) == data
    assert not other.isWindowModified()


def test_save_writes_to_the_same_file_without_asking_again(window, saved, answers):
    window.session.set_text(loc("project", (), "leader"), "张三")
    answers.save_path = None  # a second Save As dialog would cancel
    assert window.files.save()
    assert load_document(saved).project.leader == "张三"


def test_cancel_in_the_unsaved_prompt_keeps_window_and_document(window, answers, tmp_path):
    fill(window)
    data = document_to_data(window.session.doc)
    answers.save_choice = SaveChoice.CANCEL
    assert not window.close()
    assert window.isVisible()
    assert answers.save_prompts == ["未命名自评表"]
    answers.template_id = "hubei"
    assert not window.files.new()
    other = tmp_path / "other.pdesk"
    assert not window.files.open(other)
    assert document_to_data(window.session.doc) == data
    assert window.isWindowModified()


def test_save_in_the_unsaved_prompt_saves_before_opening_another(window, saved, answers, tmp_path):
    window.session.set_text(loc("project", (), "leader"), "李四")
    answers.save_choice = SaveChoice.SAVE
    answers.template_id = "national-2020"
    assert window.files.new()
    assert load_document(saved).project.leader == "李四"


def test_discard_closes_and_removes_the_recovery_copy(window, answers):
    fill(window)
    assert window.autosaver.save_now()
    slot = window.autosaver.slot
    assert slot.exists()
    answers.save_choice = SaveChoice.DISCARD
    assert window.close()
    assert not slot.exists()


def test_broken_file_shows_a_chinese_error_and_changes_nothing(window, answers, tmp_path):
    broken = tmp_path / "坏.pdesk"
    broken.write_bytes(b'{"format": "perfdesk", "version": 1, "document": {')
    before = document_to_data(window.session.doc)
    assert not window.files.open(broken)
    assert answers.errors and answers.errors[0][0] == "无法打开文件"
    assert "坏.pdesk" in answers.errors[0][1] and "文件没有被修改" in answers.errors[0][1]
    assert broken.read_bytes() == b'{"format": "perfdesk", "version": 1, "document": {'
    assert document_to_data(window.session.doc) == before
    assert window.isVisible()


def test_read_only_file_opens_read_only_and_save_becomes_save_as(window, saved, answers, tmp_path):
    os.chmod(saved, 0o444)
    try:
        assert window.files.open(saved)
        assert window.file_state.read_only
        assert "（只读）" in window.windowTitle()
        assert not window.save_action.isEnabled()
        window.session.set_text(loc("project", (), "leader"), "王五")
        answers.save_path = tmp_path / "副本.pdesk"
        assert window.files.save()
        assert load_document(tmp_path / "副本.pdesk").project.leader == "王五"
        assert load_document(saved).project.leader == ""
        assert not window.file_state.read_only and window.save_action.isEnabled()
    finally:
        os.chmod(saved, 0o644)


def _foreign_lock(path, **fields) -> None:
    holder = {"user": "李四", "host": "财政局-PC", "pid": 4242, "opened_at": "2024-05-01T10:20:00", "token": "theirs"}
    file_lock.lock_path(path).write_text(json.dumps({**holder, **fields}, ensure_ascii=False), "utf-8")


def test_file_locked_by_someone_else_asks_and_opens_read_only(window, saved, answers):
    _foreign_lock(saved)
    answers.lock_choice = LockChoice.CANCEL
    assert not window.files.open(saved)
    assert answers.questions[-1] == "此文件正由 李四（电脑 财政局-PC）于 2024-05-01 10:20 打开。"
    answers.lock_choice = LockChoice.READ_ONLY
    assert window.files.open(saved)
    assert window.file_state.read_only and "（只读）" in window.windowTitle()
    assert file_lock.read_holder(file_lock.lock_path(saved)).token == "theirs"


def test_a_lock_left_on_another_computer_can_be_taken_over(window, saved, answers):
    """Its process cannot be checked from here: without 仍然打开 the file would stay read-only for ever."""
    _foreign_lock(saved)
    answers.lock_choice = LockChoice.TAKE_OVER
    assert window.files.open(saved)
    assert not window.file_state.read_only and window.save_action.isEnabled()
    assert file_lock.read_holder(file_lock.lock_path(saved)).pid == os.getpid()
    window.session.set_text(loc("project", (), "leader"), "接手")
    assert window.files.save()
    assert load_document(saved).project.leader == "接手"


def _crashed_copy(context, saved):
    """A recovery copy of `saved` (with 负责人 崩溃前) left by a process that is gone."""
    slot = context.recovery.new_slot()
    crashed = load_document(saved)
    crashed.project.leader = "崩溃前"
    slot.write(crashed, saved, saved.name)
    meta = json.loads(slot.meta_path.read_text("utf-8"))
    meta["pid"] = _dead_pid()
    slot.meta_path.write_text(json.dumps(meta), "utf-8")
    return slot


def test_own_lock_left_by_a_crash_is_taken_silently_and_the_recovery_copy_offered(window, saved, context, answers):
    """After a crash the next process may even get the same process number: the token tells them apart."""
    assert window.close()
    _foreign_lock(saved, user=file_lock.Holder().user, host=socket.gethostname(), pid=os.getpid(), token="before")
    _crashed_copy(context, saved)
    assert context.windows == []
    window = context.open_file(saved)
    assert answers.questions == []  # nothing asked about our own lock
    assert window.session.doc.project.leader == "崩溃前" and window.isWindowModified()
    assert not window.file_state.read_only and window.file_state.lock.held
    assert context.open_file(saved) is window  # and never a second window with the old content
    assert context.windows == [window]


def test_opening_a_file_whose_recovery_copy_is_declined_opens_the_file(window, saved, context, answers):
    assert window.close()
    slot = _crashed_copy(context, saved)
    answers.restore = False
    other = context.new_window()
    assert other.files.open(saved)  # 打开 offers the copy first; declined, it is deleted
    assert other.session.doc.project.leader == "" and not other.isWindowModified()
    assert not slot.exists() and context.windows == [other]


def test_a_file_is_never_open_twice_in_one_program(window, saved, context, answers):
    assert window.files.open(saved)  # the window's own file: read again, lock kept
    assert window.file_state.lock.held
    assert context.open_file(saved) is window
    assert context.open_file(saved.parent / "." / saved.name) is window
    other = context.new_window()
    assert not other.files.open(saved)  # 打开 in another window brings the first one forward
    assert answers.questions == [] and other.file_state.path is None
    assert context.windows == [window, other]


def test_opening_without_a_lock_file_on_a_full_disk_says_the_work_is_unprotected(window, saved, answers, monkeypatch):
    real_open = os.open

    def full_disk(path, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", full_disk)
    assert window.files.open(saved)
    assert answers.errors and answers.errors[-1][0] == "修改未受保护"
    assert "磁盘已满" in answers.errors[-1][1] and "锁文件" in answers.errors[-1][1]
    assert window.unprotected.isVisible() and "磁盘已满" in window.unprotected.text()
    monkeypatch.setattr(os, "open", real_open)
    answers.save_path = saved.with_name("别处.pdesk")
    assert window.files.save_as()  # a lock on the new file: protected again
    assert not window.unprotected.isVisible()


def test_opened_file_is_locked_until_the_window_lets_go(window, saved):
    assert window.files.open(saved)
    with pytest.raises(file_lock.LockedError):
        file_lock.acquire(saved)
    window.file_state.release()
    file_lock.acquire(saved).release()


def test_recent_files_remember_opened_files_most_recent_first(window, saved, context, tmp_path):
    assert context.recent.paths()[0] == saved.resolve()
    window.recent_menu.aboutToShow.emit()
    assert any(saved.name in a.text() for a in window.recent_menu.actions())
    missing = tmp_path / "gone.pdesk"
    context.recent.add(missing)
    assert context.recent.paths()[:2] == [missing.resolve(), saved.resolve()]
    assert not window.open_recent(missing.resolve())
    assert missing.resolve() not in context.recent.paths()


def test_recent_list_has_no_duplicates_and_a_limit(tmp_path):
    recent = RecentFiles()
    for i in range(LIMIT + 3):
        recent.add(tmp_path / f"{i}.pdesk")
    recent.add(tmp_path / "0.pdesk")
    paths = recent.paths()
    assert len(paths) == LIMIT and paths[0] == (tmp_path / "0.pdesk").resolve()
    assert len(set(paths)) == LIMIT
    assert RecentFiles().paths() == paths  # stored, not only in memory
    recent.clear()
    assert recent.paths() == []


def drag_enter(window, path) -> tuple[QDragEnterEvent, QMimeData]:
    """The event after the window saw it, and its data (which must outlive the event's use)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
    event.setAccepted(False)
    QApplication.sendEvent(window, event)
    return event, mime


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # QDragEnterEvent has only a QPoint constructor
def test_dropping_a_file_opens_it(window, saved, answers):
    answers.template_id = "hubei"
    window.files.new()
    other = saved.with_suffix(".txt")
    assert not drag_enter(window, other)[0].isAccepted()
    enter, data = drag_enter(window, saved)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert window.file_state.path == saved
    assert window.session.doc.project.name == "社区矫正经费"


def test_exported_workbook_opens_and_saves_as_a_new_pdesk(window, answers, tmp_path):
    fill(window)
    answers.save_path = tmp_path / "导出.xlsx"
    answers.yes = False  # do not open the exported file
    assert window.exports.export_excel()
    assert (tmp_path / "导出.xlsx").exists()
    assert "是否现在打开" in answers.questions[-1]
    window.session.undo_stack.setClean()
    assert window.files.open(tmp_path / "导出.xlsx")
    assert window.session.doc.project.name == "社区矫正经费"
    assert window.file_state.path is None and window.file_state.suggested == tmp_path / "导出.pdesk"
    answers.save_path = tmp_path / "导入后.pdesk"
    assert window.files.save()
    assert load_document(tmp_path / "导入后.pdesk").project.name == "社区矫正经费"


def test_export_failure_is_reported_and_the_window_keeps_running(window, answers, tmp_path):
    answers.save_path = tmp_path / "没有这个文件夹" / "表.pdf"
    assert not window.exports.export_pdf()
    assert answers.errors and answers.errors[0][0] == "导出PDF失败"
    assert window.isVisible()


def test_run_opens_the_files_given_on_the_command_line(window, saved, answers, monkeypatch):
    from perfdesk.gui.launch import run
    from perfdesk.gui.main_window import MainWindow

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(QApplication, "exec", lambda *args: 0)
    assert run([str(saved)]) == 0
    opened = [w for w in QApplication.topLevelWidgets()
              if isinstance(w, MainWindow) and w.furnished and w is not window and w.file_state.path == saved]
    assert len(opened) == 1 and opened[0].isVisible()
    assert opened[0].session.doc.project.name == "社区矫正经费"
    opened[0].close()


def _leave_typed_in_an_editor(window, text: str) -> None:
    """Type into 项目负责人 and leave the cell editor open, as a clerk does before Ctrl+S or 导出."""
    view = window.view
    assert view.select_location(loc("project", (), "leader"))
    view.setFocus()
    type_text(view, text[0])
    type_text(QApplication.focusWidget(), text[1:])


def test_text_still_in_a_cell_editor_is_saved_and_asked_about_on_closing(window, saved, answers, qtbot):
    """Ctrl+S or closing while the cursor is still in a cell: the user typed that text, it counts."""
    view = window.view
    _leave_typed_in_an_editor(window, "赵六")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_document(saved).project.leader == "赵六"
    assert not window.isWindowModified()
    assert view.select_location(loc("project", (), "phone"))
    type_text(view, "1")
    type_text(QApplication.focusWidget(), "23")
    answers.save_choice = SaveChoice.CANCEL
    assert not window.close()
    assert answers.save_prompts == ["表.pdesk"] and window.session.doc.project.phone == "123"


@pytest.mark.parametrize("button, choice", [("仍然打开（对方可能已关闭）", LockChoice.TAKE_OVER),
                                            ("以只读方式打开", LockChoice.READ_ONLY), ("取消", LockChoice.CANCEL)])
def test_the_locked_file_question_offers_read_only_take_over_and_cancel(qtbot, button, choice):
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, answer)
            return
        assert isinstance(box, QMessageBox)
        assert "对方" in box.informativeText() and "互相覆盖" in box.informativeText()
        next(b for b in box.buttons() if b.text() == button).click()

    QTimer.singleShot(0, answer)
    assert Prompts().ask_locked("此文件正由 李四（电脑 财政局-PC）打开。") is choice


@pytest.mark.parametrize("export", ["export_excel", "export_pdf"])
def test_text_still_in_a_cell_editor_is_exported(window, answers, tmp_path, export):
    """Exporting while the cursor is still in a cell prints what the user sees there."""
    _leave_typed_in_an_editor(window, "赵六")
    answers.save_path = tmp_path / ("表.xlsx" if export == "export_excel" else "表.pdf")
    answers.yes = False
    assert getattr(window.exports, export)()
    assert window.session.doc.project.leader == "赵六"
    if export == "export_excel":
        from perfdesk.core.files.opening import open_document

        assert open_document(answers.save_path).project.leader == "赵六"
