"""The claimed scores of an imported table beside the rule's: where the source table's sums went wrong."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from perfdesk.core.model.document import Document
from perfdesk.core.model.results import Evaluation, Location, format_decimal

TOLERANCE = Decimal("0.01")  # printed scores are rounded to two decimals at most


@dataclass(frozen=True)
class Recheck:
    what: str
    claimed: str
    computed: str
    location: Location

    @property
    def differs(self) -> bool:
        try:
            return abs(Decimal(self.claimed) - Decimal(self.computed or "0")) > TOLERANCE
        except InvalidOperation:
            return True


def recheck(doc: Document, ev: Evaluation) -> list[Recheck]:
    """Every claimed score (funds, groups, indicators, total) with the score the rules give."""
    found: list[Recheck] = []

    def add(what: str, claimed: str, computed: Decimal | None, location: Location) -> None:
        if claimed.strip():
            found.append(Recheck(what, claimed.strip(), format_decimal(computed), location))

    add("预算执行率得分", doc.funds.published_score, ev.funds.score, Location("funds", (0,), "published_score"))
    for group in ev.groups:
        add(" › ".join(group.names), doc.group_at(*group.path).published_score, group.score,
            Location("group", group.path, "published_score"))
    for result in ev.indicators:
        ind = doc.indicator_at(*result.path)
        add(ind.name or "（未命名指标）", ind.published_score, result.score,
            Location("indicator", result.path, "published_score"))
    add("总分", doc.published_total, ev.total, Location("table", (), "published_total"))
    return found
