"""One place that finds bundled data files, in a checkout and in a PyInstaller bundle."""

from __future__ import annotations

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
