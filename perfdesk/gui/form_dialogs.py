"""The dialogs made from the Qt Designer forms (`ui/*.ui`): 项目信息, the template choice, 关于.

The forms are used by composition; each compiled form is imported when its dialog
first opens (importing them all costs start-up time: a form pulls in every
QtGui/QtWidgets name).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QListWidgetItem, QWidget

from perfdesk import __version__
from perfdesk.core.model.document import Project
from perfdesk.core.model.fields import field_def
from perfdesk.core.model.results import Location
from perfdesk.core.rules.profile import Profile, TemplateLibrary
from perfdesk.gui import preferences
from perfdesk.gui.read_only_dialog import make_read_only

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
    """项目信息: the project block's fields in one form (`read_only`: only shown, `changes` is then empty)."""

    def __init__(self, project: Project, parent: QWidget | None = None, read_only: bool = False) -> None:
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
        if read_only:
            editors = [getattr(self.ui, widget) for _, widget in PROJECT_FIELDS]
            make_read_only(self, self.ui.buttonBox, [*editors, combo])

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
