"""A real PerfDesk window in a subprocess, for the crash tests (test_recovery) and benchmarks/bench_crash_loss.py.

The parent kills this process (SIGKILL: no clean-up runs; or SIGTERM/SIGHUP/SIGINT)
and checks what the next start offers back. Usage:

    crash_driver.py edit <file.pdesk> <new project name>
        commit the name, wait for its recovery copy, print READY.
    crash_driver.py hold <file.pdesk> <text>
        type <text> into the project name's editor and leave it open (nothing committed), print TYPED.
    crash_driver.py type <file.pdesk> <seed>
        a scripted typist: fills the cells of `typist_plan(seed)` key by key at a person's pace,
        pressing Enter after each; prints `K <unix time> <keys typed so far>` after every key.

`run_trial` is the parent's side of one typist trial: kill at a chosen moment, then
measure how much typing the recovery copy lost.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from perfdesk.core.files.recovery import RecoveryStore
from perfdesk.core.files.storage import load_document, save_document
from perfdesk.core.model import edits
from perfdesk.core.model.factory import new_document
from perfdesk.core.model.results import Location
from perfdesk.core.rules.profile import TemplateLibrary
from perfdesk.gui.app import AppContext, install_signal_handlers
from perfdesk.gui.launch import create_qapplication

ROOT = Path(__file__).resolve().parents[2]

NAME = Location("project", (), "name")
#: Cells the typist fills, in order (plain text fields of a new national table).
TYPIST_CELLS = (
    NAME,
    Location("project", (), "department"),
    Location("project", (), "implementer"),
    Location("project", (), "leader"),
    *(Location("indicator", (i1, i2, 0), "name") for i1, i2 in ((0, 0), (0, 1), (0, 2), (0, 3), (1, 0), (1, 1))),
)
CHARACTERS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def typist_plan(seed: int) -> list[tuple[Location, str]]:
    """Which text goes into which cell; one stream of characters, so what was kept is a prefix of it."""
    rng = random.Random(seed)
    plan, k = [], 0
    for where in TYPIST_CELLS:
        length = rng.randint(4, 14)
        plan.append((where, "".join(CHARACTERS[(k + i) % len(CHARACTERS)] for i in range(length))))
        k += length
    return plan


def press(widget, text: str = "", key: int = Qt.Key.Key_unknown) -> None:
    """A key as an input method delivers it (QTest.keyClicks takes only ASCII)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def type_first_key(window, where: Location, char: str):
    """Go to the cell, type one character (it opens the editor); the editor."""
    view = window.view
    assert view.select_location(where)
    view.setFocus()
    press(view, char)
    return view.indexWidget(view.currentIndex())


class Typist:
    """Types the plan with pauses drawn from `seed`, all from timers so the event loop runs between keys."""

    def __init__(self, window, seed: int) -> None:
        self.window = window
        self.rng = random.Random(seed + 1)
        self.keys = [(where, text, i) for where, text in typist_plan(seed) for i in range(len(text))]
        self.typed = 0
        self.editor = None

    def step(self) -> None:
        if self.typed == len(self.keys):
            print("DONE", flush=True)
            return
        where, text, i = self.keys[self.typed]
        if i == 0:
            self.editor = type_first_key(self.window, where, text[0])
        else:
            press(self.editor, text[i])
        self.typed += 1
        print(f"K {time.time():.4f} {self.typed}", flush=True)
        pause = self.rng.uniform(0.05, 0.35)
        if i == len(text) - 1:
            press(self.editor, key=Qt.Key.Key_Return)
            pause += self.rng.uniform(0.2, 1.2)  # a look at the paper before the next cell
        QTimer.singleShot(int(pause * 1000), self.step)


