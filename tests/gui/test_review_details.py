"""The review's finer points in the window: hand-edited files, withdrawing, deleted rows, comment threads."""

from __future__ import annotations

import json

import openpyxl
from PySide6.QtCore import Qt

from perfdesk.core.files.storage import load_document, save_document
from perfdesk.core.review import workflow as wf
from perfdesk.core.review.codec import read_review, review_to_dict
from perfdesk.core.review.model import Anchor
from perfdesk.core.rules.analysis import analyse
from perfdesk.gui.review.controller import REVIEWER_KEY
from perfdesk.gui.table.model import COMMENT_ROLE
from tests.core.review.review_docs import valid_document
from tests.gui.review_script import script_fixture  # noqa: F401 — the review dialogs' scripted answers
from tests.gui.test_review_loop import _actual, _index, _open
from tests.gui.user_input import type_into_cell

T = "2024-01-20T09:30:00"


def _submitted(tmp_path, comment: bool = False, status: str = "submitted"):
    doc, profile = valid_document()
    review = read_review({})
    wf.submit(review, doc, analyse(doc, profile), "张三", T)
    if comment:
        ind = doc.level1[0].groups[0].indicators[0]
        wf.add_comment(review, Anchor("indicator", ind.id, "actual"), "数量指标 › 实际完成值", "李四", T, "请核实")
    if status == "returned":
        wf.return_for_changes(review, doc, "李四", T, "请修改")
    doc.review = review_to_dict(review)
    path = tmp_path / "表.pdesk"
    save_document(doc, path)
    return path


def test_a_file_edited_by_hand_after_submission_is_flagged_on_opening_for_review(
        context, qtbot, answers, script, tmp_path):
    path = _submitted(tmp_path)
    data = json.loads(path.read_text("utf-8"))
    data["document"]["level1"][0]["groups"][0]["indicators"][0]["actual"] = "20公里"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    window = context.new_window()
    script.names.append("李四")
    answers.open_path = path
    assert window.review.open_for_review()
    assert "审核模式" in window.windowTitle()
    assert answers.errors[-1][0] == "文件在报送后被改动"
    assert "报送后表格内容被改动过" in window.review.dock.status_label.text()
    window.session.undo_stack.setClean()


def test_editing_a_submitted_table_withdraws_it_when_confirmed(context, qtbot, answers, script, tmp_path):
    window = _open(context, qtbot, _submitted(tmp_path))
    answers.yes = True
    type_into_cell(window.view, qtbot, _actual(), "11公里")
    review = read_review(window.session.doc.review)
    assert review.status == "" and review.history[-1].action == "withdraw"
    assert window.session.doc.level1[0].groups[0].indicators[0].actual == "11公里"
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    assert read_review(window.session.doc.review).status == "submitted"
    window.session.undo_stack.setClean()


def test_a_comment_whose_row_is_deleted_is_kept_and_shown_as_deleted(context, qtbot, answers, script, tmp_path):
    window = _open(context, qtbot, _submitted(tmp_path, comment=True, status="returned"))
    assert _index(window, _actual()).data(COMMENT_ROLE)
    window.session.remove_indicator((0, 0, 0))
    item = window.review.dock.comments.topLevelItem(0)
    assert item.text(0).startswith("（该行已删除）") and item.text(1) == "请核实"
    marked = [c for c in window.session.layout.cells
              if window.view.table_model.index(c.row, c.col).data(COMMENT_ROLE)]
    assert marked == []
    window.session.undo_stack.setClean()


