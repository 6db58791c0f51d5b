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

from PySide6.QtWidgets import (
    QDialog,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from perfdesk import __version__
from perfdesk.core.files.recovery import RecoveredEntry
from perfdesk.core.model.document import Project
from perfdesk.core.model.fields import field_def
from perfdesk.core.model.results import Location
from perfdesk.core.rules.profile import Profile, TemplateLibrary
from perfdesk.gui import preferences

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
        for name, widget in (*PROJECT_FIELDS, ("money_unit", "moneyUnitCombo")):
            # Labels from the field registry, so the form, the table and the messages agree.
            spec = field_def("project", name)
            mark = "（必填）" if spec.required == "error" else ""
            label = getattr(self.ui, widget.removesuffix("Edit").removesuffix("Combo") + "Label")
            label.setText(f"{spec.label}{mark}：")
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
    """Which template (rule profile) a table follows: for 新建 and the first start the last choice
    comes first; for 更换模板 (`current` given) the open table's template is marked and chosen."""

    def __init__(self, library: TemplateLibrary, parent: QWidget | None = None,
                 current: Profile | None = None) -> None:
        from perfdesk.gui.forms.ui_template_choice import Ui_TemplateChoiceDialog

        super().__init__(parent)
        self.ui = Ui_TemplateChoiceDialog()
        self.ui.setupUi(self)
        self._profiles = sorted(library, key=lambda p: p.id != library.DEFAULT_ID)  # the national one first
        for profile in self._profiles:
            mark = "（当前）" if current is not None and profile.id == current.id else ""
            item = QListWidgetItem(f"{mark}{profile.name}")  # in front: long names are cut on the right
            item.setToolTip(profile.description)
            self.ui.templateList.addItem(item)
        self.ui.templateList.currentRowChanged.connect(self._show_description)
        self.ui.templateList.itemDoubleClicked.connect(self.accept)
        if current is not None:
            self.setWindowTitle("更换模板")
            self.ui.promptLabel.setText("请选择本表改用的模板（评分规则）：")
            self.ui.hintLabel.setText("已填写的内容全部保留，按新模板的一级、二级指标和资金行重新排列，"
                                      "得分按新规则重新计算；移动了什么会逐条说明，可以撤销。")
        wanted = current.id if current is not None else preferences.last_template() or library.DEFAULT_ID
        default = next((i for i, p in enumerate(self._profiles) if p.id == wanted), 0)
        self.ui.templateList.setCurrentRow(default)
        hint = self.sizeHint()  # the names say the rules: wide enough to show them whole
        self.resize(max(hint.width(), 600), hint.height())

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
        answer = QMessageBox.question(self.parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def error(self, title: str, text: str) -> None:
        QMessageBox.critical(self.parent, title, text)

    def warning(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def inform(self, title: str, text: str) -> None:
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
        dialog = TemplateChoiceDialog(library, self.parent, current)
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
