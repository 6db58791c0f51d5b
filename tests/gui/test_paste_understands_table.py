"""Pasting blocks copied from published tables, as a clerk does (issue: pastes that spread over the table).

The clerk copied rows from Excel with the 二级 column (and sometimes the 一级 and
得分 columns) and pasted them on whatever cell was current. Every value must
land in its own field or be reported; nothing may reach the signature block.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def paste_at(qtbot, view, cell, text: str) -> list[str]:
    """Make `cell` current, put `text` on the clipboard, press Ctrl+V; returns the status messages."""
    view.setCurrentIndex(view.table_model.index(cell.row, cell.col))
    QApplication.clipboard().setText(text)
    messages: list[str] = []
    view.status_message.connect(messages.append)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    return messages


def group_label(view, path):
    return view.table_model.layout.keyed("group", path)


def test_rows_with_the_group_column_pasted_on_the_group_cell(qtbot, view, session):
    signature = (session.doc.signature.filler, session.doc.signature.date)
    view.resizeRowsToContents()  # settle the heights the window shows (a timer may still be pending)
    heights = [view.rowHeight(r) for r in range(view.table_model.rowCount())]
    block = "数量指标\t接收社区矫正对象\t≥95%\t97%\t10\t\n\t开展教育培训\t≥4场\t5场\t10\t\n"
    messages = paste_at(qtbot, view, group_label(view, (0, 0)), block)
    rows = session.doc.group_at(0, 0).indicators
    assert [(i.name, i.target, i.actual, i.weight) for i in rows] == [
        ("接收社区矫正对象", "≥95%", "97%", "10"), ("开展教育培训", "≥4场", "5场", "10")]
    assert (session.doc.signature.filler, session.doc.signature.date) == signature
    assert messages and "数量指标" in messages[0] and "未写入" in messages[0]
    session.undo_stack.undo()
    assert [i.name for i in session.doc.group_at(0, 0).indicators] == ["数量指标1"]
    assert [view.rowHeight(r) for r in range(view.table_model.rowCount())] == heights


def test_rows_from_several_groups_go_to_the_groups_they_name(qtbot, view, session):
    block = ("产出指标\t数量指标\t甲\t≥1人\t1人\t20\t\n"
             "\t\t乙\t≥2人\t2人\t\t\n"
             "\t质量指标\t丙\t≥90%\t95%\t10\t\n")
    name_cell = view.table_model.layout.bound("indicator", (0, 0, 0), "name")
    paste_at(qtbot, view, name_cell, block)
    assert [i.name for i in session.doc.group_at(0, 0).indicators] == ["甲", "乙"]
    assert [(i.name, i.actual) for i in session.doc.group_at(0, 1).indicators] == [("丙", "95%")]


def test_a_row_with_the_score_column_puts_the_score_where_a_score_belongs(qtbot, view, session):
    name_cell = view.table_model.layout.bound("indicator", (0, 0, 0), "name")
    messages = paste_at(qtbot, view, name_cell, "接收对象\t≥95%\t90%\t20\t18.95\t部分对象迁出\n")
    ind = session.doc.indicator_at(0, 0, 0)
    assert (ind.name, ind.target, ind.actual, ind.weight) == ("接收对象", "≥95%", "90%", "20")
    assert (ind.published_score, ind.reason) == ("18.95", "部分对象迁出")
    assert "原表得分" in messages[0]


def test_values_beyond_the_table_are_reported_not_dropped(qtbot, view, session):
    reason = view.table_model.layout.bound("indicator", (0, 0, 0), "reason")
    messages = paste_at(qtbot, view, reason, "无偏差\t多余一\t多余二\n")
    assert session.doc.indicator_at(0, 0, 0).reason == "无偏差"
    assert "2 个值无处可放" in messages[0] and "多余一" in messages[0]


def test_a_paste_in_the_project_block_never_reaches_the_funds_block(qtbot, view, session):
    budget = session.doc.funds.total.budget
    name = view.table_model.layout.bound("project", (), "name")
    messages = paste_at(qtbot, view, name, "新项目\n司法局\t某单位\n张三\t123\t2024\n溢出一\n溢出二\n")
    assert session.doc.project.name == "新项目"
    assert session.doc.funds.total.budget == budget
    assert "溢出一" in messages[0]


def test_a_paste_in_the_last_group_never_reaches_the_signature(qtbot, view, session):
    last = [path for path, *_ in session.doc.iter_indicators()][-1]
    cell = view.table_model.layout.bound("indicator", last, "name")
    paste_at(qtbot, view, cell, "一\t≥1\t1\n二\t≥2\t2\n三\t≥3\t3\n")
    assert session.doc.signature.filler == ""
    assert [i.name for i in session.doc.group_at(*last[:2]).indicators][-3:] == ["一", "二", "三"]
    assert session.doc.indicator_at(*last).name == "一"


def test_a_full_table_refuses_another_row_and_says_why(qtbot, view, session, monkeypatch):
    """Insert at the most indicators a file may hold would save a file that cannot reopen."""
    from perfdesk.core.model import document

    monkeypatch.setattr(document, "MAX_INDICATORS", session.doc.indicator_count())
    from tests.gui.helpers import loc

    assert view.select_location(loc("indicator", (0, 0, 0), "name"))
    messages: list[str] = []
    view.status_message.connect(messages.append)
    before = session.doc.indicator_count()
    view.table_actions.on_add()
    assert session.doc.indicator_count() == before and messages and "上限" in messages[-1]
