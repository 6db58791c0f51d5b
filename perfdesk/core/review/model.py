"""The review room as typed records: status, submission snapshot, history, comments.

`Document.review` stays plain JSON data (so a newer PerfDesk's keys survive);
`codec` turns it into these records and back. Every record keeps an `extra`
dict with keys this version does not know.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Re-exported: the names of a status live apart so a window can show them without these records.
from perfdesk.core.review.status import STATUS_NAMES as STATUS_NAMES
from perfdesk.core.review.status import status_name as status_name

#: History action key -> its Chinese name.
ACTION_NAMES = {"submit": "报送", "withdraw": "撤回报送", "return": "退回修改", "accept": "审核通过",
                "reopen": "开始新一轮"}
#: Anchor section of a comment on the whole table (not on a cell).
WHOLE_TABLE = "table"


@dataclass(frozen=True)
class Anchor:
    """What a comment is about, by identity rather than position.

    section: "table" (the whole table), "project", "goals", "signature", "funds",
             "group" or "indicator"
    row:     the stable id of a group or indicator, the key of a funds row, else ""
    field:   the document field (`actual`, `weight`, `executed` …), "" for the whole table
    """

    section: str = WHOLE_TABLE
    row: str = ""
    field: str = ""


@dataclass
class Reply:
    """A reply under a comment, by the filler or the reviewer."""

    author: str
    at: str  # ISO date-time
    text: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Comment:
    """A remark by the reviewer on one cell or the whole table, with its thread."""

    id: str
    author: str
    at: str
    anchor: Anchor
    text: str
    label: str = ""  # where it was, in words, when written: still meaningful after its row is deleted
    replies: list[Reply] = field(default_factory=list)
    resolved: bool = False  # the reviewer is satisfied
    fixed: bool = False  # the filler says 已修改
    answer: str = ""  # the filler's short answer
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Snapshot:
    """What was handed in: who, when, the verification code and the scores computed then."""

    by: str
    at: str
    code: str
    total: str
    grade: str
    scores: dict[str, str] = field(default_factory=dict)  # row id or "funds" -> score ("" unscored)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class HistoryEntry:
    """One review step (报送, 退回, 通过 …) with the verification code the table had then."""

    action: str  # a key of ACTION_NAMES (others kept as they are)
    by: str
    at: str
    code: str  # the verification code at that moment
    opinion: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Returned:
    """The table's content when it was returned, so the resubmission's changes can be shown."""

    code: str
    document: dict[str, Any]  # the file's "document" object at that moment (row ids included)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Review:
    """The review room of a table (status, comments, history), saved inside its file."""

    status: str = ""
    opinion: str = ""  # the reviewer's latest opinion (return or accept)
    submission: Snapshot | None = None
    returned: Returned | None = None
    history: list[HistoryEntry] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def comment(self, comment_id: str) -> Comment | None:
        return next((c for c in self.comments if c.id == comment_id), None)

    @property
    def locked(self) -> bool:
        """An accepted table is closed: the filler must start a new round to edit it."""
        return self.status == "accepted"
