"""`Prompts`: every question the window asks the user, and the file filters of its file dialogs.

All modal questions go through one `Prompts` object that the window receives
from `app.py`, so tests answer them by replacing its methods instead of clicking
real message boxes. The message boxes and the dialogs (`form_dialogs`) are
imported when the first question is asked: a window that asks nothing at start
does not pay for their Qt types.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from perfdesk.core.files.recovery import RecoveredEntry
    from perfdesk.core.model.document import Project
    from perfdesk.core.model.results import Location
    from perfdesk.core.rules.profile import Profile, TemplateLibrary

DOCUMENT_FILTER = "PerfDesk 自评表 (*.pdesk);;导出的 Excel 表 (*.xlsx);;所有文件 (*)"
PDESK_FILTER = "PerfDesk 自评表 (*.pdesk)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
PDF_FILTER = "PDF 文件 (*.pdf)"

class SaveChoice(str, Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class LockChoice(str, Enum):
    """What to do with a file someone else (or a program that may be gone) holds open."""

    READ_ONLY = "read_only"
    TAKE_OVER = "take_over"
    CANCEL = "cancel"


class Prompts:
    """Modal questions and messages; one instance per application, replaced in tests."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def ask_save_changes(self, name: str) -> SaveChoice:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, "PerfDesk", f"“{name}”有未保存的修改，是否保存？",
                          parent=self.parent)
        save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return SaveChoice.SAVE
        return SaveChoice.DISCARD if clicked is discard else SaveChoice.CANCEL

    def ask_locked(self, message: str) -> LockChoice:
        """`message` names who holds the file; taking over is offered with its risk spelled out."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, "文件正被使用", message, parent=self.parent)
        box.setInformativeText(
            "可以以只读方式打开（修改后用“另存为”保存到其他位置）。\n\n"
            "如果确定对方已经关闭此文件（例如对方的程序已退出、电脑已关机，或这是本机上次异常退出留下的标记），"
            "可以选择“仍然打开”。注意：如果对方其实仍在编辑，双方保存时会互相覆盖修改。"
        )
        read_only = box.addButton("以只读方式打开", QMessageBox.ButtonRole.AcceptRole)
        take_over = box.addButton("仍然打开（对方可能已关闭）", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(read_only)
        box.exec()
        clicked = box.clickedButton()
        if clicked is read_only:
            return LockChoice.READ_ONLY
        return LockChoice.TAKE_OVER if clicked is take_over else LockChoice.CANCEL

    def ask_yes_no(self, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self.parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def error(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(self.parent, title, text)

    def warning(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self.parent, title, text)

    def inform(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self.parent, title, text)

    def open_path(self, folder: str) -> Path | None:
        """`folder`: the open document's folder, or "" (the last folder used)."""
        from perfdesk.gui.file_dialogs import ask_path  # QFileDialog's enums: when a file is chosen

        return ask_path(self.parent, "打开自评表", Path(folder), DOCUMENT_FILTER, save=False)

    def open_folder(self, title: str) -> Path | None:
        from perfdesk.gui.file_dialogs import ask_folder

        return ask_folder(self.parent, title)

    def open_files(self, title: str, file_filter: str) -> list[Path]:
        from perfdesk.gui.file_dialogs import ask_files

        return ask_files(self.parent, title, file_filter)

    def save_path(self, title: str, suggested: str, file_filter: str) -> Path | None:
        """`suggested`: a full path beside the document, or a bare name (placed in the last folder used)."""
        from perfdesk.gui.file_dialogs import ask_path

        return ask_path(self.parent, title, Path(suggested), file_filter, save=True)

    def choose_template(self, library: TemplateLibrary, current: Profile | None = None) -> Profile | None:
        """The template for a new table, or (`current` given) the one the open table moves to."""
        from PySide6.QtWidgets import QDialog

        from perfdesk.gui.form_dialogs import TemplateChoiceDialog

        dialog = TemplateChoiceDialog(library, self.parent, current)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def choose_recovery(self, entries: list[RecoveredEntry]) -> list[RecoveredEntry]:
        """Copies to restore; the rest are discarded (all of them when the user picks 丢弃)."""
        from PySide6.QtWidgets import QDialog

        from perfdesk.gui.recovery_dialog import (
            RecoveryDialog,  # rarely shown: not loaded at start-up
        )

        dialog = RecoveryDialog(entries, self.parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else []

    def edit_project(self, project: Project, read_only: bool = False) -> list[tuple[Location, str]]:
        """The fields the user changed; none when cancelled or only shown (`read_only`)."""
        from PySide6.QtWidgets import QDialog

        from perfdesk.gui.form_dialogs import ProjectInfoDialog

        dialog = ProjectInfoDialog(project, self.parent, read_only)
        return dialog.changes(project) if dialog.exec() == QDialog.DialogCode.Accepted else []
