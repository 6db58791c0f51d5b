"""A PerfDesk workbook edited in Excel: which visible cells differ from the embedded document.

The embedded document is kept by default (it loses nothing); the differences
name each cell so the user can decide to take Excel's values instead
(`use_visible`).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.imports.report import Difference, ImportedTable, ImportResult
from perfdesk.core.model.document import Document

_FIELDS = {"project": ("name", "department", "implementer", "leader", "phone", "year"),
           "goals": ("expected", "achieved"),
           "signature": ("filler", "phone", "reviewer", "head", "date")}


def compare_embedded(path: Path, result: ImportResult) -> None:
    """Attach the embedded document and the differences to the first table (the visible sheet)."""
    from perfdesk.core.files.xlsx_import import read_document_from_workbook

    try:
        embedded = read_document_from_workbook(path)
    except DocumentFileError:
        return  # no usable embedded copy: the visible sheet is all there is
    table = result.tables[0]
    table.embedded = embedded
    table.visible = table.document
    table.differences = differences(table, embedded)
    table.document = embedded


def use_visible(table: ImportedTable) -> None:
    """Take the values Excel shows instead of the embedded document."""
    if table.visible is not None:
        table.document = table.visible


def _same(a: str, b: str) -> bool:
    a, b = a.strip(), b.strip()
    if a == b:
        return True
    try:
        return Decimal(a) == Decimal(b)
    except InvalidOperation:
        return " ".join(a.split()) == " ".join(b.split())


def differences(table: ImportedTable, embedded: Document) -> list[Difference]:
    """Field by field, the visible sheet (as imported) against the embedded document."""
    visible = table.document
    where = {(i.location.section, i.location.path, i.location.field): i.address
             for i in table.read if i.location is not None}
    found: list[Difference] = []

    def check(section: str, path: tuple[int, ...], field: str, what: str, seen: str, kept: str) -> None:
        if not _same(seen, kept):
            found.append(Difference(where.get((section, path, field), table.where), what, seen, kept))

    for section, fields in _FIELDS.items():
        for name in fields:
            check(section, (), name, name, getattr(getattr(visible, section), name),
                  getattr(getattr(embedded, section), name))
    for i, (seen_row, kept_row) in enumerate(zip(visible.funds.rows, embedded.funds.rows, strict=False)):
        for name in ("initial", "budget", "executed"):
            check("funds", (i,), name, f"资金 {kept_row.key} {name}", getattr(seen_row, name), getattr(kept_row, name))
    check("funds", (0,), "weight", "资金分值", visible.funds.weight, embedded.funds.weight)
    kept_rows = {path: ind for path, _, _, ind in embedded.iter_indicators()}
    for path, _, group, ind in visible.iter_indicators():
        kept = kept_rows.get(path)
        if kept is None:
            if not ind.is_blank():
                found.append(Difference(where.get(("indicator", path, "name"), table.where), "新增指标", ind.name, ""))
            continue
        for name in ("name", "target", "actual", "weight", "reason"):
            check("indicator", path, name, f"{group.name} {kept.name or ind.name} {name}",
                  getattr(ind, name), getattr(kept, name))
    return found
