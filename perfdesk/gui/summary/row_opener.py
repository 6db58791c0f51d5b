"""Opening a 汇总 row's table in a main window, as a reviewer would, and hearing when it changes.

The 汇总 row is re-read when the table's window saves it (its undo stack turns
clean) or closes. A watch is a child of the 汇总 window, so a window that
outlives the 汇总 window no longer calls into it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from perfdesk.gui.file_actions import bring_forward

if TYPE_CHECKING:
    from perfdesk.gui.app import AppContext
    from perfdesk.gui.main_window import MainWindow


class _Watch(QObject):
    """One opened table: says `changed(file)` when its window saves or goes away."""

    changed = Signal(str)
    gone = Signal(str)

    def __init__(self, file: str, window: MainWindow, parent: QObject) -> None:
        super().__init__(parent)
        self.file, self.window = file, window
        window.session.undo_stack.cleanChanged.connect(self._clean_changed)
        window.destroyed.connect(self._closed)

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.changed.emit(self.file)

    def _closed(self) -> None:
        self.changed.emit(self.file)
        self.gone.emit(self.file)
        self.deleteLater()


class RowOpener(QObject):
    """Opens files in main windows of `context`; `changed(file)` asks for that row to be re-read."""

    changed = Signal(str)

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._watches: dict[str, _Watch] = {}

    def open(self, file: str) -> MainWindow | None:
        """The main window showing `file`; one this opens is put in review mode (the reviewer is
        asked their name once). None when it could not be opened (its window has said why)."""
        path = Path(file)
        fresh = self.context.window_for(path) is None
        window = self.context.open_file(path)
        if window is None:
            return None
        watch = self._watches.get(file)
        if watch is None or watch.window is not window:
            watch = _Watch(file, window, self)
            watch.changed.connect(self.changed)
            watch.gone.connect(self._forget)
            self._watches[file] = watch
        if fresh and not window.review.review_mode:
            window.review.set_review_mode(True)
        bring_forward(window)
        return window

    def _forget(self, file: str) -> None:
        watch = self._watches.get(file)
        if watch is not None and watch is self.sender():
            del self._watches[file]
