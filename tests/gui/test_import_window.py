"""文件 › 导入… and opening a hand-made table: the table, its report, the outlined cells, 另存为 .pdesk."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QApplication, QInputDialog

from perfdesk.core.export.xlsx import SHEET_NAME, export_xlsx
from perfdesk.core.files.storage import load_document
from perfdesk.gui import import_report
from perfdesk.gui.import_report import ImportMarks, ImportReportDialog
from tests.core.imports.corpus import VARIANTS, content_for, render, write_docx, write_xlsx
from tests.core.xlsx_samples import worked_example


def _report(window) -> ImportReportDialog:
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ImportReportDialog) and w.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def _lines(dialog: ImportReportDialog) -> dict[str, list[tuple[str, str, str]]]:
    tree = dialog.tree
    found = {}
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        assert top is not None
        found[top.text(0).split("（")[0]] = [
            (item.text(0), item.text(1), item.text(2)) for item in map(top.child, range(top.childCount())) if item]
    return found


def test_opening_a_word_table_shows_it_with_its_report(window, answers, tmp_path: Path) -> None:
    layout, options = VARIANTS["no-weight-column"]
    path = tmp_path / "县水利局自评表.docx"
    write_docx([render(content_for(options), layout)], path)
    assert window.files.open(path)
    doc = window.session.doc
    assert doc.project.name == "农村饮水安全巩固提升工程"
    assert window.windowTitle().startswith("县水利局自评表.docx（导入）")
    lines = _lines(_report(window))
    assert lines["需要注意"] == [("表1 第11行第1列", "", "表中没有“分值”列：各指标分值需要补填")]
    assert ("表1 第5行第4列", "150", "年度资金总额 · 全年预算数") in lines["已读取"]
    assert ("表1 第24行第2列", "李华", "填报人") in lines["已读取"]
    assert ("", "原表 10，规则 —", "1.新建供水工程：不一致") in lines["原表得分核对"]  # no 分值 column: no score
    marks = window.view.viewport().findChildren(ImportMarks)
    assert len(marks) == 1 and marks[0].marked_cells()
    window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().maximum())
    assert marks[0].geometry() == window.view.viewport().rect()  # still over the cells after scrolling
    answers.save_path = tmp_path / "保存"
    assert window.files.save()  # 保存 asks for a .pdesk name: the Word file is never overwritten
    assert load_document(tmp_path / "保存.pdesk").project.name == doc.project.name


def test_a_file_with_several_tables_asks_which_to_open(window, monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "两张.xlsx"
    national, yunnan = VARIANTS["national"], VARIANTS["yunnan-split"]
    book = write_xlsx(render(content_for(national[1]), national[0]), path, "甲")
    write_xlsx(render(content_for(yunnan[1]), yunnan[0]), path, "乙", book)
    name_cell = next(c for row in book["乙"].iter_rows() for c in row if c.value == "农村饮水安全巩固提升工程")
    name_cell.value = "第二个项目"
    book.save(path)
    asked = []

    def get_item(parent, title, label, items, current, editable):
        asked.append(items)
        return items[1], True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    assert window.files.open(path)
    assert asked == [["甲：农村饮水安全巩固提升工程", "乙：第二个项目"]]
    assert window.session.doc.project.name == "第二个项目"


def test_a_perfdesk_workbook_edited_in_excel_lets_the_user_take_excels_values(window, monkeypatch, county,
                                                                              tmp_path: Path) -> None:
    path = tmp_path / "改过.xlsx"
    export_xlsx(worked_example(county), county, path)
    book = openpyxl.load_workbook(path)
    cell = next(c for row in book[SHEET_NAME].iter_rows() for c in row if c.value == "164人" and c.column == 5)
    cell.value = "170人"
    book.save(path)
    shown = []

    def take_excel(parent, table) -> bool:
        shown.append(table.differences)
        return True

    monkeypatch.setattr(import_report, "_ask_take_excel", take_excel)
    assert window.files.open(path)
    assert [(d.address, d.excel) for d in shown[0]] == [(f"{SHEET_NAME}!{cell.coordinate}", "170人")]
    assert window.session.doc.level1[0].groups[0].indicators[0].actual == "170人"


def test_an_unreadable_file_is_explained_and_nothing_changes(window, answers, tmp_path: Path) -> None:
    path = tmp_path / "旧.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    before = window.session.doc
    assert not window.files.open(path)
    assert window.session.doc is before
    assert "另存为" in answers.errors[-1][1] and "旧.doc" in answers.errors[-1][1]


def test_outlined_cells_and_report_lines_follow_their_row_when_rows_move(window, answers, tmp_path: Path) -> None:
    layout, options = VARIANTS["national"]
    content = content_for(options)
    content.level1[0].groups[0].inds[0].weight = "待定"
    path = tmp_path / "表.xlsx"
    write_xlsx(render(content, layout), path)
    assert window.files.open(path)
    [marks] = window.view.viewport().findChildren(ImportMarks)
    layout_now = window.session.layout
    weight = layout_now.bound("indicator", (0, 0, 0), "weight")
    assert (weight.row, weight.col) in marks.marked_cells()
    window.session.insert_indicator(0, 0, 0)  # a row inserted above: the marked cell moves down
    moved = window.session.layout.bound("indicator", (0, 0, 1), "weight")
    assert (moved.row, moved.col) in marks.marked_cells()
    assert (weight.row, weight.col) not in marks.marked_cells()
    report = _report(window)
    item = next(item for item in map(report.tree.topLevelItem(0).child, range(report.tree.topLevelItem(0).childCount()))
                if item and "待定" in item.text(2))
    report._show(item)
    assert window.view.current_cell().binding.path == (0, 0, 1)
    window.session.remove_indicator((0, 0, 1))  # its row deleted: nothing left to outline there
    assert (moved.row, moved.col) not in marks.marked_cells()
    window.session.undo_stack.setClean()
