"""Start-up time: PerfDesk to a shown window with the national template, vs a bare PySide6 window.

Each sample is a fresh subprocess (offscreen platform, empty data folder) timed
from launch until it prints SHOWN, right after its window's first frame has been
painted (a zero timer started by the window's first paint event: the offscreen
platform paints only after the first pass of the event loop, so stopping at the
show alone would leave the painting out). Prints the median of N runs of each
and the ratio (aim: PerfDesk ≤ 1.5 × bare). Bytecode is cached (in a temporary
PYTHONPYCACHEPREFIX, even when PYTHONDONTWRITEBYTECODE is set) as in an installed
or bundled application; a warm-up run of each fills it.

    .venv/bin/python benchmarks/bench_startup.py [N] [--instructions] [--against DIR]

`--instructions` also counts the instructions each process executes under valgrind
(callgrind), once each: a figure that other work on a shared machine cannot move.
`--against DIR` also starts the PerfDesk of another checkout (say, the commit before
a change, from `git archive`) in the same interleaved runs: a before/after pair that
load on the machine cannot tilt.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SHOW_AND_REPORT = """
from PySide6.QtCore import QEvent, QObject, QTimer
def _report():
    print("SHOWN", flush=True)
    os._exit(0)  # the measurement ends at the painted window; skip teardown
class _FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, _report)  # runs once the whole frame is painted
        return False
first_paint = _FirstPaint()
window.installEventFilter(first_paint)
window.show()
app.exec()
"""

BARE = """
import os
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 720)
""" + SHOW_AND_REPORT

# Context, not the target: the least any table application pays on top of BARE (the Qt
# namespace's ~90 enum classes, a view over a model), so the ratio can be read fairly.
BARE_TABLE = """
import os
from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
class Model(QAbstractTableModel):
    def rowCount(self, parent=None): return 60
    def columnCount(self, parent=None): return 8
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return f"{index.row()},{index.column()}" if role == Qt.ItemDataRole.DisplayRole else None
app = QApplication([])
window = QMainWindow()
view = QTableView()
view.setModel(Model(view))
window.setCentralWidget(view)
window.resize(1280, 720)
""" + SHOW_AND_REPORT

PERFDESK = """
import os
from perfdesk.gui.app import AppContext, create_qapplication
app = create_qapplication([])
window = AppContext.create().start([])[0]
""" + SHOW_AND_REPORT


def _children_cpu() -> float:
    """CPU seconds (user + system) of the ended child processes; 0 where the OS does not say."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _env(data_dir: str, root: Path = ROOT) -> dict[str, str]:
    # A clerk's usual start: the template was chosen at the first start (which asks for it).
    (Path(data_dir) / "settings.ini").write_text("[General]\nlast_template=national-2020\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PERFDESK_DATA_DIR": data_dir, "PYTHONPATH": str(root),
           "PYTHONPYCACHEPREFIX": str(Path(data_dir) / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def instructions(code: str, data_dir: str, root: Path = ROOT) -> int:
    """Instructions the whole process executes (valgrind's callgrind), to the painted frame."""
    out = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={data_dir}/callgrind.out",
                          sys.executable, "-c", code], capture_output=True, text=True, env=_env(data_dir, root),
                         cwd=root)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if "SHOWN" not in out.stdout or found is None:
        raise SystemExit(f"start-up under valgrind failed (exit {out.returncode})")
    return int(found.group(1))


def sample(code: str, data_dir: str, root: Path = ROOT) -> tuple[float, float]:
    """Wall seconds to the painted frame, and CPU seconds of the whole process."""
    env = _env(data_dir, root)
    cpu_before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, env=env, cwd=root)
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    elapsed = time.perf_counter() - start
    proc.wait(timeout=60)
    if line != "SHOWN":
        raise SystemExit(f"start-up failed (exit {proc.returncode})")
    return elapsed, _children_cpu() - cpu_before


def main() -> int:
    args = sys.argv[1:]
    against = Path(args.pop(args.index("--against") + 1)).resolve() if "--against" in args else None
    args = [a for a in args if a not in ("--instructions", "--against")]
    runs = int(args[0]) if args else 7
    counted: dict[str, int] = {}
    variants = {"bare": (BARE, ROOT), "table": (BARE_TABLE, ROOT), "perfdesk": (PERFDESK, ROOT)}
    if against is not None:
        variants["against"] = (PERFDESK, against)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    with tempfile.TemporaryDirectory() as data_dir:
        for code, root in variants.values():
            sample(code, data_dir, root)  # warm the file and bytecode caches
        for _ in range(runs):  # interleaved, so load on a shared machine hits all alike
            for name, (code, root) in variants.items():
                samples[name].append(sample(code, data_dir, root))
        if "--instructions" in sys.argv:
            if shutil.which("valgrind") is None:
                raise SystemExit("--instructions needs valgrind")
            counted = {name: instructions(code, data_dir, root) for name, (code, root) in variants.items()}
    bare, table, perfdesk = (statistics.median(w for w, _ in samples[n]) for n in ("bare", "table", "perfdesk"))
    cpu_bare, cpu_perfdesk = (statistics.median(c for _, c in samples[n]) for n in ("bare", "perfdesk"))
    print(f"runs: {runs} each, interleaved (offscreen, fresh process, launch → first frame painted)")
    print(f"bare PySide6 QMainWindow: median {bare * 1000:.0f} ms")
    print(f"bare window with a QTableView over a model (context): median {table * 1000:.0f} ms")
    print(f"PerfDesk, national template: median {perfdesk * 1000:.0f} ms")
    print(f"ratio to bare: {perfdesk / bare:.2f}× (aim ≤ 1.5×); to the bare table window: {perfdesk / table:.2f}×")
    if against is not None:
        other = statistics.median(w for w, _ in samples["against"])
        print(f"PerfDesk at {against}: median {other * 1000:.0f} ms: {other / bare:.2f}× bare, "
              f"{other / table:.2f}× the table window")
    if cpu_bare:  # less disturbed than wall time when other work shares the machine
        print(f"CPU time of the whole process: bare {cpu_bare * 1000:.0f} ms, PerfDesk {cpu_perfdesk * 1000:.0f} ms: "
              f"{cpu_perfdesk / cpu_bare:.2f}×")
    if counted:
        bare_n, table_n, perfdesk_n = counted["bare"], counted["table"], counted["perfdesk"]
        print(f"instructions (callgrind): bare {bare_n / 1e6:.0f} M, bare table window {table_n / 1e6:.0f} M, "
              f"PerfDesk {perfdesk_n / 1e6:.0f} M: {perfdesk_n / bare_n:.2f}× (table window {table_n / bare_n:.2f}×)")
        if against is not None:
            print(f"instructions of PerfDesk at {against}: {counted['against'] / 1e6:.0f} M: "
                  f"{counted['against'] / bare_n:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
