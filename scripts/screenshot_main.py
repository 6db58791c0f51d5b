"""Screenshots on a 1366×768 screen, at 100% and at 150% (QT_SCALE_FACTOR=1.5).

`.venv/bin/python scripts/screenshot_main.py` writes into docs/, each from a fresh
process with an offscreen screen of that size:
- screenshot-main(-150).png: the worked example filling the screen as when maximised,
  the problems panel collapsed to its one-line summary;
- screenshot-scrolled(-150).png: the same scrolled into the indicators, with the
  frozen column titles and 一级/二级 names;
- screenshot-first-start(-150).png: the template question of the first start.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.laptop_screen import laptop_env  # noqa: E402

EXAMPLE = ROOT / "examples" / "ziyang-community-correction-2022.pdesk"


SHOTS = ("main", "scrolled", "first-start")


def settle(app, seconds: float = 0.5) -> None:
    """Let deferred work (row-height fitting, layout) run, as a user would see it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()


def shoot(output: Path, shot: str) -> None:
    """In this process: show what `shot` names and save its image."""
    from PySide6.QtWidgets import QApplication

    from perfdesk.gui.app import AppContext
    from perfdesk.gui.form_dialogs import TemplateChoiceDialog
    from perfdesk.gui.launch import create_qapplication

    app = create_qapplication([])
    context = AppContext.create()
    if shot == "first-start":
        dialog = TemplateChoiceDialog(context.library)
        dialog.show()
        settle(app)
        dialog.grab().save(str(output))
        return
    window = context.open_file(EXAMPLE)
    if window is None:
        raise SystemExit(f"cannot open {EXAMPLE}")
    window.resize(window.screen().availableGeometry().size())
    window.show()
    settle(app)
    if shot == "scrolled":
        bar = window.view.verticalScrollBar()
        bar.setValue(bar.maximum() * 3 // 4)
        settle(app, 0.2)
    window.grab().save(str(output))
    window.session.undo_stack.setClean()
    QApplication.closeAllWindows()


def main() -> int:
    if len(sys.argv) == 3:
        shoot(Path(sys.argv[1]), sys.argv[2])
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for shot in SHOTS:
            for scale, suffix in (("1", ""), ("1.5", "-150")):
                env = laptop_env(Path(tmp), scale)
                name = f"screenshot-{shot}{suffix}.png"
                subprocess.run([sys.executable, __file__, str(ROOT / "docs" / name), shot], check=True, env=env)
                print(f"docs/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
