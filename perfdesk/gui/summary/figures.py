"""The figures over the whole list, computed off the GUI thread: duplicates, totals, filter choices.

For thousands of rows `duplicates()` and `totals()` take longer than a frame, so
they run in a plain thread on a snapshot of the entries (rows are immutable;
an entry's row is only ever replaced whole). Requests made while one runs are
merged: only the latest is computed next, and results arrive in request order.
"""

from __future__ import annotations

import operator
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from perfdesk.core.summary.row import SummaryRow
from perfdesk.core.summary.totals import duplicates
from perfdesk.gui.summary.columns import Entry
from perfdesk.gui.summary.filters import NO_DEPARTMENT, RowFilter
from perfdesk.gui.summary.totals_line import totals_text


@dataclass(frozen=True)
class Figures:
    generation: int  # of the request computed (the latest made before it started)
    entries: list[Entry]  # the snapshot, in 序号 order
    rows: list[SummaryRow]  # their rows then (an entry's row is replaced when its file is read again)
    duplicates: dict[int, str]  # index into `entries` -> why it looks like a duplicate
    totals: str  # the totals line of the rows the filter shows
    statuses: set[str] = field(default_factory=set)  # the choices the filter bar offers
    grades: set[str] = field(default_factory=set)
    departments: set[str] = field(default_factory=set)


def compute(generation: int, entries: list[Entry], row_filter: RowFilter, grade_order: Sequence[str],
            known: Figures | None = None) -> Figures:
    """The figures of `entries`; the duplicates of `known` are taken over when it has the very same rows
    (a new filter or search changes the totals line only)."""
    rows = [e.row for e in entries]
    readable = [r for r in rows if r.ok]
    if known is not None and (len(known.rows) != len(rows) or not all(map(operator.is_, known.rows, rows))):
        known = None
    return Figures(
        generation=generation,
        entries=entries,
        rows=rows,
        duplicates=known.duplicates if known is not None else duplicates(rows),
        totals=totals_text([e.row for e in row_filter.shown(entries)], len(rows), grade_order),
        statuses={r.review_status for r in readable},
        grades={r.grade for r in readable if r.grade},
        departments={r.department or NO_DEPARTMENT for r in readable},
    )


class FiguresWorker(QObject):
    """`request()` from the GUI thread; `ready(Figures)` arrives there (a queued signal)."""

    ready = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._next: tuple[int, list[Entry], RowFilter, tuple[str, ...]] | None = None
        self._thread: threading.Thread | None = None
        self._last: Figures | None = None  # the worker thread's own: whose duplicates may be reused

    def request(self, generation: int, entries: list[Entry], row_filter: RowFilter,
                grade_order: Sequence[str]) -> None:
        """`generation` grows with every request; the `Figures` that carries the latest one is current."""
        with self._lock:
            self._next = (generation, entries, row_filter, tuple(grade_order))
            if self._thread is not None:
                return  # the running thread takes it next
            self._thread = threading.Thread(target=self._run, name="perfdesk-summary-figures", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                job, self._next = self._next, None
                if job is None:
                    self._thread = None
                    return
            figures = self._last = compute(*job, known=self._last)
            self.ready.emit(figures)

    def wait(self) -> None:
        """Until the last request is computed (closing: no signal may come from a deleted object)."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join()
