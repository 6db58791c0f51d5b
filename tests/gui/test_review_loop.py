"""Both roles walk the whole review loop in the window, as people would.

fill → submit → review with comments → return → correct → resubmit → changes
shown → accept → verify the printed code. Every question of the review is
answered by `review_script.ReviewScript`; the window's own prompts by the `answers` fixture.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from PySide6.QtCore import Qt

from perfdesk.core.export.pdf import render_pdf
from perfdesk.core.files.fingerprint import verification_code
from perfdesk.core.files.storage import load_document, save_document
from perfdesk.core.model.results import Location
from perfdesk.core.review.codec import read_review
from perfdesk.gui.table.model import COMMENT_ROLE
from tests.core.review.review_docs import valid_document
from tests.gui.review_script import script_fixture  # noqa: F401 — the review dialogs' scripted answers
from tests.gui.user_input import type_into_cell


def _actual(path=(0, 0, 0)) -> Location:
    return Location("indicator", path, "actual")


def _open(context, qtbot, path):
    window = context.open_file(path)
    assert window is not None
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.isActiveWindow())
    return window


def _save_and_close(window):
    assert window.files.save()
    window.close()


def _index(window, location):
    cell = window.view.table_model.layout.locate(location)
    return window.view.table_model.index(cell.row, cell.col)


def test_both_roles_walk_the_whole_loop(context, qtbot, answers, script, tmp_path):
    doc, _profile = valid_document()
    path = tmp_path / "道路养护.pdesk"
    save_document(doc, path)
    code_before = verification_code(doc)

    # ---- the unit fills in a mistake and cannot submit, corrects it, submits
    unit = _open(context, qtbot, path)
    type_into_cell(unit.view, qtbot, _actual(), "不知道")
    assert not unit.review.submit()
    assert "不能报送" in answers.errors[-1][1]
    type_into_cell(unit.view, qtbot, _actual(), "12公里")
    script.names.append("张三")
    assert unit.review.submit()
    assert "已报送" in unit.review.status_label.text()
    # editing a submitted table asks first; saying no changes nothing
    answers.yes = False
    type_into_cell(unit.view, qtbot, _actual(), "99公里")
    assert "撤回报送" in answers.questions[-1]
    assert unit.session.doc.level1[0].groups[0].indicators[0].actual == "12公里"
    _save_and_close(unit)
    assert read_review(load_document(path).review).status == "submitted"

    # ---- the supervisor opens it in review mode: read-only, rechecked, says so
    boss = _open(context, qtbot, path)
    script.names.append("李四")
    assert boss.review.set_review_mode(True)
    assert "审核模式" in boss.windowTitle() and "审核模式" in boss.review.status_label.text()
    assert not (_index(boss, _actual()).flags() & Qt.ItemFlag.ItemIsEditable)
    assert "内容与报送时一致" in boss.review.dock.status_label.text()
    assert not boss.session.set_text(_actual(), "1公里")  # nothing edits the table in review mode
    # comments on a cell and on the whole table
    boss.view.select_location(_actual())
    script.texts.extend(["请附里程表", "整体较好", "请补充佐证材料"])
    assert boss.review.comment_cell() and boss.review.comment_table()
    assert _index(boss, _actual()).data(COMMENT_ROLE)
    assert "请附里程表" in _index(boss, _actual()).data(Qt.ItemDataRole.ToolTipRole)
    assert boss.review.return_for_changes()
    assert script.asked_names == ["报送", "审核人"]  # the reviewer's name was asked once
    _save_and_close(boss)
    returned = load_document(path)
    assert verification_code(returned) == code_before  # reviewing never changes the code
    assert read_review(returned.review).status == "returned"

    # ---- the unit sees the comments, inserts a row above, corrects, answers, resubmits
    unit = _open(context, qtbot, path)
    dock = unit.review.dock
    assert dock.isVisible() and dock.comments.topLevelItemCount() == 2
    unit.session.insert_indicator(0, 0, 0)
    moved = _actual((0, 0, 1))
    assert _index(unit, moved).data(COMMENT_ROLE) and not _index(unit, _actual()).data(COMMENT_ROLE)
    dock.comments.setCurrentItem(dock.comments.topLevelItem(0))
    dock._go(dock.comments.topLevelItem(0))  # a click on the comment shows its cell
    assert unit.view.currentIndex() == _index(unit, moved)
    type_into_cell(unit.view, qtbot, moved, "13公里")
    assert "退回后改动：12公里 → 13公里" in _index(unit, moved).data(Qt.ItemDataRole.ToolTipRole)
    assert [dock.changes.topLevelItem(i).text(2) for i in range(dock.changes.topLevelItemCount())] == ["13公里"]
    script.texts.append("已附里程表，改为 13 公里")
    dock.commentAction.emit("fixed", dock.current_comment())
    script.names.append("张三")
    assert unit.review.submit()
    _save_and_close(unit)

    # ---- the supervisor sees what changed, and accepts
    boss = _open(context, qtbot, path)
    assert boss.review.set_review_mode(True)  # the name is remembered: not asked again
    assert script.asked_names == ["报送", "审核人", "报送"]
    assert boss.review.dock.changes.topLevelItemCount() == 1
    assert _index(boss, moved).data(Qt.ItemDataRole.BackgroundRole).name() == "#d7f5dd"
    assert "单位已修改" in boss.review.dock.comments.topLevelItem(0).text(3)
    script.texts.append("同意")
    assert boss.review.accept()
    _save_and_close(boss)

    # ---- the accepted table is closed to the unit unless it starts a new round
    unit = _open(context, qtbot, path)
    assert not unit.session.set_text(moved, "14公里")
    assert "审核通过" in answers.errors[-1][0]
    review = read_review(unit.session.doc.review)
    assert [h.action for h in review.history] == ["submit", "return", "submit", "accept"]

    # ---- verify the printed copy: the code in the PDF footer, typed as people do
    pdf = PdfReader(io.BytesIO(render_pdf(unit.session.doc, unit.session.profile)))
    match = re.search(r"验证码：\s*([0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})", pdf.pages[0].extract_text())
    assert match is not None
    script.codes.extend([match.group(1).replace("-", "").lower(), "0000-0000-0001"])
    assert unit.review.verify_printed() is True and "一致" in script.told[-1]
    assert unit.review.verify_printed() is False and "不一致" in answers.errors[-1][1]
    unit.session.undo_stack.setClean()
