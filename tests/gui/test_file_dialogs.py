"""File dialogs open beside the current document and speak Chinese; an export nothing can open says so."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QPushButton

from perfdesk.gui import preferences
from perfdesk.gui.dialogs import Prompts
from perfdesk.gui.print_preview import PrintPreviewDialog
from tests.gui.modal import when_modal

REAL_SAVE_PATH = Prompts.save_path  # taken before the `answers` fixture scripts the dialogs
REAL_OPEN_PATH = Prompts.open_path
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def look_and_cancel(seen: dict):
    """A clerk who reads the dialog (folder, name, every label and button) and cancels."""

    def handle(dialog: QFileDialog) -> None:
        seen["folder"] = Path(dialog.directory().absolutePath())
        seen["name"] = dialog.findChild(QLineEdit, "fileNameEdit").text()
        seen["texts"] = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton) if w.text()]
        dialog.reject()

    return handle


def saved_in(window, answers, folder: Path) -> Path:
    folder.mkdir(parents=True)
    answers.save_path = folder / "社区矫正.pdesk"
    assert window.files.save_as()
    return answers.save_path


def test_save_as_and_open_start_beside_the_document_in_chinese(window, answers, tmp_path, monkeypatch):
    saved_in(window, answers, tmp_path / "资阳区" / "司法局")
    monkeypatch.setattr(Prompts, "save_path", REAL_SAVE_PATH)
    monkeypatch.setattr(Prompts, "open_path", REAL_OPEN_PATH)
    seen: dict = {}
    when_modal(QFileDialog, look_and_cancel(seen))
    assert not window.files.save_as()
    assert seen["folder"] == tmp_path / "资阳区" / "司法局" and seen["name"] == "社区矫正.pdesk"
    assert "取消" in seen["texts"] and "保存" in seen["texts"]
    assert not [t for t in seen["texts"] if LATIN_WORD.search(t.replace("PerfDesk", "").replace("pdesk", ""))]
    when_modal(QFileDialog, look_and_cancel(seen))
    assert not window.files.open_dialog()
    assert seen["folder"] == tmp_path / "资阳区" / "司法局" and "打开" in seen["texts"]


def test_save_as_of_a_new_table_starts_in_the_last_folder_not_the_program_folder(window, tmp_path, monkeypatch):
    last = tmp_path / "上次保存的位置"
    last.mkdir()
    preferences.remember_folder(last)
    monkeypatch.setattr(Prompts, "save_path", REAL_SAVE_PATH)
    seen: dict = {}
    when_modal(QFileDialog, look_and_cancel(seen))
    assert not window.files.save_as()
    assert seen["folder"] == last and seen["name"] == "未命名自评表.pdesk"


def test_preview_export_pdf_starts_beside_the_document(window, answers, tmp_path, monkeypatch):
    saved_in(window, answers, tmp_path / "绩效")
    monkeypatch.setattr(Prompts, "save_path", REAL_SAVE_PATH)
    seen: dict = {}

    def in_preview(preview: PrintPreviewDialog) -> None:
        when_modal(QFileDialog, look_and_cancel(seen))
        preview.export_button.click()
        preview.reject()

    when_modal(PrintPreviewDialog, in_preview)
    window.preview_action.trigger()
    assert seen["folder"] == tmp_path / "绩效" and seen["name"] == "社区矫正.pdf"


def test_opening_an_export_without_a_spreadsheet_program_says_so(window, answers, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or False)
    answers.save_path, answers.yes = tmp_path / "自评表.xlsx", True  # 是否现在打开？ 是
    assert window.exports.export_excel()
    assert opened and answers.errors
    title, text = answers.errors[-1]
    assert title == "无法打开文件" and "没有找到" in text and "Excel" in text and str(answers.save_path) in text
