"""A thin Qt model over the session's table layout: the cells of the printed table.

The model computes nothing: texts, numbers and explanations come from the
core's `TableLayout`; edits go to `DocumentSession.set_text` (one undo step).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from perfdesk.core.layout.refresh import Change
from perfdesk.core.layout.table import Cell, Role, TableLayout
from perfdesk.core.model.results import Problem, Severity
from perfdesk.gui.attention import Attention
from perfdesk.gui.session import DocumentSession

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # a table's only parent (an invalid index is immutable, safe to share)

BACKGROUNDS = {
    Role.INPUT: QColor("#ffffff"),
    Role.COMPUTED: QColor("#e6edf5"),
    Role.HEADER: QColor("#d9d9d9"),
    Role.LABEL: QColor("#f0f0f0"),
}
ERROR_BACKGROUND = QColor("#ffd2d2")
CHANGED_BACKGROUND = QColor("#d7f5dd")  # changed since the supervisor returned the table
#: True on a cell that carries a review comment (the delegate draws a corner triangle).
COMMENT_ROLE = Qt.ItemDataRole.UserRole + 40
WARNING_BACKGROUND = QColor("#fff3bf")


@dataclass(frozen=True)
class CellMark:
    """What the review adds to a cell: a comment marker, a changed-since-return highlight, tooltip lines."""

    commented: bool = False
    changed: bool = False
    note: str = ""


_FLAGS = -1  # key of a cell's item flags among its cached roles (no Qt role is negative)
_TARGET = -2  # key of the path of the indicator whose 年度指标值 the cell shows (None for other cells)
# Looked up once here, not per cell: reading a Qt enum member or combining flags costs microseconds,
# and the first frame works out every cell of a 200-cell table.
_ROLES = Qt.ItemDataRole
_DISPLAY, _EDIT, _TOOLTIP, _BACKGROUND, _FONT, _ALIGNMENT = (
    _ROLES.DisplayRole, _ROLES.EditRole, _ROLES.ToolTipRole, _ROLES.BackgroundRole, _ROLES.FontRole,
    _ROLES.TextAlignmentRole)
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _SELECTABLE | Qt.ItemFlag.ItemIsEditable
_ALIGNED = {  # Cell.align → the int TextAlignmentRole gives
    "left": int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
    "center": int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
}
_NO_MARK = CellMark()
_UNSEEN = (-1, -1)  # a problem location not looked up yet in this layout (no cell has this corner)


def target_path(shown: dict) -> tuple[int, ...] | None:
    """The path of the indicator whose 年度指标值 a cell shows, from its cached roles (`TableModel.shown`);
    None for other cells."""
    return shown.get(_TARGET)


def span_signature(layout: TableLayout) -> tuple:
    """Row count and merges: when these change the view must reset and re-span."""
    return layout.rows, tuple(
        (c.row, c.col, c.rowspan, c.colspan, c.role) for c in layout.cells if c.rowspan > 1 or c.colspan > 1
    )


class TableModel(QAbstractTableModel):
    """Rows and columns of the printed table; only INPUT cells are editable."""

    #: Emitted after a model reset (rows or merges changed): the view re-applies spans.
    structure_changed = Signal()

    def __init__(self, session: DocumentSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._layout = session.layout
        self._signature = span_signature(self._layout)
        #: The corner of the cell each problem location points to in this layout (None: not shown).
        self._corners: dict[tuple[str, tuple[int, ...], str], tuple[int, int] | None] = {}
        self._colours: set[tuple] = set()  # see _map_problems
        self._problems = self._map_problems()
        self._shown: dict[tuple[int, int], dict] = {}
        self._marks: dict[tuple[int, int], CellMark] = {}
        #: Review mode or an accepted table: nothing is editable.
        self.read_only = False
        #: Problems the window keeps quiet for now (a new table) do not colour their cells.
        self.attention: Attention | None = None
        session.changed.connect(self._on_changed)

    def set_attention(self, attention: Attention) -> None:
        """Colour the cells by the problems `attention` shows; recolour whenever it shows more."""
        self.attention = attention
        attention.changed.connect(self._recolour)
        self._recolour()

    def _recolour(self) -> None:
        for corner in self._problems:  # attention only hides problems: no other cell changes colour
            self._shown.pop(corner, None)
        if self._problems:
            self.dataChanged.emit(self.index(0, 0), self.index(self._layout.rows - 1, self._layout.columns - 1))

    def set_marks(self, marks: dict[tuple[int, int], CellMark]) -> None:
        """Show the review's marks (by cell corner), repainting the cells whose mark changed."""
        old, self._marks = self._marks, marks
        self._emit_changed({k for k in old.keys() | marks.keys() if old.get(k) != marks.get(k)})

    def set_read_only(self, read_only: bool) -> None:
        if read_only != self.read_only:
            self.read_only = read_only
            self._shown = {}
            if self._layout.rows:
                self.dataChanged.emit(self.index(0, 0), self.index(self._layout.rows - 1, self._layout.columns - 1))

    def set_session(self, session: DocumentSession) -> None:
        """Show another document (the window opened a new file)."""
        self.session.changed.disconnect(self._on_changed)
        self.beginResetModel()
        self.session = session
        self._take_layout()
        self.endResetModel()
        session.changed.connect(self._on_changed)
        self.structure_changed.emit()

    @property
    def layout(self) -> TableLayout:
        return self._layout

    # ------------------------------------------------------------ Qt model API

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._layout.rows

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._layout.columns

    def cell(self, index: Index) -> Cell | None:
        """The layout cell whose top-left corner is `index` (None inside a merge or outside)."""
        if not index.isValid():
            return None
        cell = self._layout.cell_at(index.row(), index.column())
        if cell is None or (cell.row, cell.col) != (index.row(), index.column()):
            return None
        return cell

    def problems_at(self, index: Index) -> list[Problem]:
        return self._problems.get((index.row(), index.column()), [])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == _TOOLTIP:  # asked on hovering one cell: not worked out for every cell shown
            return self._tooltip_at(index)
        return self._shown_at(index).get(role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """The roles a delegate asks for at once (seven for every cell it paints or measures):
        one call from Qt instead of one per role."""
        shown = self._shown_at(index)
        # A span is a sequence of QModelRoleData at run time (PySide's stubs do not say so).
        roles = (roleDataSpan,) if isinstance(roleDataSpan, QModelRoleData) else cast(
            "Sequence[QModelRoleData]", roleDataSpan)
        for role_data in roles:
            role = role_data.role()
            role_data.setData(self._tooltip_at(index) if role == _TOOLTIP else shown.get(role))

    def blank(self, index: Index) -> str | None:
        """"covered" (inside a merge) or "empty" (no text, the view's font) when the cell shows nothing,
        so that its size hint depends on the view's font alone; None for a cell that shows something."""
        shown = self._shown_at(index)
        if len(shown) == 1:  # its flags only: no cell starts here
            return "covered"
        return "empty" if not shown[_DISPLAY] and shown[_FONT] is None and not shown[COMMENT_ROLE] else None

    def commented(self, index: Index) -> bool:
        """The cell carries a review comment (the delegate draws its corner mark)."""
        return bool(self._shown_at(index).get(COMMENT_ROLE))

    def _tooltip_at(self, index: Index) -> str | None:
        cell = self.cell(index)
        if cell is None:
            return None
        mark = self._marks.get((cell.row, cell.col), _NO_MARK)
        return "\n".join(filter(None, (mark.note, self._tooltip(cell, self.problems_at(index))))) or None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return self._shown_at(index)[_FLAGS]

    def shown(self, index: Index) -> dict:
        """The cell's cached roles: a new dict whenever what the cell shows may have changed, so a
        delegate may keep what it drew from them while it is handed the very same dict."""
        return self._shown_at(index)


    def _shown_at(self, index: Index) -> dict:
        """Everything the view asks about a cell (but its tooltip), worked out once per change of that
        cell: a repaint asks for seven roles and the flags of every visible cell."""
        key = (index.row(), index.column())
        shown = self._shown.get(key)
        if shown is None:
            shown = self._shown[key] = self._shown_of(index)
        return shown

    def _shown_of(self, index: Index) -> dict:
        cell = self.cell(index)
        if cell is None:
            return {_FLAGS: Qt.ItemFlag.NoItemFlags if not index.isValid() else Qt.ItemFlag.ItemIsEnabled}
        problems = self.problems_at(index)
        severities = {p.severity for p in (self.attention.shown(problems) if self.attention else problems)}
        background: QColor | None
        if Severity.ERROR in severities:
            background = ERROR_BACKGROUND
        else:
            background = WARNING_BACKGROUND if severities else BACKGROUNDS.get(cell.role)
        mark = self._marks.get((cell.row, cell.col), _NO_MARK)
        if mark.changed and Severity.ERROR not in severities:  # the warning stays in the tooltip
            background = CHANGED_BACKGROUND
        return {
            _DISPLAY: cell.text,
            _EDIT: cell.text,
            COMMENT_ROLE: mark.commented or None,
            _BACKGROUND: background,
            _FONT: self._font(cell),
            _ALIGNMENT: _ALIGNED["left" if cell.align == "left" else "center"],
            _FLAGS: _EDITABLE if cell.role is Role.INPUT and not self.read_only else _SELECTABLE,
            _TARGET: b.path if (b := cell.binding) is not None and b.section == "indicator" and b.field == "target"
            else None,
        }

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        cell = self.cell(index)
        if role != Qt.ItemDataRole.EditRole or cell is None or cell.binding is None:
            return False
        self.session.set_text(cell.binding, "" if value is None else str(value))
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    # ------------------------------------------------------------ updates

    def _take_layout(self) -> None:
        self._layout = self.session.layout
        self._signature = span_signature(self._layout)
        self._corners = {}
        self._problems = self._map_problems()
        self._shown = {}

    def _map_problems(self) -> dict[tuple[int, int], list[Problem]]:
        """Problems by the corner of their cell. A refresh in place keeps every cell where it was,
        so each location is looked up once per layout: a big table has hundreds of problems.

        Also keeps `_colours`: what of the problems decides each cell's colour, as a set of plain
        tuples (their severities, and what `Attention` keeps quiet, by code and section; messages are
        read only on hovering), which two edits' sets compare in C, not problem by problem."""
        problems: dict[tuple[int, int], list[Problem]] = {}
        colours = set()
        corners, error = self._corners, Severity.ERROR
        for problem in self.session.evaluation.problems:
            loc = problem.location
            key = (loc.section, tuple(loc.path), loc.field)
            corner = corners.get(key, _UNSEEN)
            if corner is _UNSEEN:
                cell = self._layout.locate(loc)
                corner = corners[key] = None if cell is None else (cell.row, cell.col)
            if corner is not None:
                found = problems.get(corner)
                if found is None:
                    problems[corner] = [problem]
                else:
                    found.append(problem)
                colours.add((corner, problem.severity is error, problem.code, loc.section))
        self._colours = colours
        return problems

    def _on_changed(self, change: Change) -> None:
        if change.rebuilt or self.session.layout is not self._layout:
            self._on_rebuilt()
            return
        # Refreshed in place: repaint the cells whose text or problems changed, nothing else.
        old = self._colours
        self._problems = self._map_problems()
        corners = {(c.row, c.col) for c in change.cells}
        corners.update(colour[0] for colour in old ^ self._colours)
        self._emit_changed(corners)

    def _on_rebuilt(self) -> None:
        if span_signature(self.session.layout) != self._signature:
            self.beginResetModel()
            self._take_layout()
            self.endResetModel()
            self.structure_changed.emit()
            return
        self._take_layout()
        if self._layout.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(self._layout.rows - 1, self._layout.columns - 1))

    def _emit_changed(self, corners: set[tuple[int, int]]) -> None:
        """One dataChanged per changed cell (the view repaints just its rectangle)."""
        for row, col in sorted(corners):
            self._shown.pop((row, col), None)
            index = self.index(row, col)
            self.dataChanged.emit(index, index)

    @staticmethod
    def _tooltip(cell: Cell, problems: list[Problem]) -> str | None:
        parts = [("错误：" if p.severity is Severity.ERROR else "提示：") + p.message for p in problems]
        if cell.tooltip:
            parts.append(cell.tooltip)
        return "\n".join(parts) or None

    @staticmethod
    def _font(cell: Cell) -> QFont | None:
        if cell.role is Role.TITLE:
            font = QFont()
            font.setPointSizeF(font.pointSizeF() * 1.4)
            font.setBold(True)
            return font
        if cell.role is Role.HEADER or cell.key in ("total", "grade"):
            font = QFont()
            font.setBold(True)
            return font
        return None
