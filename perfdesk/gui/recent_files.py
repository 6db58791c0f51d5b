"""最近打开: the recently opened files, kept in an INI file in the user's data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from perfdesk.gui.preferences import settings

KEY = "recent_files"
LIMIT = 8


class RecentFiles:
    """Most recent first, without duplicates, at most LIMIT entries."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else settings()

    def paths(self) -> list[Path]:
        value = self.store.value(KEY, [])
        if not value:  # an empty list is stored as an invalid value
            return []
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            value = [value]
        if not isinstance(value, list):  # not written by PerfDesk
            return []
        return [Path(v) for v in value if isinstance(v, str) and v]

    def add(self, path: Path) -> None:
        resolved = str(path.resolve())
        kept = [str(p) for p in self.paths() if str(p) != resolved]
        self._write([resolved, *kept][:LIMIT])

    def remove(self, path: Path) -> None:
        self._write([str(p) for p in self.paths() if p != path])

    def clear(self) -> None:
        self._write([])

    def _write(self, values: list[str]) -> None:
        self.store.setValue(KEY, values)
        self.store.sync()
