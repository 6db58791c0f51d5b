"""A clerk's first start: the template is asked for and remembered, an untouched table does not
shout errors, 帮助 explains colours, keys, review and import, templates say what they are."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from perfdesk.core.model.results import Location
from perfdesk.gui.app import AppContext
from perfdesk.gui.dialogs import Prompts
from perfdesk.gui.form_dialogs import TemplateChoiceDialog
from perfdesk.gui.help_dialog import HelpDialog
from perfdesk.gui.table.model import ERROR_BACKGROUND
from tests.gui.modal import when_modal
from tests.gui.user_input import type_into_cell


@pytest.fixture
def asked(answers, monkeypatch) -> list[str]:
    """Records each time the template question is asked; answers it with `answers.template_id`."""
    questions: list[str] = []

    def choose_template(self, library):
        questions.append("template")
        return library.get(answers.template_id) if answers.template_id else None

    monkeypatch.setattr(Prompts, "choose_template", choose_template)
    return questions


def close_all(ctx: AppContext) -> None:
    for win in list(ctx.windows):
        win.session.undo_stack.setClean()
        win.close()


def test_first_start_asks_for_the_template_and_later_starts_remember_it(qapp, answers, asked, library, qtbot):
    answers.template_id = "hubei"
    first = AppContext.create()
    [window] = first.start([])
    assert asked == ["template"] and window.session.profile.id == "hubei"
    close_all(first)
    second = AppContext.create()
    [window] = second.start([])
    assert asked == ["template"], "the second start asks again"
    assert window.session.profile.id == "hubei"
    close_all(second)
    dialog = TemplateChoiceDialog(library)  # 新建 offers the last choice first
    qtbot.addWidget(dialog)
    assert dialog.chosen().id == "hubei"


def test_cancelling_the_first_question_still_opens_a_national_table(qapp, answers, asked):
    ctx = AppContext.create()
    [window] = ctx.start([])
    assert asked == ["template"] and window.session.profile.id == ctx.library.DEFAULT_ID
    close_all(ctx)


def test_new_remembers_the_chosen_template(window, answers, asked, library, qtbot):
    answers.template_id = "county-ziyang"
    assert window.files.new()
    dialog = TemplateChoiceDialog(library)
    qtbot.addWidget(dialog)
    assert dialog.chosen().id == "county-ziyang"


def background(window, location: Location):
    cell = window.session.layout.locate(location)
    index = window.view.table_model.index(cell.row, cell.col)
    option = QStyleOptionViewItem()
    window.view.itemDelegate().initStyleOption(option, index)
    return option.backgroundBrush.color()


def test_untouched_table_is_quiet_until_the_clerk_works_on_a_block_and_shows_all_at_save(window, answers, qtbot,
                                                                                            tmp_path):
    name = Location("project", (), "name")
    assert window.problems.problems() == []
    assert background(window, name) != ERROR_BACKGROUND
    assert "无" in window.problems.summary.text()
    type_into_cell(window.view, qtbot, Location("funds", (0,), "budget"), "20")  # the clerk starts on the funds
    codes = {p.code for p in window.problems.problems()}
    assert "FUNDS_EXECUTED_MISSING" in codes and "REQUIRED_FIELD" not in codes
    assert background(window, Location("funds", (0,), "executed")) == ERROR_BACKGROUND
    assert background(window, name) != ERROR_BACKGROUND
    answers.save_path = tmp_path / "表.pdesk"
    assert window.files.save()
    assert any(p.code == "REQUIRED_FIELD" and p.location.field == "name" for p in window.problems.problems())
    assert background(window, name) == ERROR_BACKGROUND


def test_an_opened_table_shows_every_problem_at_once(window, answers, tmp_path):
    answers.save_path = tmp_path / "表.pdesk"
    assert window.files.save()
    assert window.files.open(answers.save_path, ask_first=False)
    assert any(p.code == "REQUIRED_FIELD" for p in window.problems.problems())


def test_help_menu_has_a_chinese_manual_of_colours_keys_review_and_import(window, qtbot):
    help_menu = window.menuBar().actions()[-1].menu()
    assert [a.text() for a in help_menu.actions()] == ["使用说明", "关于"]
    seen = []
    when_modal(HelpDialog, lambda dialog: (seen.append(dialog.browser.toPlainText()), dialog.reject()))
    window.help_action.trigger()
    text = seen[0]
    for words in ("单元格颜色", "粉红色", "浅黄色", "常用按键", "Enter", "Tab", "审核", "验证码", "导入", "Ctrl+V",
                  "更换模板"):
        assert words in text
    area = window.screen().availableGeometry()
    dialog = HelpDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.width() <= area.width() and dialog.height() <= area.height()


def test_templates_are_named_by_what_they_are(library):
    names = {p.id: p.name for p in library}
    assert {"national-2020", "hubei", "county-ziyang"} <= set(names)  # ids unchanged: saved files name them
    assert "资阳区" in names["county-ziyang"] and "2022" in names["county-ziyang"]
    assert not any("县区版" in n for n in names.values())
    assert "全国" in names["national-2020"] and "湖北" in names["hubei"]


def test_problem_locations_are_cut_at_the_end_of_a_long_name(window):
    long_name = "2.筑牢社区矫正安全防线，确保社区矫正对象不脱管不漏管。"
    window.session.set_many([(Location("indicator", (0, 0, 0), "name"), long_name),
                             (Location("indicator", (0, 0, 0), "target"), "≥100人")], "填写")
    tree = window.problems.tree
    texts = [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())]
    shown = next(t for t in texts if "筑牢" in t)
    assert shown.startswith("产出指标 › 数量指标 › 2.筑牢社区矫正") and "…" in shown
    assert shown.endswith("› 实际完成值") or shown.endswith("› 分值")
    assert tree.textElideMode() == Qt.TextElideMode.ElideRight


def test_enter_direction_is_a_remembered_setting_of_the_edit_menu(window, context):
    edit_menu = window.menuBar().actions()[1].menu()
    assert window.enter_right_action in edit_menu.actions()
    assert not window.enter_right_action.isChecked() and not window.view.enter_moves_right
    window.enter_right_action.trigger()
    assert window.view.enter_moves_right
    assert context.new_window().view.enter_moves_right  # the choice is kept for new windows and starts
