"""撤销/重做 actions that stop at a floor: a reviewer cannot undo what the unit typed.

Qt's `QUndoGroup.createUndoAction` would undo any step. In review mode the
table is read-only, yet Ctrl+Z would quietly take back edits made before the
review began; the floor (the stack's index when review mode started) stops it.
Steps above the floor (the reviewer's own comments and decisions) undo as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoGroup

from perfdesk.gui.new_action import new_action


class UndoActions(QObject):
    """The window's 撤销 and 重做, named after the step they take (`撤销 编辑 项目名称`)."""

    def __init__(self, group: QUndoGroup, parent: QObject) -> None:
        super().__init__(parent)
        self.group = group
        self.floor: int | None = None  # no undo below this index of the active stack
        self.undo = new_action("撤销", parent)
        self.redo = new_action("重做", parent)
        self.undo.triggered.connect(self._undo)
        self.redo.triggered.connect(group.redo)
        for signal in (group.canUndoChanged, group.canRedoChanged, group.undoTextChanged,
                       group.redoTextChanged, group.indexChanged, group.activeStackChanged):
            signal.connect(self.update)
        self.update()

    def set_floor(self, floor: int | None) -> None:
        self.floor = floor
        self.update()

    def _may_undo(self) -> bool:
        stack = self.group.activeStack()
        return stack is not None and stack.canUndo() and (self.floor is None or stack.index() > self.floor)

    def _undo(self) -> None:
        if self._may_undo():
            self.group.undo()

    def update(self, *_: object) -> None:
        may_undo = self._may_undo()
        self.undo.setEnabled(may_undo)
        self.undo.setText(f"撤销 {self.group.undoText()}".strip() if may_undo else "撤销")
        self.redo.setEnabled(self.group.canRedo())
        self.redo.setText(f"重做 {self.group.redoText()}".strip() if self.group.canRedo() else "重做")