def start(mode: str, original: Path, arg: str, data_dir: Path) -> subprocess.Popen:
    """This script in a subprocess on `original`, with its own user-data folder; stderr goes to a log beside it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PERFDESK_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    with open(original.with_suffix(".stderr.txt"), "w", encoding="utf-8") as log:
        return subprocess.Popen([sys.executable, __file__, mode, str(original), arg], stdout=subprocess.PIPE,
                                stderr=log, text=True, encoding="utf-8", env=env, cwd=ROOT)


def expect(proc: subprocess.Popen, original: Path, word: str, timeout: float = 60) -> None:
    """Wait for the driver to print `word` (READY, TYPED); fail with its error output instead of hanging."""
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(proc.stdout.readline().strip()), daemon=True)
    reader.start()
    reader.join(timeout)
    if line != [word]:
        proc.kill()
        log = original.with_suffix(".stderr.txt")
        raise AssertionError(f"expected {word}, got {line}: {log.read_text('utf-8') if log.exists() else ''}")


@dataclass(frozen=True)
class Trial:
    """One typist run killed `kill_after` seconds after its first key."""

    typed: int  # keys reported typed before the kill
    kept: int  # keys found in what the next start offers (0 when nothing is offered)
    offered: bool  # a recovery copy was left
    lost_seconds: float  # age at the kill of the oldest key not kept; 0 when all were kept
    typing_seconds: float  # from the first key to the kill


def run_trial(folder: Path, seed: int, kill_after: float, how: int = signal.SIGKILL) -> Trial:
    """Type into a new national table in `folder`, kill, and compare the recovery copy with the keys."""
    original = folder / "表.pdesk"
    save_document(new_document(TemplateLibrary().get("national-2020")), original)
    proc = start("type", original, str(seed), folder / "data")
    keys: list[float] = []
    first = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("K "):
                keys.append(float(line.split()[1]))
                first.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not first.wait(60):
            raise RuntimeError(f"the typist did not start: {original.with_suffix('.stderr.txt').read_text('utf-8')}")
        time.sleep(kill_after)
        killed_at = time.time()
        proc.send_signal(how)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        reader.join(timeout=30)
    typed = [t for t in keys if t <= killed_at]
    kept, offered = kept_keys(original, folder / "data" / "recovery", seed)
    lost = 0.0 if kept >= len(typed) else killed_at - typed[kept]
    return Trial(len(typed), kept, offered, lost, killed_at - keys[0])


def kept_keys(original: Path, recovery: Path, seed: int) -> tuple[int, bool]:
    """How many of the plan's keys the next start gets back, and whether a copy is offered.

    What is kept must be a prefix of what was typed: cells fill in order, so anything
    else would be a copy mixing moments (or a damaged one) and fails here.
    """
    entries = RecoveryStore(recovery).orphans()
    doc = RecoveryStore(recovery).load(entries[0]) if entries else load_document(original)
    plan = typist_plan(seed)
    stream = "".join(text for _, text in plan)
    kept = "".join(edits.get_field(doc, where) for where, _ in plan)
    if not stream.startswith(kept):
        raise AssertionError(f"the recovery copy holds {kept!r}, not a prefix of the typed {stream!r}")
    return len(kept), bool(entries)


def main(mode: str, path: str, arg: str) -> int:
    app = create_qapplication([])
    context = AppContext.create()
    bridge = install_signal_handlers(context, app)
    window = context.open_file(Path(path))
    if window is None:
        print("OPEN FAILED", flush=True)
        return 1
    window.show()
    window.activateWindow()
    if mode == "edit":
        window.session.set_text(NAME, arg)

        def report_when_saved() -> None:
            if window.autosaver.slot.exists():
                print("READY", flush=True)
            else:
                QTimer.singleShot(100, report_when_saved)

        report_when_saved()
    elif mode == "hold":
        editor = type_first_key(window, NAME, arg[0])
        for char in arg[1:]:
            press(editor, char)
        print("TYPED", flush=True)
    else:
        typist = Typist(window, int(arg))  # a name keeps it alive: Qt holds its timers' slots weakly
        QTimer.singleShot(0, typist.step)
    try:
        return app.exec()
    finally:
        bridge.uninstall()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
