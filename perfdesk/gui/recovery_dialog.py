"""The start-up dialog offering the recovery copies a crashed session left behind.

Imported only when there is something to recover, so it costs nothing at a normal start.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from perfdesk.core.files.recovery import RecoveredEntry


class RecoveryDialog(QDialog):
    """Lists the copies a crashed session left; 恢复 restores the ticked ones, 丢弃 deletes all."""

    def __init__(self, entries: list[RecoveredEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("恢复未保存的修改")
        self.entries = entries
        layout = QVBoxLayout(self)
        intro = QLabel("PerfDesk 上次没有正常退出。下列表格有未保存的修改，可以恢复：")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        for entry in entries:
            where = str(entry.original) if entry.original else "从未保存的新表格"
            item = QListWidgetItem(f"{entry.title}　（{where}，{entry.saved_at.replace('T', ' ')}）")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(self)
        buttons.addButton("恢复", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("丢弃", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[RecoveredEntry]:
        """Ticked entries (restore); the others are discarded."""
        return [e for i, e in enumerate(self.entries) if self.list.item(i).checkState() == Qt.CheckState.Checked]
