"""The 汇总表 as a Qt model: one `Entry` per file, filtered and sorted by Python keys, duplicates marked.

The model sorts and filters itself: a keyed list sort takes milliseconds for
10,000 rows, where a proxy calling back into Python for every comparison takes a
second, and a filter change is one layout change instead of a proxy removing and
inserting thousands of row ranges (each of which the view lays out again). It
keeps all entries, and those the filter shows, in ascending order of the sort
key; a descending view reads the shown list backwards. Rows that arrive while
sorted go straight to their place.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter, methodcaller
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from perfdesk.core.summary.row import SummaryRow
from perfdesk.gui.summary.columns import COLLATION, COLUMNS, DIFFERENCE, ERRORS, WARNINGS, Entry
from perfdesk.gui.summary.filters import RowFilter

UNREADABLE_TEXT = QColor("#B00020")
DUPLICATE_BACKGROUND = QColor("#FFE2A8")
DIFFERENCE_TEXT = QColor("#B45309")
_UNREADABLE, _DUPLICATE, _DIFFERENCE = QBrush(UNREADABLE_TEXT), QBrush(DUPLICATE_BACKGROUND), QBrush(DIFFERENCE_TEXT)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# Roles as plain ints: painting asks for several roles of every cell, and enum comparisons cost a Python call.
_DISPLAY, _TOOLTIP, _ALIGNMENT, _FOREGROUND, _BACKGROUND = (int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole))
_ROLES = frozenset((_DISPLAY, _TOOLTIP, _ALIGNMENT, _FOREGROUND, _BACKGROUND))
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
Key = Callable[[Entry], Any]
_SEQ = attrgetter("seq")


class SummaryModel(QAbstractTableModel):
    """Rows of the files read so far that `row_filter` shows; `expect` numbers files before they are read."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []  # every entry, ascending by `_key`
        self._shown: list[Entry] = []  # those the filter shows, ascending by `_key`
        self._by_table: dict[tuple[str, str], Entry] = {}  # (file, where): a workbook may hold several
        self._seq: dict[str, int] = {}
        self._column = -1  # -1: 序号 order
        self._order = Qt.SortOrder.AscendingOrder
        self._backwards = False  # descending: the view reads the lists from the end
        self._key: Key = lambda e: e.seq
        self.row_filter = RowFilter()

    # ------------------------------------------------------------ content

    def expect(self, files: Iterable[str]) -> None:
        """Give the files about to be read their 序号, in the order they were listed."""
        for file in files:
            self._seq.setdefault(file, len(self._seq))

    def add_rows(self, rows: Sequence[SummaryRow]) -> None:
        """New files go to their sorted place; a file already listed is refreshed where it stands."""
        new: list[Entry] = []
        refreshed: list[Entry] = []
        for row in rows:
            entry = self._by_table.get((row.file, row.where))
            if entry is not None:
                entry.set_row(row)
                refreshed.append(entry)
            else:
                seq = self._seq.setdefault(row.file, len(self._seq))
                entry = self._by_table[(row.file, row.where)] = Entry(seq, row)
                new.append(entry)
        if refreshed:
            self._refresh(refreshed)
        self._sort(new)
        for entry in new:
            self._entries.insert(bisect.bisect_right(self._entries, self._key(entry), key=self._key), entry)
        blocks: list[tuple[int, list[Entry]]] = []  # (place in the shown list, entries going there)
        for entry in self.row_filter.shown(new):
            at = bisect.bisect_right(self._shown, self._key(entry), key=self._key)
            if blocks and blocks[-1][0] == at:
                blocks[-1][1].append(entry)
            else:
                blocks.append((at, [entry]))
        for at, block in reversed(blocks):  # from the end, so the places before stay right
            first = len(self._shown) - at if self._backwards else at
            self.beginInsertRows(QModelIndex(), first, first + len(block) - 1)
            self._shown[at:at] = block
            self.endInsertRows()

    def _refresh(self, entries: list[Entry]) -> None:
        """Entries read again: repainted where they stand, or the list filtered again when one comes or goes."""
        shown = {id(e) for e in self._shown}
        if any(self.row_filter.accepts(e) != (id(e) in shown) for e in entries):
            self._relayout(self._column, self._order, self.row_filter, refilter=True)
            return
        for entry in entries:
            if id(entry) in shown:
                row = self._view_row(self._shown.index(entry), len(self._shown))
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def clear(self) -> None:
        self.beginResetModel()
        self._entries, self._shown, self._by_table, self._seq = [], [], {}, {}
        self.endResetModel()

    def entry(self, view_row: int) -> Entry:
        return self._shown[self._view_row(view_row, len(self._shown))]

    def entries(self) -> list[Entry]:
        """Every entry in 序号 order."""
        return sorted(self._entries, key=lambda e: e.seq)

    def shown(self) -> list[Entry]:
        """The entries on screen, top to bottom."""
        return self._shown[::-1] if self._backwards else self._shown[:]

    def total(self) -> int:
        """Rows listed, shown or not."""
        return len(self._entries)

    def files(self) -> list[str]:
        """Every file listed, once (a workbook of several tables has several rows)."""
        return list(dict.fromkeys(file for file, _ in self._by_table))

    def has_file(self, file: str) -> bool:
        return any(listed == file for listed, _ in self._by_table)

    def _view_row(self, at: int, count: int) -> int:
        """List position <-> view row (the same mapping both ways)."""
        return count - 1 - at if self._backwards else at

    def set_duplicates(self, entries: Sequence[Entry], notes: dict[int, str]) -> None:
        """Mark `entries[i]` with `notes[i]` (`totals.duplicates` of those entries), unmark the others."""
        changed = []
        for i, entry in enumerate(entries):
            note = notes.get(i, "")
            if note != entry.duplicate:
                entry.set_duplicate(note)
                changed.append(entry)
        if changed:  # one signal over the rows they span: 1,000 copies flagged at once cost one repaint
            position = {id(e): i for i, e in enumerate(self._shown)}
            rows = [self._view_row(position[id(e)], len(self._shown)) for e in changed if id(e) in position]
            if rows:  # (entries filtered out or cleared away since are not shown)
                self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))

    # ------------------------------------------------------------ sorting and filtering

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """By the column's value; equal values keep their 序号 order in both directions."""
        if (column, order) != (self._column, self._order):
            self._relayout(column, order, self.row_filter)

    def set_filter(self, row_filter: RowFilter) -> None:
        """Show the entries `row_filter` accepts: one layout change, the selection kept on the rows still shown."""
        if row_filter != self.row_filter:
            self._relayout(self._column, self._order, row_filter)

    def _relayout(self, column: int, order: Qt.SortOrder, row_filter: RowFilter, refilter: bool = False) -> None:
        """Sort by `column` in `order` and show what `row_filter` accepts, as one layout change."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        held = [(self.entry(i.row()), i.column()) if i.isValid() else None for i in old]
        resort = (column, order) != (self._column, self._order)
        if resort:
            self._column, self._order = column, order
            self._backwards = order == Qt.SortOrder.DescendingOrder
            if 0 <= column < len(COLUMNS):
                sign = 1 if order == Qt.SortOrder.AscendingOrder else -1
                self._key = lambda e: (e.key(column), sign * e.seq)
            else:
                self._key = lambda e: e.seq
            self._sort(self._entries)
        if refilter or row_filter != self.row_filter:
            self.row_filter = row_filter
            self._shown = row_filter.shown(self._entries)
        elif resort and len(self._shown) == len(self._entries):  # nothing filtered out
            self._shown = self._entries[:]
        elif resort:  # the same few shown: sorting them costs less than filtering all again
            self._sort(self._shown)
        position = {id(e): i for i, e in enumerate(self._shown)}
        count = len(self._shown)
        self.changePersistentIndexList(old, [
            self.index(self._view_row(position[id(h[0])], count), h[1]) if h and id(h[0]) in position
            else QModelIndex() for h in held])
        self.layoutChanged.emit()

    def _sort(self, entries: list[Entry]) -> None:
        """Into `_key` order: by 序号, then stably by the column's key, so no key tuple is built per entry."""
        generation = COLLATION.generation
        column = self._column if 0 <= self._column < len(COLUMNS) else None
        for _ in range(2):  # twice when a character seen for the first time renumbered the ranks midway
            entries.sort(key=_SEQ, reverse=column is not None and self._backwards)
            if column is not None:
                entries.sort(key=methodcaller("key", column))
            if COLLATION.generation == generation:
                return
            generation = COLLATION.generation

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].tip or None
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if role not in _ROLES or not index.isValid():  # painting asks for many roles: answer most at once
            return None
        row, column = index.row(), index.column()
        entry = self._shown[-1 - row if self._backwards else row]
        if role == _DISPLAY:
            return entry.text(column)
        if role == _TOOLTIP:
            return _tooltip(entry, entry.text(column), column in (ERRORS, WARNINGS))
        if role == _ALIGNMENT:
            return _RIGHT if COLUMNS[column].numeric else None
        if role == _FOREGROUND:
            if not entry.row.ok:
                return _UNREADABLE
            return _DIFFERENCE if column == DIFFERENCE and entry.row.difference else None
        return _DUPLICATE if entry.duplicate else None  # BackgroundRole


def _tooltip(entry: Entry, text: str, problems: bool) -> str:
    """The cell's whole text (columns are narrow), what is wrong with the file, its problems
    (on the 错误/警告 cells) and its full path."""
    row = entry.row
    lines = [text] if text else []
    if not row.ok:
        lines.append(f"未能读取：{row.error}")
    if entry.duplicate:
        lines.append(f"疑似重复：{entry.duplicate}")
    if problems and row.problems:
        lines.append("问题：\n" + "\n".join(f"· {p}" for p in row.problems))
    lines.append(row.file)
    return "\n".join(dict.fromkeys(lines))
