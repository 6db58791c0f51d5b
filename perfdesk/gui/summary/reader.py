"""Reading a 汇总's files off the GUI thread: scanning folders and `summarize_paths` in a QThread.

The thread never talks to widgets. It adds rows to a buffer and signals
`available` only when the buffer was empty, so the GUI gets one queued signal per
drain and takes whole batches (at most every `DRAIN_MS`), however fast files are
read. Cancelling sets an Event that the scan and the pool both check.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from perfdesk.core.files import problem_log
from perfdesk.core.summary.batch import TIME_LIMIT, summarize_paths
from perfdesk.core.summary.row import SummaryRow
from perfdesk.core.summary.scan import table_files

#: The window takes what has arrived at most this often (ms): the grid is redrawn in batches.
DRAIN_MS = 100


def _key(path: str | Path) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return str(Path(path).absolute())


class SummaryReader(QThread):
    """Reads the tables under `paths` (files and folders), skipping the files in `known`."""

    #: The files found (in order, as `str`), before any is read; the progress bar's N.
    found = Signal(list)
    #: Rows are waiting in the buffer: call `take()`.
    available = Signal()

    def __init__(self, paths: Sequence[str | Path], known: Sequence[str] = (), workers: int | None = None,
                 time_limit: float = TIME_LIMIT, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = [str(p) for p in paths]
        self.known = list(known)
        self.workers = workers
        self.time_limit = time_limit
        self.cancelled = threading.Event()
        self.failure = ""  # why reading stopped early (in Chinese), "" when it did not
        self._lock = threading.Lock()
        self._buffer: list[SummaryRow] = []

    def cancel(self) -> None:
        self.cancelled.set()

    def take(self) -> list[SummaryRow]:
        """The rows read since the last call (GUI thread)."""
        with self._lock:
            rows, self._buffer = self._buffer, []
        return rows

    def run(self) -> None:
        try:
            self._read()
        except Exception as exc:  # noqa: BLE001 — a bug must not leave the window waiting forever
            problem_log.record("汇总", exc)
            self.failure = f"读取中断（内部错误，详细原因已记入日志 {problem_log.log_path()}）：{exc}"

    def _read(self) -> None:
        known = {_key(f) for f in self.known}
        files: list[str] = []
        for path in table_files(self.paths):
            if self.cancelled.is_set():
                return
            if _key(path) not in known:
                files.append(str(path))
        self.found.emit(files)
        for batch in summarize_paths(files, self.workers, self.cancelled, self.time_limit):
            with self._lock:
                was_empty = not self._buffer
                self._buffer.extend(batch)
            if was_empty:
                self.available.emit()
