"""Moving whole 三级 rows to another 二级: the 剪切行 mark and the choices of 移动到… (its dialog:
`move_to_dialog`, imported when it opens).

Cutting only marks the rows, as in Excel: nothing leaves the table until 粘贴行
moves them, so a cut that is never pasted loses nothing. Any change of the
document in between cancels the mark (the marked places may no longer hold those
rows). Each move is one undo step (`DocumentSession.move_indicators_to`).
"""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from perfdesk.core.model.document import Document

Path3 = tuple[int, int, int]


def group_choices(doc: Document) -> list[tuple[tuple[int, int], str]]:
    """Every 二级 as ((i1, i2), `产出指标 › 数量指标（3行）`), in table order."""
    return [((i1, i2), f"{l1.name} › {g.name}（{len(g.indicators)}行）")
            for i1, l1 in enumerate(doc.level1) for i2, g in enumerate(l1.groups)]


class CutMark:
    """Rows marked by 剪切行, valid while the document stays as it was when they were marked."""

    def __init__(self) -> None:
        self._mark: tuple[QUndoStack, object, list[Path3]] | None = None

    def set(self, stack: QUndoStack, rows: list[Path3]) -> None:
        self._mark = (stack, _last_step(stack), list(rows))

    def rows(self, stack: QUndoStack) -> list[Path3]:
        """The marked rows; none once `stack` is another one or any edit, undo or redo ran."""
        if self._mark is None or self._mark[0] is not stack or self._mark[1] is not _last_step(stack):
            self._mark = None
            return []
        return self._mark[2]

    @property
    def active(self) -> bool:
        """Rows were marked and not yet found stale (see `rows`)."""
        return self._mark is not None


def _last_step(stack: QUndoStack) -> object:
    """The command the document's state follows (None at the start): an index alone would
    not see an undo followed by a new edit."""
    return stack.command(stack.index() - 1) if stack.index() > 0 else None
