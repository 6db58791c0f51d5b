"""The user's remembered choices (settings.ini in the per-user data folder).

Kept in one place so each choice has one key and one default: the template of
the last 新建, where Enter moves, the folder of the last file dialog, whether the
problems panel is expanded, the 汇总 window's size and the unit that prints its 汇总表.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from perfdesk.paths import user_data_dir

LAST_TEMPLATE = "last_template"
ENTER_MOVES_RIGHT = "enter_moves_right"
LAST_FOLDER = "last_folder"
PROBLEMS_EXPANDED = "problems_expanded"
SUMMARY_GEOMETRY = "summary/geometry"
SUMMARY_UNIT = "summary/unit_name"


def settings() -> QSettings:
    """PerfDesk's settings file (under user_data_dir, so tests stay isolated)."""
    return QSettings(str(user_data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def _flag(key: str, default: bool) -> bool:
    value = settings().value(key, default)
    return value if isinstance(value, bool) else str(value).lower() in ("true", "1")


def _store(key: str, value: object) -> None:
    store = settings()
    store.setValue(key, value)
    store.sync()


def last_template() -> str | None:
    """Id of the template chosen at the last 新建; None before the first choice (first start)."""
    value = settings().value(LAST_TEMPLATE, "")
    return value if isinstance(value, str) and value else None


def remember_template(template_id: str) -> None:
    _store(LAST_TEMPLATE, template_id)


def enter_moves_right() -> bool:
    """False (the default, as in Excel and WPS): Enter moves down; True: to the next cell on the right."""
    return _flag(ENTER_MOVES_RIGHT, False)


def set_enter_moves_right(right: bool) -> None:
    _store(ENTER_MOVES_RIGHT, right)


def last_folder() -> Path | None:
    """The folder of the last file chosen in a file dialog, if it still exists."""
    value = settings().value(LAST_FOLDER, "")
    folder = Path(value) if isinstance(value, str) and value else None
    return folder if folder is not None and folder.is_dir() else None


def remember_folder(folder: Path) -> None:
    _store(LAST_FOLDER, str(folder))


def problems_expanded() -> bool:
    """The problems panel opens as a one-line summary unless the user left it expanded."""
    return _flag(PROBLEMS_EXPANDED, False)


def set_problems_expanded(expanded: bool) -> None:
    _store(PROBLEMS_EXPANDED, expanded)


def summary_geometry() -> bytes | None:
    """The 汇总 window's geometry when it was last closed (QWidget.saveGeometry)."""
    value = settings().value(SUMMARY_GEOMETRY)
    if isinstance(value, QByteArray):
        value = value.data()
    return bytes(value) if isinstance(value, (bytes, bytearray)) and value else None


def remember_summary_geometry(geometry: bytes) -> None:
    _store(SUMMARY_GEOMETRY, QByteArray(geometry))


def summary_unit() -> str:
    """汇总单位: printed on the exported 汇总表; typed once, then offered again."""
    value = settings().value(SUMMARY_UNIT, "")
    return value if isinstance(value, str) else ""


def remember_summary_unit(name: str) -> None:
    _store(SUMMARY_UNIT, name)
