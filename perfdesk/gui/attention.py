"""Which problems the window shows now: a new table does not shout about fields nobody has filled yet.

The core reports every problem of the document, always. This is a presentation
filter only: in a *new* document, problems that merely say something is still
missing (`QUIET_CODES`) stay out of the problems panel and the cell colours in
each block (project, funds, goals, indicators, signature) until the user edits
something in that block, so problems appear as the clerk goes. 保存, 导出 and
打印 show everything (`reveal_all`). An opened, imported or recovered document
shows everything from the start: somebody has filled it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from perfdesk.core.model.results import Location, Problem
from perfdesk.gui.session import DocumentSession

#: Problems that only say a field is still empty or the weights do not add up yet.
QUIET_CODES = frozenset({
    "REQUIRED_FIELD", "FUNDS_BUDGET_MISSING", "FUNDS_EXECUTED_MISSING", "WEIGHTS_TOTAL", "SPLIT_DEVIATION",
    "TARGET_MISSING", "ACTUAL_MISSING", "QUALITY_GRADE_MISSING", "REASON_MISSING", "WEIGHT_MISSING",
})
#: The block a location belongs to; weight totals (section "table") concern the funds and the indicators.
BLOCKS: dict[str, tuple[str, ...]] = {
    "project": ("project",), "funds": ("funds",), "goals": ("goals",), "indicator": ("indicators",),
    "group": ("indicators",), "signature": ("signature",), "table": ("funds", "indicators"),
}


def blocks_of(location: Location) -> tuple[str, ...]:
    return BLOCKS.get(location.section, ("indicators",))


class Attention(QObject):
    """The blocks of one document the user has edited; `changed` when more problems become visible."""

    changed = Signal()

    def __init__(self, session: DocumentSession, fresh: bool, parent: QObject | None = None) -> None:
        """`fresh`: a new, untouched document (新建 or the first window); otherwise everything shows."""
        super().__init__(parent)
        self.session = session
        self.everything = not fresh
        self.touched: set[str] = set()
        session.changed.connect(self._note_edit)

    def _note_edit(self) -> None:
        # Row inserts, moves and deletes name the rows they touched, so an edit always names its block.
        blocks = {b for loc in self.session.last_change.touched for b in blocks_of(loc)} or {"indicators"}
        if not self.everything and not blocks <= self.touched:
            self.touched |= blocks
            self.changed.emit()

    def reveal_all(self) -> None:
        """Save, export or print: from now on every problem shows."""
        if not self.everything:
            self.everything = True
            self.changed.emit()

    def is_quiet(self, problem: Problem) -> bool:
        return (not self.everything and problem.code in QUIET_CODES
                and not any(b in self.touched for b in blocks_of(problem.location)))

    def shown(self, problems: Iterable[Problem]) -> list[Problem]:
        return [p for p in problems if not self.is_quiet(p)]
