"""A province that prints no 分值 column (云南保山): the window still takes the weights, in a
column at the right, and a row pasted from the province's table (得分 right after 实际完成值)
lands in its fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from perfdesk.gui.session import DocumentSession
from perfdesk.gui.table.model import TableModel
from tests.gui.helpers import filled_document


@pytest.fixture
def baoshan(library):
    return library.get("yunnan-baoshan")


@pytest.fixture
def session(qtbot, baoshan):
    return DocumentSession(filled_document(baoshan), baoshan)


def test_weights_are_typed_in_the_rightmost_column(qtmodeltester, session):
    model = TableModel(session)
    qtmodeltester.check(model)
    assert model.columnCount() == 8
    weight = model.layout.bound("indicator", (0, 0, 0), "weight")
    assert weight is not None and weight.col == 7
    index = model.index(weight.row, weight.col)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "12")
    assert session.doc.level1[0].groups[0].indicators[0].weight == "12"
    total, shown = model.layout.keyed("weights_total"), session.layout.keyed("weights_total")
    assert total is not None and shown is not None
    assert model.index(total.row, total.col).data() == shown.text


def test_a_row_of_the_province_table_pastes_into_its_fields(qtbot, session, view):
    name = view.table_model.layout.bound("indicator", (0, 0, 0), "name")
    assert name is not None
    view.setCurrentIndex(view.table_model.index(name.row, name.col))
    QApplication.clipboard().setText("接收社区矫正对象\t≥95%\t97%\t9\t原因\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    row = session.doc.level1[0].groups[0].indicators[0]
    assert (row.name, row.target, row.actual, row.published_score, row.reason) == (
        "接收社区矫正对象", "≥95%", "97%", "9", "原因")
