"""Comment anchors <-> places in the current table.

A cell is anchored by what it is (a row's stable id, a funds row's key, a
field), so a comment follows its row when rows are inserted, moved or deleted
above it; an anchor whose row is gone finds no place and is shown as deleted.
"""

from __future__ import annotations

from perfdesk.core.model.document import Document
from perfdesk.core.model.places import block_place, group_place, indicator_place
from perfdesk.core.model.results import Location
from perfdesk.core.review.model import WHOLE_TABLE, Anchor

_BLOCKS = ("project", "goals", "signature")
#: Names of the usual funds rows (every template uses these keys); another key is shown as is.
_FUNDS_ROWS = {"total": "年度资金总额", "current": "当年财政拨款", "carryover": "上年结转资金", "other": "其他资金"}


def funds_row_place(index: int, key: str, field: str) -> Location:
    """A funds row's field, named `项目资金 › 年度资金总额 › 全年执行数`."""
    name = _FUNDS_ROWS.get(key, key)
    return Location("funds", (index,), field, f"项目资金 › {name} › {block_place('funds', field).label}")


def anchor_of(doc: Document, location: Location) -> Anchor:
    """The anchor of the field at `location` (a cell's binding) in `doc`."""
    section, path = location.section, tuple(location.path)
    if section in ("indicator", "group"):
        row_id = location.id or _row_id(doc, path)
        return Anchor(section, row_id, location.field)
    if section == "funds" and path:
        return Anchor("funds", doc.funds.rows[path[0]].key, location.field)
    if section in (*_BLOCKS, "funds"):
        return Anchor(section, "", location.field)
    return Anchor(WHOLE_TABLE)


def _row_id(doc: Document, path: tuple[int, ...]) -> str:
    if len(path) == 3:
        return doc.indicator_at(*path).id
    return doc.group_at(*path).id


def locate(doc: Document, anchor: Anchor) -> Location | None:
    """Where `anchor` is now (with its label); None when its row was deleted or the field is unknown."""
    try:
        if anchor.section == "indicator":
            path = doc.find_id(anchor.row)
            if path is None or len(path) != 3:
                return None
            l1, group = doc.level1[path[0]], doc.group_at(path[0], path[1])
            ind = group.indicators[path[2]]
            return indicator_place((path[0], path[1], path[2]), (l1.name, group.name, ind.name), anchor.field,
                                   anchor.row)
        if anchor.section == "group":
            path = doc.find_id(anchor.row)
            if path is None or len(path) != 2:
                return None
            names = (doc.level1[path[0]].name, doc.group_at(*path).name)
            return group_place((path[0], path[1]), names, anchor.field, anchor.row)
        if anchor.section == "funds" and anchor.row:
            keys = [row.key for row in doc.funds.rows]
            if anchor.row not in keys:
                return None
            return funds_row_place(keys.index(anchor.row), anchor.row, anchor.field)
        if anchor.section in (*_BLOCKS, "funds"):
            return block_place(anchor.section, anchor.field)
    except KeyError:  # a field this version does not know (a newer program's anchor)
        return None
    return Location(WHOLE_TABLE, (), "", "整张表格") if anchor.section == WHOLE_TABLE else None
