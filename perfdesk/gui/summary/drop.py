"""What a drop of files and folders means: several files or a folder are for the 汇总 window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData


def dropped_paths(mime: QMimeData) -> list[Path]:
    """The local files and folders dropped, in order."""
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def dropped_for_summary(mime: QMimeData) -> list[Path]:
    """Several files, or any folder, dropped on a main window: read together in a 汇总 window; else []."""
    paths = dropped_paths(mime)
    return paths if len(paths) > 1 or any(p.is_dir() for p in paths) else []
