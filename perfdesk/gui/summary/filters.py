"""Which rows the 汇总 window shows: the search box, the three choices and the three checks.

`RowFilter` is plain data with the test: the model shows the rows it accepts and
the totals line counts exactly those.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from perfdesk.gui.summary.columns import Entry

#: The 主管部门 choice of tables that leave it empty.
NO_DEPARTMENT = "（未填写）"


@dataclass(frozen=True)
class RowFilter:
    """None for a choice means 全部."""

    words: tuple[str, ...] = ()  # searched for in name, department, unit and file name (casefolded)
    status: str | None = None  # review status key ("" = 未报送)
    grade: str | None = None
    department: str | None = None
    errors_only: bool = False
    claims_only: bool = False
    unreadable_only: bool = False

    def accepts(self, entry: Entry) -> bool:
        row = entry.row
        if self.unreadable_only and row.ok:
            return False
        if self.errors_only and not row.errors:
            return False
        if self.claims_only and not row.claims_differ:
            return False
        if self.status is not None and (not row.ok or row.review_status != self.status):
            return False
        if self.grade is not None and (not row.ok or row.grade != self.grade):
            return False
        if self.department is not None and (not row.ok or (row.department or NO_DEPARTMENT) != self.department):
            return False
        return all(word in entry.haystack for word in self.words)

    def shown(self, entries: Iterable[Entry]) -> list[Entry]:
        if self == _EVERYTHING:  # the usual case, and the cheapest
            return list(entries)
        return [e for e in entries if self.accepts(e)]


_EVERYTHING = RowFilter()
