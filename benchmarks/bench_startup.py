"""Start-up time: PerfDesk to its window on screen and to its table painted, vs a bare PySide6 window.

Each sample is a fresh subprocess (offscreen platform unless --xcb, empty data folder) timed
from launch until it prints each moment:

- SHOWN: the window's first frame has been painted (a zero timer started by the
  window's first paint event: the offscreen platform paints only after the first
  pass of the event loop, so stopping at the show alone would leave the painting
  out). For PerfDesk this is the frame `gui.launch` shows before loading the rest.
- READY: the table is painted in that window (PerfDesk: the window's first paint
  after `furnish`, plus a zero timer; the bare table window: its first frame).

Prints the median of N runs of each, and the ratios to the bare QMainWindow (issue 8's
aim: the window on screen ≤ 1.5 × bare). PerfDesk runs `gui.launch.run([])`, the path
of a double-click, with the main loop replaced by the measurement. Bytecode is cached
(in a temporary PYTHONPYCACHEPREFIX, even when PYTHONDONTWRITEBYTECODE is set) as in an
installed or bundled application; a warm-up run of each fills it.

    .venv/bin/python benchmarks/bench_startup.py [N] [--instructions] [--against DIR]

`--instructions` also counts the instructions each process executes under valgrind
(callgrind), once to each moment: a figure that other work on a shared machine cannot move.
`--xcb` maps real windows on the X screen of $DISPLAY (a virtual one: `Xvfb :1 &`)
instead of the offscreen platform. `--against DIR` also starts the PerfDesk of another checkout (say, the commit before
a change, from `git archive`) in the same interleaved runs: a before/after pair that
load on the machine cannot tilt. A checkout older than `gui.launch` is started the old
way (its window appears with its table: SHOWN and READY are one moment).
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

REPORT = """
import os
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
STOP = os.environ["BENCH_STOP"]  # SHOWN or READY: where the process ends
def report(moment):
    print(moment, flush=True)
    if moment == STOP:
        os._exit(0)  # the measurement ends here; skip teardown
class NextPaint(QObject):
    \"\"\"Reports `moment` once the watched window has painted a whole frame.\"\"\"
    def __init__(self, *moments):
        super().__init__()
        self.moments = moments
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: [report(m) for m in self.moments])  # once the whole frame is painted
        return False
def show_and_report(window, *moments):
    \"\"\"As gui.launch.show_frame waits for its frame: a local loop that ends with the
    window's first paint event, so the whole frame is painted and flushed when it returns.\"\"\"
    loop = QEventLoop()
    class Painted(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                loop.quit()
            return False
    painted = Painted()
    window.installEventFilter(painted)
    window.show()
    loop.exec()
    for moment in moments:
        report(moment)
"""

BARE = REPORT + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 720)
show_and_report(window, "SHOWN", "READY")
"""

# Context, not the target: the least any table application pays on top of BARE (the Qt
# namespace's ~90 enum classes, a view over a model), so the ratio can be read fairly.
BARE_TABLE = REPORT + """
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
show_and_report(window, "SHOWN", "READY")
"""

# The double-click path: launch.run shows the frame (SHOWN when show_frame returns: it waits
# for the frame's first paint), then loads the program and furnishes that window (READY).
PERFDESK = REPORT + """
from perfdesk.gui import launch
from perfdesk.gui.main_window import MainWindow
show_frame, furnish = launch.show_frame, MainWindow.furnish
def show_frame_and_report(paths):
    window = show_frame(paths)
    report("SHOWN")
    return window
def furnish_and_watch(window, *args, **kwargs):
    furnish(window, *args, **kwargs)
    window.installEventFilter(ready)
ready = NextPaint("READY")
launch.show_frame, MainWindow.furnish = show_frame_and_report, furnish_and_watch
launch.run([])
"""

# A checkout from before gui.launch: its window appears with its table.
PERFDESK_BEFORE_LAUNCH = REPORT + """
from perfdesk.gui.app import AppContext, create_qapplication
app = create_qapplication([])
window = AppContext.create().start([])[0]
show_and_report(window, "SHOWN", "READY")
"""


def perfdesk_code(root: Path) -> str:
    return PERFDESK if (root / "perfdesk" / "gui" / "launch.py").exists() else PERFDESK_BEFORE_LAUNCH


#: `--xcb`: a mapped window on the X screen of $DISPLAY (say, `Xvfb :1 &` and DISPLAY=:1).
PLATFORM = "xcb" if "--xcb" in sys.argv else "offscreen"


def _children_cpu() -> float:
    """CPU seconds (user + system) of the ended child processes; 0 where the OS does not say."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _env(data_dir: str, root: Path, stop: str) -> dict[str, str]:
    # A clerk's usual start: the template was chosen at the first start (which asks for it).
    (Path(data_dir) / "settings.ini").write_text("[General]\nlast_template=national-2020\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": PLATFORM, "PERFDESK_DATA_DIR": data_dir, "PYTHONPATH": str(root),
           "PYTHONPYCACHEPREFIX": str(Path(data_dir) / "pycache"), "BENCH_STOP": stop}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def instructions(code: str, data_dir: str, root: Path, stop: str) -> int:
    """Instructions the whole process executes (valgrind's callgrind) to the moment `stop`."""
    out = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={data_dir}/callgrind.out",
                          sys.executable, "-c", code], capture_output=True, text=True,
                         env=_env(data_dir, root, stop), cwd=root)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if stop not in out.stdout or found is None:
        raise SystemExit(f"start-up under valgrind failed (exit {out.returncode})")
    return int(found.group(1))


