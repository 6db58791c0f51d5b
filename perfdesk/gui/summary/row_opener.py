"""Opening a 汇总 row's table in a main window, as a reviewer would, and hearing when it changes.

The 汇总 row is re-read when the table's window saves it (its undo stack turns
clean) or closes. A watch is a child of the 汇总 window, so a window that
outlives the 汇总 window no longer calls into it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal

from perfdesk.gui.file_actions import bring_forward

if TYPE_CHECKING:
    from perfdesk.gui.app import AppContext
    from perfdesk.gui.main_window import MainWindow


class _Watch(QObject):
    """One opened table: says `changed(file)` when its window saves or goes away."""

    changed = Signal(str)
    gone = Signal()

    def __init__(self, key: tuple[str, str], window: MainWindow, parent: QObject) -> None:
        super().__init__(parent)
        self.key, self.window, self.session = key, window, window.session
        window.session.undo_stack.cleanChanged.connect(self._clean_changed)
        window.destroyed.connect(self._closed)

    @property
    def showing(self) -> bool:
        """The window still shows the table it was opened for (打开 in it replaces its session)."""
        return self.window.session is self.session

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.changed.emit(self.key[0])

    def _closed(self) -> None:
        self.changed.emit(self.key[0])
        self.gone.emit()
        self.deleteLater()


class RowOpener(QObject):
    """Opens files in main windows of `context`; `changed(file)` asks for that file's rows to be re-read."""

    changed = Signal(str)

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._watches: dict[tuple[str, str], _Watch] = {}  # (file, where): one per sheet of a workbook

    def open(self, file: str, where: str = "") -> MainWindow | None:
        """The main window showing `file` (its sheet or table `where`, when it holds several); one
        this opens is put in review mode (the reviewer is asked their name once). None when it
        could not be opened (its window has said why)."""
        key = (file, where)
        watch = self._watches.get(key)
        if watch is not None and watch.showing:  # an imported sheet has no file for `window_for` to find
            bring_forward(watch.window)
            return watch.window
        if watch is not None:  # its window went on to another file: watch afresh
            del self._watches[key]
            watch.deleteLater()
        path = Path(file)
        fresh = self.context.window_for(path) is None
        window = self.context.open_file(path, where)
        if window is None:
            return None
        if shiboken6.isValid(self):  # else the 汇总 window was closed while the file was read: none to tell
            watch = _Watch(key, window, self)
            watch.changed.connect(self.changed)
            watch.gone.connect(self._forget)
            self._watches[key] = watch
        if fresh and not window.review.review_mode:
            window.review.set_review_mode(True)
        bring_forward(window)
        return window

    def _forget(self) -> None:
        watch = self.sender()
        if isinstance(watch, _Watch) and self._watches.get(watch.key) is watch:
            del self._watches[watch.key]
