"""Regenerate perfdesk/gui/forms/ui_<name>.py from the Designer forms in ui/.

Run after editing a .ui file: `.venv/bin/python scripts/compile_forms.py`.
tests/gui/test_forms.py fails when a committed form differs from its source.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "perfdesk" / "gui" / "forms"


def uic_command() -> str:
    """pyside6-uic from the running interpreter's environment, else from PATH."""
    beside = Path(sys.executable).with_name("pyside6-uic")
    if beside.exists():
        return str(beside)
    found = shutil.which("pyside6-uic")
    if found is None:
        raise SystemExit("pyside6-uic not found: install PySide6 in this environment")
    return found


def compile_form(ui_file: Path, out_dir: Path) -> Path:
    """Compile one form to `out_dir/ui_<stem>.py` and return that path."""
    target = out_dir / f"ui_{ui_file.stem}.py"
    subprocess.run([uic_command(), str(ui_file), "-o", str(target)], check=True)
    return target


def main() -> int:
    FORMS_DIR.mkdir(parents=True, exist_ok=True)
    for ui_file in sorted(UI_DIR.glob("*.ui")):
        print(compile_form(ui_file, FORMS_DIR).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
