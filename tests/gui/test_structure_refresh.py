"""After moving, inserting or deleting rows (and undoing), the grid shows exactly what is saved.

A clerk moved a row with 下移: only its name moved on screen, its values stayed
behind and F2 opened an editor holding the old value. These tests look at what
the grid shows, cell by cell, against a layout built afresh from the document.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from perfdesk.core.layout.table import build_layout
from perfdesk.core.model.document import Indicator
from perfdesk.core.model.results import Location
from perfdesk.core.rules.analysis import analyse
from perfdesk.gui.session import DocumentSession
from perfdesk.gui.table.model import TableModel
from perfdesk.gui.table.view import TableView
from tests.gui.helpers import filled_document


def shown(model: TableModel) -> list[list[tuple]]:
    """What the grid shows: display and edit text of every cell."""
    return [[(model.data(model.index(r, c)), model.data(model.index(r, c), Qt.ItemDataRole.EditRole))
             for c in range(model.columnCount())] for r in range(model.rowCount())]


def expected(session: DocumentSession) -> list[list[tuple]]:
    """The same, from a layout built afresh from the document as it is now."""
    fresh = build_layout(session.doc, session.profile, analyse(session.doc, session.profile))
    rows: list[list[tuple]] = []
    for r in range(fresh.rows):
        row: list[tuple] = []
        for c in range(fresh.columns):
            cell = fresh.cell_at(r, c)
            if cell is not None and (cell.row, cell.col) == (r, c):
                row.append((cell.text, cell.text))
            else:
                row.append((None, None))
        rows.append(row)
    return rows


@pytest.fixture
def three_rows(national):
    doc = filled_document(national)
    group = doc.level1[0].groups[0]
    group.indicators = [Indicator(name=f"指标{k}", target=f"≥{k}0人", actual=f"{k}1人", weight="5", reason=f"原因{k}")
                        for k in (1, 2, 3)]
    doc.level1[0].groups[1].indicators[0].weight = "15"
    return doc


def test_move_down_moves_every_value_of_the_row_on_screen(qtbot, national, three_rows):
    session = DocumentSession(three_rows, national)
    view = TableView(session)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    assert view.select_location(Location("indicator", (0, 0, 0), "name"))
    view.table_actions.move_down.trigger()
    model = view.table_model
    moved = model.layout.bound("indicator", (0, 0, 1), "target")
    stayed = model.layout.bound("indicator", (0, 0, 0), "actual")
    assert moved is not None and stayed is not None
    assert model.data(model.index(moved.row, moved.col)) == "≥10人"
    assert model.data(model.index(moved.row, moved.col), Qt.ItemDataRole.EditRole) == "≥10人"
    assert model.data(model.index(stayed.row, stayed.col)) == "21人"
    assert shown(model) == expected(session)
    session.undo_stack.undo()
    assert shown(model) == expected(session)
    assert session.doc.indicator_at(0, 0, 0).name == "指标1"


# One structural step: (kind, which row/group, argument); the sequence interleaves undo and redo.
_steps = st.lists(
    st.tuples(st.sampled_from(["insert", "remove", "move", "group_weight", "edit", "undo", "redo"]),
              st.integers(0, 20), st.integers(-2, 2)),
    min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=_steps)
def test_any_structural_edits_and_undos_leave_the_grid_equal_to_a_fresh_layout(qtbot, national, steps):
    session = DocumentSession(filled_document(national, per_group=2), national)
    model = TableModel(session)
    for kind, pick, arg in steps:
        rows = [path for path, *_ in session.doc.iter_indicators()]
        path = rows[pick % len(rows)]
        if kind == "insert":
            session.insert_indicator(path[0], path[1], path[2] + max(arg, 0))
        elif kind == "remove":
            session.remove_indicator(path)
        elif kind == "move":
            session.move_indicator(path, arg or 1)
        elif kind == "group_weight":
            session.toggle_group_weight(path[0], path[1])
        elif kind == "edit":
            session.set_text(Location("indicator", path, "actual"), f"{pick}人")
        elif kind == "undo":
            session.undo_stack.undo()
        else:
            session.undo_stack.redo()
        assert shown(model) == expected(session), f"after {kind} at {path}"
