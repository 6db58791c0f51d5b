"""The table widget of the main window: spans, row heights, keyboard comfort, clipboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMenu,
    QTableView,
    QWidget,
)

from perfdesk.core.layout.refresh import Change
from perfdesk.core.layout.table import Role
from perfdesk.core.model.results import Location
from perfdesk.gui import preferences
from perfdesk.gui.session import DocumentSession
from perfdesk.gui.table.actions import TableActions
from perfdesk.gui.table.delegates import CellDelegate
from perfdesk.gui.table.model import TableModel

if TYPE_CHECKING:
    from perfdesk.core.layout.paste import PastePlan
    from perfdesk.gui.table.frozen_labels import FrozenLabels

Hint = QAbstractItemDelegate.EndEditHint
MIN_COLUMN_SCALE = 0.8
Cursor = QAbstractItemView.CursorAction


class TableView(QTableView):
    """Edits a `DocumentSession` as the printed table; every edit is one undo step."""

    #: A short Chinese report for the status bar (what a paste did).
    status_message = Signal(str)
    #: The open cell editor's text changed (see `uncommitted_edit`).
    editing = Signal()
    #: The grid's first frame is on screen: what it did not need may follow now.
    first_frame_painted = Signal()

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.table_model = TableModel(session, self)
        self.setModel(self.table_model)
        self.delegate = CellDelegate(self.table_model, self)
        self.delegate.editing.connect(self.editing)
        self.delegate.enter_committed.connect(self._move_after_enter)
        self.setItemDelegate(self.delegate)
        #: Enter goes to the next cell on the right instead of down (编辑 › 按 Enter 键后向右移动).
        self.enter_moves_right = preferences.enter_moves_right()
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setWordWrap(True)
        self.setTabKeyNavigation(True)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table_actions = TableActions(self)
        a = self.table_actions
        self.add_indicator_action = a.add_indicator
        self.delete_indicator_action = a.delete_indicator
        self.move_up_action = a.move_up
        self.move_down_action = a.move_down
        self.group_weight_action = a.group_weight
        self.manual_score_action = a.manual_score
        self.comparator_actions = a.comparators
        self.addActions(a.all())
        self.table_model.structure_changed.connect(self._on_structure_changed)
        self.table_model.modelAboutToBeReset.connect(self._remember_current)
        self._connect(session)
        self._remembered: tuple[Location | None, int, int] = (None, 0, 0)
        # Wrapped rows change height when columns change width; resizing 500 rows on
        # every resize step would make dragging the window edge sluggish.
        self._row_heights_timer = QTimer(self, singleShot=True, interval=150)
        self._row_heights_timer.timeout.connect(self.resizeRowsToContents)
        self._apply_column_widths()
        self._on_structure_changed()
        self._go_to_first_input()
        #: Laid over the grid once its first frame is painted (see paintEvent).
        self.frozen_labels: FrozenLabels | None = None
        self._first_frame_painted = False

    # ------------------------------------------------------------ sessions

    def set_session(self, session: DocumentSession) -> None:
        """Show another document (opened or new)."""
        self.session.changed.disconnect(self._on_changed)
        self.session.changed.disconnect(self.table_actions.update_enabled)
        self.session = session
        self.table_model.set_session(session)  # first: the view's handler measures rows from the model's cells
        self._connect(session)
        self._remembered = (None, 0, 0)
        self._go_to_first_input()

    def _go_to_first_input(self) -> None:
        positions = self.input_positions()
        if positions:
            self.setCurrentIndex(self.table_model.index(*positions[0]))

    def _connect(self, session: DocumentSession) -> None:
        session.changed.connect(self._on_changed)
        session.changed.connect(self.table_actions.update_enabled)

    def _on_changed(self, change: Change) -> None:
        """Resize the rows whose text changed only (a full resize is slow on big tables): the edited
        cells' and those the change rewrote, such as an actual cell showing a newly chosen grade."""
        layout = self.table_model.layout
        rows = {cell.row for cell in change.cells}
        for loc in change.touched:
            cell = layout.bound(loc.section, loc.path, loc.field)
            if cell is not None:
                rows.add(cell.row)
        for row in sorted(rows):
            self.resizeRowToContents(row)

    def _remember_current(self) -> None:
        cell = self.table_model.cell(self.currentIndex())
        index = self.currentIndex()
        self._remembered = (cell.binding if cell else None, max(index.row(), 0), max(index.column(), 0))

    def _on_structure_changed(self) -> None:
        self.delegate.forget_pictures()  # kept by corner: the rows are others now
        self._apply_column_widths()  # another template may order or size its columns otherwise
        self.clearSpans()
        for cell in self.table_model.layout.cells:
            if cell.rowspan > 1 or cell.colspan > 1:
                self.setSpan(cell.row, cell.col, cell.rowspan, cell.colspan)
        self.resizeRowsToContents()
        binding, row, col = self._remembered
        if binding is None or not self.select_location(binding):
            row = min(row, self.table_model.rowCount() - 1)
            self.setCurrentIndex(self.table_model.index(row, col))
        self.table_actions.update_enabled()

    def _apply_column_widths(self, room: int | None = None) -> None:
        """Share the viewport's width (`room`, when known) in the printed table's proportions.

        Wider screens stretch every column (no empty band on the right); narrow ones
        (1366×768 at 150%) shrink them to 80% of their natural width before scrolling.
        """
        unit = self.fontMetrics().horizontalAdvance("0") * 1.1
        natural = [w * unit for w in self.table_model.layout.grid.widths]
        # The (hidden) column header is laid out over the viewport: its width is the viewport's, and
        # asking it avoids wrapping the viewport in Python before the first frame (PySide's first
        # viewport() call resolves its type against every widget class, ~15 ms).
        room = self.horizontalHeader().width() if room is None else room
        scale = max(room / sum(natural), MIN_COLUMN_SCALE)
        widths = [int(w * scale) for w in natural]
        if widths == [self.columnWidth(c) for c in range(len(widths))]:
            return
        for col, width in enumerate(widths):
            self.setColumnWidth(col, width)
        self._row_heights_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The viewport's size changed (the window's, a scrollbar shown or hidden): fit its new width.

        Taken from the event: the header follows the viewport only when the view lays itself out,
        and a scrollbar that comes or goes while it does (rows added or removed) leaves it behind."""
        super().resizeEvent(event)
        self._apply_column_widths(event.size().width())

    def changeEvent(self, event: QEvent) -> None:
        """The delegate's cell pictures were drawn with the old font, palette or style; with another font
        or style the natural column widths and the wrapped rows' heights change too."""
        kind = event.type()
        if kind in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self.delegate.forget_pictures()
        super().changeEvent(event)
        if kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._apply_column_widths()
            self._row_heights_timer.start()  # also when the columns kept their widths

    def paintEvent(self, event: QPaintEvent) -> None:
        self.delegate.new_frame()
        super().paintEvent(event)
        if not self._first_frame_painted:
            self._first_frame_painted = True
            QTimer.singleShot(0, self, self._add_frozen_labels)

    def _add_frozen_labels(self) -> None:
        """After the first frame: at the table's start nothing is frozen, and the overlay watches
        the viewport, whose first use from Python costs ~15 ms (see _apply_column_widths). The
        delegate's cell pictures wait for this moment too (see CellDelegate.keep_pictures)."""
        from perfdesk.gui.table.frozen_labels import FrozenLabels

        self.delegate.keep_pictures()
        self.frozen_labels = FrozenLabels(self)
        self.frozen_labels.refresh()
        self.first_frame_painted.emit()

    # ------------------------------------------------------------ locations

    def select_location(self, location: Location) -> bool:
        """Select, scroll to and make current the cell showing `location`; False when not shown."""
        cell = self.table_model.layout.locate(location)
        if cell is None:
            return False
        index = self.table_model.index(cell.row, cell.col)
        self.setCurrentIndex(index)
        self.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)
        return True

    def current_cell(self):
        return self.table_model.cell(self.currentIndex())

    def uncommitted_edit(self) -> tuple[Location, str] | None:
        """The field and text of the open cell editor, typed but not yet in the document."""
        if self.state() != QAbstractItemView.State.EditingState:
            return None
        index = self.currentIndex()
        cell = self.table_model.cell(index)
        editor = self.indexWidget(index)
        if cell is None or cell.binding is None or editor is None:
            return None
        return self.delegate.uncommitted(editor, cell.binding)

    def refuses_edits(self) -> bool:
        """True, once the session's guard has said why, when the table is read-only (review mode, an
        accepted table, a file being read to replace it): asked before a dialog or a paste, whose
        answer or report would otherwise be given for nothing."""
        return self.table_model.read_only and not self.session.may_edit()

    def dialog_read_only(self) -> bool | None:
        """How a dialog that edits the table opens: False editable, True read-only (a reviewer reads what
        the unit wrote; the session's guard is not asked, so no question such as 撤回报送 comes), None not
        at all (`refuses_edits`: a file is read to replace the table, an accepted table)."""
        if self.session.for_review():
            return True
        return None if self.refuses_edits() else False

    def commit_open_editor(self) -> None:
        """Store what the open editor holds, as Enter would (before saving or closing: it was typed)."""
        editor = self.indexWidget(self.currentIndex()) if self.state() == QAbstractItemView.State.EditingState else None
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, Hint.NoHint)

    def input_positions(self) -> list[tuple[int, int]]:
        """Top-left corners of the INPUT cells, left to right then down."""
        cells = (c for c in self.table_model.layout.cells if c.role is Role.INPUT)
        return sorted((c.row, c.col) for c in cells)

    def next_input(self, row: int, col: int, back: bool = False) -> QModelIndex:
        """The input cell after (or before) (row, col); stays put at either end."""
        positions = self.input_positions()
        if back:
            found = [p for p in positions if p < (row, col)]
            target = found[-1] if found else (row, col)
        else:
            target = next((p for p in positions if p > (row, col)), (row, col))
        return self.table_model.index(*target)

    def input_below(self, row: int, col: int, up: bool = False) -> QModelIndex:
        """The nearest input cell below (above) the one at (row, col) that covers its column; stays put if none."""
        layout = self.table_model.layout
        here = layout.cell_at(row, col)
        top, bottom = (here.row, here.row + here.rowspan - 1) if here else (row, row)
        column = [c for c in layout.cells if c.role is Role.INPUT and c.col <= col < c.col + c.colspan]
        if up:
            above = [c for c in column if c.row + c.rowspan - 1 < top]
            target = max(above, key=lambda c: c.row, default=None)
        else:
            target = min((c for c in column if c.row > bottom), key=lambda c: c.row, default=None)
        return self.table_model.index(target.row, target.col) if target else self.table_model.index(row, col)

    def _move_after_enter(self, back: bool = False) -> None:
        """Enter (Shift+Enter): down (up) as in Excel and WPS, or right (left) when the user chose so."""
        current = self.currentIndex()
        if self.enter_moves_right:
            self.setCurrentIndex(self.next_input(current.row(), current.column(), back))
        else:
            self.setCurrentIndex(self.input_below(current.row(), current.column(), up=back))

    # ------------------------------------------------------------ keyboard

    def moveCursor(self, action: Cursor, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        if action in (Cursor.MoveNext, Cursor.MovePrevious):
            current = self.currentIndex()
            return self.next_input(current.row(), current.column(), back=action == Cursor.MovePrevious)
        return super().moveCursor(action, modifiers)

    def closeEditor(self, editor: QWidget, hint: Hint) -> None:
        """After Tab in an editor, move to the next input cell without opening its editor."""
        if hint in (Hint.EditNextItem, Hint.EditPreviousItem):
            super().closeEditor(editor, Hint.NoHint)
            current = self.currentIndex()
            self.setCurrentIndex(self.next_input(current.row(), current.column(), hint == Hint.EditPreviousItem))
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if not editing and enter and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier \
                and self.delegate.open_grade_choice(self, self.currentIndex()):
            return  # Enter on a qualitative actual cell offers the grade choice
        if not editing and enter:
            self._move_after_enter(bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return
        if not editing and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_selection()
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        self.table_actions.fill_menu(menu)
        menu.exec(event.globalPos())

    # ------------------------------------------------------------ clipboard

    def _selected_cells(self):
        seen, cells = set(), []
        for index in sorted(self.selectedIndexes(), key=lambda i: (i.row(), i.column())):
            cell = self.table_model.cell(index)
            if cell is not None and id(cell) not in seen:
                seen.add(id(cell))
                cells.append(cell)
        return cells

    def clear_selection(self) -> None:
        """Delete: empty every selected input cell, as one undo step."""
        changes = [(c.binding, "") for c in self._selected_cells() if c.role is Role.INPUT and c.binding]
        self.session.set_many(changes, "清除内容")

    def copy_selection(self) -> None:
        """Ctrl+C: the selected cells as tab-separated text (Excel/WPS paste it as a block)."""
        cells = self._selected_cells()
        if not cells:
            return
        rows: dict[int, list[str]] = {}
        for cell in cells:
            rows.setdefault(cell.row, []).append(cell.text)
        from perfdesk.core.layout.paste import to_tsv  # the clipboard's code (csv …): on first use

        QApplication.clipboard().setText(to_tsv([rows[r] for r in sorted(rows)]))

    def paste(self) -> None:
        """Ctrl+V: a tab-separated block placed as the table understands it, one undo step;
        the status bar says what went where and what could not be placed."""
        current = self.currentIndex()
        from perfdesk.core.layout.paste import indicator_anchor, parse_tsv, plan_block_paste, plan_indicator_paste

        block = parse_tsv(QApplication.clipboard().text())
        if not current.isValid() or not block or self.refuses_edits():
            return
        layout = self.table_model.layout
        anchor = indicator_anchor(layout, current.row(), current.column())
        if anchor is None:
            plan = plan_block_paste(layout, current.row(), current.column(), block)
        else:
            plan = plan_indicator_paste(self.session.doc, anchor[0], anchor[1], block,
                                        self.session.profile.group_weights, layout.grid)
        self._apply_paste(plan, len(block))
        self.status_message.emit(plan.summary())

    def _apply_paste(self, plan: PastePlan, lines: int) -> None:
        if not plan.grow:
            self.session.set_many(plan.changes, "粘贴")
            return
        # Indicators pasted into a 二级 stay in it: add the rows it lacks, all one undo step.
        stack = self.session.undo_stack
        stack.beginMacro(f"粘贴 {lines} 行指标")
        try:
            for (i1, i2), count in plan.grow.items():
                end = len(self.session.doc.group_at(i1, i2).indicators)
                for offset in range(count):
                    self.session.insert_indicator(i1, i2, end + offset)
            self.session.set_many(plan.changes, "粘贴")
        finally:
            stack.endMacro()
