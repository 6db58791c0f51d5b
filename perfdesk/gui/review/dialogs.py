"""The review's questions to the user, in one class so tests can answer them.

Every method returns None when the user cancels.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class TextDialog(QDialog):
    """A few lines of text (a comment, an opinion, an answer) with OK/Cancel."""

    def __init__(self, title: str, prompt: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.editor = QPlainTextEdit(text, self)
        self.editor.setMinimumSize(420, 140)
        layout.addWidget(self.editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.editor.toPlainText()


class ReviewPrompts:
    """Modal questions of the review loop, parented to the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def ask_name(self, title: str, prompt: str, default: str = "") -> str | None:
        name, ok = QInputDialog.getText(self.parent, title, prompt, QLineEdit.EchoMode.Normal, default)
        return name if ok else None

    def ask_text(self, title: str, prompt: str, text: str = "") -> str | None:
        dialog = TextDialog(title, prompt, text, self.parent)
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def information(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def ask_code(self) -> str | None:
        code, ok = QInputDialog.getText(self.parent, "核对纸质表", "请输入纸质表页脚印的验证码"
                                        "（如 4277-FA48-C90B，可不输短横线）：")
        return code if ok else None
