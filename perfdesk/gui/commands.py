"""Undo commands of the table: each one writes through `perfdesk.core.model.edits` only.

As in pyspread, the grid never changes the document directly: every user edit
is one of these commands pushed on the session's QUndoStack. A command never
creates another command; after writing, it asks the session to recompute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from perfdesk.core.model import edits
from perfdesk.core.model.document import Document, Indicator
from perfdesk.core.model.results import Location
from perfdesk.core.rules.profile import Profile

if TYPE_CHECKING:
    from perfdesk.gui.session import DocumentSession


class SetFieldsCommand(QUndoCommand):
    """Set one or more fields (a typed cell, a paste, a clear, a manual score) as one step."""

    def __init__(self, session: DocumentSession, changes: list[tuple[Location, str]], text: str) -> None:
        super().__init__(text)
        self.session = session
        self.changes = changes
        self.old: list[str] = []

    def redo(self) -> None:
        self.old = [edits.set_field(self.session.doc, loc, new) for loc, new in self.changes]
        self.session.refresh([loc for loc, _ in self.changes])

    def undo(self) -> None:
        for (loc, _), old in reversed(list(zip(self.changes, self.old, strict=True))):
            edits.set_field(self.session.doc, loc, old)
        self.session.refresh([loc for loc, _ in self.changes])


def _row(path: tuple[int, int, int]) -> list[Location]:
    return [Location("indicator", tuple(path), "name")]


class InsertIndicatorCommand(QUndoCommand):
    """A new blank 三级 row in a 二级."""

    def __init__(self, session: DocumentSession, i1: int, i2: int, index: int) -> None:
        super().__init__("新增指标")
        self.session, self.i1, self.i2, self.index = session, i1, i2, index
        self.indicator = Indicator()
        self.path: tuple[int, int, int] = (i1, i2, index)

    def redo(self) -> None:
        self.path = edits.insert_indicator(self.session.doc, self.i1, self.i2, self.index, self.indicator)
        self.session.refresh(_row(self.path), structural=True)

    def undo(self) -> None:
        self.indicator = edits.remove_indicator(self.session.doc, self.path).indicator
        self.session.refresh(_row(self.path), structural=True)


class RemoveIndicatorCommand(QUndoCommand):
    """Delete a 三级 row (a group's only row is blanked instead)."""

    def __init__(self, session: DocumentSession, path: tuple[int, int, int]) -> None:
        super().__init__("删除指标")
        self.session, self.path = session, path
        self.removed: edits.Removed | None = None

    def redo(self) -> None:
        self.removed = edits.remove_indicator(self.session.doc, self.path)
        self.session.refresh(_row(self.path), structural=True)

    def undo(self) -> None:
        assert self.removed is not None  # redo always runs first (QUndoStack.push)
        edits.restore_indicator(self.session.doc, self.removed)
        self.session.refresh(_row(self.path), structural=True)


class MoveIndicatorCommand(QUndoCommand):
    """Move a 三级 row up or down inside its 二级."""

    def __init__(self, session: DocumentSession, path: tuple[int, int, int], delta: int) -> None:
        super().__init__("上移指标" if delta < 0 else "下移指标")
        self.session, self.path, self.delta = session, path, delta
        self.new_path = self.path

    def redo(self) -> None:
        self.new_path = edits.move_indicator(self.session.doc, self.path, self.delta)
        self.session.refresh(_row(self.new_path), structural=True)

    def undo(self) -> None:
        edits.move_indicator(self.session.doc, self.new_path, self.path[2] - self.new_path[2])
        self.session.refresh(_row(self.path), structural=True)


class GroupWeightCommand(QUndoCommand):
    """Put one weight on a whole 二级, or spread it back on its rows."""

    def __init__(self, session: DocumentSession, i1: int, i2: int) -> None:
        on = not session.doc.group_at(i1, i2).has_group_weight
        super().__init__("设为整组分值" if on else "取消整组分值")
        self.session, self.i1, self.i2 = session, i1, i2
        self.before: edits.GroupWeights | None = None
        self.after: edits.GroupWeights | None = None

    def redo(self) -> None:
        doc = self.session.doc
        if self.after is None:
            self.before = edits.toggle_group_weight(doc, self.i1, self.i2)
            self.after = edits.group_weights(doc, self.i1, self.i2)
        else:
            edits.restore_group_weights(doc, self.i1, self.i2, self.after)
        self.session.refresh([Location("group", (self.i1, self.i2), "weight")], structural=True)

    def undo(self) -> None:
        assert self.before is not None  # redo always runs first (QUndoStack.push)
        edits.restore_group_weights(self.session.doc, self.i1, self.i2, self.before)
        self.session.refresh([Location("group", (self.i1, self.i2), "weight")], structural=True)


class MoveIndicatorsToCommand(QUndoCommand):
    """Move whole 三级 rows into a 二级, possibly another one (粘贴行, 移动到…, drag and drop)."""

    def __init__(self, session: DocumentSession, paths: list[tuple[int, int, int]], i1: int, i2: int,
                 index: int, text: str) -> None:
        super().__init__(text)
        self.session, self.paths, self.target = session, [(p[0], p[1], p[2]) for p in paths], (i1, i2, index)
        self.before: edits.RowLists = {}
        self.new_paths: list[tuple[int, int, int]] = []

    def redo(self) -> None:
        self.before, self.new_paths = edits.move_indicators_to(self.session.doc, self.paths, *self.target)
        self.session.refresh(structural=True)

    def undo(self) -> None:
        edits.set_row_lists(self.session.doc, self.before)
        self.session.refresh(structural=True)


class ChangeTemplateCommand(QUndoCommand):
    """更换模板: the session's document and profile swapped for the table moved onto another template
    (`model.retemplate`); undo swaps the old pair back, objects and ids as they were."""

    def __init__(self, session: DocumentSession, doc: Document, profile: Profile) -> None:
        super().__init__("更换模板")
        self.session = session
        self.other = (doc, profile)

    def _swap(self) -> None:
        session = self.session
        self.other, (session.doc, session.profile) = (session.doc, session.profile), self.other
        session.refresh(structural=True)

    def redo(self) -> None:
        self._swap()

    def undo(self) -> None:
        self._swap()
