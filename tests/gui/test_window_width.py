"""Texts that grow with the document (a problem, a file's name, why the work is unprotected) never make the
window wider than it is: they are cut with … to the room they have, the whole text in their tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from perfdesk.core.files.lock import Holder, Lock
from perfdesk.core.model.results import Location
from perfdesk.gui.file_actions import FileState
from perfdesk.gui.main_window import MainWindow
from tests.gui.reading import saved_table

ROW = (0, 0, 0)
#: A real 三级 name, as pasted from a published table; with no 分值, the first problem names it.
LONG_NAME = "2.筑牢社区矫正安全底线，严防社区矫正对象脱管漏管和重新违法犯罪"


def laid_out(window: MainWindow) -> int:
    """The window's width once its layouts have settled (a layout request posts the next one)."""
    for _ in range(5):
        QApplication.processEvents()
    return window.width()


def fits(widget) -> bool:
    return widget.fontMetrics().horizontalAdvance(widget.text()) <= widget.width()


def test_a_long_first_problem_is_cut_in_its_panel_instead_of_widening_the_window(window, qtbot):
    width = laid_out(window)
    assert window.session.set_many([(Location("indicator", ROW, "name"), LONG_NAME),
                                    (Location("indicator", ROW, "target"), "≥100人")], "粘贴")
    assert laid_out(window) == width <= window.screen().availableGeometry().width()
    summary = window.problems.summary
    assert summary.text().startswith("▸ 问题（2 个错误，3 个警告）：产出指标 › 数量指标 › 2.")
    assert summary.text().endswith("…（点击展开）")
    assert "整组分值" in summary.full_text() and summary.toolTip() == summary.full_text() and fits(summary)
    shown = summary.text()
    window.resize(width // 2, window.height())
    assert laid_out(window) == width // 2 and fits(summary) and len(summary.text()) < len(shown)
    window.resize(width, window.height())
    assert laid_out(window) == width and summary.text() == shown  # room again: as much shown as before
    window.session.undo_stack.undo()
    laid_out(window)
    assert "…" not in summary.text() and summary.toolTip() == "显示或隐藏问题列表"


def test_a_long_file_name_with_a_long_problem_keeps_the_window_as_wide_as_it_was(window, qtbot, national, tmp_path):
    width = laid_out(window)
    path = saved_table(national, tmp_path / f"{LONG_NAME}（第二次修改稿，已核对）.pdesk", LONG_NAME * 2)
    path.chmod(0o444)  # opened read-only: the status line says so too
    assert window.files.open(path)
    window.session.set_text(Location("indicator", ROW, "weight"), "")
    assert laid_out(window) == width and window.file_state.read_only
    assert fits(window.problems.summary)


def test_the_note_that_the_work_is_unprotected_is_cut_with_an_ellipsis_not_mid_character(window, qtbot, tmp_path):
    width = laid_out(window)
    lock = Lock(tmp_path / "~$表.pdesk.lock", Holder("张三", "办公室电脑", 1, "t", ""), held=False,
                problem="没有在该文件夹中创建文件的权限")
    window.set_file_state(FileState(tmp_path / "表.pdesk", "表.pdesk", lock=lock))
    window.unprotected.set_reason("recovery", "恢复副本无法写入，程序意外退出时未保存的修改会丢失。磁盘可能已满。")
    note = window.unprotected
    assert laid_out(window) == width and note.isVisible() and fits(note) and note.text().endswith("…")
    assert note.toolTip() == note.full_text() and note.full_text().endswith("磁盘可能已满。")
    assert note.text().startswith("⚠ 修改未受保护：无法创建锁文件（")
    window.grab().save(str(tmp_path / "note.png"))
