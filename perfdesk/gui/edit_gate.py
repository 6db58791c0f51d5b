"""`EditGate`: the one place that says whether a window's commands that change its table may run now.

Each command's owner enables it for its own reasons (a cell that holds a row, something to undo,
review mode…) with `setEnabled`, as ever. The gate adds the window's reason on top: while it is held
(a file is being read to replace the table) every command it keeps is greyed and its tip says why,
and when it is released each one is again exactly as its owner last set it, also when the owner
changed its mind meanwhile. Qt's QActionGroup already keeps the two apart (a disabled group disables
its actions and, enabled again, gives each its own last choice), so the gate is one such group.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup


def _own_tooltip(action: QAction) -> str:
    """The tooltip given to `action`, or "" when it shows its text (Qt's default, which follows
    the text: 撤销 names the step it takes)."""
    given = action.toolTip()
    action.setToolTip("")
    if action.toolTip() == given:
        return ""
    action.setToolTip(given)
    return given


class EditGate(QObject):
    """The window's commands that change its table, held off together while `reason` says why."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._group = QActionGroup(self)
        self._group.setExclusionPolicy(QActionGroup.ExclusionPolicy.None_)  # checkable ones stay independent
        #: Each held action's own tooltip and status tip, given back on release.
        self._tips: dict[QAction, tuple[str, str]] = {}
        self.reason = ""  # why the commands are held off; "" while they are not

    def add(self, actions: Iterable[QAction]) -> None:
        for action in actions:
            self._group.addAction(action)

    def hold(self, reason: str) -> None:
        """Grey every command, its tooltip and status tip saying `reason` (once: a second hold
        would take the first one's tips for the commands' own)."""
        if self.reason:
            return
        self.reason = reason
        self._group.setEnabled(False)
        for action in self._group.actions():
            self._tips[action] = (_own_tooltip(action), action.statusTip())
            action.setToolTip(reason)
            action.setStatusTip(reason)

    def release(self) -> None:
        """Every command as its owner last set it, with its own tips."""
        if not self.reason:
            return
        self.reason = ""
        self._group.setEnabled(True)
        for action, (tooltip, status_tip) in self._tips.items():
            action.setToolTip(tooltip)
            action.setStatusTip(status_tip)
        self._tips.clear()
