"""Edit-to-repaint latency of the grid on a 500-indicator table (a script, not a test).

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_edit_latency.py [EDITS]`
Each sample is one typed cell: DocumentSession.set_text (undo command, analyse,
build_layout) + the model's dataChanged + the view's row resize + a synchronous
viewport repaint. Prints p50/p95 and where the time goes. Aim: p95 < 16 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QFont, QFontDatabase  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from perfdesk.core.analysis import analyse  # noqa: E402
from perfdesk.core.document import Indicator  # noqa: E402
from perfdesk.core.factory import new_document  # noqa: E402
from perfdesk.core.profile import TemplateLibrary  # noqa: E402
from perfdesk.core.results import Location  # noqa: E402
from perfdesk.core.table_layout import build_layout  # noqa: E402
from perfdesk.gui.session import DocumentSession  # noqa: E402
from perfdesk.gui.table.view import TableView  # noqa: E402
from perfdesk.paths import chinese_font  # noqa: E402


def big_document(profile, count: int = 500):
    doc = new_document(profile, year="2023")
    groups = [g for l1 in doc.level1 for g in l1.groups]
    for k in range(count):
        groups[k % len(groups)].indicators.append(
            Indicator(name=f"{k + 1}.指标名称较长的一项工作任务", target="≥100人", actual="95人", weight="0.2",
                      reason="部分对象未按期完成，下一年度加强督促。" if k % 3 == 0 else "")
        )
    for g in groups:
        g.indicators = [i for i in g.indicators if i.name]
    return doc


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main(edits: int = 200) -> None:
    app = QApplication.instance() or QApplication([])
    # As the app does: the shipped Chinese font behind the system font (glyph fallback is costly).
    families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(chinese_font())))
    font = QFont(app.font())
    font.setFamilies([*font.families(), *families])
    app.setFont(font)
    profile = TemplateLibrary().default()
    session = DocumentSession(big_document(profile), profile)
    view = TableView(session)
    view.resize(1300, 800)
    view.show()
    app.processEvents()
    paths = [p for p, *_ in session.doc.iter_indicators()]
    samples, repaints, core = [], [], []
    for n in range(edits):
        path = paths[(n * 37) % len(paths)]
        location = Location("indicator", path, "actual")
        view.select_location(location)
        start = time.perf_counter()
        session.set_text(location, f"{90 + n % 20}人")
        view.viewport().repaint()
        samples.append((time.perf_counter() - start) * 1000)
        painted = time.perf_counter()
        view.viewport().repaint()
        repaints.append((time.perf_counter() - painted) * 1000)
    for _ in range(20):
        t = time.perf_counter()
        ev = analyse(session.doc, profile)
        t1 = time.perf_counter()
        build_layout(session.doc, profile, ev)
        core.append(((t1 - t) * 1000, (time.perf_counter() - t1) * 1000))
    print(f"indicators: {len(paths)}, rows: {session.layout.rows}, edits: {edits}")
    print(f"edit-to-repaint  p50 {statistics.median(samples):.1f} ms  p95 {percentile(samples, 95):.1f} ms"
          f"  max {max(samples):.1f} ms")
    print(f"  repaint alone   median {statistics.median(repaints):.1f} ms")
    print(f"  analyse         median {statistics.median(a for a, _ in core):.1f} ms")
    print(f"  build_layout    median {statistics.median(b for _, b in core):.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown of Qt objects (PySide6 6.12 can abort there)
