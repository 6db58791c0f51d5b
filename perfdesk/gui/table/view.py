"""The table widget of the main window: spans, row heights, keyboard comfort, clipboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMenu,
    QTableView,
    QWidget,
)

from perfdesk.core.layout.table import COLUMN_WIDTHS, Role
from perfdesk.core.model.results import Location
from perfdesk.gui.session import DocumentSession
from perfdesk.gui.table.actions import TableActions
from perfdesk.gui.table.delegates import CellDelegate
from perfdesk.gui.table.model import TableModel
from perfdesk.gui.table.paste import parse_tsv, plan_paste, to_tsv

if TYPE_CHECKING:
    from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QResizeEvent  # event types cost start-up time

Hint = QAbstractItemDelegate.EndEditHint
MIN_COLUMN_SCALE = 0.8
Cursor = QAbstractItemView.CursorAction


class TableView(QTableView):
    """Edits a `DocumentSession` as the printed table; every edit is one undo step."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.table_model = TableModel(session, self)
        self.setModel(self.table_model)
        self.setItemDelegate(CellDelegate(self.table_model, self))
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
        # Not shown yet, so no scroll bars: the viewport may take all of it. (Asking for
        # viewport() here would make PySide create every QWidget subclass's Python type.)
        self._apply_column_widths(self.maximumViewportSize().width())
        self._on_structure_changed()
        self._go_to_first_input()

    # ------------------------------------------------------------ sessions

    def set_session(self, session: DocumentSession) -> None:
        """Show another document (opened or new)."""
        self.session.changed.disconnect(self._on_changed)
        self.session.changed.disconnect(self.table_actions.update_enabled)
        self.session = session
        self._connect(session)
        self._remembered = (None, 0, 0)
        self.table_model.set_session(session)
        self._go_to_first_input()

    def _go_to_first_input(self) -> None:
        positions = self.input_positions()
        if positions:
            self.setCurrentIndex(self.table_model.index(*positions[0]))

    def _connect(self, session: DocumentSession) -> None:
        session.changed.connect(self._on_changed)
        session.changed.connect(self.table_actions.update_enabled)

    def _on_changed(self) -> None:
        """Resize the rows of the edited cells only (a full resize is slow on big tables)."""
        layout = self.table_model.layout
        rows = set()
        for loc in self.session.last_touched:
            cell = layout.bound(loc.section, loc.path, loc.field)
            if cell is not None:
                rows.add(cell.row)
        for row in rows:
            self.resizeRowToContents(row)

    def _remember_current(self) -> None:
        cell = self.table_model.cell(self.currentIndex())
        index = self.currentIndex()
        self._remembered = (cell.binding if cell else None, max(index.row(), 0), max(index.column(), 0))

    def _on_structure_changed(self) -> None:
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

    def _apply_column_widths(self, viewport_width: int) -> None:
        """Share the viewport's width in the printed table's proportions.

        Wider screens stretch every column (no empty band on the right); narrow ones
        (1366×768 at 150%) shrink them to 80% of their natural width before scrolling.
        """
        unit = self.fontMetrics().horizontalAdvance("0") * 1.1
        natural = [w * unit for w in COLUMN_WIDTHS]
        scale = max(viewport_width / sum(natural), MIN_COLUMN_SCALE)
        widths = [int(w * scale) for w in natural]
        if widths == [self.columnWidth(c) for c in range(len(widths))]:
            return
        for col, width in enumerate(widths):
            self.setColumnWidth(col, width)
        self._row_heights_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt naming)
        """Called for the viewport's resizes (QAbstractScrollArea): `event.size()` is the viewport's."""
        super().resizeEvent(event)
        self._apply_column_widths(event.size().width())

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

    # ------------------------------------------------------------ keyboard

    def moveCursor(self, action: Cursor, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        if action in (Cursor.MoveNext, Cursor.MovePrevious):
            current = self.currentIndex()
            return self.next_input(current.row(), current.column(), back=action == Cursor.MovePrevious)
        return super().moveCursor(action, modifiers)

    def closeEditor(self, editor: QWidget, hint: Hint) -> None:
        """After Tab/Enter in an editor, move to the next input cell without opening its editor."""
        if hint in (Hint.EditNextItem, Hint.EditPreviousItem):
            super().closeEditor(editor, Hint.NoHint)
            current = self.currentIndex()
            self.setCurrentIndex(self.next_input(current.row(), current.column(), hint == Hint.EditPreviousItem))
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            current = self.currentIndex()
            back = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.setCurrentIndex(self.next_input(current.row(), current.column(), back))
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
        QApplication.clipboard().setText(to_tsv([rows[r] for r in sorted(rows)]))

    def paste(self) -> None:
        """Ctrl+V: a tab-separated block into the input cells from the current cell, one undo step."""
        current = self.currentIndex()
        block = parse_tsv(QApplication.clipboard().text())
        if not current.isValid() or not block:
            return
        missing = self._rows_missing_in_group(current, len(block))
        if not missing:
            self.session.set_many(plan_paste(self.table_model.layout, current.row(), current.column(), block), "粘贴")
            return
        # Indicators pasted into a 二级 stay in it: add the rows it lacks, all one undo step.
        i1, i2, _ = self.current_cell().binding.path
        stack = self.session.undo_stack
        stack.beginMacro(f"粘贴 {len(block)} 行指标")
        try:
            end = len(self.session.doc.group_at(i1, i2).indicators)
            for offset in range(missing):
                self.session.insert_indicator(i1, i2, end + offset)
            changes = plan_paste(self.table_model.layout, current.row(), current.column(), block)
            self.session.set_many(changes, "粘贴")
        finally:
            stack.endMacro()

    def _rows_missing_in_group(self, current: QModelIndex, lines: int) -> int:
        """How many rows a pasted block of `lines` lines needs beyond the end of the current 二级."""
        cell = self.table_model.cell(current)
        if cell is None or cell.binding is None or cell.binding.section != "indicator":
            return 0
        i1, i2, i3 = cell.binding.path
        available = len(self.session.doc.group_at(i1, i2).indicators) - i3
        return max(0, lines - available)
