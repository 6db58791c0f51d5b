"""Typing as a user does in the grid tests: key events carrying any (Chinese) text.

`QTest.keyClicks` only takes ASCII (it asserts on other characters), so text is
sent as key events whose `text()` is the character, the way an input method delivers it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from perfdesk.core.model.results import Location


def type_text(widget: QWidget | None, text: str) -> None:
    """Press and release a key for each character of `text` on `widget` (the focus widget, say)."""
    assert widget is not None, "no widget has the keyboard focus"
    for char in text:
        key = ord(char.upper()) if char.isascii() and char.isalnum() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def type_into_cell(view, qtbot, location: Location, text: str, key: Qt.Key = Qt.Key.Key_Return) -> None:
    """Go to the cell showing `location`, type `text` (the first key opens the editor), press `key`."""
    assert view.select_location(location)
    view.setFocus()
    type_text(view, text[:1])
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not view, "typing did not open an editor"
    type_text(editor, text[1:])
    qtbot.keyClick(editor, key)