def test_comment_threads_own_edits_and_resolved_state(context, qtbot, answers, script, tmp_path):
    window = _open(context, qtbot, _submitted(tmp_path, comment=True))
    script.names.append("王五")  # another reviewer than the comment's author
    assert window.review.set_review_mode(True)
    dock = window.review.dock
    dock.comments.setCurrentItem(dock.comments.topLevelItem(0))
    script.texts.append("改一下")
    dock.commentAction.emit("edit", "c1")
    assert "只能由本人" in answers.errors[-1][1]
    script.texts.append("同意单位说明")
    dock.commentAction.emit("reply", "c1")
    dock.commentAction.emit("resolve", "c1")
    comment = read_review(window.session.doc.review).comments[0]
    assert comment.replies[0].author == "王五" and comment.resolved
    assert "已解决" in dock.comments.topLevelItem(0).text(3)
    window.review.set_review_mode(False)
    from perfdesk.gui.preferences import settings

    settings().setValue(REVIEWER_KEY, "李四")
    assert window.review.set_review_mode(True)
    answers.yes = True
    dock.commentAction.emit("delete", "c1")
    assert read_review(window.session.doc.review).comments == []
    window.session.undo_stack.undo()
    assert len(read_review(window.session.doc.review).comments) == 1
    window.session.undo_stack.setClean()


def test_reopening_an_accepted_table_makes_it_editable(context, qtbot, answers, script, tmp_path):
    path = _submitted(tmp_path)
    doc = load_document(path)
    review = read_review(doc.review)
    wf.accept(review, doc, "李四", T, "同意")
    doc.review = review_to_dict(review)
    save_document(doc, path)
    window = _open(context, qtbot, path)
    assert not (_index(window, _actual()).flags() & Qt.ItemFlag.ItemIsEditable)
    assert window.review.reopen()
    assert _index(window, _actual()).flags() & Qt.ItemFlag.ItemIsEditable
    assert window.session.set_text(_actual(), "15公里")
    window.session.undo_stack.setClean()


def test_export_with_review_from_the_menu(context, qtbot, answers, script, tmp_path):
    window = _open(context, qtbot, _submitted(tmp_path, comment=True))
    answers.save_path = tmp_path / "审核.xlsx"
    window.review.export_xlsx_action.trigger()
    book = openpyxl.load_workbook(answers.save_path)
    assert "审核意见" in book.sheetnames
    answers.save_path = tmp_path / "自己.xlsx"
    window.export_xlsx_action.trigger()  # the unit's own export: no review
    assert "审核意见" not in openpyxl.load_workbook(answers.save_path).sheetnames


def test_a_closed_review_panel_stays_closed_while_editing(context, qtbot, answers, script, tmp_path):
    window = _open(context, qtbot, _submitted(tmp_path, comment=True, status="returned"))
    assert window.review.dock.isVisible()
    window.review.dock.close()
    type_into_cell(window.view, qtbot, _actual(), "11公里")
    assert not window.review.dock.isVisible()
    window.session.undo_stack.setClean()


def test_review_mode_cannot_undo_what_the_unit_typed_before_it_but_undoes_its_own_steps(
        context, qtbot, answers, script, tmp_path):
    doc, _profile = valid_document()
    path = tmp_path / "表.pdesk"
    save_document(doc, path)
    window = _open(context, qtbot, path)
    type_into_cell(window.view, qtbot, _actual(), "11公里")
    assert window.undo_action.isEnabled()
    script.names.append("李四")
    assert window.review.set_review_mode(True)
    assert not window.undo_action.isEnabled() and window.undo_action.text() == "撤销"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.doc.level1[0].groups[0].indicators[0].actual == "11公里"
    script.texts.append("请补充说明")
    assert window.review.comment_table()
    assert window.undo_action.isEnabled() and "批注" in window.undo_action.text()
    window.undo_action.trigger()
    assert not read_review(window.session.doc.review).comments
    assert not window.undo_action.isEnabled()
    window.review.set_review_mode(False)
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert window.session.doc.level1[0].groups[0].indicators[0].actual != "11公里"
    window.session.undo_stack.setClean()


def test_the_panel_switch_builds_the_panel_of_a_table_without_a_review_and_follows_it(window):
    from perfdesk.gui.review.panel import ReviewDock

    assert window.findChild(ReviewDock) is None  # a new table: the panel is built when asked for
    window.review.panel_action.trigger()
    dock = window.findChild(ReviewDock)
    assert dock is not None and dock.isVisible() and window.review.panel_action.isChecked()
    assert "未报送" in dock.status_label.text()
    window.review.panel_action.trigger()
    assert not dock.isVisible() and not window.review.panel_action.isChecked()
    dock.show()  # shown another way (a reviewed file opening): the switch follows
    assert window.review.panel_action.isChecked()
