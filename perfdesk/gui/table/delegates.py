"""Cell editors: a line, a multi-line box for long texts, the qualitative grade editor.

Editors never write to the document themselves: text goes through the model
(`setData` → `DocumentSession.set_text`, which normalises and makes one undo
step); the qualitative editor goes through `DocumentSession.set_quality`.
"""

from __future__ import annotations

import re

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from perfdesk.core.layout.table import Cell
from perfdesk.core.model.results import Location, Severity
from perfdesk.core.values.parse import ValueKind, parse_value
from perfdesk.gui.attention import Attention
from perfdesk.gui.geometry import kept_inside
from perfdesk.gui.table.model import (
    BACKGROUNDS,
    ERROR_BACKGROUND,
    WARNING_BACKGROUND,
    TableModel,
)
from perfdesk.gui.table.quality_editor import QualityEditor

Hint = QAbstractItemDelegate.EndEditHint
#: A hyphen inside a number (0737-4221234, 2023-12-31): Unicode forbids a line break there, so a
#: narrow cell would cut the number (`0737-42212...`); a zero-width space lets it wrap instead.
_NUMBER_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")


def breakable(text: str) -> str:
    """`text` as shown in a cell: numbers joined by hyphens may wrap after a hyphen."""
    return _NUMBER_HYPHEN.sub("-\u200b", text) if "-" in text else text


def is_qualitative_actual(model: TableModel, cell: Cell | None) -> bool:
    """An indicator's actual cell whose target is a word (达标, 较高 …)."""
    b = cell.binding if cell else None
    if b is None or b.section != "indicator" or b.field != "actual":
        return False
    target = model.session.doc.indicator_at(*b.path).target
    return parse_value(target).kind is ValueKind.QUALITATIVE


class CellDelegate(QStyledItemDelegate):
    """Chooses the editor by cell; Enter commits and moves on, Alt/Ctrl+Enter is a new line."""

    #: Enter (True: Shift+Enter) committed a line or text editor; the view moves as the user chose.
    enter_committed = Signal(bool)

    def __init__(self, model: TableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        #: Problems the window keeps quiet for now (a new table) do not colour their cells.
        self.attention: Attention | None = None

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        option.text = breakable(option.text)
        problems = self.model.problems_at(index)
        if self.attention is None or not problems:
            return
        shown = self.attention.shown(problems)
        if len(shown) == len(problems):
            return
        cell = self.model.cell(index)
        severities = {p.severity for p in shown}
        colour = (ERROR_BACKGROUND if Severity.ERROR in severities else WARNING_BACKGROUND if severities
                  else BACKGROUNDS.get(cell.role) if cell else None)
        if colour is not None:
            option.backgroundBrush = QBrush(colour)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        cell = self.model.cell(index)
        if is_qualitative_actual(self.model, cell):
            session = self.model.session
            result = session.evaluation.indicator(cell.binding.path)
            editor = QualityEditor(session.profile.quality_grades, result.weight if result else None, parent)
            keys = _EnterWatch(editor)
            editor.finished.connect(lambda back: self._finish(editor, back, keys.enter))
            editor.cancelled.connect(lambda: self.closeEditor.emit(editor, Hint.RevertModelCache))
            return editor
        if cell is not None and cell.multiline:
            editor = QPlainTextEdit(parent)
            editor.setTabChangesFocus(True)
            return editor
        editor = QLineEdit(parent)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QualityEditor):
            ind = self.model.session.doc.indicator_at(*self.model.cell(index).binding.path)
            editor.set_values(ind.actual, ind.quality_grade, ind.quality_score)
        elif isinstance(editor, QPlainTextEdit):
            if editor.toPlainText() != text:
                editor.setPlainText(text)
        elif isinstance(editor, QLineEdit):
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:
        if isinstance(editor, QualityEditor):
            word, key, score = editor.values()
            binding: Location = self.model.cell(index).binding
            self.model.session.set_quality(binding.path, key, score, actual=word)
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        """A little air above and below the text; a cell merged down over several rows
        (一级/二级 names) does not make its first row taller."""
        hint = super().sizeHint(option, index)
        cell = self.model.cell(index)
        if cell is not None and cell.rowspan > 1:
            return QSize(hint.width(), option.fontMetrics.height() + 8)
        return QSize(hint.width(), hint.height() + 8)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        """Long-text and grade editors may be larger than their cell, never smaller."""
        rect = QRect(option.rect)
        hint = editor.sizeHint()
        if isinstance(editor, QualityEditor):
            rect.setWidth(max(rect.width(), hint.width()))
        if isinstance(editor, (QualityEditor, QPlainTextEdit)):
            rect.setHeight(max(rect.height(), min(hint.height(), 4 * option.fontMetrics.height() + 12)))
            rect = kept_inside(rect, editor.parentWidget().rect())
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = event.modifiers()
            newline = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier
            if isinstance(editor, QPlainTextEdit) and mods & newline:
                editor.insertPlainText("\n")
                return True
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, Hint.NoHint)
            self.enter_committed.emit(bool(mods & Qt.KeyboardModifier.ShiftModifier))
            return True
        return super().eventFilter(editor, event)

    def _finish(self, editor: QWidget, back: bool, enter: bool | None = None) -> None:
        """Commit and let the view move: after Tab to the next (previous) input cell, after Enter
        (`enter` tells whether with Shift) where Enter moves."""
        self.commitData.emit(editor)
        if enter is None:
            self.closeEditor.emit(editor, Hint.EditPreviousItem if back else Hint.EditNextItem)
            return
        self.closeEditor.emit(editor, Hint.NoHint)
        self.enter_committed.emit(enter)


class _EnterWatch(QObject):
    """Whether the last key pressed in the grade editor's boxes was Enter (True with Shift, False
    without, None for another key): the editor only says it finished, Enter and Tab alike."""

    def __init__(self, editor: QWidget) -> None:
        super().__init__(editor)
        self.enter: bool | None = None
        for box in editor.findChildren(QWidget):
            box.installEventFilter(self)  # installed last, so it sees each key before the editor does

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            self.enter = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier) if enter else None
        return False
