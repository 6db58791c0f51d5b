"""A place in the table follows its row by the row's id (import marks, report lines)."""

from __future__ import annotations

from perfdesk.core.model.document import Indicator
from perfdesk.core.model.factory import new_document
from perfdesk.core.model.ids import ensure_ids
from perfdesk.core.model.places import where_now, with_row_id
from perfdesk.core.model.results import Location


def test_a_place_follows_its_row_by_id_and_is_gone_with_it(national):
    doc = new_document(national)
    place = with_row_id(doc, Location("indicator", (0, 0, 0), "weight"))
    funds = with_row_id(doc, Location("funds", (0,), "executed"))
    assert place.id and not funds.id
    doc.group_at(0, 0).indicators.insert(0, Indicator(name="新"))
    ensure_ids(doc)
    assert where_now(doc, place).path == (0, 0, 1) and where_now(doc, funds) == funds
    del doc.group_at(0, 0).indicators[1]
    assert where_now(doc, place) is None
    assert with_row_id(doc, Location("indicator", (9, 9, 9), "weight")).id == ""  # no such row: as given
