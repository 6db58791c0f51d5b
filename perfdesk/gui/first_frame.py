"""Start-up work that can wait until a window's first frame is on screen.

The problems panel's rows (their icons need QStyle's Python type, ~600 enum
members) and the verification code (hashing the whole document) are not needed
to show the table; done after the first paint, the window appears sooner.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """Calls `job` once, from a zero timer started by `window`'s first paint (so after that frame)."""

    def __init__(self, window: QWidget, job: Callable[[], None]) -> None:
        super().__init__(window)
        self._job = job
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._job)  # dropped if the window is deleted first
        return False
