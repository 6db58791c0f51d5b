"""Screenshot of the grid with qualitative grades chosen, and the grade choice open on the next row.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_grade.py [docs/screenshot-grade.png]

Opens the worked example, grades two 达标 rows as a clerk would (达成, and 部分达成 at
the proposed points), then presses Enter on a third 实际完成值 cell so the grade
editor shows with the first grade picked, and saves the window's image.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "ziyang-community-correction-2022.pdesk"


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from perfdesk.core.model.results import Location, format_decimal
    from perfdesk.gui.app import AppContext
    from perfdesk.gui.launch import create_qapplication

    output = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot-grade.png"
    app = create_qapplication([])
    window = AppContext.create().open_file(EXAMPLE)
    if window is None:
        raise SystemExit(f"cannot open {EXAMPLE}")
    window.resize(1366, 768)
    window.show()
    settle(app)
    session, view = window.session, window.view
    grades = {g.key: g for g in session.profile.quality_grades}
    for path, key in (((0, 1, 1), "A"), ((0, 1, 2), "B")):
        weight = session.evaluation.indicator(path).weight
        assert weight is not None
        session.set_quality(path, key, format_decimal(grades[key].default_points(weight)))
    view.select_location(Location("indicator", (0, 2, 0), "actual"))
    view.scrollTo(view.currentIndex(), view.ScrollHint.PositionAtCenter)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Return)
    focus = QApplication.focusWidget()
    assert focus is not None
    QTest.keyClick(focus, Qt.Key.Key_Down)  # the grade box has the focus: 达成
    settle(app)
    window.grab().save(str(output))
    print(output)
    session.undo_stack.setClean()
    QApplication.closeAllWindows()
    return 0


def settle(app) -> None:
    """Let layout and the deferred row-height fitting run, as a user would see the window."""
    deadline = time.monotonic() + 0.5
    while time.monotonic() < deadline:
        app.processEvents()


if __name__ == "__main__":
    sys.exit(main())
