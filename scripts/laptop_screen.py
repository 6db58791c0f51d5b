"""The screen screenshots are taken on: a clerk's 1366×768 laptop at 96 dpi, offscreen.

Each screenshot script re-runs itself in a process with this environment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SCREEN = {"width": 1366, "height": 768}


def laptop_env(folder: Path, scale: str = "1") -> dict[str, str]:
    """Environment for a child process drawing on the laptop screen; `folder` holds its config and data."""
    config = folder / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1, **SCREEN}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": scale,
            "PERFDESK_DATA_DIR": str(folder)}


def run_on_laptop(script: str, output: Path) -> None:
    """Run `script OUTPUT` on the laptop screen with a fresh data folder (first run: no settings)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, script, str(output)], check=True, env=laptop_env(Path(tmp)))
