"""Where a field is, in the words of the table: the one builder of a `Location` and its label.

Problems, the grid's cell bindings and (later) review comments all name places
the same way: `产出指标 › 数量指标 › 1.接收… › 实际完成值`, with the row's stable
id beside its path so the place survives rows moving.
"""

from __future__ import annotations

from perfdesk.core.model.document import Document
from perfdesk.core.model.fields import label
from perfdesk.core.model.results import Location


def indicator_where(l1_name: str, group_name: str, indicator_name: str, i3: int) -> str:
    """The start of every label of an indicator row's fields: `产出指标 › 数量指标 › 1.接收…`."""
    return f"{l1_name} › {group_name} › {indicator_name.strip() or f'第{i3 + 1}行'}"


def indicator_place(path: tuple[int, int, int], names: tuple[str, str, str], field: str, row_id: str = "") -> Location:
    """An indicator row's field; `names` are the 一级, 二级 and 三级 names."""
    where = indicator_where(names[0], names[1], names[2], path[2])
    return Location("indicator", tuple(path), field, f"{where} › {label('indicator', field)}", row_id)


def group_place(path: tuple[int, int], names: tuple[str, str], field: str, row_id: str = "") -> Location:
    """A 二级 group's own field (its whole-group weight, its manual score)."""
    return Location("group", tuple(path), field, f"{' › '.join(names)} › {label('group', field)}", row_id)


def block_place(section: str, field: str, label_text: str = "") -> Location:
    """A field of the project, goals, funds (weight, manual score) or signature block."""
    return Location(section, (), field, label_text or label(section, field))


def with_row_id(doc: Document, location: Location) -> Location:
    """`location` carrying the id of its group or indicator row, so it can follow the row when rows move."""
    if location.id or location.section not in ("indicator", "group"):
        return location
    path = tuple(location.path)
    try:
        row = doc.indicator_at(*path) if len(path) == 3 else doc.group_at(*path) if len(path) == 2 else None
    except IndexError:
        return location
    return location._replace(id=row.id) if row is not None else location


def where_now(doc: Document, location: Location) -> Location | None:
    """Where a row's place is now (its path found by the row's id); None when the row was deleted.

    A place without a row id (a funds cell, a field of the project) stays where it is.
    """
    if not location.id:
        return location
    path = doc.find_id(location.id)
    if path is None or len(path) != len(location.path):
        return None
    return location._replace(path=path)
