"""The grid's columns share the viewport's width, and its rows are as tall as their wrapped text, as in a
grid freshly opened on the same document at the same size, whatever narrowed or widened the viewport
(the vertical scrollbar coming or going, the window resized) or changed the text's size (the font)."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from perfdesk.core.model.factory import new_document
from perfdesk.gui.session import DocumentSession
from perfdesk.gui.table.view import TableView

TALL = QSize(1000, 1500)  # a new table fits without a vertical scrollbar


def shown(qtbot, session: DocumentSession, size: QSize, font: QFont | None = None) -> TableView:
    view = TableView(session)
    qtbot.addWidget(view)
    if font is not None:
        view.setFont(font)
    view.resize(size)
    view.show()
    qtbot.waitExposed(view)
    return view


def fit(view: TableView) -> tuple[bool, list[int], list[int]]:
    """Whether the vertical scrollbar shows, the column widths, the row heights."""
    model = view.table_model
    return (view.verticalScrollBar().isVisible(), list(map(view.columnWidth, range(model.columnCount()))),
            list(map(view.rowHeight, range(model.rowCount()))))


def assert_fitted_as_fresh(qtbot, view: TableView) -> None:
    fresh = shown(qtbot, view.session, view.size(), view.font())
    with contextlib.suppress(qtbot.TimeoutError):  # the rows are measured again a moment after a change
        qtbot.waitUntil(lambda: fit(view) == fit(fresh), timeout=2000)
    assert fit(view) == fit(fresh)
    assert not view.horizontalScrollBar().isVisible()
    fresh.close()


@pytest.fixture
def new_table(qtbot, national) -> TableView:
    view = shown(qtbot, DocumentSession(new_document(national), national), TALL)
    qtbot.waitUntil(lambda: not view.verticalScrollBar().isVisible())  # once the rows are measured
    return view


def test_rows_pasted_until_the_scrollbar_shows_fit_the_narrower_viewport(qtbot, new_table):
    view, session = new_table, new_table.session
    cell = session.layout.bound("indicator", (0, 0, 0), "name")
    view.setCurrentIndex(view.table_model.index(cell.row, cell.col))
    rows = (f"第{k}项工作的完成情况说明较长需要换行\t≥{k}人\t{k}人\t2\t\n" for k in range(30))
    QApplication.clipboard().setText("".join(rows))
    view.paste()
    qtbot.waitUntil(view.verticalScrollBar().isVisible)
    assert_fitted_as_fresh(qtbot, view)
    session.undo_stack.undo()  # the scrollbar goes again: the columns widen
    qtbot.waitUntil(lambda: not view.verticalScrollBar().isVisible())
    assert_fitted_as_fresh(qtbot, view)


def test_a_resized_window_fits_its_new_width(qtbot, new_table):
    new_table.resize(760, 900)
    assert_fitted_as_fresh(qtbot, new_table)


def test_a_larger_font_measures_the_rows_again_and_keeps_the_columns_inside(qtbot, new_table):
    font = new_table.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    new_table.setFont(font)
    assert_fitted_as_fresh(qtbot, new_table)


def test_columns_refit_when_the_template_orders_them_otherwise(qtbot, new_table, library):
    """云南保山 prints 得分 before 分值: after 更换模板 (or a file of it opened into the window) every
    column takes its own width, not the width of the column that stood there before."""
    baoshan = library.get("yunnan-baoshan")
    assert new_table.session.change_template(baoshan) is not None
    assert_fitted_as_fresh(qtbot, new_table)


def test_columns_refit_when_another_document_is_shown(qtbot, new_table, library):
    baoshan = library.get("yunnan-baoshan")
    new_table.set_session(DocumentSession(new_document(baoshan), baoshan))
    assert_fitted_as_fresh(qtbot, new_table)
