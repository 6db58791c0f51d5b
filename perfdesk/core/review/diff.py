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
from perfdesk.core.review.anchors import locate
from perfdesk.core.review.model import Anchor, Returned

_SKIPPED = {"id", "key", "extra"}


@dataclass(frozen=True)
class FieldChange:
    """A field that changed since the table was returned for changes."""

    anchor: Anchor
    label: str  # where, in the words of the table (the newer version's, or the older one's if removed)
    old: str
    new: str
    kind: str  # "changed" | "added" (a row only in the new table) | "removed" (only in the old one)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "old": self.old, "new": self.new,
                "anchor": {"section": self.anchor.section, "row": self.anchor.row, "field": self.anchor.field}}


#: Every text field of a table: (section, row, field) of its anchor -> value. Plain tuples, and
#: labels worked out for the changed fields only: this runs on every keystroke of a returned table.
Values = dict[tuple[str, str, str], str]
_TEXT_FIELDS: dict[type, tuple[str, ...]] = {}


def _record_values(values: Values, section: str, row: str, record: Any) -> None:
    cls = type(record)
    names = _TEXT_FIELDS.get(cls)
    if names is None:
        names = _TEXT_FIELDS[cls] = tuple(f.name for f in fields(record)
                                          if f.name not in _SKIPPED and f.type in ("str", str))
    for name in names:
        values[(section, row, name)] = getattr(record, name)


def field_values(doc: Document) -> Values:
    """Every text field of the table by anchor, in table order."""
    values: Values = {}
    for section, record in (("project", doc.project), ("goals", doc.goals), ("signature", doc.signature),
                            ("funds", doc.funds)):
        _record_values(values, section, "", record)
    for row in doc.funds.rows:
        _record_values(values, "funds", row.key, row)
    for l1 in doc.level1:
        for group in l1.groups:
            _record_values(values, "group", group.id, group)
            for ind in group.indicators:
                _record_values(values, "indicator", ind.id, ind)
    return values


def diff_documents(old: Document, new: Document) -> list[FieldChange]:
    """The fields whose text differs, in the new table's order, then the rows only the old one had."""
    return diff_values(old, field_values(old), new, field_values(new))


def diff_values(old: Document, before: Values, new: Document, after: Values) -> list[FieldChange]:
    """`diff_documents` on `field_values` already taken (the window keeps the returned table's)."""
    changes = []
    rows_before = {key[1] for key in before if key[1]}
    for key, value in after.items():
        was = before.get(key)
        if was is not None:
            if was != value:
                changes.append(_change(new, key, was, value, "changed"))
        elif value:
            changes.append(_change(new, key, "", value, "added" if key[1] and key[1] not in rows_before else "changed"))
    rows_after = {key[1] for key in after if key[1]}
    for key, value in before.items():
        if key not in after and value:
            kind = "removed" if key[1] and key[1] not in rows_after else "changed"
            changes.append(_change(old, key, value, "", kind))
    return changes


def _change(doc: Document, key: tuple[str, str, str], old: str, new: str, kind: str) -> FieldChange:
    """A change, labelled where its field is in `doc` (the new table, or the old one for a removed row)."""
    anchor = Anchor(*key)
    location = locate(doc, anchor)
    label = location.label if location is not None else " ".join(key)
    return FieldChange(anchor, label, old, new, kind)


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
