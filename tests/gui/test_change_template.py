"""编辑 › 更换模板… and the import report's 「更换模板…」: one undo step, scores by the new rules, saved."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from perfdesk.core.files.storage import load_document
from perfdesk.gui.form_dialogs import TemplateChoiceDialog
from perfdesk.gui.import_report import ImportReportDialog
from tests.core.imports.corpus import VARIANTS, content_for, render, write_xlsx
from tests.core.xlsx_samples import worked_example
from tests.gui.helpers import loc


@pytest.fixture
def worked(context, national, qtbot):
    """The worked example (executed 19.62 of 38 万元) on the national template, in a window."""
    win = context.open_window(worked_example(national), national)
    win.show()
    qtbot.waitExposed(win)
    return win


def _menu_action(window, text: str):
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("编辑"))
    return next(a for a in edit_menu.actions() if a.text() == text)


def test_changing_to_baoshan_from_the_menu_scores_by_its_rules_and_undoes(worked, answers, tmp_path: Path):
    session = worked.session
    original, national_total, weights = session.doc, session.evaluation.total, session.evaluation.weights_total
    assert session.evaluation.funds.weight == Decimal(10) and session.evaluation.funds.score == Decimal("5.16")
    answers.template_id = "yunnan-baoshan"
    _menu_action(worked, "更换模板…").trigger()
    assert answers.template_questions == ["national-2020"]  # the dialog marks the table's template
    assert session.profile.id == "yunnan-baoshan" and session.doc.template_id == "yunnan-baoshan"
    assert session.evaluation.funds.weight == Decimal(20) and session.evaluation.funds.score == Decimal("10.33")
    assert session.evaluation.weights_total == weights + 10  # the funds weigh 20 instead of 10
    assert session.evaluation.total == national_total + Decimal("10.33") - Decimal("5.16")
    weight_cell = session.layout.locate(loc("funds", (), "weight"))
    assert weight_cell is not None and weight_cell.text == "20"
    assert worked.view.table_model.layout is session.layout  # the grid shows the rebuilt table
    [(title, text)] = answers.informed
    assert title == "已更换模板" and "· 预算执行率分值由“10”改为“20”（新模板的默认值）。" in text
    assert worked.statusBar().currentMessage().startswith("已更换模板：")
    assert worked.isWindowModified() and session.undo_stack.undoText() == "更换模板"

    worked.undo_action.trigger()
    assert session.profile.id == "national-2020" and session.doc is original
    assert session.evaluation.total == national_total and session.evaluation.funds.weight == Decimal(10)
    assert session.layout.locate(loc("funds", (), "weight")).text == "10"
    worked.redo_action.trigger()
    assert session.profile.id == "yunnan-baoshan"

    answers.save_path = tmp_path / "保山.pdesk"
    assert worked.files.save()
    saved = load_document(tmp_path / "保山.pdesk")
    assert saved.template_id == "yunnan-baoshan" and saved.funds.weight == "20"
    assert worked.files.open(tmp_path / "保山.pdesk")
    assert worked.session is not session and worked.session.profile.id == "yunnan-baoshan"
    assert worked.session.evaluation.funds.score == Decimal("10.33")


def test_sichuan_moves_satisfaction_into_benefits_in_the_grid(worked, answers):
    session = worked.session
    satisfaction = session.doc.level1[2].groups[0]

    def labels():
        return {c.text.split("\n")[0] for c in session.layout.cells}

    assert "满意度指标" in labels()
    answers.template_id = "sichuan"
    _menu_action(worked, "更换模板…").trigger()
    assert [l1.name for l1 in session.doc.level1] == ["产出指标", "效益指标"]
    assert session.doc.find_id(satisfaction.id) == (1, 4)
    cell = session.layout.locate(loc("group", (1, 4), "weight"))
    assert cell is not None and cell.text == "10"
    assert "满意度指标" not in labels() and {"调整后预算数", "其中：财政资金"} <= labels()
    assert "二级指标“服务对象满意度指标”由“满意度指标”移到“效益指标”下。" in answers.informed[0][1]
    worked.undo_action.trigger()
    assert [l1.name for l1 in session.doc.level1] == ["产出指标", "效益指标", "满意度指标"]
    assert "满意度指标" in labels() and "其中：财政资金" not in labels()


@pytest.mark.parametrize("answer", [None, "national-2020"])
def test_cancelling_or_keeping_the_template_changes_nothing(worked, answers, answer):
    answers.template_id = answer
    _menu_action(worked, "更换模板…").trigger()
    assert worked.session.profile.id == "national-2020"
    assert worked.session.undo_stack.count() == 0 and not answers.informed


def test_the_dialog_lists_every_template_with_the_current_one_marked_and_chosen(qtbot, library):
    hubei = library.get("hubei")
    dialog = TemplateChoiceDialog(library, current=hubei)
    qtbot.addWidget(dialog)
    items = [dialog.ui.templateList.item(i) for i in range(dialog.ui.templateList.count())]
    assert len(items) == len(list(library))
    assert [i.text() for i in items if "当前" in i.text()] == [f"（当前）{hubei.name}"]
    assert dialog.chosen() is hubei and dialog.ui.descriptionLabel.text() == hubei.description
    assert all(item.toolTip() for item in items) and dialog.windowTitle() == "更换模板"


def test_the_import_report_changes_the_guessed_template(window, answers, tmp_path: Path, qtbot):
    layout, options = VARIANTS["national"]
    path = tmp_path / "县自评表.xlsx"
    write_xlsx(render(content_for(options), layout), path)
    assert window.files.open(path)
    report = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ImportReportDialog) and w.isVisible())
    national_name = window.session.profile.name
    assert f"模板：{national_name}。" in report.summary.text()
    button = report.template_button
    assert button.parent() is report.findChild(QDialogButtonBox) and button.text() == "更换模板…"
    answers.template_id = "hubei"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.session.profile.id == "hubei" and window.session.doc.funds.weight == "20"
    assert f"模板：{window.session.profile.name}。" in report.summary.text()
    assert _check_line(report, "预算执行率得分") == ("原表 9.03，规则 18.07", "预算执行率得分：不一致")
    window.undo_action.trigger()
    assert f"模板：{national_name}。" in report.summary.text()
    assert window.session.doc.funds.weight == "10"
    assert _check_line(report, "预算执行率得分") == ("原表 9.03，规则 9.03", "预算执行率得分：一致")


def _check_line(report: ImportReportDialog, what: str) -> tuple[str, str]:
    """The line of 原表得分核对 about `what`: (claimed and computed, verdict)."""
    tree = report.tree
    top = next(item for item in map(tree.topLevelItem, range(tree.topLevelItemCount()))
               if item is not None and item.text(0).startswith("原表得分核对"))
    line = next(item for item in map(top.child, range(top.childCount())) if item and item.text(2).startswith(what))
    return line.text(1), line.text(2)


def test_a_table_that_may_not_be_edited_keeps_its_template(worked, answers):
    worked.session.may_edit = lambda: False  # review mode, an accepted table …
    answers.template_id = "hubei"
    _menu_action(worked, "更换模板…").trigger()
    assert worked.session.profile.id == "national-2020" and worked.session.doc.template_id == "national-2020"
    assert not answers.informed and worked.session.undo_stack.count() == 0


def test_the_template_cannot_be_changed_in_review_mode(window, monkeypatch):
    from perfdesk.gui.review import controller

    monkeypatch.setattr(controller.ReviewController, "reviewer_name", lambda self: "李四")
    assert window.template_action.isEnabled()
    window.review.set_review_mode(True)
    assert not window.template_action.isEnabled()
    window.review.set_review_mode(False)
    assert window.template_action.isEnabled()
