"""Cell editors: a line, a multi-line box for long texts, the qualitative grade editor.

Editors never write to the document themselves: text goes through the model
(`setData` → `DocumentSession.set_text`, which normalises and makes one undo
step); the qualitative editor goes through `DocumentSession.set_quality`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from perfdesk.core.layout.table import Cell
from perfdesk.core.model.results import Location
from perfdesk.core.values.parse import ValueKind, parse_value
from perfdesk.gui.table.model import TableModel

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

# QEvent (its Type enum) and the grade editor are imported when an editor first opens,
# not at start-up.

Hint = QAbstractItemDelegate.EndEditHint


def is_qualitative_actual(model: TableModel, cell: Cell | None) -> bool:
    """An indicator's actual cell whose target is a word (达标, 较高 …)."""
    b = cell.binding if cell else None
    if b is None or b.section != "indicator" or b.field != "actual":
        return False
    target = model.session.doc.indicator_at(*b.path).target
    return parse_value(target).kind is ValueKind.QUALITATIVE


class CellDelegate(QStyledItemDelegate):
    """Chooses the editor by cell; Enter commits and moves on, Alt/Ctrl+Enter is a new line."""

    def __init__(self, model: TableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        from perfdesk.gui.table.quality_editor import QualityEditor

        cell = self.model.cell(index)
        if is_qualitative_actual(self.model, cell):
            session = self.model.session
            result = session.evaluation.indicator(cell.binding.path)
            editor = QualityEditor(session.profile.quality_grades, result.weight if result else None, parent)
            editor.finished.connect(lambda back: self._finish(editor, back))
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
        from perfdesk.gui.table.quality_editor import QualityEditor

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
        from perfdesk.gui.table.quality_editor import QualityEditor

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
        from perfdesk.gui.table.quality_editor import QualityEditor

        rect = QRect(option.rect)
        hint = editor.sizeHint()
        if isinstance(editor, QualityEditor):
            rect.setWidth(max(rect.width(), hint.width()))
        if isinstance(editor, (QualityEditor, QPlainTextEdit)):
            rect.setHeight(max(rect.height(), min(hint.height(), 4 * option.fontMetrics.height() + 12)))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = event.modifiers()
            newline = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier
            if isinstance(editor, QPlainTextEdit) and mods & newline:
                editor.insertPlainText("\n")
                return True
            self._finish(editor, bool(mods & Qt.KeyboardModifier.ShiftModifier))
            return True
        return super().eventFilter(editor, event)

    def _finish(self, editor: QWidget, back: bool) -> None:
        """Commit and let the view move to the next (or previous) input cell."""
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, Hint.EditPreviousItem if back else Hint.EditNextItem)
