"""Frozen labels: the indicator header and the 一级/二级 names stay on screen while the indicators scroll.

On a 1366×768 screen at 150% about ten rows are visible, so the merged 一级/二级
cells and the column titles of the indicator block scroll away while their rows are
still being filled. This overlay, laid over the grid's viewport and transparent to
the mouse, repaints the visible part of each cut-off name cell with its name centred
in it, and the indicator header row along the top while an indicator row is at the top.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView, QWidget

from perfdesk.core.layout.table import Cell, Role, TableLayout
from perfdesk.gui.table.model import BACKGROUNDS, TableModel

NAME_KEYS = ("level1", "group")
PADDING = 4


class FrozenLabels(QWidget):
    """Paints the frozen pieces over `view`'s viewport; repaints when the view scrolls or changes."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        view.viewport().installEventFilter(self)
        for signal in (view.verticalScrollBar().valueChanged, view.horizontalScrollBar().valueChanged,
                       view.horizontalHeader().sectionResized, view.verticalHeader().sectionResized):
            signal.connect(self.update)
        model = view.model()
        model.dataChanged.connect(self.update)
        model.modelReset.connect(self.update)
        self._follow_viewport()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._follow_viewport()
        return False

    def _follow_viewport(self) -> None:
        self.setGeometry(self.view.viewport().geometry())
        self.raise_()

    # ------------------------------------------------------------ what to paint

    def _layout(self) -> TableLayout:
        model = self.view.model()
        assert isinstance(model, TableModel)  # the grid this overlay was made for
        return model.layout

    def _cells(self) -> list[Cell]:
        return self._layout().cells

    def _span_rect(self, cell: Cell) -> QRect:
        """The cell's whole rectangle in viewport coordinates (may reach beyond the viewport)."""
        view = self.view
        top = view.rowViewportPosition(cell.row)
        last = cell.row + cell.rowspan - 1
        bottom = view.rowViewportPosition(last) + view.rowHeight(last)
        left = view.columnViewportPosition(cell.col)
        width = sum(view.columnWidth(c) for c in range(cell.col, cell.col + cell.colspan))
        return QRect(left, top, width, bottom - top)

    def frozen_header(self) -> list[tuple[Cell, QRect]]:
        """The indicator header's cells along the top, while it is scrolled off and indicators are shown."""
        layout = self._layout()
        header = layout.indicator_header_row
        first, end = layout.indicator_rows
        top_row = self.view.rowAt(0)
        if end <= first or self.view.rowViewportPosition(header) >= 0 or not first <= top_row < end:
            return []
        height = self.view.rowHeight(header)
        pieces = []
        for cell in self._cells():
            if cell.row == header:
                rect = self._span_rect(cell)
                pieces.append((cell, QRect(rect.left(), 0, rect.width(), height)))
        return pieces

    def frozen_names(self, below: int = 0) -> list[tuple[Cell, QRect]]:
        """The 一级/二级 name cells cut by the top (or bottom) edge: the part on screen below `below`."""
        height = self.view.viewport().height()
        pieces = []
        for cell in self._cells():
            if cell.key not in NAME_KEYS or cell.rowspan < 2:
                continue
            rect = self._span_rect(cell)
            if rect.top() >= below and rect.bottom() < height:
                continue  # wholly on screen: the grid shows it
            top, bottom = max(rect.top(), below), min(rect.bottom(), height - 1)
            if bottom > top:
                pieces.append((cell, QRect(rect.left(), top, rect.width(), bottom - top + 1)))
        return pieces

    # ------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        header = self.frozen_header()
        below = max((rect.bottom() + 1 for _, rect in header), default=0)
        pieces = self.frozen_names(below) + header
        if not pieces:
            return
        painter = QPainter(self)
        option = QStyleOptionViewItem()
        grid = QColor(self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self.view) & 0xFFFFFF)
        for cell, rect in pieces:
            painter.fillRect(rect, BACKGROUNDS.get(cell.role, BACKGROUNDS[Role.LABEL]))
            painter.setPen(grid)
            painter.drawLine(rect.topRight(), rect.bottomRight())
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())
            font = QFont(self.view.font())
            font.setBold(cell.role is Role.HEADER)
            painter.setFont(font)
            painter.setPen(self.palette().color(self.palette().ColorRole.Text))
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
