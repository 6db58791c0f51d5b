"""Autosave of the edited document to its recovery slot (the restore dialog: recovery_dialog).

The autosaver writes ~2 s after the last change and every ~30 s while the
document stays modified; a clean undo stack (saved, or undone back to the saved
state) removes the copy. See perfdesk.core.files.recovery for the files themselves.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.files.recovery import RecoverySlot
from perfdesk.gui.session import DocumentSession

DEBOUNCE_MS = 2_000
PERIOD_MS = 30_000


class Autosaver(QObject):
    """Keeps the recovery copy of one window's document up to date."""

    #: Chinese message when a recovery copy could not be written (shown in the status bar).
    failed = Signal(str)

    def __init__(self, slot: RecoverySlot, parent: QObject | None = None,
                 debounce_ms: int = DEBOUNCE_MS, period_ms: int = PERIOD_MS) -> None:
        super().__init__(parent)
        self.slot = slot
        self.session: DocumentSession | None = None
        self.original: Path | None = None
        self.title = ""
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self.save_now)
        self._period = QTimer(self, interval=period_ms)
        self._period.timeout.connect(self.save_now)

    def attach(self, session: DocumentSession, original: Path | None, title: str) -> None:
        """Follow `session` (a newly opened document replaces the previous one)."""
        if self.session is not None:
            self.session.changed.disconnect(self._on_changed)
            self.session.undo_stack.cleanChanged.disconnect(self._on_clean_changed)
        self.session, self.original, self.title = session, original, title
        session.changed.connect(self._on_changed)
        session.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._on_clean_changed(not self._modified())

    def rename(self, original: Path | None, title: str) -> None:
        """The document now belongs to another file (Save As)."""
        self.original, self.title = original, title

    def save_now(self) -> bool:
        """Write the copy if the document is modified; False when writing failed."""
        if not self._modified():
            return True
        try:
            self.slot.write(self.session.doc, self.original, self.title)
        except (DocumentFileError, OSError) as exc:
            self.failed.emit(f"无法写入恢复副本：{exc}")
            return False
        return True

    def discard(self) -> None:
        """Stop and delete the copy (the document is saved, or the user chose not to keep it)."""
        self._debounce.stop()
        self._period.stop()
        self.slot.remove()

    def _modified(self) -> bool:
        return self.session is not None and not self.session.undo_stack.isClean()

    def _on_changed(self) -> None:
        # `changed` comes from inside QUndoStack.push, before the stack leaves its clean
        # state: start the timers unconditionally; save_now checks whether anything changed.
        self._debounce.start()
        if not self._period.isActive():
            self._period.start()

    def _on_clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard()
        else:
            self._on_changed()
