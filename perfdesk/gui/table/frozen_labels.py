"""Frozen labels: the indicator header and the 一级/二级 names stay on screen while the indicators scroll.

On a 1366×768 screen at 150% about ten rows are visible, so the merged 一级/二级
cells and the column titles of the indicator block scroll away while their rows are
still being filled. Two strips laid over the grid's viewport, transparent to the mouse,
show the indicator header row along the top while an indicator row is at the top, and
the visible part of each cut-off name cell with its name centred in it. Each strip is
only as large as what it shows and hidden when there is nothing to show, so typing
and scrolling repaint no more of the grid than before.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QTableView, QWidget

from perfdesk.core.layout.table import Cell, Role, TableLayout
from perfdesk.gui.table.model import BACKGROUNDS, TableModel

NAME_KEYS = ("level1", "group")
PADDING = 4
Piece = tuple[Cell, QRect]  # a cell and the part of the viewport where it is drawn


class _Strip(QWidget):
    """One overlay rectangle drawing its pieces (in viewport coordinates) as grid cells."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.pieces: list[Piece] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def show_pieces(self, pieces: list[Piece]) -> None:
        shown = [(cell.text, cell.role, rect) for cell, rect in pieces]
        if shown == [(cell.text, cell.role, rect) for cell, rect in self.pieces] and self.isVisible() == bool(pieces):
            return  # an edit elsewhere: nothing to repaint
        self.pieces = pieces
        if not pieces:
            self.hide()
            return
        bounds = QRect(pieces[0][1])
        for _, rect in pieces[1:]:
            bounds = bounds.united(rect)
        self.setGeometry(bounds.translated(self.view.viewport().pos()))
        self.show()
        self.raise_()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        # Here, not at import: the strips are hidden at start-up, and touching QStyle's enums
        # costs ~10 ms before the first frame.
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        painter = QPainter(self)
        origin = self.geometry().topLeft() - self.view.viewport().pos()
        grid = QColor(self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, QStyleOptionViewItem(),
                                             self.view) & 0xFFFFFF)
        text_colour = self.palette().color(self.palette().ColorRole.Text)
        for cell, viewport_rect in self.pieces:
            rect = viewport_rect.translated(-origin)
            painter.fillRect(rect, BACKGROUNDS.get(cell.role, BACKGROUNDS[Role.LABEL]))
            painter.setPen(grid)
            painter.drawLine(rect.topRight(), rect.bottomRight())
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())
            font = QFont(self.view.font())
            font.setBold(cell.role is Role.HEADER)
            painter.setFont(font)
            painter.setPen(text_colour)
            flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
            room = rect.adjusted(PADDING, 0, -PADDING, 0)
            painter.drawText(room, flags, fitting_text(painter.fontMetrics(), room, flags, cell.text))
        painter.end()


def fitting_text(metrics: QFontMetrics, room: QRect, flags: int, text: str) -> str:
    """`text` if it fits in `room`, else its first line (`效益指标` without `（40分）`), else nothing:
    a sliver of a cell at the edge shows no half-cut letters."""
    if metrics.boundingRect(room, flags, text).height() <= room.height():
        return text
    first = text.split("\n")[0]
    return first if metrics.boundingRect(room, flags, first).height() <= room.height() else ""


class FrozenLabels(QObject):
    """Keeps the two strips of `view` up to date as it scrolls, resizes and changes."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.header_strip = _Strip(view)
        self.names_strip = _Strip(view)
        self._corners: list[tuple[int, int]] | None = None  # name cells' positions, until the rows change
        view.viewport().installEventFilter(self)
        for signal in (view.verticalScrollBar().valueChanged, view.horizontalScrollBar().valueChanged,
                       view.horizontalHeader().sectionResized, view.verticalHeader().sectionResized):
            signal.connect(self.refresh)
        view.model().dataChanged.connect(self._on_data_changed)
        view.model().modelReset.connect(self._forget_rows)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show):
            self.refresh()
        return False

    def _on_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        """Texts changed: redraw the strips only when one of the cells they show is among them
        (an edit changes a few cells, one signal each, and rarely a name or the header)."""
        rows, cols = range(top_left.row(), bottom_right.row() + 1), range(top_left.column(), bottom_right.column() + 1)
        header = self._layout().indicator_header_row
        if header in rows or any(row in rows and col in cols for row, col in self._name_corners()):
            self.refresh()

    def _name_corners(self) -> list[tuple[int, int]]:
        """Where the merged 一级/二级 name cells start, until the rows change."""
        if self._corners is None:
            self._corners = [(c.row, c.col) for c in self._layout().cells if c.key in NAME_KEYS and c.rowspan > 1]
        return self._corners

    def _forget_rows(self) -> None:
        self._corners = None
        self.refresh()

    def refresh(self) -> None:
        header = self.frozen_header()
        self.header_strip.show_pieces(header)
        self.names_strip.show_pieces(self.frozen_names(max((r.bottom() + 1 for _, r in header), default=0)))

    # ------------------------------------------------------------ what to show

    def _layout(self) -> TableLayout:
        model = self.view.model()
        assert isinstance(model, TableModel)  # the grid this overlay was made for
        return model.layout

    def _span_rect(self, cell: Cell) -> QRect:
        """The cell's whole rectangle in viewport coordinates (may reach beyond the viewport)."""
        view = self.view
        top = view.rowViewportPosition(cell.row)
        last = cell.row + cell.rowspan - 1
        bottom = view.rowViewportPosition(last) + view.rowHeight(last)
        left = view.columnViewportPosition(cell.col)
        width = sum(view.columnWidth(c) for c in range(cell.col, cell.col + cell.colspan))
        return QRect(left, top, width, bottom - top)

    def frozen_header(self) -> list[Piece]:
        """The indicator header's cells along the top, while it is scrolled off and indicators are shown."""
        layout = self._layout()
        header = layout.indicator_header_row
        first, end = layout.indicator_rows
        top_row = self.view.rowAt(0)
        if end <= first or self.view.rowViewportPosition(header) >= 0 or not first <= top_row < end:
            return []
        height = self.view.rowHeight(header)
        cells = (layout.cell_at(header, col) for col in range(layout.columns))
        pieces = {id(c): (c, self._span_rect(c)) for c in cells if c is not None and c.row == header}
        return [(c, QRect(rect.left(), 0, rect.width(), height)) for c, rect in pieces.values()]

    def frozen_names(self, below: int = 0) -> list[Piece]:
        """The 一级/二级 name cells cut by the top (or bottom) edge: the part on screen below `below`."""
        layout = self._layout()
        height = self.view.viewport().height()
        pieces = []
        for row, col in self._name_corners():
            cell = layout.cell_at(row, col)
            if cell is None:
                continue
            rect = self._span_rect(cell)
            if rect.bottom() < below or rect.top() >= height or (rect.top() >= below and rect.bottom() < height):
                continue  # off screen, or wholly on screen: the grid shows it
            top, bottom = max(rect.top(), below), min(rect.bottom(), height - 1)
            pieces.append((cell, QRect(rect.left(), top, rect.width(), bottom - top + 1)))
        return pieces
