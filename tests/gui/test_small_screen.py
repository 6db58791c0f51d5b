"""A 1366×768 laptop at 150% scaling (a 910×512 window in Qt's units): editors stay inside the grid,
the problems panel is one line until clicked, the 一级/二级 names and column titles stay on screen,
a phone number is shown whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from perfdesk.core.model.results import Location
from perfdesk.gui.table.quality_editor import QualityEditor
from tests.gui.helpers import filled_document
from tests.gui.user_input import type_into_cell

LAPTOP_AT_150 = (910, 512)


@pytest.fixture
def small(window, qtbot):
    window.resize(*LAPTOP_AT_150)
    qtbot.waitUntil(lambda: window.view.viewport().width() < LAPTOP_AT_150[0])
    return window


def test_problems_panel_is_one_line_until_clicked_and_remembers(small, qtbot, context):
    panel, summary = small.problems, small.problems.summary
    small.session.set_text(Location("indicator", (0, 0, 0), "target"), "≥100人")  # an indicator without weight
    assert not panel.tree.isVisible()
    assert panel.height() <= summary.sizeHint().height() + 4
    assert "错误" in summary.text() and "点击展开" in summary.text()
    qtbot.mouseClick(summary, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.tree.height() > 3 * summary.height())
    assert panel.height() < small.height() / 3 and "点击收起" in summary.text()
    assert context.new_window().problems.expanded  # the clerk's choice holds for the next window
    qtbot.mouseClick(summary, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.height() <= summary.sizeHint().height() + 4)
    assert not panel.tree.isVisible()


def test_grade_editor_stays_inside_the_grid(small, qtbot):
    view = small.view
    path = (1, 1, 0)
    small.session.set_many([(Location("indicator", path, "name"), "群众满意"),
                            (Location("indicator", path, "target"), "效果显著")], "填写")
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    assert view.select_location(Location("indicator", path, "actual"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.findChild(QualityEditor)
    assert editor is not None and editor.isVisible()
    cell = view.visualRect(view.currentIndex())
    assert editor.sizeHint().width() > view.viewport().width() - cell.left(), "the editor would not fit from its cell"
    assert view.viewport().rect().contains(editor.geometry())
    assert view.viewport().rect().contains(editor.points.geometry().translated(editor.pos()))


def test_first_and_second_level_names_and_column_titles_stay_on_screen(window, qtbot, national):
    window.install_document(filled_document(national, per_group=6), national, window.file_state)
    window.resize(*LAPTOP_AT_150)
    view = window.view
    qtbot.waitUntil(lambda: view.viewport().height() < LAPTOP_AT_150[1])
    qtbot.waitUntil(lambda: view.frozen_labels is not None)  # laid over the grid after its first frame
    assert view.select_location(Location("indicator", (0, 2, 3), "actual"))  # deep inside 产出指标
    view.scrollTo(view.currentIndex(), view.ScrollHint.PositionAtTop)
    frozen = view.frozen_labels
    assert frozen is not None
    header = {cell.text: rect for cell, rect in frozen.frozen_header()}
    assert "一级指标" in header and "年度指标值" in header and header["一级指标"].top() == 0
    names = {cell.text.split("\n")[0]: rect for cell, rect in frozen.frozen_names(header["一级指标"].bottom() + 1)}
    assert "产出指标" in names and "时效指标" in names
    viewport = view.viewport().rect()
    assert all(viewport.contains(rect) for rect in names.values())
    assert names["产出指标"].top() == names["时效指标"].top() == header["一级指标"].bottom() + 1
    for strip in (frozen.header_strip, frozen.names_strip):
        assert strip.isVisible() and view.viewport().geometry().contains(strip.geometry())
    view.scrollToTop()  # back at the title the header row is in its place: its strip hides
    assert not frozen.header_strip.isVisible()


def test_a_phone_number_in_a_narrow_cell_is_shown_whole(small, qtbot):
    phone = "0737-4221234"
    where = Location("project", (), "phone")
    type_into_cell(small.view, qtbot, where, phone)
    view = small.view
    cell = small.session.layout.locate(where)
    index = view.table_model.index(cell.row, cell.col)
    option = QStyleOptionViewItem()
    view.itemDelegate().initStyleOption(option, index)
    rect = view.visualRect(index)
    room = rect.adjusted(4, 0, -4, 0)
    assert option.fontMetrics.horizontalAdvance(phone) > room.width(), "the cell is wide enough anyway"
    needed = option.fontMetrics.boundingRect(QRect(0, 0, room.width(), 1000), int(Qt.TextFlag.TextWordWrap),
                                             option.text)
    assert needed.width() <= room.width() and needed.height() <= rect.height()
    assert option.text.replace("\u200b", "") == phone