@dataclass
class Sample:
    shown: float  # wall seconds to the window on screen
    ready: float  # … to the table painted in it
    cpu: float  # CPU seconds of the whole process, to READY


def sample(code: str, data_dir: str, root: Path) -> Sample:
    env = _env(data_dir, root, "READY")
    cpu_before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, env=env, cwd=root)
    assert proc.stdout is not None
    seen: dict[str, float] = {}
    for line in proc.stdout:
        seen[line.strip()] = time.perf_counter() - start
    proc.wait(timeout=60)
    if set(seen) != {"SHOWN", "READY"}:
        raise SystemExit(f"start-up failed (exit {proc.returncode}, saw {sorted(seen)})")
    return Sample(seen["SHOWN"], seen["READY"], _children_cpu() - cpu_before)


def main() -> int:
    args = sys.argv[1:]
    against = Path(args.pop(args.index("--against") + 1)).resolve() if "--against" in args else None
    args = [a for a in args if a not in ("--instructions", "--against", "--xcb")]
    runs = int(args[0]) if args else 7
    variants = {"bare": (BARE, ROOT), "table": (BARE_TABLE, ROOT), "perfdesk": (perfdesk_code(ROOT), ROOT)}
    if against is not None:
        variants["against"] = (perfdesk_code(against), against)
    samples: dict[str, list[Sample]] = {name: [] for name in variants}
    counted: dict[tuple[str, str], int] = {}
    with tempfile.TemporaryDirectory() as data_dir:
        for code, root in variants.values():
            sample(code, data_dir, root)  # warm the file and bytecode caches
        for _ in range(runs):  # interleaved, so load on a shared machine hits all alike
            for name, (code, root) in variants.items():
                samples[name].append(sample(code, data_dir, root))
        if "--instructions" in sys.argv:
            if shutil.which("valgrind") is None:
                raise SystemExit("--instructions needs valgrind")
            counted = {(name, stop): instructions(code, data_dir, root, stop)
                       for name, (code, root) in variants.items() for stop in ("SHOWN", "READY")}

    def median(name: str, what: str) -> float:
        return statistics.median(getattr(s, what) for s in samples[name])

    bare = median("bare", "shown")
    print(f"runs: {runs} each, interleaved ({PLATFORM}, fresh process; wall medians from launch)")
    print(f"bare PySide6 QMainWindow, first frame painted: {bare * 1000:.0f} ms")
    print(f"bare window with a QTableView over a model (context): {median('table', 'shown') * 1000:.0f} ms "
          f"= {median('table', 'shown') / bare:.2f}×")
    names = {"perfdesk": "PerfDesk, national template"}
    if against is not None:
        names["against"] = f"PerfDesk at {against}"
    for name, title in names.items():
        shown, ready = median(name, "shown"), median(name, "ready")
        print(f"{title}: window on screen {shown * 1000:.0f} ms = {shown / bare:.2f}× (aim ≤ 1.5×); "
              f"table painted {ready * 1000:.0f} ms = {ready / bare:.2f}×")
    print(f"CPU time of the whole process (less disturbed by other work): bare {median('bare', 'cpu') * 1000:.0f} ms"
          + "".join(f"; {title} to its table {median(name, 'cpu') * 1000:.0f} ms" for name, title in names.items()))
    if counted:
        bare_n = counted["bare", "SHOWN"]
        print(f"instructions (callgrind): bare {bare_n / 1e6:.0f} M; bare table window "
              f"{counted['table', 'SHOWN'] / 1e6:.0f} M = {counted['table', 'SHOWN'] / bare_n:.2f}×")
        for name, title in names.items():
            shown_n, ready_n = counted[name, "SHOWN"], counted[name, "READY"]
            print(f"  {title}: window on screen {shown_n / 1e6:.0f} M = {shown_n / bare_n:.2f}×; "
                  f"table painted {ready_n / 1e6:.0f} M = {ready_n / bare_n:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
