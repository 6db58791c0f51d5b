"""Dialogs of the main window, and `Prompts`: every question the window asks the user.

The forms are designed in `ui/*.ui` and used by composition; each compiled
form is imported when its dialog first opens (importing them all costs start-up
time: a form pulls in every QtGui/QtWidgets name). All modal questions
go through one `Prompts` object that the window receives from `app.py`, so tests
answer them by replacing its methods instead of clicking real message boxes.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from perfdesk import __version__
from perfdesk.core.model.document import Project
from perfdesk.core.model.results import Location
from perfdesk.core.rules.profile import Profile, TemplateLibrary

if TYPE_CHECKING:
    from perfdesk.core.files.recovery import RecoveredEntry

DOCUMENT_FILTER = "PerfDesk 自评表 (*.pdesk);;导出的 Excel 表 (*.xlsx);;所有文件 (*)"
PDESK_FILTER = "PerfDesk 自评表 (*.pdesk)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
PDF_FILTER = "PDF 文件 (*.pdf)"

#: Project fields the information dialog edits, with the line edit of each.
PROJECT_FIELDS = (
    ("name", "nameEdit"),
    ("department", "departmentEdit"),
    ("implementer", "implementerEdit"),
    ("year", "yearEdit"),
    ("leader", "leaderEdit"),
    ("phone", "phoneEdit"),
)


class ProjectInfoDialog(QDialog):
    """项目信息: the project block's fields in one form."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        from perfdesk.gui.forms.ui_project_info import Ui_ProjectInfoDialog

        super().__init__(parent)
        self.ui = Ui_ProjectInfoDialog()
        self.ui.setupUi(self)
        for name, widget in PROJECT_FIELDS:
            getattr(self.ui, widget).setText(getattr(project, name))
        combo = self.ui.moneyUnitCombo
        if combo.findText(project.money_unit) < 0:
            combo.addItem(project.money_unit)
        combo.setCurrentText(project.money_unit)

    def changes(self, project: Project) -> list[tuple[Location, str]]:
        """The edited fields that differ from `project`, ready for `session.set_many`."""
        values = {name: getattr(self.ui, widget).text().strip() for name, widget in PROJECT_FIELDS}
        values["money_unit"] = self.ui.moneyUnitCombo.currentText()
        return [
            (Location("project", (), name), text)
            for name, text in values.items()
            if text != getattr(project, name)
        ]


class TemplateChoiceDialog(QDialog):
    """新建: which template (rule profile) the new table follows."""

    def __init__(self, library: TemplateLibrary, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QListWidgetItem

        from perfdesk.gui.forms.ui_template_choice import Ui_TemplateChoiceDialog

        super().__init__(parent)
        self.ui = Ui_TemplateChoiceDialog()
        self.ui.setupUi(self)
        self._profiles = list(library)
        for profile in self._profiles:
            self.ui.templateList.addItem(QListWidgetItem(profile.name))
        self.ui.templateList.currentRowChanged.connect(self._show_description)
        self.ui.templateList.itemDoubleClicked.connect(self.accept)
        default = next((i for i, p in enumerate(self._profiles) if p.id == library.DEFAULT_ID), 0)
        self.ui.templateList.setCurrentRow(default)

    def _show_description(self, row: int) -> None:
        self.ui.descriptionLabel.setText(self._profiles[row].description if row >= 0 else "")

    def chosen(self) -> Profile | None:
        row = self.ui.templateList.currentRow()
        return self._profiles[row] if row >= 0 else None


class AboutDialog(QDialog):
    """关于: version, verification code of the open table, font licence."""

    def __init__(self, verification_code: str, parent: QWidget | None = None) -> None:
        from perfdesk.gui.forms.ui_about import Ui_AboutDialog

        super().__init__(parent)
        self.ui = Ui_AboutDialog()
        self.ui.setupUi(self)
        self.ui.versionLabel.setText(f"版本 {__version__}")
        self.ui.codeLabel.setText(f"当前表格验证码：{verification_code}")


class SaveChoice(str, Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Prompts:
    """Modal questions and messages; one instance per application, replaced in tests.

    QMessageBox and QFileDialog are imported on first use: creating their Python
    types (and enums) would add to start-up time.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def ask_save_changes(self, name: str) -> SaveChoice:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, "PerfDesk", f"“{name}”有未保存的修改，是否保存？", parent=self.parent)
        save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return SaveChoice.SAVE
        return SaveChoice.DISCARD if clicked is discard else SaveChoice.CANCEL

    def ask_yes_no(self, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        return QMessageBox.question(self.parent, title, text) == QMessageBox.StandardButton.Yes

    def error(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(self.parent, title, text)

    def warning(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self.parent, title, text)

    def open_path(self, folder: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self.parent, "打开自评表", folder, DOCUMENT_FILTER)
        return Path(path) if path else None

    def save_path(self, title: str, suggested: str, file_filter: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, file_filter)
        return Path(path) if path else None

    def choose_template(self, library: TemplateLibrary) -> Profile | None:
        dialog = TemplateChoiceDialog(library, self.parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def choose_recovery(self, entries: list[RecoveredEntry]) -> list[RecoveredEntry]:
        """Copies to restore; the rest are discarded (all of them when the user picks 丢弃)."""
        from perfdesk.gui.recovery_dialog import (
            RecoveryDialog,  # rarely shown: not loaded at start-up
        )

        dialog = RecoveryDialog(entries, self.parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else []

    def edit_project(self, project: Project) -> list[tuple[Location, str]]:
        dialog = ProjectInfoDialog(project, self.parent)
        return dialog.changes(project) if dialog.exec() == QDialog.DialogCode.Accepted else []
