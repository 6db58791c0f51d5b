"""The 移动到… dialog: which 二级 the selected 三级 rows go to."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget


class MoveToDialog(QDialog):
    """Pick the 二级 the selected rows go to (they are put at its end)."""

    def __init__(self, rows: int, choices: list[str], current: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("移动到")
        self.list = QListWidget(self)
        self.list.addItems(choices)
        self.list.setCurrentRow(max(current, 0))
        self.list.itemDoubleClicked.connect(self.accept)
        buttons = QDialogButtonBox(self)
        buttons.addButton("移动", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(QLabel(f"把选中的 {rows} 行指标移到下面这个二级指标的末尾：", self))
        box.addWidget(self.list)
        box.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget, rows: int, choices: list[str], current: int) -> int | None:
        """The chosen line, None when cancelled."""
        dialog = cls(rows, choices, current, parent)
        return dialog.list.currentRow() if dialog.exec() == QDialog.DialogCode.Accepted else None
