"""A file being read keeps the event loop running: windows may close, and the program may quit, meanwhile.

Each test holds the reader in its thread until something has happened in the GUI
thread (a window closed, the program told to quit, a second 打开), as when the user
does it while a big file is read, then checks how the open ends.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from perfdesk.core.files import opening
from perfdesk.core.files.lock import lock_path
from perfdesk.core.files.recovery import RecoveryStore
from perfdesk.core.model.factory import new_document
from perfdesk.gui import import_report, launch
from perfdesk.gui.main_window import MainWindow
from perfdesk.paths import user_data_dir
from tests.core.imports.corpus import VARIANTS, content_for, render, write_docx
from tests.gui.reading import read_during, saved_table


def shown_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def close_shown() -> None:
    for window in shown_windows():
        window.close()


def test_closing_the_window_while_its_file_is_read_opens_the_file_in_a_window_of_its_own(
        context, window, answers, national, monkeypatch, tmp_path):
    path = saved_table(national, tmp_path / "大表.pdesk", "读取中关闭")
    read_during(monkeypatch, opening, "open_document", window.close)
    assert window.files.open(path, ask_first=False)
    [opened] = context.windows
    assert opened is not window and opened.isVisible() and opened.file_state.path == path
    assert opened.session.doc.project.name == "读取中关闭" and opened.file_state.lock is not None
    assert answers.errors == [] and path in context.recent.paths()


def test_closing_the_window_while_its_table_is_imported_imports_it_in_a_window_of_its_own(
        context, window, answers, monkeypatch, tmp_path):
    layout, options = VARIANTS["no-weight-column"]
    path = tmp_path / "县水利局自评表.docx"
    write_docx([render(content_for(options), layout)], path)
    read_during(monkeypatch, import_report, "import_file", window.close)
    assert window.files.open(path)
    [opened] = context.windows
    assert opened is not window and opened.isVisible()
    assert opened.session.doc.project.name == "农村饮水安全巩固提升工程"
    reports = [w for w in QApplication.topLevelWidgets() if isinstance(w, import_report.ImportReportDialog)]
    assert [r.window_ for r in reports if r.isVisible()] == [opened]


def test_an_error_found_after_the_window_closed_is_still_said(context, window, answers, monkeypatch, tmp_path):
    path = tmp_path / "坏.pdesk"
    path.write_bytes(b"not a table")
    read_during(monkeypatch, opening, "open_document", window.close)
    assert not window.files.open(path, ask_first=False)
    assert context.windows == [] and [title for title, _ in answers.errors] == ["无法打开文件"]


def test_quitting_while_a_file_is_read_opens_nothing_and_says_nothing(
        qapp, context, window, answers, national, monkeypatch, tmp_path):
    """Ctrl+Q (every window closes, the program's loops end) while the read still runs."""
    path = saved_table(national, tmp_path / "大表.pdesk", "退出时读取")
    reading = read_during(monkeypatch, opening, "open_document", QApplication.closeAllWindows, hold=True)
    opened: list[bool] = []
    QTimer.singleShot(0, lambda: opened.append(window.files.open(path, ask_first=False)))
    safety = QTimer(singleShot=True, interval=5000)  # the test fails below instead of hanging
    safety.timeout.connect(QApplication.quit)
    safety.start()
    qapp.exec()  # the main loop: the last window closed ends it, and every loop inside it
    safety.stop()
    reading.release.set()
    assert opened == [False] and context.windows == [] and shown_windows() == []
    assert answers.errors == [] and not lock_path(path).exists()


def test_a_second_open_while_a_file_is_read_waits_for_it(window, answers, national, monkeypatch, tmp_path):
    first = saved_table(national, tmp_path / "甲.pdesk", "甲")
    second = saved_table(national, tmp_path / "乙.pdesk", "乙")
    answers.open_path = second
    asked: list[bool | str] = []
    read_during(monkeypatch, opening, "open_document",
                lambda: asked.extend([window.files.open(second), window.files.open_dialog(), window.files.new(),
                                      window.statusBar().currentMessage()]))
    assert window.files.open(first, ask_first=False)
    assert asked == [False, False, False,  # else the file would replace what they opened
                     "正在读取“甲.pdesk”，读完后才能新建、打开或导入。"]
    assert window.file_state.path == first and window.session.doc.project.name == "甲"
    assert window.statusBar().currentMessage() == ""  # read: the note is gone with it
    assert not lock_path(second).exists() and answers.template_questions == []


def test_a_file_another_window_opened_while_it_was_read_is_not_opened_twice(
        context, window, answers, national, monkeypatch, tmp_path):
    path = saved_table(national, tmp_path / "大表.pdesk", "两个窗口")
    other = context.new_window()
    other.show()
    read_during(monkeypatch, opening, "open_document", lambda: other.files.open(path, ask_first=False))
    assert not window.files.open(path, ask_first=False)
    assert other.file_state.path == path and window.file_state.path is None
    assert answers.questions == []  # not "此文件正由……打开" about its own other window


def test_closing_the_start_frame_while_its_file_is_read_ends_the_start(
        qtbot, answers, no_main_loop, national, monkeypatch, tmp_path):
    path = saved_table(national, tmp_path / "大表.pdesk", "启动时读取")
    read_during(monkeypatch, opening, "open_document", close_shown)
    assert launch.run([str(path)]) == 0
    assert shown_windows() == [] and answers.errors == [] and not lock_path(path).exists()


def test_closing_the_summary_window_while_a_row_is_read_still_opens_the_table(
        qtbot, context, answers, national, monkeypatch, tmp_path):
    from PySide6.QtCore import Qt

    from perfdesk.gui.summary.row_opener import RowOpener

    path = saved_table(national, tmp_path / "乙.pdesk", "汇总中打开")
    summary = QWidget()  # stands for the 汇总 window: the opener is its child
    summary.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    summary.show()
    opener = RowOpener(context, summary)
    monkeypatch.setattr("perfdesk.gui.review.controller.ReviewController.reviewer_name", lambda self: "李四")
    read_during(monkeypatch, opening, "open_document", summary.close)
    window = opener.open(str(path))
    assert window is not None and window.isVisible() and window.file_state.path == path
    assert window.review.review_mode and context.windows == [window]


def test_closing_the_restored_table_while_a_file_is_read_at_start_opens_the_file(
        qtbot, answers, no_main_loop, national, monkeypatch, tmp_path):
    """The frame shows the table restored from a crash; the file given at start is read after it."""
    slot = RecoveryStore(user_data_dir() / "recovery").new_slot()
    slot.write(new_document(national), None, "恢复的表")
    meta = json.loads(slot.meta_path.read_text(encoding="utf-8"))
    slot.meta_path.write_text(json.dumps({**meta, "host": "另一台电脑"}), encoding="utf-8")  # not this process's
    path = saved_table(national, tmp_path / "大表.pdesk", "启动时读取")
    read_during(monkeypatch, opening, "open_document", close_shown)
    assert launch.run([str(path)]) == 0
    [window] = shown_windows()
    assert window.file_state.path == path and answers.save_prompts == ["恢复的表"]
    window.close()
