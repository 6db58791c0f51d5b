"""What the grid shows of the review: the comment triangle and the per-cell marks.

Marks are worked out from the review and the current layout after every change,
by anchor (row id and field), so they follow their rows.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPolygonF

from perfdesk.core.layout.table import TableLayout
from perfdesk.core.model.document import Document
from perfdesk.core.review.anchors import locate
from perfdesk.core.review.diff import FieldChange
from perfdesk.core.review.model import WHOLE_TABLE, Review
from perfdesk.gui.table.model import CellMark

MARKER_COLOR = QColor("#d4380d")
MARKER_SIZE = 7


def paint_comment_marker(painter: QPainter, rect: QRect) -> None:
    """A small filled triangle in the cell's top-right corner, as Excel marks a commented cell."""
    right, top = rect.right() + 1, rect.top()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(MARKER_COLOR)
    painter.drawPolygon(QPolygonF([QPointF(right - MARKER_SIZE, top), QPointF(right, top),
                                   QPointF(right, top + MARKER_SIZE)]))
    painter.restore()


def cell_marks(doc: Document, layout: TableLayout, review: Review,
               changes: list[FieldChange]) -> dict[tuple[int, int], CellMark]:
    """Comment markers and changed-since-return highlights by cell corner."""
    notes: dict[tuple[int, int], list[str]] = {}
    commented: set[tuple[int, int]] = set()
    changed: set[tuple[int, int]] = set()
    for comment in review.comments:
        location = locate(doc, comment.anchor) if comment.anchor.section != WHOLE_TABLE else None
        cell = layout.locate(location) if location is not None else None
        if cell is not None:
            commented.add((cell.row, cell.col))
            state = "（已解决）" if comment.resolved else ("（单位已修改）" if comment.fixed else "")
            notes.setdefault((cell.row, cell.col), []).append(f"批注 {comment.author}{state}：{comment.text}")
    for change in changes:
        location = locate(doc, change.anchor)
        cell = layout.locate(location) if location is not None else None
        if cell is not None:
            changed.add((cell.row, cell.col))
            notes.setdefault((cell.row, cell.col), []).append(
                f"退回后改动：{change.old or '（空）'} → {change.new or '（空）'}")
    return {key: CellMark(key in commented, key in changed, "\n".join(lines)) for key, lines in notes.items()}
