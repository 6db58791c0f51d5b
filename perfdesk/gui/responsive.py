"""Long reads off the GUI thread, so the window never freezes on opening a file.

Reading is pure core code (no Qt objects), so it runs in a plain thread while
the GUI thread keeps painting in a local event loop. Callers still get the
result in order, as from a direct call; after a short moment a progress dialog
offers 取消 (the read then finishes unseen and its result is dropped: nothing
has been changed yet). The readers' own limits bound how long a read can take.

Anything may happen while the loop runs: the window that asked may be closed (and
deleted, with the dialog), and the program may quit, which ends every loop; the
callers find out afterwards (see `file_actions.FileActions.receive`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")

#: A read quicker than this shows no dialog at all.
SHOW_AFTER_MS = 400
_POLL_MS = 25


class Cancelled(Exception):
    """The user pressed 取消 while the file was being read, or the program began to quit."""


class _Outcome(Generic[T]):
    def __init__(self) -> None:
        self.value: T | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()


def read_responsively(parent: QWidget | None, label: str, work: Callable[[], T]) -> T:
    """`work()` run in a thread while the window stays responsive; its exception is raised
    here, in the GUI thread. Raises `Cancelled` when the user gives up waiting."""
    outcome: _Outcome[T] = _Outcome()

    def run() -> None:
        try:
            outcome.value = work()
        except BaseException as exc:  # handed to the GUI thread, which reports it
            outcome.error = exc
        finally:
            outcome.done.set()

    threading.Thread(target=run, name="perfdesk-read", daemon=True).start()
    if not outcome.done.wait(0.05):  # most files: read before anything needs to be shown
        _wait(parent, label, outcome)
    if outcome.error is not None:
        raise outcome.error
    return outcome.value  # type: ignore[return-value]  # set when `work` returned


def _wait(parent: QWidget | None, label: str, outcome: _Outcome[T]) -> None:
    loop = QEventLoop()
    progress = QProgressDialog(label, "取消", 0, 0, parent)
    progress.setWindowTitle("正在读取")
    progress.setMinimumDuration(2**30)  # shown by `appear` below, not by Qt's own guess
    progress.setAutoReset(False)
    appear = QTimer()
    appear.setSingleShot(True)
    appear.timeout.connect(progress.show)
    appear.start(SHOW_AFTER_MS)

    finished: list[bool] = []  # the read ended the loop (not 取消, nor the program quitting)

    def check() -> None:
        if outcome.done.is_set():
            finished.append(True)
            loop.quit()

    progress.canceled.connect(loop.quit)
    poll = QTimer()
    poll.timeout.connect(check)
    poll.start(_POLL_MS)
    loop.exec()
    poll.stop()
    appear.stop()
    if shiboken6.isValid(progress):  # else deleted with its window, closed while the file was read
        progress.reset()
        progress.deleteLater()
    if not finished:  # 取消, or the program is quitting (its loops end at once): whatever was read is dropped
        raise Cancelled
