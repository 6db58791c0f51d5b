"""How responsive the 汇总 window stays while it reads (a script, not a test).

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_summary_window.py [FILES] [ROWS]`
1. FILES copies of the worked example (default 200) read by the real process pool
   into a shown 1366×768 window: wall time to the last row, and the event loop's
   gaps (a 5 ms timer in the GUI thread; a gap is the time between two ticks).
2. ROWS rows (default 5000) arriving as fast as a large pool delivers them (batches of
   8 every 2 ms, made from one real row), then a header click (sort), a search and
   its clearing on the full list: the longest gap of each, and the CPU time the GUI thread
   spent on it (which other load on the machine cannot inflate). Aim: no gap over 50 ms.
"""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from unittest.mock import patch

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ziyang-community-correction-2022.pdesk"


class Gaps:
    """The GUI thread's pauses, seen by a 5 ms timer."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = 0
        self.gaps: list[int] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(5)

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.gaps.append(now - self.last)
        self.last = now

    def reset(self) -> None:
        self.gaps, self.last = [], self.clock.elapsed()

    def report(self, label: str, wall: float, cpu: float | None = None) -> None:
        gaps = self.gaps or [0]
        p95 = statistics.quantiles(gaps, n=20)[-1] if len(gaps) > 1 else gaps[0]
        busy = "" if cpu is None else f", GUI thread CPU {cpu * 1000:.0f} ms"
        print(f"{label}: {wall * 1000:.0f} ms wall{busy}, gaps p95 {p95:.0f} ms, max {max(gaps)} ms, "
              f"over 50 ms: {sum(g > 50 for g in gaps)} of {len(gaps)}")


def _settle(app: QApplication, window) -> None:
    while window.busy:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()


def real_files(app: QApplication, context, count: int) -> None:
    from perfdesk.gui.summary.window import SummaryWindow

    with tempfile.TemporaryDirectory() as tmp:
        for number in range(count):
            shutil.copy(EXAMPLE, Path(tmp) / f"表{number:04d}.pdesk")
        gaps = Gaps()
        start = time.perf_counter()
        window = SummaryWindow(context, [tmp])
        first: list[float] = []
        window.model.rowsInserted.connect(lambda *_: first or first.append(time.perf_counter() - start))
        window.resize(1366, 768)
        window.show()
        _settle(app, window)
        gaps.report(f"{count} files read by the pool ({window.model.rowCount()} rows)", time.perf_counter() - start)
        print(f"  first rows shown after {first[0] * 1000:.0f} ms" if first else "  no row shown")
        window.close()
        _settle(app, window)


def many_rows(app: QApplication, context, count: int) -> None:
    import perfdesk.gui.summary.reader as reader
    from perfdesk.core.summary.row import summarize_file
    from perfdesk.gui.summary.window import SummaryWindow

    [base] = summarize_file(EXAMPLE)
    random.seed(1)
    rows = {f"/汇总/{i:05d}.pdesk": dataclasses.replace(
        base, file=f"/汇总/{i:05d}.pdesk", name=f"项目{random.randint(0, 99999)}", code=f"C{i}",
        budget=Decimal(random.randint(1, 999)), department=f"部门{i % 40}") for i in range(count)}

    def deliver(files, workers=None, cancel=None, time_limit=None):
        files = list(files)
        for k in range(0, len(files), 8):
            if cancel is not None and cancel.is_set():
                return
            time.sleep(0.002)
            yield [rows[f] for f in files[k:k + 8]]

    gaps = Gaps()
    start = time.perf_counter()
    listed = patch.object(reader, "table_files", lambda paths: iter(rows))
    with listed, patch.object(reader, "summarize_paths", deliver):
        window = SummaryWindow(context, ["/汇总"])
        window.resize(1366, 768)
        window.show()
        _settle(app, window)
    gaps.report(f"{count} rows arriving", time.perf_counter() - start)
    for label, act in (("sort by 项目名称", lambda: window.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)),
                       ("sort by 全年预算数 (descending)", lambda: window.table.sortByColumn(
                           5, Qt.SortOrder.DescendingOrder)),
                       ("search 项目12", lambda: window.filters.search.setText("项目12")),
                       ("clear the search", lambda: window.filters.search.clear())):
        gaps.reset()
        start, cpu = time.perf_counter(), time.thread_time()
        act()
        window._apply_filter()  # the search box waits for a pause in typing: apply at once
        _settle(app, window)
        gaps.report(f"  {label} ({window.model.rowCount()} shown)", time.perf_counter() - start,
                    time.thread_time() - cpu)
    window.close()
    _settle(app, window)


def main() -> None:
    from perfdesk.gui.app import AppContext
    from perfdesk.gui.launch import create_qapplication

    files = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    with tempfile.TemporaryDirectory() as data:
        os.environ["PERFDESK_DATA_DIR"] = data
        app = create_qapplication([])
        context = AppContext.create()
        real_files(app, context, files)
        many_rows(app, context, count)


if __name__ == "__main__":
    main()
