"""QActions made without `QAction(text, parent)`, whose overload PySide resolves by building QIcon's
type and its enums (~2 ms, which nothing else before the first frame needs)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction


def new_action(text: str, parent: QObject, checkable: bool = False) -> QAction:
    """An action with `text`, owned by `parent`."""
    action = QAction(parent)
    action.setText(text)
    action.setCheckable(checkable)
    return action
