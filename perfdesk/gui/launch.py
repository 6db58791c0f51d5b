"""The desktop application's start: a window on screen first, then the program behind it.

Loading PerfDesk (its rules, templates, table and panels) takes longer than Qt
needs to show a window, so the first window's frame (title bar, menu bar, a
status line saying what is being prepared) is shown and painted first, with
nothing but Qt and the shipped font loaded; `app.run` then loads the rest and
furnishes that same window with the table (a file given to open is read into a
window of its own, shown in the frame's place: the frame says what it opens until
then). Someone who double-clicks PerfDesk or a file sees at once that it is
starting. `tests/gui/test_startup_imports.py` keeps this module and the frame free
of the program's core.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

from perfdesk import __version__
from perfdesk.gui.fonts import install_chinese_font
from perfdesk.gui.main_window import MainWindow
from perfdesk.gui.qt_translations import install_qt_translations

#: How long the start waits for the frame to be painted: a window manager that never
#: shows it (a start minimised to the taskbar) must not hold the program back.
FIRST_FRAME_WAIT_MS = 500


def create_qapplication(argv: list[str]) -> QApplication:
    """The application object with PerfDesk's names, Qt's Chinese texts and the shipped Chinese font.

    An existing QApplication (an embedding program, the test runner) is reused.
    """
    existing = QApplication.instance()
    program = sys.argv[0] if sys.argv else "perfdesk"
    app = existing if isinstance(existing, QApplication) else QApplication([program, *argv])
    app.setApplicationName("PerfDesk")
    app.setApplicationDisplayName("PerfDesk")
    app.setOrganizationName("PerfDesk")
    app.setApplicationVersion(__version__)
    install_qt_translations(app)
    install_chinese_font(app)
    return app


class _FirstPaint(QObject):
    """Ends `loop` once the watched window has painted itself."""

    def __init__(self, loop: QEventLoop) -> None:
        super().__init__(loop)
        self.loop = loop

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self.loop.quit()  # after this event: the whole frame is painted in the same pass
        return False


def show_frame(paths: list[Path]) -> MainWindow:
    """The first window's frame, shown and painted, saying what is being prepared."""
    window = MainWindow()
    window.statusBar().showMessage(f"正在打开“{paths[0].name}”…" if paths else "正在启动…")
    loop = QEventLoop()
    window.installEventFilter(_FirstPaint(loop))
    QTimer.singleShot(FIRST_FRAME_WAIT_MS, loop, loop.quit)
    window.show()
    loop.exec()
    return window


def run(argv: list[str]) -> int:
    """The desktop application; `argv` are the files to open (.pdesk, exported or hand-made tables)."""
    app = create_qapplication(argv)
    paths = [Path(arg) for arg in argv if not arg.startswith("-")]
    first = show_frame(paths)
    if not first.isVisible():  # closed while it was being painted: the user changed their mind
        return 0
    from perfdesk.gui import app as program  # the rest of PerfDesk, while its window is already seen

    return program.run(app, paths, first)
