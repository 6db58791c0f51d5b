"""Cell editors: a line, a multi-line box for long texts, the qualitative grade editor.

Editors never write to the document themselves: text goes through the model
(`setData` → `DocumentSession.set_text`, which normalises and makes one undo
step); the qualitative editor goes through `DocumentSession.set_quality`.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QObject,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QPainter
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
from perfdesk.gui.review.marks import paint_comment_marker
from perfdesk.gui.table.model import COMMENT_ROLE, Index, TableModel
from perfdesk.gui.table.quality_editor import QualityEditor

Hint = QAbstractItemDelegate.EndEditHint


def _binding(model: TableModel, index: Index) -> Location | None:
    cell = model.cell(index)
    return cell.binding if cell is not None else None


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

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        cell = self.model.cell(index)
        if cell is not None and cell.binding is not None and is_qualitative_actual(self.model, cell):
            session = self.model.session
            result = session.evaluation.indicator(cell.binding.path)
            quality = QualityEditor(session.profile.quality_grades, result.weight if result else None, parent)
            quality.finished.connect(lambda back: self._finish(quality, back))
            quality.cancelled.connect(lambda: self.closeEditor.emit(quality, Hint.RevertModelCache))
            return quality
        if cell is not None and cell.multiline:
            box = QPlainTextEdit(parent)
            box.setTabChangesFocus(True)
            return box
        line = QLineEdit(parent)
        line.setFrame(False)
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        binding = _binding(self.model, index)
        if isinstance(editor, QualityEditor) and binding is not None:
            ind = self.model.session.doc.indicator_at(*binding.path)
            editor.set_values(ind.actual, ind.quality_grade, ind.quality_score)
        elif isinstance(editor, QPlainTextEdit):
            if editor.toPlainText() != text:
                editor.setPlainText(text)
        elif isinstance(editor, QLineEdit):
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        binding = _binding(self.model, index)
        if isinstance(editor, QualityEditor) and binding is not None:
            word, key, score = editor.values()
            self.model.session.set_quality(binding.path, key, score, actual=word)
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        if index.data(COMMENT_ROLE):
            paint_comment_marker(painter, option.rect)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """A little air above and below the text; a cell merged down over several rows
        (一级/二级 names) does not make its first row taller."""
        hint = super().sizeHint(option, index)
        cell = self.model.cell(index)
        if cell is not None and cell.rowspan > 1:
            return QSize(hint.width(), option.fontMetrics.height() + 8)
        return QSize(hint.width(), hint.height() + 8)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        """Long-text and grade editors may be larger than their cell, never smaller."""
        rect = QRect(option.rect)
        hint = editor.sizeHint()
        if isinstance(editor, QualityEditor):
            rect.setWidth(max(rect.width(), hint.width()))
        if isinstance(editor, (QualityEditor, QPlainTextEdit)):
            rect.setHeight(max(rect.height(), min(hint.height(), 4 * option.fontMetrics.height() + 12)))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        enter, pressed = (Qt.Key.Key_Return, Qt.Key.Key_Enter), event.type() == QEvent.Type.KeyPress
        if pressed and isinstance(event, QKeyEvent) and isinstance(editor, QWidget) and event.key() in enter:
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
