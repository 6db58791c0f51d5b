"""One open document with its profile, undo stack and what the core computed from it.

The window and the grid share a `DocumentSession`: they change the document
only through its methods (each one undoable), and redraw on `changed`, which is
emitted once the evaluation and the table layout have been recomputed and
carries a `Change` record: the fields written, the cells refreshed in place, or
that the layout was rebuilt.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from perfdesk.core.layout.refresh import Change, update_layout
from perfdesk.core.layout.table import TableLayout, build_layout
from perfdesk.core.model import edits
from perfdesk.core.model.document import Document
from perfdesk.core.model.ids import ensure_ids
from perfdesk.core.model.results import Evaluation, Location
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import Profile
from perfdesk.core.rules.scoring import KeptRows
from perfdesk.gui.commands import (
    ChangeTemplateCommand,
    GroupWeightCommand,
    InsertIndicatorCommand,
    MoveIndicatorCommand,
    MoveIndicatorsToCommand,
    RemoveIndicatorCommand,
    SetFieldsCommand,
)


class DocumentSession(QObject):
    """A document being edited; every change goes through an undo command."""

    #: Emitted with a `Change` after every change (listeners may also ignore the record).
    changed = Signal(object)

    def __init__(self, doc: Document, profile: Profile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        ensure_ids(doc)  # the layout tells rows apart by id: a document built in code may have none
        self.doc = doc
        self.profile = profile
        self.undo_stack = QUndoStack(self)
        #: The record of the last change (undo/redo show its first touched field).
        self.last_change = Change(rebuilt=True)
        #: The rows of the last analysis: a live edit re-reads only the rows it changed.
        self.kept_rows = KeptRows()
        self.evaluation: Evaluation = analyse(doc, profile, self.kept_rows)
        self.layout: TableLayout = build_layout(doc, profile, self.evaluation)
        #: Asked before every change of the table; False refuses it (review mode, a submitted
        #: table whose submission the user will not withdraw). Set by the review controller.
        self.may_edit: Callable[[], bool] = lambda: True
        #: True while the table is read-only for a reviewer (review mode): the dialogs that edit it
        #: open read-only, to show what the unit wrote, instead of being refused. Set by the review controller.
        self.for_review: Callable[[], bool] = lambda: False

    def _push(self, command: QUndoCommand) -> bool:
        """Run an edit as one undo step, unless `may_edit` refuses it."""
        if not self.may_edit():
            return False
        self.undo_stack.push(command)
        return True

    def refresh(self, touched: Iterable[Location] = (), structural: bool = False) -> None:
        """Recompute scores, problems and layout, then emit `changed` (commands call this).

        `touched` names the fields the change wrote; `structural` says rows were added,
        removed or moved (the layout is then rebuilt, as it is when the shape changed).
        """
        self.evaluation = analyse(self.doc, self.profile, self.kept_rows)
        self.layout, self.last_change = update_layout(
            self.layout, self.doc, self.profile, self.evaluation, touched, structural)
        self.changed.emit(self.last_change)

    # ------------------------------------------------------------ fields

    def text(self, location: Location) -> str:
        return edits.get_field(self.doc, location)

    def set_text(self, location: Location, text: str) -> bool:
        """Store typed text (normalised); False, and no undo step, when nothing changes."""
        label = location.label or "单元格"
        return self.set_many([(location, text)], f"编辑 {label}")

    def set_many(self, changes: list[tuple[Location, str]], description: str) -> bool:
        """Several fields in one undo step (paste, clear, dialogs); unchanged ones are skipped."""
        real = []
        for loc, text in changes:
            new = edits.normalise_text(text, loc.field)
            if new != edits.get_field(self.doc, loc):
                real.append((loc, new))
        if not real:
            return False
        return self._push(SetFieldsCommand(self, real, description))

    def set_manual_score(self, where: tuple[int, ...] | str, score: str, reason: str) -> bool:
        """Override a rule's score by a person's judgement (empty score and reason clear it).

        `where`: an indicator path (i1, i2, i3), a weighted group's (i1, i2), or "funds".
        """
        score_loc, reason_loc = edits.manual_score_locations(where)
        text = "清除人工评分" if not score.strip() else "人工评分"
        return self.set_many([(score_loc, score), (reason_loc, reason)], text)

    def set_quality(
        self, path: tuple[int, ...], grade_key: str, score_text: str, actual: str | None = None
    ) -> bool:
        """Choose a qualitative grade and the points inside its band (optionally with the typed word)."""
        loc = Location("indicator", tuple(path), "")
        changes = [(Location(loc.section, loc.path, "quality_grade"), grade_key),
                   (Location(loc.section, loc.path, "quality_score"), score_text)]
        if actual is not None:
            changes.insert(0, (Location(loc.section, loc.path, "actual"), actual))
        return self.set_many(changes, "定性指标评价档次")

    # ------------------------------------------------------------ rows

    def insert_indicator(self, i1: int, i2: int, index: int) -> None:
        self._push(InsertIndicatorCommand(self, i1, i2, index))

    def remove_indicator(self, path: tuple[int, int, int]) -> None:
        self._push(RemoveIndicatorCommand(self, path))

    def move_indicator(self, path: tuple[int, int, int], delta: int) -> tuple[int, int, int]:
        """Move a row within its 二级; returns its new path (no undo step when it cannot move)."""
        count = len(self.doc.group_at(path[0], path[1]).indicators)
        new = max(0, min(count - 1, path[2] + delta))
        if new != path[2] and self._push(MoveIndicatorCommand(self, path, new - path[2])):
            return (path[0], path[1], new)
        return path

    def toggle_group_weight(self, i1: int, i2: int) -> None:
        self._push(GroupWeightCommand(self, i1, i2))

    def move_indicators_to(self, paths: list[tuple[int, int, int]], i1: int, i2: int, index: int,
                           description: str = "移动指标") -> list[tuple[int, int, int]]:
        """Move whole rows before row `index` of 二级 (i1, i2) as one undo step; returns their
        new paths (no undo step, and the old paths, when the table would not change)."""
        after = edits.rows_after_move(self.doc, paths, i1, i2, index)
        current = edits.row_lists(self.doc, after.keys())
        if all(len(rows) == len(current[g]) and all(map(operator.is_, rows, current[g])) for g, rows in after.items()):
            return sorted((p[0], p[1], p[2]) for p in paths)
        command = MoveIndicatorsToCommand(self, paths, i1, i2, index, description)
        if not self._push(command):
            return sorted((p[0], p[1], p[2]) for p in paths)
        return command.new_paths

    # ------------------------------------------------------------ template

    def change_template(self, profile: Profile) -> list[str] | None:
        """Move the table onto `profile` as one undo step; the notes on what moved, or None when
        nothing changed (the same template, or an edit `may_edit` refuses)."""
        if profile.id == self.profile.id:
            return None
        from perfdesk.core.model.retemplate import retemplate  # 更换模板 is rare: not at start-up

        doc, notes = retemplate(self.doc, self.profile, profile)
        return notes if self._push(ChangeTemplateCommand(self, doc, profile)) else None
