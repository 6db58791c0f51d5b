"""Which rows the 汇总 window shows: the search box, the three choices and the three checks.

`RowFilter` is plain data with the test, so the proxy stays a thin adapter and
the totals line counts exactly the rows on screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from perfdesk.gui.summary.columns import Entry
from perfdesk.gui.summary.table_model import SummaryModel

#: The 主管部门 choice of tables that leave it empty.
NO_DEPARTMENT = "（未填写）"


@dataclass(frozen=True)
class RowFilter:
    """None for a choice means 全部."""

    words: tuple[str, ...] = ()  # searched for in name, department, unit and file name (casefolded)
    status: str | None = None  # review status key ("" = 未报送)
    grade: str | None = None
    department: str | None = None
    errors_only: bool = False
    claims_only: bool = False
    unreadable_only: bool = False

    def accepts(self, entry: Entry) -> bool:
        row = entry.row
        if self.unreadable_only and row.ok:
            return False
        if self.errors_only and not row.errors:
            return False
        if self.claims_only and not row.claims_differ:
            return False
        if self.status is not None and (not row.ok or row.review_status != self.status):
            return False
        if self.grade is not None and (not row.ok or row.grade != self.grade):
            return False
        if self.department is not None and (not row.ok or (row.department or NO_DEPARTMENT) != self.department):
            return False
        return all(word in entry.haystack for word in self.words)

    def shown(self, entries: Iterable[Entry]) -> list[Entry]:
        return [e for e in entries if self.accepts(e)]


class SummaryProxy(QSortFilterProxyModel):
    """Filters with a `RowFilter`; sorting is handed to the source model (see table_model)."""

    def __init__(self, source: SummaryModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.setSourceModel(source)
        self.row_filter = RowFilter()

    def set_filter(self, row_filter: RowFilter) -> None:
        if row_filter == self.row_filter:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateRowsFilter is deprecated there
            self.beginFilterChange()
            self.row_filter = row_filter
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.row_filter = row_filter
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        return self.row_filter.accepts(self.source.entry(source_row))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source.sort(column, order)

    def shown(self) -> list[Entry]:
        """The entries on screen, top to bottom."""
        return [self.source.entry(self.mapToSource(self.index(r, 0)).row()) for r in range(self.rowCount())]
