"""New documents from a template, and the one invariant every document keeps."""

from __future__ import annotations

from perfdesk.core.model.document import (
    Document,
    Funds,
    FundsRow,
    Group,
    Indicator,
    Level1,
    Project,
)
from perfdesk.core.model.ids import ensure_ids
from perfdesk.core.model.results import format_decimal
from perfdesk.core.rules.profile import Profile


def new_document(profile: Profile, year: str = "") -> Document:
    """An empty table laid out as the template says, one ready row per 二级."""
    doc = Document(
        template_id=profile.id,
        project=Project(year=year, money_unit=profile.money_unit),
        funds=Funds(
            rows=[FundsRow(key=r.key) for r in profile.funds.rows],
            weight=format_decimal(profile.funds.weight) if profile.funds.scored else "",
        ),
        level1=[Level1(d.name, [Group(g.name) for g in d.groups]) for d in profile.level1],
    )
    ensure_rows(doc, profile)
    return doc


def ensure_rows(doc: Document, profile: Profile) -> None:
    """Every 二级 holds at least one (possibly blank) 三级 row, every funds row exists,
    and every group and row has its stable id.

    The table always shows a row to type into, so an empty 二级 needs no special
    case anywhere else.
    """
    have = {row.key for row in doc.funds.rows}
    doc.funds.rows.extend(FundsRow(key=r.key) for r in profile.funds.rows if r.key not in have)
    for l1 in doc.level1:
        for group in l1.groups:
            if not group.indicators:
                group.indicators.append(Indicator())
    ensure_ids(doc)
