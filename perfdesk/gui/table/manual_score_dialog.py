"""The 人工评分 dialog: a score within [0, 分值] and the reason a person gives for it."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from perfdesk.core.rules.scoring import manual_range_text, read_manual
from perfdesk.gui.read_only_dialog import make_read_only


class ManualScoreDialog(QDialog):
    """Ask for a manual score and its reason; 清除人工评分 returns empty texts. `read_only`: only show them."""

    def __init__(
        self, what: str, weight: Decimal | None, score: str, reason: str, parent: QWidget | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("人工评分")
        self.weight = weight
        self.score = QLineEdit(score, self)
        limit = manual_range_text(weight)
        self.score.setPlaceholderText(limit)
        self.reason = QPlainTextEdit(reason, self)
        self.reason.setPlaceholderText("必须说明不按规则计分的理由（将显示在表格下方并随表导出）")
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c00000")
        form = QFormLayout(self)
        form.addRow(QLabel(what, self))
        form.addRow(f"得分（{limit}）", self.score)
        form.addRow("理由", self.reason)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        clear = buttons.addButton("清除人工评分", QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        clear.clicked.connect(self._clear)
        form.addRow(buttons)
        if read_only:
            make_read_only(self, buttons, (self.score, self.reason))

    def result_texts(self) -> tuple[str, str]:
        return self.score.text().strip(), self.reason.toPlainText().strip()

    def _clear(self) -> None:
        self.score.clear()
        self.reason.clear()
        self.accept()

    def _check_and_accept(self) -> None:
        score, reason = self.result_texts()
        if read_manual(score, self.weight).score is None:  # the rule validation applies, said the same way
            self.error.setText(f"得分应为 {manual_range_text(self.weight)} 之间的数字，例如 8 或 7.5")
        elif not reason:
            self.error.setText("请填写人工评分的理由")
        else:
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget, what: str, weight: Decimal | None, score: str, reason: str,
            read_only: bool = False) -> tuple[str, str] | None:
        """(score, reason) as typed, ("", "") to clear, None when cancelled or only shown (`read_only`)."""
        dialog = cls(what, weight, score, reason, parent, read_only)
        return dialog.result_texts() if dialog.exec() == QDialog.DialogCode.Accepted else None
