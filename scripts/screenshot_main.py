"""Screenshots of the main window with the worked example on a 1366×768 screen.

`.venv/bin/python scripts/screenshot_main.py` writes docs/screenshot-main.png (100%)
and docs/screenshot-main-150.png (QT_SCALE_FACTOR=1.5), each from a fresh
process with an offscreen screen of that size, the window filling the screen as
when maximised.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ziyang-community-correction-2022.pdesk"
SCREEN = {"width": 1366, "height": 768}


def shoot(output: Path) -> None:
    """In this process: open the example, fill the screen, save the window's image."""
    from PySide6.QtWidgets import QApplication

    from perfdesk.gui.app import AppContext, create_qapplication

    app = create_qapplication([])
    context = AppContext.create()
    window = context.open_file(EXAMPLE)
    if window is None:
        raise SystemExit(f"cannot open {EXAMPLE}")
    window.resize(window.screen().availableGeometry().size())
    window.show()
    deadline = time.monotonic() + 0.5  # let deferred row-height fitting run, as a user would see it
    while time.monotonic() < deadline:
        app.processEvents()
    window.grab().save(str(output))
    window.session.undo_stack.setClean()
    QApplication.closeAllWindows()


def main() -> int:
    if len(sys.argv) == 2:
        shoot(Path(sys.argv[1]))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "screen.json"
        screen = {"name": "laptop", "x": 0, "y": 0, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1, **SCREEN}
        config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
        for scale, name in (("1", "screenshot-main.png"), ("1.5", "screenshot-main-150.png")):
            env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": scale,
                   "PERFDESK_DATA_DIR": tmp}
            subprocess.run([sys.executable, __file__, str(ROOT / "docs" / name)], check=True, env=env)
            print(f"docs/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
