"""A new window loads none of the readers and writers it does not show: they cost start-up time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("openpyxl", "xlsxwriter", "reportlab", "docx", "xlrd", "pypdfium2")
#: Loaded on first use, or just after the table's first frame is painted (the verification code).
LATER = (
    "perfdesk.core.files.storage", "perfdesk.core.files.opening", "perfdesk.core.files.lock",
    "perfdesk.core.files.schema", "perfdesk.core.files.json_reader", "perfdesk.gui.review.dialogs",
    "perfdesk.gui.file_dialogs", "logging.handlers", "hashlib",
    "perfdesk.core.review.model", "perfdesk.core.review.codec", "datetime", "perfdesk.gui.table.frozen_labels",
)
#: Loaded only when the user does what needs them (a table without a review, no paste, no grade yet …).
ON_USE = (
    "perfdesk.gui.review.panel", "perfdesk.gui.review.marks", "perfdesk.core.review.workflow",
    "perfdesk.core.review.diff", "perfdesk.core.review.recheck", "perfdesk.core.layout.paste", "csv",
    "perfdesk.gui.table.manual_score_dialog", "perfdesk.gui.table.quality_editor", "perfdesk.gui.template_change",
    "perfdesk.gui.summary.drop", "perfdesk.core.model.retemplate", "perfdesk.gui.table.move_to_dialog",
    "perfdesk.gui.responsive", "perfdesk.gui.form_dialogs",
)

CODE = """
import sys
from PySide6.QtWidgets import QApplication
from perfdesk.gui import launch

show_frame = launch.show_frame
def show_frame_and_report(paths):
    frame = show_frame(paths)
    print(",".join(sorted(m for m in sys.modules if m.startswith(("perfdesk.core", "perfdesk.gui.app")))))
    return frame
def main_loop(app):
    from perfdesk.gui.main_window import MainWindow
    print(",".join(sorted(set(sys.modules) & set(LATER))))
    app.processEvents()
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    print(len(windows) == 1 and windows[0].furnished and windows[0].view.isVisible())
    print(",".join(sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))))
    from PySide6.QtTest import QTest
    QTest.qWait(200)  # the work queued after the first frame (verification code, frozen labels) has run
    print(",".join(sorted(set(sys.modules) & set(ON_USE))))
    return 0
launch.show_frame = show_frame_and_report
QApplication.exec = main_loop
sys.exit(launch.run([]))
"""


def _start(tmp_path: Path) -> list[str]:
    (tmp_path / "settings.ini").write_text("[General]\nlast_template=national-2020\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PERFDESK_DATA_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", f"HEAVY = {HEAVY!r}\nLATER = {LATER!r}\nON_USE = {ON_USE!r}\n" + CODE],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.split("\n")


def test_the_window_is_painted_before_the_program_behind_it_is_loaded(tmp_path):
    """The frame is on screen with none of the core loaded; that same window then shows the table."""
    lines = _start(tmp_path)
    assert lines[0] == ""
    assert lines[2] == "True"


def test_a_new_window_loads_no_export_or_import_library(tmp_path):
    assert _start(tmp_path)[3] == ""


def test_a_new_window_leaves_files_review_questions_and_hashing_for_later(tmp_path):
    assert _start(tmp_path)[1] == ""


def test_a_new_window_leaves_the_review_paste_and_rare_dialogs_to_first_use(tmp_path):
    assert _start(tmp_path)[4] == ""
