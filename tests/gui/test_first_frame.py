"""Start-up: what a new window leaves until its first frame is on screen, and what it never loads."""

from __future__ import annotations

import os
import subprocess
import sys

from perfdesk.core.files.fingerprint import verification_code
from tests.gui.window_fixtures import answers, context, loc  # noqa: F401,F811 (pytest fixtures)

#: Modules a new window does not need: exports, printing, files, locks, hashing, dialogs shown on demand.
NOT_AT_START = (
    "openpyxl", "xlsxwriter", "reportlab", "PySide6.QtPrintSupport", "socket", "hashlib", "uuid", "csv",
    "perfdesk.core.export", "perfdesk.core.files.storage", "perfdesk.core.files.lock",
    "perfdesk.core.files.fingerprint", "perfdesk.gui.print_preview", "perfdesk.gui.recovery_dialog",
    "perfdesk.gui.table.manual_score_dialog", "perfdesk.gui.table.quality_editor",
)


def _panel_rows(window) -> int:
    return window.problems.tree.topLevelItemCount()


def test_problems_and_code_follow_the_first_frame(context, qtbot):
    window = context.new_window()
    problems = window.session.evaluation.problems
    assert problems and _panel_rows(window) == 0 and window.status.code.text() == ""
    window.show()
    qtbot.waitUntil(lambda: _panel_rows(window) == len(problems))
    assert window.status.code.text() == f"验证码 {verification_code(window.session.doc)}"
    assert window.problems.problems() == sorted(problems, key=lambda p: p.severity.value != "error")


def test_an_edit_before_the_first_frame_shows_everything_at_once(context):
    window = context.new_window()  # never shown
    window.session.set_text(loc("funds", (), "weight"), "12")
    assert _panel_rows(window) == len(window.session.evaluation.problems) > 0
    assert window.status.code.text() == f"验证码 {verification_code(window.session.doc)}"


def test_a_new_window_loads_none_of_the_modules_it_does_not_need(tmp_path):
    code = (
        "import sys\n"
        "from perfdesk.gui.app import AppContext, create_qapplication\n"
        "app = create_qapplication([])\n"
        "window = AppContext.create().start([])[0]\n"
        "window.show()\n"
        "app.processEvents()\n"
        f"print(','.join(m for m in {NOT_AT_START!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PERFDESK_DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "", f"loaded at start-up: {out.stdout}"
