"""A file read held in its thread while GUI actions run, as when the user acts while a big file is read."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer

from perfdesk.core.files.storage import save_document
from tests.gui.helpers import filled_document


class Reading:
    """A reader held in its thread until `action` has run in the GUI thread, as the read's event loop
    serves it; with `hold` it waits on after that until `release` is set."""

    def __init__(self, action: Callable[[], object], hold: bool) -> None:
        self.action, self.hold = action, hold
        self.started, self.acted, self.release = threading.Event(), threading.Event(), threading.Event()
        self.timer = QTimer()
        self.timer.timeout.connect(self._act)
        self.timer.start(5)

    def _act(self) -> None:
        if self.started.is_set():
            self.timer.stop()
            self.action()
            self.acted.set()

    def wrap(self, real: Callable):
        def slow(*args, **kwargs):
            if not self.started.is_set():  # the first read: a read the action starts is not held
                self.started.set()
                self.acted.wait(5)
                if self.hold:
                    self.release.wait(5)
            return real(*args, **kwargs)
        return slow


def read_during(monkeypatch, module: object, name: str, action: Callable[[], object], hold: bool = False) -> Reading:
    """`module.name` (a reader) does `action` in the GUI thread while it reads."""
    reading = Reading(action, hold)
    monkeypatch.setattr(module, name, reading.wrap(getattr(module, name)))
    return reading


def saved_table(national, path: Path, name: str) -> Path:
    doc = filled_document(national)
    doc.project.name = name
    save_document(doc, path)
    return path
