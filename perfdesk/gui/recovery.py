"""Autosave of the edited document to its recovery slot (the restore dialog: recovery_dialog).

A change — a committed edit or a key typed into a still-open cell editor — is
written at once after a quiet spell, else when the latency since the last write
is up; later changes never postpone a write that is due (a maximum latency, not a
debounce: steady typing would postpone a debounce for ever). So a crash loses at
most the latency (1.8 s) of typing, and the first key after a pause is in the
copy at once. Text in an open editor is applied to a copy of the document for
the recovery copy; nothing is committed to the undo stack. A document with
nothing unsaved has no copy; one whose copy cannot be written shows a red note
until a copy is written again. See perfdesk.core.files.recovery for the files.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QStatusBar

from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.files.recovery import RecoverySlot
from perfdesk.core.model import edits
from perfdesk.core.model.document import Document
from perfdesk.core.model.results import Location
from perfdesk.gui.fitted_text import FittedLabel
from perfdesk.gui.session import DocumentSession

#: Longest time from a change to its recovery copy (the write itself takes a few ms).
MAX_LATENCY_MS = 1_800
#: A copy that could not be written (disk full) is tried again this often until it succeeds.
RETRY_MS = 15_000

UncommittedEdit = Callable[[], tuple[Location, str] | None]


class Autosaver(QObject):
    """Keeps the recovery copy of one window's document up to date."""

    #: Chinese reason the copy could not be written; "" once a copy is written again.
    problem = Signal(str)

    def __init__(self, slot: RecoverySlot, parent: QObject | None = None,
                 latency_ms: int = MAX_LATENCY_MS, retry_ms: int = RETRY_MS) -> None:
        super().__init__(parent)
        self.slot = slot
        self.session: DocumentSession | None = None
        self.original: Path | None = None
        self.title = ""
        self._uncommitted: UncommittedEdit = lambda: None
        self._latency, self._retry = latency_ms, retry_ms
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.save_now)
        self._since_write = QElapsedTimer()
        self._problem = ""

    def attach(self, session: DocumentSession, original: Path | None, title: str) -> None:
        """Follow `session` (a newly opened document replaces the previous one)."""
        self._detach()
        self.session, self.original, self.title = session, original, title
        session.changed.connect(self.schedule)
        session.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._on_clean_changed(session.undo_stack.isClean())

    def follow_editor(self, uncommitted: UncommittedEdit, editing: SignalInstance) -> None:
        """Include what the open cell editor holds (`uncommitted()`); `editing` fires as it changes."""
        self._uncommitted = uncommitted
        editing.connect(self.schedule)

    def rename(self, original: Path | None, title: str) -> None:
        """The document now belongs to another file (Save As)."""
        self.original, self.title = original, title

    def schedule(self) -> None:
        """Write at once after a quiet spell, else when the latency since the last write is up.

        A write already due is never postponed; so whatever was typed is in the copy
        within the latency, and the first key after a pause is there at once.
        """
        if not self._timer.isActive():
            since = self._since_write.elapsed() if self._since_write.isValid() else self._latency
            self._timer.start(max(0, self._latency - since))

    def snapshot(self) -> Document | None:
        """The document as the user sees it, open editor included; None when nothing is unsaved."""
        if self.session is None:
            return None
        doc = self.session.doc
        typed = self._typed(doc)
        if typed is None:
            return None if self.session.undo_stack.isClean() else doc
        shown = copy.deepcopy(doc)
        edits.set_field(shown, *typed)
        return shown

    def save_now(self) -> bool:
        """Bring the copy up to date (write it, or remove it when nothing is unsaved); False on failure."""
        self._timer.stop()
        if self.session is None:
            return True
        doc = self.snapshot()
        try:
            if doc is None:
                self.slot.remove()
            else:
                self.slot.write(doc, self.original, self.title)
                self._since_write.start()
        except (DocumentFileError, OSError) as exc:
            reason = str(exc) if isinstance(exc, DocumentFileError) else "磁盘可能已满，或恢复文件夹不可写入。"
            self._set_problem(f"恢复副本无法写入，程序意外退出时未保存的修改会丢失。{reason}")
            self._timer.start(self._retry)
            return False
        self._set_problem("")
        return True

    def discard(self) -> None:
        """Stop following the document and delete the copy (the window closes; the user chose)."""
        self._detach()
        self._timer.stop()
        self.slot.remove()

    def _detach(self) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self.schedule)
            self.session.undo_stack.cleanChanged.disconnect(self._on_clean_changed)
            self.session = None
    def _typed(self, doc: Document) -> tuple[Location, str] | None:
        """The open editor's field and normalised text when it differs from the document."""
        pending = self._uncommitted()
        if pending is None:
            return None
        where, text = pending
        text = edits.normalise_text(text, where.field)
        try:
            return (where, text) if text != edits.get_field(doc, where) else None
        except edits.EditError:
            return None

    def _set_problem(self, text: str) -> None:
        if text != self._problem:
            self._problem = text
            self.problem.emit(text)

    def _on_clean_changed(self, clean: bool) -> None:
        # Saved or undone back to the saved state: the copy goes now (unless an open editor
        # still holds typed text); `changed` comes from inside QUndoStack.push, before the
        # stack leaves its clean state, so it only schedules. A dying stack (window deleted,
        # program ending after SIGTERM) also reports itself clean: that keeps the copy.
        if self.session is None or not shiboken6.isValid(self.session.undo_stack):
            return
        if clean:
            self.save_now()
        else:
            self.schedule()


class UnprotectedWarning(FittedLabel):
    """A red note in the status bar while the work is not protected; it stays until that is fixed.

    Reasons are keyed (`lock`, `recovery`) so each source sets or clears its own.
    """

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.setStyleSheet("QLabel { color: white; background: #b3261e; padding: 1px 6px; }")
        self.setWordWrap(False)
        self._reasons: dict[str, str] = {}
        bar.addPermanentWidget(self)
        self.hide()

    def set_reason(self, key: str, text: str) -> None:
        if text:
            self._reasons[key] = text
        else:
            self._reasons.pop(key, None)
        message = "；".join(self._reasons.values())
        text = f"⚠ 修改未受保护：{message}" if message else ""
        self.show_text(text, tip=text)
        self.setVisible(bool(self._reasons))

    def reasons(self) -> list[str]:
        return list(self._reasons.values())
