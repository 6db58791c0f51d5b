"""Opening a slow file keeps the window responsive, shows progress and can be cancelled."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from perfdesk.gui import responsive
from perfdesk.gui.responsive import Cancelled, read_responsively


def test_a_quick_read_returns_its_value_and_a_failing_one_raises_in_the_gui_thread(qapp):
    assert read_responsively(None, "读取", lambda: 42) == 42
    with pytest.raises(ValueError, match="坏"):
        read_responsively(None, "读取", lambda: (_ for _ in ()).throw(ValueError("坏")))


def test_a_slow_read_keeps_the_event_loop_running(qapp, monkeypatch):
    monkeypatch.setattr(responsive, "SHOW_AFTER_MS", 50)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    value = read_responsively(None, "读取", lambda: time.sleep(0.5) or "完成")
    timer.stop()
    assert value == "完成" and len(ticks) >= 10  # the GUI thread ran its timers while the file was read


def test_cancel_gives_up_and_changes_nothing(qapp, monkeypatch):
    monkeypatch.setattr(responsive, "SHOW_AFTER_MS", 0)
    release = threading.Event()

    def press_cancel() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        if dialogs:
            dialogs[0].findChild(QPushButton).click()  # the 取消 button, as the user presses it
        else:
            QTimer.singleShot(20, press_cancel)

    QTimer.singleShot(20, press_cancel)
    with pytest.raises(Cancelled):
        read_responsively(None, "正在读取“大表.xlsx”……", lambda: release.wait(10))
    release.set()


def test_the_window_opens_a_file_through_the_background_read(window, tmp_path, monkeypatch):
    from perfdesk.core.files.storage import save_document

    path = tmp_path / "表.pdesk"
    window.session.doc.project.name = "后台读取"
    save_document(window.session.doc, path)
    used = []
    real = responsive.read_responsively
    monkeypatch.setattr("perfdesk.gui.responsive.read_responsively",
                        lambda parent, label, work: used.append(label) or real(parent, label, work))
    assert window.files.open(path, ask_first=False)
    assert used == ["正在读取“表.pdesk”……"] and window.session.doc.project.name == "后台读取"
