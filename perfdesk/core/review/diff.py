"""What changed between two versions of a table, field by field, rows matched by stable id.

Used for the changes since a return (the returned content is kept in the
review) and by `perfdesk diff OLD NEW`. Rows are matched by id, so a row
moved or with a row inserted above it is not reported as changed.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.model.document import Document
from perfdesk.core.model.places import block_place, group_place, indicator_place
from perfdesk.core.review.anchors import funds_row_place
from perfdesk.core.review.model import Anchor, Returned

_SKIPPED = {"id", "key", "extra"}


@dataclass(frozen=True)
class FieldChange:
    anchor: Anchor
    label: str  # where, in the words of the table (the newer version's, or the older one's if removed)
    old: str
    new: str
    kind: str  # "changed" | "added" (a row only in the new table) | "removed" (only in the old one)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "old": self.old, "new": self.new,
                "anchor": {"section": self.anchor.section, "row": self.anchor.row, "field": self.anchor.field}}


def _text_fields(record: object) -> list[str]:
    return [f.name for f in fields(record) if f.name not in _SKIPPED and isinstance(getattr(record, f.name), str)]  # type: ignore[arg-type]


def field_values(doc: Document) -> dict[Anchor, tuple[str, str]]:
    """Every text field of the table: anchor -> (label, value), in table order."""
    values: dict[Anchor, tuple[str, str]] = {}
    for section, record in (("project", doc.project), ("goals", doc.goals), ("signature", doc.signature),
                            ("funds", doc.funds)):
        for name in _text_fields(record):
            values[Anchor(section, "", name)] = (block_place(section, name).label, getattr(record, name))
    for index, row in enumerate(doc.funds.rows):
        for name in _text_fields(row):
            values[Anchor("funds", row.key, name)] = (funds_row_place(index, row.key, name).label, getattr(row, name))
    for i1, l1 in enumerate(doc.level1):
        for i2, group in enumerate(l1.groups):
            for name in _text_fields(group):
                label = group_place((i1, i2), (l1.name, group.name), name).label
                values[Anchor("group", group.id, name)] = (label, getattr(group, name))
            for i3, ind in enumerate(group.indicators):
                for name in _text_fields(ind):
                    label = indicator_place((i1, i2, i3), (l1.name, group.name, ind.name), name).label
                    values[Anchor("indicator", ind.id, name)] = (label, getattr(ind, name))
    return values


def diff_documents(old: Document, new: Document) -> list[FieldChange]:
    """The fields whose text differs, in the new table's order, then the rows only the old one had."""
    before, after = field_values(old), field_values(new)
    changes = []
    rows_before = {a.row for a in before if a.row}
    for anchor, (label, value) in after.items():
        if anchor in before:
            if before[anchor][1] != value:
                changes.append(FieldChange(anchor, label, before[anchor][1], value, "changed"))
        elif value:
            kind = "added" if anchor.row and anchor.row not in rows_before else "changed"
            changes.append(FieldChange(anchor, label, "", value, kind))
    rows_after = {a.row for a in after if a.row}
    for anchor, (label, value) in before.items():
        if anchor not in after and value:
            kind = "removed" if anchor.row and anchor.row not in rows_after else "changed"
            changes.append(FieldChange(anchor, label, value, "", kind))
    return changes


def returned_document(returned: Returned, like: Document, source: str = "") -> Document:
    """The table as it was returned, rebuilt from the review; DocumentFileError when that part is damaged."""
    from perfdesk.core.files.schema import data_to_document  # the schema reads reviews through this package

    data = {"kind": like.kind, "template": like.template_id, "document": returned.document}
    try:
        return data_to_document(data, source)
    except DocumentFileError as exc:
        raise DocumentFileError(f"审核记录中“退回时的表格”已损坏，无法比较改动：{exc.message}", source=source) from exc


def changes_since_return(doc: Document, returned: Returned | None, source: str = "") -> list[FieldChange]:
    """What the unit changed after the table was returned ([] when it never was)."""
    if returned is None:
        return []
    return diff_documents(returned_document(returned, doc, source), doc)
