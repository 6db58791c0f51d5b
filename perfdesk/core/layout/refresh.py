"""Bring a table layout up to date in place after value edits, instead of rebuilding it.

Typing a value (no row added, removed or moved, no group weight set or cleared,
no manual score added or removed) keeps the grid's shape: only the edited input
cells, the computed cells, the 一级 labels, the title and captions and the notes
can change. Rebuilding 500 indicator rows takes tens of milliseconds; this
touches a few hundred cells, taking every text from the same functions the
builder uses (`Computed`, `fixed_texts`, `model.places`, `input_number`), so
a refreshed layout equals a rebuilt one. It answers with the cells it changed,
so a view repaints just those.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from perfdesk.core.layout.columns import INDICATOR_INPUTS
from perfdesk.core.layout.table import (
    SHOWN_IN,
    Cell,
    Role,
    TableLayout,
    build_layout,
    input_number,
    layout_shape,
)
from perfdesk.core.layout.texts import Computed, fixed_texts, score_notes
from perfdesk.core.model.document import Document
from perfdesk.core.model.edits import get_field
from perfdesk.core.model.places import indicator_place
from perfdesk.core.model.results import Evaluation, Explanation, Location
from perfdesk.core.rules.profile import Profile


class _Changes:
    """Writes new contents into cells and remembers which ones really changed."""

    def __init__(self) -> None:
        self.cells: dict[int, Cell] = {}

    def text(self, cell: Cell, text: str) -> None:
        if cell.text != text:
            cell.text = text
            self.cells[id(cell)] = cell

    def content(self, cell: Cell, text: str, number: Decimal | None, tooltip: Explanation) -> None:
        """A new tooltip alone is no change to show: it is read (and written) only when hovered."""
        cell.why = tooltip
        if cell.text != text or cell.number != number:
            cell.text, cell.number = text, number
            self.cells[id(cell)] = cell

    def binding(self, cell: Cell, binding: Location) -> None:
        if cell.binding != binding:
            cell.binding = binding
            self.cells[id(cell)] = cell


def refresh_layout(
    layout: TableLayout, doc: Document, profile: Profile, ev: Evaluation, touched: Iterable[Location]
) -> list[Cell] | None:
    """Update `layout` (built by `build_layout`) to show `doc` and `ev` after edits of the
    `touched` fields; returns the changed cells, or None when the table's shape changed
    and the caller must call `build_layout` instead (the layout is then left as it was)."""
    notes = score_notes(doc, ev)
    if layout._shape != layout_shape(doc, profile) or len(notes) != len(layout._notes):
        return None
    touched = list(touched)
    changes = _Changes()
    computed = Computed(ev, layout.show_claims)
    for loc in touched:
        _refresh_input(layout, doc, loc, changes, computed)
    for name, text in fixed_texts(doc, profile).items():
        cell = layout._fixed.get(name)
        if cell is not None:
            changes.text(cell, text)
    rows = _changed_rows(layout._shown_ev, ev, doc, touched)
    keyed = layout._keyed.items() if rows is None else _summaries(layout)  # rows' scores below
    for (key, path), cell in keyed:
        if cell.role is Role.COMPUTED:
            changes.content(cell, *computed.content(key, path))
        elif key == "level1":
            changes.text(cell, computed.level1_label(doc.level1[path[0]].name))
    for path in rows or ():
        cell = layout._keyed.get(("indicator.score", path))
        if cell is not None:
            changes.content(cell, *computed.content("indicator.score", path))
    for cell, text in zip(layout._notes, notes, strict=True):
        changes.text(cell, text)
    if rows is None:
        _refresh_grades(layout, doc, touched, changes, computed)
    else:  # a grade shown in an actual cell is part of its row's result
        _refresh_actuals(layout, doc, rows, changes, computed)
    layout._shown_ev = ev
    return list(changes.cells.values())


def _summaries(layout: TableLayout) -> list[tuple[tuple[str, tuple[int, ...]], Cell]]:
    """The keyed cells but the indicators' scores (groups, funds, totals, 一级 labels), listed once
    per layout: walking all 500 rows' cells after every edit to find these few is most of a refresh."""
    if layout._summaries is None:
        layout._summaries = [(key, cell) for key, cell in layout._keyed.items() if key[0] != "indicator.score"]
    return layout._summaries


