"""The names of a review status: shown in every window's status bar, so kept apart from the
review records (`model`), which a table without a review never needs."""

from __future__ import annotations

#: Status key -> how the window and the reports name it.
STATUS_NAMES = {"": "未报送", "submitted": "已报送，待审核", "returned": "已退回修改", "accepted": "审核通过"}


def status_name(status: str) -> str:
    """The Chinese name of a status; an unknown one (from a newer program) shown as is."""
    return STATUS_NAMES.get(status, status)
