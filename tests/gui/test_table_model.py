"""TableModel: a thin adapter of the session's layout, editable only where the user types."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from perfdesk.core.layout.table import Role
from perfdesk.core.model.results import Location
from perfdesk.gui.session import DocumentSession
from perfdesk.gui.table.model import ERROR_BACKGROUND, TableModel
from tests.gui.helpers import filled_document


@pytest.fixture
def session(qtbot, national):
    return DocumentSession(filled_document(national), national)


@pytest.fixture
def model(session):
    return TableModel(session)


def index_of(model, section, path, field):
    cell = model.layout.bound(section, path, field)
    return model.index(cell.row, cell.col)


def test_qtmodeltester(qtmodeltester, model):
    qtmodeltester.check(model)


def test_only_input_cells_are_editable(model):
    editable = Qt.ItemFlag.ItemIsEditable
    for cell in model.layout.cells:
        flags = model.flags(model.index(cell.row, cell.col))
        assert bool(flags & editable) == (cell.role is Role.INPUT)


def test_set_data_goes_through_the_session_and_undo(model, session):
    index = index_of(model, "indicator", (0, 0, 0), "actual")
    score = model.layout.cell_at(index.row(), 6)
    assert model.setData(index, "５０人")
    assert index.data() == "50人"
    assert model.index(score.row, score.col).data() == "10"
    session.undo_stack.undo()
    assert index.data() == "100人" and model.index(score.row, score.col).data() == "20"


def test_weights_95_colour_the_total_red(model, session):
    total = next(c for c in model.layout.cells if c.key == "weights_total")
    index = model.index(total.row, total.col)
    assert index.data(Qt.ItemDataRole.BackgroundRole) != ERROR_BACKGROUND
    model.setData(index_of(model, "indicator", (2, 0, 0), "weight"), "5")
    assert index.data() == "95"
    assert index.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BACKGROUND
    assert "100" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert any(p.code == "WEIGHTS_TOTAL" for p in model.problems_at(index))


def test_computed_tooltip_is_the_core_explanation(model, session):
    cell = next(c for c in model.layout.cells if c.key == "indicator.score")
    tip = model.index(cell.row, cell.col).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("评分方式：正向") and tip.endswith("\n" + session.evaluation.indicator(cell.path).explanation)


def test_structure_change_resets_and_data_change_does_not(model, session, qtbot):
    with qtbot.waitSignal(model.modelReset), qtbot.waitSignal(model.structure_changed):
        session.insert_indicator(0, 0, 1)
    assert model.rowCount() == session.layout.rows
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        session.set_text(Location("indicator", (0, 0, 1), "name"), "新增")


def test_title_font_and_alignment(model):
    title = model.index(0, 0)
    assert title.data(Qt.ItemDataRole.FontRole).bold()
    name = index_of(model, "project", (), "name")
    assert name.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignLeft


def test_set_session_shows_the_other_document(model, national, qtbot):
    other_doc = filled_document(national, per_group=3)
    other = DocumentSession(other_doc, national)
    with qtbot.waitSignal(model.modelReset):
        model.set_session(other)
    assert model.rowCount() == other.layout.rows
    assert other.evaluation.total == Decimal(100)


def test_value_edit_repaints_only_the_cells_it_changed(model, session):
    actual = index_of(model, "indicator", (0, 0, 0), "actual")
    score = model.index(actual.row(), 6)
    total = model.layout.keyed("total")
    assert actual.data() == "100人" and score.data() == "20"  # cached before the edit
    changed = []
    model.dataChanged.connect(lambda top, bottom, roles=(): changed.append((top.row(), top.column(),
                                                                            bottom.row(), bottom.column())))
    session.set_text(Location("indicator", (0, 0, 0), "actual"), "50人")
    assert all((r1, c1) == (r2, c2) for r1, c1, r2, c2 in changed)  # single cells, not the grid
    corners = {(r, c) for r, c, _, _ in changed}
    assert {(actual.row(), 4), (score.row(), 6), (total.row, total.col)} <= corners
    assert (0, 0) not in corners and len(corners) < 10
    assert actual.data() == "50人" and score.data() == "10"  # the cache was refreshed
    reason = index_of(model, "indicator", (0, 0, 0), "reason")
    assert (reason.row(), reason.column()) in corners  # a new problem: the reason is now required
    assert reason.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BACKGROUND