def _changed_rows(before: Evaluation | None, ev: Evaluation, doc: Document,
                  touched: list[Location]) -> list[tuple[int, ...]] | None:
    """The indicator rows whose score or actual cell may show something new, or None when every
    row's must be rewritten.

    After edits of indicator fields alone, a row's result is worked out from its own fields and
    its share of its group's weight (scoring.plan), so only the edited rows and the other rows of
    their groups can change: those are compared with `before`'s, by what their cells show (a
    score's tooltip, the rule's explanation, follows from the same fields and the weight). Claims
    are compared whole (they are few, and an import's only)."""
    if (before is None or len(before.indicators) != len(ev.indicators) or before.claims != ev.claims
            or any(loc.section != "indicator" for loc in touched)):
        return None
    edited = {tuple(loc.path) for loc in touched}
    groups = {path[:2] for path in edited}
    rows: list[tuple[int, ...]] = []
    start = 0  # results come one per row, in the table's order
    for i1, l1 in enumerate(doc.level1):
        for i2, group in enumerate(l1.groups):
            end = start + len(group.indicators)
            if (i1, i2) in groups:
                for new, old in zip(ev.indicators[start:end], before.indicators[start:end], strict=True):
                    if new.path != old.path:
                        return None
                    if new.path in edited or (new.score != old.score or new.weight != old.weight
                                              or new.kind is not old.kind or new.direction is not old.direction
                                              or new.grade != old.grade):
                        rows.append(new.path)
            start = end
    return rows


def _refresh_grades(layout: TableLayout, doc: Document, touched: list[Location], changes: _Changes,
                    computed: Computed) -> None:
    """Actual cells show the grade the rules used, which weight, target and manual-score edits change
    too: recheck every row holding a grade, and those whose grade was just cleared."""
    cleared = {tuple(loc.path) for loc in touched if loc.section == "indicator" and loc.field in SHOWN_IN}
    for path, _, _, ind in doc.iter_indicators():
        if ind.quality_grade or path in cleared:
            cell = layout.bound("indicator", path, "actual")
            if cell is not None:
                changes.text(cell, computed.actual_text(ind.actual, path))


def _refresh_actuals(layout: TableLayout, doc: Document, rows: list[tuple[int, ...]], changes: _Changes,
                     computed: Computed) -> None:
    """The actual cells of `rows`, showing their value and the grade the rules used."""
    for path in rows:
        cell = layout.bound("indicator", path, "actual")
        if cell is not None:
            i1, i2, i3 = path
            changes.text(cell, computed.actual_text(doc.indicator_at(i1, i2, i3).actual, (i1, i2, i3)))


def _refresh_input(layout: TableLayout, doc: Document, loc: Location, changes: _Changes, computed: Computed) -> None:
    """The edited cell's text and number; an indicator's new name also renames its row's labels."""
    cell = layout.bound(loc.section, loc.path, loc.field)
    if cell is None or cell.binding is None:
        return  # a field the grid does not show (manual score, grade …): it shows through computed cells
    value = get_field(doc, loc)
    shown = value
    if (loc.section, loc.field) == ("indicator", "actual"):
        i1, i2, i3 = loc.path
        shown = computed.actual_text(value, (i1, i2, i3))
    changes.content(cell, shown, input_number(cell.fmt, value), cell.why)
    if loc.section == "indicator" and loc.field == "name":
        i1, i2, i3 = loc.path
        l1 = doc.level1[i1]
        names = (l1.name, l1.groups[i2].name, value)
        for field_name in INDICATOR_INPUTS:
            other = layout.bound("indicator", loc.path, field_name)
            if other is not None and other.binding is not None:
                changes.binding(other, indicator_place((i1, i2, i3), names, field_name, other.binding.id))



@dataclass(frozen=True)
class Change:
    """What one change did, as listeners (grid, status, autosave) need to know it.

    touched: the fields the change wrote, first the one the user's eye should go to;
    cells:   the cells an in-place refresh changed (empty when `rebuilt`);
    rebuilt: the layout was built anew (rows added, removed or moved, weights regrouped),
             so every cell may differ.
    """

    touched: tuple[Location, ...] = ()
    cells: tuple[Cell, ...] = ()
    rebuilt: bool = False


def update_layout(
    layout: TableLayout, doc: Document, profile: Profile, ev: Evaluation,
    touched: Iterable[Location] = (), structural: bool = False,
) -> tuple[TableLayout, Change]:
    """The layout showing `doc` and `ev` after a change, and the record of what changed.

    Value edits refresh `layout` in place; a structural change (or a value edit that
    changed the table's shape) builds a new one. Deciding here, once, means no
    caller can refresh in place what must be rebuilt."""
    touched = tuple(touched)
    cells = None if structural or not touched else refresh_layout(layout, doc, profile, ev, touched)
    if cells is None:
        return build_layout(doc, profile, ev), Change(touched, (), True)
    return layout, Change(touched, tuple(cells), False)
