"""One place that finds bundled data files, in a checkout and in a PyInstaller bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def app_root() -> Path:
    """The folder that holds `resources/` and `templates/`.

    In a PyInstaller bundle that is `sys._MEIPASS`; in a checkout it is the
    repository root (the parent of the `perfdesk` package).
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    """Path of a file under `resources/`."""
    return app_root().joinpath("resources", *parts)


def templates_dir() -> Path:
    """Folder holding the table templates and rule profiles (`*.json`)."""
    return app_root() / "templates"


def chinese_font() -> Path:
    """The TrueType (glyf) Chinese font shipped with the application and embedded in PDFs."""
    return resource("fonts", "DroidSansFallbackFull.ttf")


def user_data_dir() -> Path:
    """Per-user folder for recovery copies, recent files and settings.

    `PERFDESK_DATA_DIR` overrides it (tests point it at a temporary folder so
    they never touch the user's own data).
    """
    override = os.environ.get("PERFDESK_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / "PerfDesk"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "perfdesk"
