"""A dialog that edits the table, opened only to be read: in review mode the reviewer reads what the unit
wrote (项目信息, a manual score and its reason) in the dialog the unit wrote it in, and changes nothing."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

NOTE = "只读（审阅中）"
#: What an empty field shows instead of its hint to the one who fills it ("例如 2022" would read as a value).
EMPTY = "（未填写）"
#: The note above the fields, set apart from them as an information bar.
NOTE_STYLE = "background: #fff8e1; border: 1px solid #e8d9a8; border-radius: 3px; padding: 4px 6px;"


def make_read_only(dialog: QDialog, buttons: QDialogButtonBox, fields: Iterable[QWidget]) -> None:
    """Text fields show their text, selectable and copyable, greyed like a form's read-only boxes; other
    editors are disabled; a single 关闭 button (Esc, Enter) replaces OK, Cancel and the rest; the title
    and a line above the fields say why. The dialog is then only ever rejected: no answer is read from it."""
    for field in fields:
        if isinstance(field, (QLineEdit, QPlainTextEdit)):
            field.setReadOnly(True)
            field.setPlaceholderText(EMPTY)
            palette = field.palette()
            palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
            field.setPalette(palette)
        else:
            field.setEnabled(False)
    buttons.clear()
    close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
    close.setText("关闭")  # Qt's own word only with its Chinese catalogue
    close.setDefault(True)
    close.setFocus()  # not a field's: a focused box looks ready for typing
    dialog.setWindowTitle(f"{dialog.windowTitle()} — {NOTE}")
    note = QLabel(f"{NOTE}：内容可以选中、复制，不能修改。", dialog)
    note.setStyleSheet(NOTE_STYLE)
    layout = dialog.layout()
    if isinstance(layout, QFormLayout):
        layout.insertRow(0, note)
    elif isinstance(layout, QBoxLayout):
        layout.insertWidget(0, note)
