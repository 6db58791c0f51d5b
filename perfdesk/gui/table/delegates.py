"""Cell editors: a line, a multi-line box for long texts, the qualitative grade editor.

Editors never write to the document themselves: text goes through the model
(`setData` → `DocumentSession.set_text`, which normalises and makes one undo
step); the qualitative editor goes through `DocumentSession.set_quality`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QObject,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from perfdesk.core.layout.table import Cell
from perfdesk.core.model.results import IndicatorResult, Location, direction_label, direction_tag
from perfdesk.core.values.parse import ValueKind, parse_value
from perfdesk.gui.geometry import kept_inside
from perfdesk.gui.table.actions import indicator_path
from perfdesk.gui.table.model import (
    Index,
    TableModel,
    target_path,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyle

    from perfdesk.gui.table.row_moves import CutMark

Hint = QAbstractItemDelegate.EndEditHint
TAG_COLOUR = QColor("#8c8c8c")
CUT_COLOUR = QColor("#2f6fd0")
#: A hyphen inside a number (0737-4221234, 2023-12-31): Unicode forbids a line break there, so a
#: narrow cell would cut the number (`0737-42212...`); a zero-width space lets it wrap instead.
_NUMBER_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")
_MIN_PICTURE_BYTES = 8 << 20  # a lower bound on the kept cell pictures, for a view not yet sized
#: Pictures made per frame at most: making one costs half as much again as drawing the cell, so a
#: screen painted the second time (after a jump, a forced repaint) spreads that cost over its next
#: frames instead of taking half as long again at once.
PICTURES_PER_FRAME = 48


def _bytes(picture: QPixmap) -> int:
    return picture.width() * picture.height() * 4


def breakable(text: str) -> str:
    """`text` as shown in a cell: numbers joined by hyphens may wrap after a hyphen."""
    return _NUMBER_HYPHEN.sub("-\u200b", text) if "-" in text else text


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

    #: Text in an open editor changed (not yet in the document: the autosave still wants it).
    editing = Signal()
    #: Enter (True: Shift+Enter) committed a line or text editor; the view moves as the user chose.
    enter_committed = Signal(bool)

    def __init__(self, model: TableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._grade_first = False  # the next grade editor starts on the grade box (Enter / click)
        self._blank_hints: dict[tuple[str, str], QSize] = {}  # see sizeHint
        #: The look of each painted cell by corner (its cached roles, then its size, state and marks),
        #: and its picture once painted twice alike (see paint), oldest painted first.
        self._pictures: dict[tuple[int, int], tuple[dict, tuple, QPixmap | None]] = {}
        self._plain_states: dict[int, tuple[QStyle.StateFlag, bool]] = {}  # see _plain
        self._cut_mark: CutMark | None = None  # the view's, once asked (see is_cut)
        self._picture_bytes = 0
        self._new_pictures_left = PICTURES_PER_FRAME  # see new_frame
        #: The states whose cells are never kept as pictures (see paint); None until `keep_pictures`.
        self._framed: QStyle.StateFlag | None = None
        #: Size hints by corner, with the cached roles and the room they were measured for (see sizeHint).
        self._hints: dict[tuple[int, int], tuple[dict, tuple[int, bool], QSize]] = {}

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.text = breakable(option.text)

    def open_grade_choice(self, view: QAbstractItemView, index: Index) -> bool:
        """Open the grade editor on a qualitative actual cell with the grade box focused: a plain
        Enter or click there chooses the grade. False (nothing done) on any other cell."""
        if not is_qualitative_actual(self.model, self.model.cell(index)):
            return False
        self._grade_first = True
        try:
            return view.edit(index, QAbstractItemView.EditTrigger.AllEditTriggers, None)  # type: ignore[call-overload]  # no event: Qt takes None
        finally:
            self._grade_first = False

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        cell = self.model.cell(index)
        if cell is not None and cell.binding is not None and is_qualitative_actual(self.model, cell):
            from perfdesk.gui.table.quality_editor import QualityEditor  # with the first grade editor

            session = self.model.session
            result = session.evaluation.indicator(cell.binding.path)
            quality = QualityEditor(session.profile.quality_grades, result.weight if result else None, parent)
            keys = _EnterWatch(quality)
            quality.finished.connect(lambda back: self._finish(quality, back, keys.enter))
            quality.cancelled.connect(lambda: self.closeEditor.emit(quality, Hint.RevertModelCache))
            quality.word.textChanged.connect(self.editing)
            if self._grade_first:
                quality.setFocusProxy(quality.grade)
            return quality
        if cell is not None and cell.multiline:
            box = QPlainTextEdit(parent)
            box.setTabChangesFocus(True)
            box.textChanged.connect(self.editing)
            return box
        line = QLineEdit(parent)
        line.setFrame(False)
        line.textChanged.connect(self.editing)
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        from perfdesk.gui.table.quality_editor import QualityEditor

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
        from perfdesk.gui.table.quality_editor import QualityEditor

        binding = _binding(self.model, index)
        if isinstance(editor, QualityEditor) and binding is not None:
            word, key, score = editor.values()
            self.model.session.set_quality(binding.path, key, score, actual=word)
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def uncommitted(self, editor: QWidget, binding: Location) -> tuple[Location, str] | None:
        """The text `editor` holds for the field `binding` (typed, not yet committed)."""
        from perfdesk.gui.table.quality_editor import QualityEditor

        if isinstance(editor, QualityEditor):
            return binding, editor.word.text()
        if isinstance(editor, QPlainTextEdit):
            return binding, editor.toPlainText()
        if isinstance(editor, QLineEdit):
            return binding, editor.text()
        return None

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """A little air above and below the text; a cell merged down over several rows
        (一级/二级 names) does not make its first row taller. Kept, as the cell's picture is (see
        paint), while the cell and the room it is measured in stay the same: re-measuring the row
        of a typed cell then lays out only the typed text."""
        shown, rect = self.model.shown(index), option.rect
        room = (rect.width(), rect.height() > 0)  # wrapped text fills the width; a height only says it wraps
        corner = (index.row(), index.column())
        kept = self._hints.get(corner)
        if kept is not None and kept[0] is shown and kept[1] == room:
            return kept[2]
        hint = self._measure(option, index)
        self._hints[corner] = (shown, room, hint)
        return hint

    def _measure(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        cell = self.model.cell(index)
        blank = self.model.blank(index)
        if blank is None:
            hint = super().sizeHint(option, index)
        else:  # measured once per kind and font: two thirds of a new table's cells are blank
            key = (blank, option.font.key())
            if key not in self._blank_hints:
                self._blank_hints[key] = super().sizeHint(option, index)
            hint = self._blank_hints[key]
        if cell is not None and cell.rowspan > 1:
            return QSize(hint.width(), option.fontMetrics.height() + 8)
        return QSize(hint.width(), hint.height() + 8)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        """Long-text and grade editors may be larger than their cell, never smaller."""
        from perfdesk.gui.table.quality_editor import QualityEditor

        rect = QRect(option.rect)
        hint = editor.sizeHint()
        if isinstance(editor, QualityEditor):
            rect.setWidth(max(rect.width(), hint.width()))
        if isinstance(editor, (QualityEditor, QPlainTextEdit)):
            rect.setHeight(max(rect.height(), min(hint.height(), 4 * option.fontMetrics.height() + 12)))
            parent = editor.parentWidget()
            if parent is not None:
                rect = kept_inside(rect, parent.rect())
        editor.setGeometry(rect)

    def editorEvent(self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem,
                    index: Index) -> bool:
        """A plain left click on a qualitative actual cell offers the grade choice at once."""
        view = self.parent()
        if (event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent)
                and event.button() == Qt.MouseButton.LeftButton
                and not event.modifiers() and isinstance(view, QAbstractItemView)
                and view.state() != QAbstractItemView.State.EditingState and self.open_grade_choice(view, index)):
            return True
        return super().editorEvent(event, model, option, index)

    def _target_result(self, path: tuple[int, ...] | None) -> IndicatorResult | None:
        """The score of the row whose 年度指标值 cell shows `path` (None for any other cell)."""
        return None if path is None else self.model.session.evaluation.indicator(path)

    def tooltip(self, index: Index) -> str:
        """The cell's tooltip; an indicator's target cell first says how the row is scored."""
        tip = index.data(Qt.ItemDataRole.ToolTipRole) or ""
        result = self._target_result(target_path(self.model.shown(index)))
        how = direction_label(result.direction, result.kind) if result else ""
        return "\n".join(part for part in (how, tip) if part)

    def direction_tag(self, index: Index) -> str:
        """The one-character mark drawn in a target cell's corner (`反`, `正`, `区` …)."""
        return self._tag(target_path(self.model.shown(index)))

    def _tag(self, path: tuple[int, ...] | None) -> str:
        result = self._target_result(path)
        return direction_tag(result.direction) if result else ""

    def is_cut(self, index: Index) -> bool:
        """A cell of a row marked by 剪切行 (framed by a dashed line until it is pasted or cancelled)."""
        if self._cut_mark is None:  # the view's actions are made after its delegate
            actions = getattr(self.parent(), "table_actions", None)
            self._cut_mark = actions.cut_mark if actions is not None else None
        if self._cut_mark is None or not self._cut_mark.active:  # asked for every cell painted: the usual case first
            return False
        rows = self._cut_mark.rows(self.model.session.undo_stack)
        return bool(rows) and indicator_path(self.model.cell(index)) in rows

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """A cell as `_paint_cell` draws it, copied from a picture once it is painted again looking
        the same.

        Laying out wrapped Chinese text is most of a cell's cost, and a repaint (scrolling, an
        edit, the cursor moving) mostly redraws cells that did not change: a cell's look is the
        model's cached roles of it (a new dict whenever the cell changes), its size, its state
        (selected, focused, hovered …) and its grid marks. A new look is drawn directly (an edited
        cell is often painted once), and kept as a picture when painted a second time, once the
        view has called `keep_pictures` (after its first frame). Pictures are made only where they
        come out pixel for pixel as drawn directly: at a whole-number device pixel ratio (at 150%
        a cell may start between two device pixels), and not for the few cells the style frames
        as selected, current or hovered (the frame's smoothed corners came out a shade different
        in a picture). Every cell on screen passes here at each repaint: it does little else."""
        shown = self.model.shown(index)
        tag, cut = self._tag(target_path(shown)), self.is_cut(index)
        framed = self._framed
        if framed is None:  # the grid's first frame: drawn directly, nothing else asked of the option
            self._paint_cell(painter, option, index, tag, cut)
            return
        view = option.widget  # the viewport's ratio, asked of a widget Python already knows (see view.py)
        ratio = view.devicePixelRatioF() if view is not None else 1.0
        state = option.state
        if not ratio.is_integer() or not self._plain(state, framed):
            self._paint_cell(painter, option, index, tag, cut)
            return
        rect = option.rect
        look = (rect.width(), rect.height(), state, tag, cut, ratio)
        corner = (index.row(), index.column())
        kept = self._pictures.pop(corner, None)  # popped and put back: the dict's end is the newest
        if kept is not None and kept[0] is shown and kept[1] == look:
            if kept[2] is not None:
                self._pictures[corner] = kept
                painter.drawPixmap(rect.topLeft(), kept[2])
                return
            if self._new_pictures_left <= 0:  # this frame made its share: kept on a later one
                self._pictures[corner] = kept
                self._paint_cell(painter, option, index, tag, cut)
                return
            self._new_pictures_left -= 1
            picture = self._picture(option, index, tag, cut, ratio)  # painted a second time alike
            self._pictures[corner] = (shown, look, picture)
            self._picture_bytes += _bytes(picture)
            painter.drawPixmap(rect.topLeft(), picture)
            self._forget_oldest(ratio)
            return
        if kept is not None and kept[2] is not None:
            self._picture_bytes -= _bytes(kept[2])
        self._pictures[corner] = (shown, look, None)  # a new look, often painted once (an edited cell)
        self._paint_cell(painter, option, index, tag, cut)

    def _plain(self, state: QStyle.StateFlag, framed: QStyle.StateFlag) -> bool:
        """A state the style draws no frame for (see paint); the few states a grid shows are met again
        and again, and told apart by identity (combining flags from Python costs microseconds)."""
        plain = self._plain_states.get(id(state))
        if plain is None or plain[0] is not state:
            if len(self._plain_states) > 64:  # flags not met again alike: start over rather than grow
                self._plain_states.clear()
            plain = self._plain_states[id(state)] = (state, not state & framed)
        return plain[1]

    def new_frame(self) -> None:
        """The view starts painting a frame: it may make its share of new pictures (see paint)."""
        self._new_pictures_left = PICTURES_PER_FRAME

    def keep_pictures(self) -> None:
        """Start keeping cell pictures. Not before the grid's first frame: reading a style option's
        state from Python first sets up QStyle's enums, ~12 ms (hence imported here: importing the
        class sets them up too)."""
        from PySide6.QtWidgets import QStyle

        flags = QStyle.StateFlag
        self._framed = flags.State_Selected | flags.State_HasFocus | flags.State_MouseOver

    def _picture(self, option: QStyleOptionViewItem, index: Index, tag: str, cut: bool, ratio: float) -> QPixmap:
        """The cell drawn on what lies under it in the view: the base colour (the row panel the view
        draws first is empty but for selected or hovered cells, and rows of alternating colours,
        which the grid does not use)."""
        rect = option.rect
        picture = QPixmap(int(rect.width() * ratio), int(rect.height() * ratio))
        picture.setDevicePixelRatio(ratio)
        picture.fill(option.palette.color(option.palette.ColorRole.Base))  # opaque: text smoothed as on screen
        painter = QPainter(picture)
        painter.translate(-rect.x(), -rect.y())  # drawn where it is, so the option is used as it is
        self._paint_cell(painter, option, index, tag, cut)
        painter.end()
        return picture

    def _forget_oldest(self, ratio: float) -> None:
        """Keep the pictures of about three screens of cells, dropping the least recently painted."""
        view = self.parent()
        screen = view.width() * view.height() * ratio * ratio * 4 if isinstance(view, QWidget) else 0
        while self._picture_bytes > max(3 * screen, _MIN_PICTURE_BYTES) and len(self._pictures) > 1:
            _, _, picture = self._pictures.pop(next(iter(self._pictures)))
            if picture is not None:
                self._picture_bytes -= _bytes(picture)

    def forget_pictures(self) -> None:
        """Drop every kept picture and size hint (the view's font, palette or style changed)."""
        self._pictures.clear()
        self._picture_bytes = 0
        self._hints.clear()

    def _paint_cell(self, painter: QPainter, option: QStyleOptionViewItem, index: Index, tag: str,
                    cut: bool) -> None:
        """Grid-only marks, never printed: a dashed frame on rows marked by 剪切行, in a target cell's
        corner its direction in small grey, so a rate read as a ceiling (`反`) is seen at once, and the
        review's comment triangle."""
        super().paint(painter, option, index)
        if cut:
            painter.save()
            painter.setPen(QPen(CUT_COLOUR, 1.5, Qt.PenStyle.DashLine))
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()
        if tag:
            painter.save()
            font = QFont(option.font)
            font.setPointSizeF(font.pointSizeF() * 0.75)
            painter.setFont(font)
            painter.setPen(TAG_COLOUR)
            painter.drawText(option.rect.adjusted(0, 1, -3, 0), Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight,
                             tag)
            painter.restore()
        if self.model.commented(index):
            from perfdesk.gui.review.marks import paint_comment_marker  # a table with a review only

            paint_comment_marker(painter, option.rect)

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,
                  index: Index) -> bool:
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            tip = self.tooltip(index)
            if tip:
                QToolTip.showText(event.globalPos(), tip, view)
            else:
                QToolTip.hideText()
            return True
        return super().helpEvent(event, view, option, index)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        enter, pressed = (Qt.Key.Key_Return, Qt.Key.Key_Enter), event.type() == QEvent.Type.KeyPress
        if pressed and isinstance(event, QKeyEvent) and isinstance(editor, QWidget) and event.key() in enter:
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
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            self.enter = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier) if enter else None
        return False
