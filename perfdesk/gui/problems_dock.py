"""The problems panel: every error and warning of the evaluation; a click shows its cell.

On a 1366×768 screen at 150% the list would take a third of the height, so the
panel is a one-line summary (its title bar) that expands on click.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDockWidget,
    QHeaderView,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from perfdesk.core.model.results import Problem, Severity
from perfdesk.gui import preferences
from perfdesk.gui.fitted_text import FittedButton

SEVERITY_TEXT = {Severity.ERROR: "错误", Severity.WARNING: "警告"}
SEVERITY_COLOUR = {Severity.ERROR: QColor("#c62828"), Severity.WARNING: QColor("#9a6700")}
#: A name longer than this is cut at its end (`2.筑牢社区矫正安全…`): its start is what a clerk recognises.
NAME_LIMIT = 14
SEPARATOR = " › "
#: Names in QStyle.StandardPixmap, looked up when rows are shown: touching that enum
#: (~600 members) at import costs ~20 ms of start-up.
SEVERITY_ICON = {
    Severity.ERROR: "SP_MessageBoxCritical",
    Severity.WARNING: "SP_MessageBoxWarning",
}


def short_message(problem: Problem) -> str:
    """The message without its leading `<location label>：`, which has its own column."""
    prefix = f"{problem.location.label}："
    if problem.location.label and problem.message.startswith(prefix) and len(problem.message) > len(prefix):
        return problem.message[len(prefix):]
    return problem.message


def short_location(label: str, limit: int = NAME_LIMIT) -> str:
    """The location with each long name cut at its end, so every part, field name included, stays readable."""
    parts = [p if len(p) <= limit else p[: limit - 1].rstrip() + "…" for p in label.split(SEPARATOR)]
    return SEPARATOR.join(parts)


def summary_text(problems: list[Problem], expanded: bool) -> tuple[str, str]:
    """The one line the panel shows: the counts and the first problem, then what a click does (kept
    whole when the line is cut to the window's width)."""
    arrow, action = ("▾", "点击收起") if expanded else ("▸", "点击展开")
    first = ""
    if problems and not expanded:
        p = problems[0]
        where = short_location(p.location.label)
        first = f"：{where}：{short_message(p)}" if where else f"：{short_message(p)}"
    return f"{arrow} {dock_title(problems)}{first}", f"（{action}）"


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
    #: The list was shown or hidden; the window gives the panel its height.
    expandedChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("问题", parent)
        self.setObjectName("problemsDock")
        self.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)  # nothing to close by mistake
        self.summary = FittedButton(self)  # a long first problem is cut, it never widens the window
        self.summary.setObjectName("problemsSummary")
        self.summary.setFlat(True)
        self.summary.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.summary.clicked.connect(lambda: self.set_expanded(not self.expanded))
        self.setTitleBarWidget(self.summary)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["级别", "位置", "问题"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 300)
        header.setStretchLastSection(True)
        self.tree.itemClicked.connect(self._activate)
        self.tree.itemActivated.connect(self._activate)
        # The list sits in a body that is never hidden: a dock whose only content is hidden is at most as
        # wide as its title's minimum, so the collapsed panel would not span the window.
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.setWidget(body)
        self._problems: list[Problem] = []
        self.expanded: bool = preferences.problems_expanded()
        self.tree.setVisible(self.expanded)
        self._show_summary()

    def set_expanded(self, expanded: bool) -> None:
        """Show the list, or only the one-line summary (remembered for the next start)."""
        if expanded == self.expanded:
            return
        self.expanded = expanded
        self.tree.setVisible(expanded)
        preferences.set_problems_expanded(expanded)
        self._show_summary()
        self.expandedChanged.emit(expanded)

    def collapsed_height(self) -> int:
        return self.summary.sizeHint().height()

    def _show_summary(self) -> None:
        problems = self._problems
        self.summary.show_text(*summary_text(problems, self.expanded), tip="显示或隐藏问题列表")
        errors = any(p.severity is Severity.ERROR for p in problems)
        colour = SEVERITY_COLOUR[Severity.ERROR if errors else Severity.WARNING].name() if problems else "#2e7d32"
        self.summary.setStyleSheet(f"QPushButton {{ color: {colour}; text-align: left; padding: 3px 6px; }}")
        self.setMaximumHeight(16777215 if self.expanded else self.collapsed_height())

    def show_problems(self, problems: list[Problem]) -> None:
        """Replace the list; errors before warnings, otherwise in the evaluation's order."""
        ordered = sorted(problems, key=lambda p: p.severity is not Severity.ERROR)
        self._problems = ordered
        self.setWindowTitle(dock_title(ordered))
        self._show_summary()
        self.tree.clear()
        if not ordered:
            return  # a new table shows none at start-up: the style and its icons are not touched
        from PySide6.QtWidgets import QStyle

        style = self.style()
        items = []
        for index, problem in enumerate(ordered):
            where = short_location(problem.location.label)
            item = QTreeWidgetItem([SEVERITY_TEXT[problem.severity], where, short_message(problem)])
            item.setIcon(0, style.standardIcon(getattr(QStyle.StandardPixmap, SEVERITY_ICON[problem.severity])))
            item.setForeground(0, QBrush(SEVERITY_COLOUR[problem.severity]))
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
