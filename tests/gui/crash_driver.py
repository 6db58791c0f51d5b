"""Run by test_recovery in a subprocess: open a file, edit it, wait for the autosave, print READY.

The test then kills this process (SIGKILL: no clean-up runs) and checks that the
next start offers the edit back. Usage: crash_driver.py <file.pdesk> <new project name>
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from perfdesk.core.model.results import Location
from perfdesk.gui.app import AppContext, create_qapplication


def main(path: str, name: str) -> int:
    app = create_qapplication([])
    context = AppContext.create()
    window = context.open_file(Path(path))
    if window is None:
        print("OPEN FAILED", flush=True)
        return 1
    window.show()
    window.session.set_text(Location("project", (), "name"), name)

    def report_when_saved() -> None:
        if window.autosaver.slot.exists():
            print("READY", flush=True)
        else:
            QTimer.singleShot(100, report_when_saved)

    report_when_saved()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
