"""Answering a real modal dialog in a test: its exec() blocks, so a timer finds and handles it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

POLL_MS = 20
GIVE_UP_AFTER = 250  # polls (5 s): a dialog that never opens must not leave a timer running


def when_modal(kind: type[QWidget], handle: Callable[[Any], object],
               active: Callable[[], QWidget | None] = QApplication.activeModalWidget) -> None:
    """Call `handle(dialog)` as soon as a modal dialog of `kind` is the active modal widget (or, with
    `active=QApplication.activePopupWidget`, as soon as a popup menu of `kind` is open)."""
    polls = 0

    def poll() -> None:
        nonlocal polls
        widget = active()
        if isinstance(widget, kind):
            handle(widget)
        elif polls < GIVE_UP_AFTER:
            polls += 1
            QTimer.singleShot(POLL_MS, poll)

    QTimer.singleShot(0, poll)
