"""TableView: typing, keyboard moves, clipboard, qualitative grades and row actions."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem

from perfdesk.core.layout.table import Role
from perfdesk.core.model.results import Location
from perfdesk.gui.session import DocumentSession
from perfdesk.gui.table.actions import TableActions
from perfdesk.gui.table.delegates import CellDelegate
from perfdesk.gui.table.manual_score_dialog import ManualScoreDialog
from perfdesk.gui.table.quality_editor import QualityEditor
from perfdesk.gui.table.view import TableView
from tests.gui.helpers import filled_document


def go(view, section, path, field):
    assert view.select_location(Location(section, path, field))
    return view.currentIndex()


def type_into(qtbot, view, section, path, field, text):
    """Select the cell, start editing with F2, replace the text and press Enter.

    QTest can only simulate ASCII keys; Chinese text arrives as an input-method commit (insert).
    """
    go(view, section, path, field)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    ascii_part = text.encode("ascii", "ignore").decode()
    if ascii_part == text:
        qtbot.keyClicks(editor, text)
    else:
        editor.insert(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def score_cell(view, path):
    return next(c for c in view.table_model.layout.cells if c.key == "indicator.score" and c.path == path)


def test_typing_target_and_actual_changes_score_and_total(qtbot, view, session):
    type_into(qtbot, view, "indicator", (0, 0, 0), "target", ">= 200")
    type_into(qtbot, view, "indicator", (0, 0, 0), "actual", "１５０人")
    assert session.doc.indicator_at(0, 0, 0).target == "≥200"
    assert session.doc.indicator_at(0, 0, 0).actual == "150人"
    assert score_cell(view, (0, 0, 0)).text == "15"
    assert session.evaluation.total == Decimal(95)
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert score_cell(view, (0, 0, 0)).text == "20" and session.undo_stack.isClean()


def test_printable_key_starts_editing(qtbot, view, session):
    go(view, "project", (), "leader")
    qtbot.keyClicks(view, "l")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "l"
    qtbot.keyClicks(editor, "i")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert session.doc.project.leader == "li"


def test_enter_after_edit_moves_down_as_in_excel(qtbot, view):
    type_into(qtbot, view, "indicator", (0, 0, 0), "target", ">=1")
    cell = view.current_cell()
    assert (cell.binding.path, cell.binding.field) == ((0, 1, 0), "target")
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # Shift+Enter goes back up
    assert (view.current_cell().binding.path, view.current_cell().binding.field) == ((0, 0, 0), "target")


def test_enter_moves_to_the_next_input_on_the_right_when_chosen(qtbot, view):
    view.enter_moves_right = True
    type_into(qtbot, view, "indicator", (0, 0, 0), "target", ">=1")
    assert view.table_model.cell(view.currentIndex()).binding.field == "actual"


def test_tab_order_skips_computed_and_labels(qtbot, view):
    go(view, "indicator", (0, 0, 0), "weight")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    cell = view.current_cell()
    assert (cell.binding.field, cell.binding.path) == ("reason", (0, 0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    cell = view.current_cell()
    assert (cell.binding.field, cell.binding.path) == ("name", (0, 1, 0))
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert view.current_cell().binding.field == "reason"
    go(view, "funds", (0,), "executed")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.current_cell().binding == Location("funds", (), "weight", "项目资金 › 分值")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.current_cell().binding.path == (1,)


def test_delete_clears_selected_inputs_in_one_step(qtbot, view, session):
    first = go(view, "indicator", (0, 0, 0), "target")
    last = view.table_model.index(first.row(), 6)
    view.selectionModel().select(
        view.selectionModel().selection().__class__(first, last),
        view.selectionModel().SelectionFlag.ClearAndSelect,
    )
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    ind = session.doc.indicator_at(0, 0, 0)
    assert (ind.target, ind.actual, ind.weight, ind.name) == ("", "", "", "数量指标1")
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert ind.weight == "20"


def test_paste_block_is_one_undo_step(qtbot, view, session):
    go(view, "indicator", (0, 0, 0), "name")
    session.insert_indicator(0, 0, 1)
    go(view, "indicator", (0, 0, 0), "name")
    QApplication.clipboard().setText('"接收\n对象"\t≥50人\t60人\r\n培训\t≥ 4 场\t５场\r\n')
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    rows = session.doc.group_at(0, 0).indicators
    assert [(i.name, i.target, i.actual) for i in rows] == [("接收\n对象", "≥50人", "60人"), ("培训", "≥4场", "5场")]
    assert session.undo_stack.undoText() == "粘贴"
    session.undo_stack.undo()
    assert rows[0].name == "数量指标1" and rows[1].name == ""


def test_pasting_more_indicators_than_the_group_has_grows_that_group(qtbot, view, session):
    go(view, "indicator", (0, 0, 0), "name")
    before_next = [i.name for i in session.doc.group_at(0, 1).indicators]
    QApplication.clipboard().setText("甲\t≥1人\t1人\n乙\t≥2人\t2人\n丙\t≥3人\t3人\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    group = session.doc.group_at(0, 0).indicators
    assert [(i.name, i.target, i.actual) for i in group] == [
        ("甲", "≥1人", "1人"), ("乙", "≥2人", "2人"), ("丙", "≥3人", "3人")
    ]
    assert [i.name for i in session.doc.group_at(0, 1).indicators] == before_next  # the next 二级 untouched
    assert session.undo_stack.undoText() == "粘贴 3 行指标"
    session.undo_stack.undo()  # one step takes back the new rows and the values
    assert [i.name for i in session.doc.group_at(0, 0).indicators] == ["数量指标1"]


def test_paste_skips_computed_columns(qtbot, view, session):
    go(view, "indicator", (0, 0, 0), "weight")
    QApplication.clipboard().setText("12\t原因说明")
    view.paste()
    ind = session.doc.indicator_at(0, 0, 0)
    assert (ind.weight, ind.reason) == ("12", "原因说明")


def test_copy_selection_as_tsv(qtbot, view):
    first = go(view, "indicator", (0, 0, 0), "name")
    view.selectionModel().select(
        view.selectionModel().selection().__class__(first, view.table_model.index(first.row() + 1, 4)),
        view.selectionModel().SelectionFlag.ClearAndSelect,
    )
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "数量指标1\t≥100人\t100人\r\n质量指标1\t≥100人\t100人\r\n"


def test_choose_a_qualitative_grade(qtbot, view, session):
    path = (1, 1, 0)
    session.set_text(Location("indicator", path, "target"), "效果显著")
    go(view, "indicator", path, "actual")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.findChild(QualityEditor)
    assert editor is not None
    labels = [editor.grade.itemText(i) for i in range(editor.grade.count())]
    assert "部分达成年度指标并具有一定效果（60%–80%）" in labels
    editor.word.setText("部分显著")
    editor.grade.setCurrentIndex(editor.grade.findData("B"))
    assert (editor.points.minimum(), editor.points.maximum()) == (6.0, 7.99)  # 80% belongs to grade A
    editor.points.setValue(9)  # clamped to the band
    qtbot.keyClick(editor.points, Qt.Key.Key_Return)
    ind = session.doc.indicator_at(*path)
    assert (ind.actual, ind.quality_grade, ind.quality_score) == ("部分显著", "B", "7.99")
    assert session.evaluation.indicator(path).score == Decimal("7.99")
    assert session.undo_stack.count() == 2


def test_add_move_delete_indicator_actions(qtbot, view, session):
    group = session.doc.group_at(0, 0)
    go(view, "indicator", (0, 0, 0), "target")
    view.add_indicator_action.trigger()
    assert len(group.indicators) == 2 and view.current_cell().binding.path == (0, 0, 1)
    assert view.move_up_action.isEnabled() and view.move_down_action.isEnabled()  # 下移 goes on into 质量指标
    view.move_up_action.trigger()
    assert group.indicators[1].name == "数量指标1" and view.current_cell().binding.path == (0, 0, 0)
    view.delete_indicator_action.trigger()
    assert [i.name for i in group.indicators] == ["数量指标1"]
    spans = [(c.row, c.col, c.rowspan) for c in view.table_model.layout.cells if c.rowspan > 1]
    assert all(view.rowSpan(r, c) == n for r, c, n in spans)
    for _ in range(3):
        session.undo_stack.undo()
    assert session.undo_stack.isClean() and len(group.indicators) == 1


def test_group_weight_action_merges_the_weight_cell(qtbot, view, session):
    session.insert_indicator(0, 0, 1)
    go(view, "indicator", (0, 0, 0), "name")
    assert view.group_weight_action.isEnabled() and not view.group_weight_action.isChecked()
    view.group_weight_action.trigger()
    cell = view.table_model.layout.bound("group", (0, 0), "weight")
    assert cell.text == "20" and view.rowSpan(cell.row, cell.col) == 2
    assert view.group_weight_action.isChecked()


def test_manual_score_action(qtbot, view, session, monkeypatch):
    asked = []

    def answer(parent, what, weight, score, reason, read_only):
        asked.append((what, weight, read_only))
        return "18", "部分对象未按期接收"

    monkeypatch.setattr(ManualScoreDialog, "ask", answer)
    go(view, "indicator", (0, 0, 0), "actual")
    view.manual_score_action.trigger()
    assert asked == [("产出指标 › 数量指标 › 数量指标1", Decimal(20), False)]
    assert session.evaluation.indicator((0, 0, 0)).score == Decimal(18)
    assert any(c.role is Role.NOTE for c in view.table_model.layout.cells)


def test_manual_score_dialog_checks_its_input(qtbot):
    dialog = ManualScoreDialog("指标", Decimal(10), "", "")
    qtbot.addWidget(dialog)
    dialog.score.setText("12")
    dialog._check_and_accept()
    assert "0 至 10" in dialog.error.text() and dialog.result() == 0
    dialog.score.setText("7")
    dialog._check_and_accept()
    assert "理由" in dialog.error.text()


def test_comparator_inserted_at_start_of_cell(qtbot, view, session):
    go(view, "indicator", (0, 0, 0), "target")
    view.comparator_actions[1].trigger()
    assert session.doc.indicator_at(0, 0, 0).target == "≤100人"
    assert [a.text() for a in view.comparator_actions] == ["≥", "≤", "＝"]
    assert isinstance(view.table_actions, TableActions)


def test_set_session_and_problem_location(qtbot, view, national):
    other = DocumentSession(filled_document(national, per_group=2), national)
    view.set_session(other)
    assert view.table_model.rowCount() == other.layout.rows
    assert view.select_location(Location("table", (), ""))
    assert view.current_cell().key == "weights_total"


def test_a_row_grows_with_typed_text_after_another_document_is_shown(qtbot, view, national):
    """The view used to measure the edited row before the model had the new text (新建/打开 in one window),
    so the row kept its old height until something else measured it again."""
    other = DocumentSession(filled_document(national), national)
    view.set_session(other)
    row = other.layout.bound("indicator", (0, 0, 0), "reason").row
    before = view.rowHeight(row)
    other.set_text(Location("indicator", (0, 0, 0), "reason"), "很长的偏差原因" * 40)  # as the cell editor commits
    QApplication.processEvents()  # the frame painted after the edit shows the row at its new height
    assert view.rowHeight(row) > 3 * before


def test_keyboard_only_grade_tab_walks_word_grade_points_then_leaves(qtbot, view, session):
    """Tab used to close the grade editor from the word, so a keyboard user could never pick a grade."""
    path = (1, 1, 0)
    session.set_text(Location("indicator", path, "target"), "效果显著")
    go(view, "indicator", path, "actual")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.findChild(QualityEditor)
    grades = editor.grade  # `focusWidget() is editor.grade` below makes mypy forget it is a combo box
    assert QApplication.focusWidget() is editor.word
    qtbot.keyClick(editor.word, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.grade
    qtbot.keyClick(editor.grade, Qt.Key.Key_Down)  # 达成年度指标
    qtbot.keyClick(editor.grade, Qt.Key.Key_Down)  # 部分达成…
    assert grades.currentData() == "B"
    qtbot.keyClick(editor.grade, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.points
    qtbot.keyClick(editor.points, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is editor.grade
    qtbot.keyClick(editor.grade, Qt.Key.Key_Tab)
    qtbot.keyClick(editor.points, Qt.Key.Key_Tab)  # leaves the editor, committing, to the next input
    ind = session.doc.indicator_at(*path)
    assert (ind.quality_grade, ind.quality_score) == ("B", "7")  # the band's middle, not an odd 7.99
    binding = view.current_cell().binding
    assert (binding.path, binding.field) == (path, "weight")  # the next cell, not one further
    assert QApplication.focusWidget() is view


def test_enter_in_the_grade_editor_moves_down_like_any_other_cell(qtbot, view, session):
    path = (1, 1, 0)
    session.set_text(Location("indicator", path, "target"), "效果显著")
    go(view, "indicator", path, "actual")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.findChild(QualityEditor)
    editor.grade.setCurrentIndex(editor.grade.findData("A"))
    qtbot.keyClick(editor.word, Qt.Key.Key_Return)
    assert session.doc.indicator_at(*path).quality_grade == "A"
    binding = view.current_cell().binding
    assert (binding.path, binding.field) == ((1, 2, 0), "actual")
    assert QApplication.focusWidget() is view


def test_escape_from_the_grade_box_keeps_the_cell_and_the_document(qtbot, view, session):
    path = (1, 1, 0)
    session.set_text(Location("indicator", path, "target"), "效果显著")
    here = go(view, "indicator", path, "actual")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.findChild(QualityEditor)
    qtbot.keyClick(editor.word, Qt.Key.Key_Tab)
    qtbot.keyClick(editor.grade, Qt.Key.Key_Down)
    qtbot.keyClick(editor.grade, Qt.Key.Key_Escape)
    assert view.currentIndex() == here
    assert session.doc.indicator_at(*path).quality_grade == ""


def _options(view: TableView, index) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    return option


def test_a_delegate_reads_in_one_call_what_the_model_gives_role_by_role(view):
    """multiData answers for every role as data() does (Qt asks seven roles at once per painted cell)."""
    model = view.table_model
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            option = QStyleOptionViewItem()
            QStyledItemDelegate().initStyleOption(option, index)  # Qt's own: through multiData
            # Qt shows a line break as U+2028
            assert option.text.replace("\u2028", "\n") == (index.data(Qt.ItemDataRole.DisplayRole) or "")
            background = index.data(Qt.ItemDataRole.BackgroundRole)
            assert option.backgroundBrush.color() == (background or QStyleOptionViewItem().backgroundBrush.color())
            font = index.data(Qt.ItemDataRole.FontRole)
            assert font is None or option.font.bold() == font.bold()


def test_blank_cells_measured_once_measure_as_each_would_alone(view):
    """The delegate keeps one size hint per kind of blank cell: it must be what each blank cell gives."""
    model, delegate = view.table_model, view.itemDelegate()
    blanks = 0
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            blanks += model.blank(index) is not None
            fresh = CellDelegate(model)  # nothing measured yet
            assert delegate.sizeHint(_options(view, index), index) == fresh.sizeHint(_options(view, index), index)
    assert blanks > 20
