"""The problems panel: every error and warning of the evaluation; a click shows its cell."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from perfdesk.core.model.results import Problem, Severity

SEVERITY_TEXT = {Severity.ERROR: "错误", Severity.WARNING: "警告"}
SEVERITY_COLOUR = {Severity.ERROR: "#c62828", Severity.WARNING: "#9a6700"}
#: Names in QStyle.StandardPixmap; QStyle is imported when rows are first shown (its
#: Python type, with ~600 enum members, is slow to create at start-up).
SEVERITY_ICON = {Severity.ERROR: "SP_MessageBoxCritical", Severity.WARNING: "SP_MessageBoxWarning"}


def short_message(problem: Problem) -> str:
    """The message without its leading `<location label>：`, which has its own column."""
    prefix = f"{problem.location.label}："
    if problem.location.label and problem.message.startswith(prefix) and len(problem.message) > len(prefix):
        return problem.message[len(prefix):]
    return problem.message


def dock_title(problems: list[Problem]) -> str:
    """`问题（2 个错误，1 个警告）`, or `问题（无）`."""
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return "问题（无）"
    return f"问题（{errors} 个错误，{warnings} 个警告）"


class ProblemsDock(QDockWidget):
    """A dock listing problems (errors first); `locationActivated` when one is clicked."""

    locationActivated = Signal(object)  # Location

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("问题", parent)
        self.setObjectName("problemsDock")
        self.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["级别", "位置", "问题"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keep the 三级 name at the end visible
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 300)
        header.setStretchLastSection(True)
        self.tree.itemClicked.connect(self._activate)
        self.tree.itemActivated.connect(self._activate)
        self.setWidget(self.tree)
        self._problems: list[Problem] = []

    def show_problems(self, problems: list[Problem]) -> None:
        """Replace the list; errors before warnings, otherwise in the evaluation's order."""
        ordered = sorted(problems, key=lambda p: p.severity is not Severity.ERROR)
        self._problems = ordered
        self.setWindowTitle(dock_title(ordered))
        self.tree.clear()
        if not ordered:
            return
        from PySide6.QtGui import QBrush, QColor
        from PySide6.QtWidgets import QStyle

        style = self.style()
        icons = {s: style.standardIcon(getattr(QStyle.StandardPixmap, name)) for s, name in SEVERITY_ICON.items()}
        brushes = {s: QBrush(QColor(colour)) for s, colour in SEVERITY_COLOUR.items()}
        items = []
        for index, problem in enumerate(ordered):
            item = QTreeWidgetItem([SEVERITY_TEXT[problem.severity], problem.location.label, short_message(problem)])
            item.setIcon(0, icons[problem.severity])
            item.setForeground(0, brushes[problem.severity])
            item.setToolTip(1, problem.location.label)
            item.setToolTip(2, problem.message)
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            items.append(item)
        self.tree.addTopLevelItems(items)

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def _activate(self, item: QTreeWidgetItem) -> None:
        index = item.data(0, Qt.ItemDataRole.UserRole)
        self.locationActivated.emit(self._problems[index].location)
