"""The start: the window's frame is on screen first, then that same window shows the table."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from perfdesk.core.rules.profile import TemplateError, TemplateLibrary
from perfdesk.gui import launch
from perfdesk.gui.main_window import MainWindow


def _shown_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_the_frame_is_painted_and_says_which_file_is_being_opened(qtbot, tmp_path):
    frame = launch.show_frame([tmp_path / "2023年 社区矫正经费.pdesk"])
    qtbot.addWidget(frame)
    assert frame.isVisible() and not frame.furnished
    assert frame.statusBar().currentMessage() == "正在打开“2023年 社区矫正经费.pdesk”…"
    assert [a.text() for a in frame.menuBar().actions()] == ["文件(&F)", "编辑(&E)", "审核(&R)", "帮助(&H)"]
    frame.close()  # nothing to save or ask: it holds no table yet
    assert not frame.isVisible()


def test_the_new_table_is_shown_in_the_frame_the_start_showed(qtbot, answers, no_main_loop, monkeypatch):
    frames: list[MainWindow] = []
    show_frame = launch.show_frame
    monkeypatch.setattr(launch, "show_frame", lambda paths: frames.append(show_frame(paths)) or frames[-1])
    assert launch.run([]) == 0
    [window] = _shown_windows()
    assert window is frames[0] and window.furnished
    assert window.centralWidget() is window.view and window.statusBar().currentMessage() == ""
    assert window.windowTitle().startswith("未命名自评表")
    window.close()


def test_broken_templates_are_said_and_the_frame_closes(qtbot, answers, no_main_loop, monkeypatch):
    def broken(self, *args, **kwargs):
        raise TemplateError("模板文件 national-2020.json 已损坏")

    monkeypatch.setattr(TemplateLibrary, "__init__", broken)
    monkeypatch.setattr(QApplication, "exec", lambda *args: pytest.fail("the main loop must not start"))
    assert launch.run([]) == 1
    assert answers.errors and answers.errors[0][0] == "无法启动 PerfDesk"
    assert "national-2020.json 已损坏" in answers.errors[0][1]
    assert _shown_windows() == []


def test_a_file_is_read_under_the_frame_saying_so_with_no_empty_table_to_type_into(
        qtbot, answers, no_main_loop, monkeypatch, tmp_path, national):
    """Reading a big file takes a while, and the window stays responsive meanwhile: what is on screen
    says which file is being opened, not an empty 未命名 table whose typing the file would replace."""
    from perfdesk.core.files import opening
    from perfdesk.core.files.storage import save_document
    from tests.gui.helpers import filled_document

    path = tmp_path / "2023年 社区矫正经费.pdesk"
    save_document(filled_document(national), path)
    seen: list[list[tuple[bool, str]]] = []
    read = opening.open_document

    def slow_read(where):
        seen.append([(w.furnished, w.statusBar().currentMessage()) for w in _shown_windows()])
        return read(where)

    monkeypatch.setattr(opening, "open_document", slow_read)
    assert launch.run([str(path)]) == 0
    assert seen == [[(False, "正在打开“2023年 社区矫正经费.pdesk”…")]]
    [window] = _shown_windows()
    assert window.furnished and window.file_state.path == path
    window.close()


def test_a_file_that_cannot_be_read_leaves_the_frame_for_a_new_table(qtbot, answers, no_main_loop, monkeypatch,
                                                                     tmp_path):
    path = tmp_path / "坏.pdesk"
    path.write_bytes(b"not a table")
    frames: list[MainWindow] = []
    show_frame = launch.show_frame
    monkeypatch.setattr(launch, "show_frame", lambda paths: frames.append(show_frame(paths)) or frames[-1])
    assert launch.run([str(path)]) == 0
    assert answers.errors and answers.errors[0][0] == "无法打开文件"
    [window] = _shown_windows()
    assert window is frames[0] and window.furnished and window.file_state.path is None
    window.close()
