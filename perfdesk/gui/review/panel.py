"""The review panel: status and recheck, comments (click → cell), changes since the return, history."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from perfdesk.core.model.document import Document
from perfdesk.core.model.results import Location
from perfdesk.core.review.anchors import locate
from perfdesk.core.review.diff import FieldChange
from perfdesk.core.review.model import ACTION_NAMES, WHOLE_TABLE, Review, status_name
from perfdesk.core.review.recheck import Finding
from perfdesk.core.review.report import comment_place, comment_state, when

_KINDS = {"changed": "改动", "added": "新增行", "removed": "删除行"}
_FINDING_COLOUR = {"error": "#c62828", "warning": "#9a6700", "ok": "#2e7d32"}
#: Comment buttons: action key, label; which are shown depends on the role (see `set_role`).
COMMENT_BUTTONS = (("reply", "回复…"), ("edit", "编辑…"), ("delete", "删除"), ("resolve", "已解决/未解决"),
                   ("fixed", "已修改…"))
_REVIEWER_ONLY, _FILLER_ONLY = {"edit", "delete", "resolve"}, {"fixed"}


class ReviewDock(QDockWidget):
    """Everything about the review of the shown table; emits where to go and what to do with a comment."""

    locationActivated = Signal(object)  # Location
    commentAction = Signal(str, str)  # action key, comment id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("审核", parent)
        self.setObjectName("reviewDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.status_label = QLabel(body)
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.status_label)
        self.tabs = QTabWidget(body)
        layout.addWidget(self.tabs)
        self.comments = self._tree(["位置", "批注", "批注人", "状态"])
        self.comments.itemActivated.connect(self._go)
        self.comments.itemClicked.connect(self._go)
        holder = QWidget(self.tabs)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.comments)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in COMMENT_BUTTONS:
            button = self.buttons[key] = QPushButton(text, holder)
            button.clicked.connect(lambda _=False, k=key: self._act(k))
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        self.tabs.addTab(holder, "批注")
        self.changes = self._tree(["位置", "原内容", "现内容", "类型"])
        self.changes.itemActivated.connect(self._go)
        self.changes.itemClicked.connect(self._go)
        self.tabs.addTab(self.changes, "退回后改动")
        self.history = QPlainTextEdit(self.tabs)
        self.history.setReadOnly(True)
        self.tabs.addTab(self.history, "审核记录")
        self.setWidget(body)
        self.set_role(reviewer=False)

    def _tree(self, headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setHeaderLabels(headers)
        tree.setRootIsDecorated(True)
        tree.setColumnWidth(0, 170)
        tree.setColumnWidth(1, 220)
        return tree

    def set_role(self, reviewer: bool) -> None:
        for key, button in self.buttons.items():
            button.setVisible(not (key in _REVIEWER_ONLY and not reviewer) and not (key in _FILLER_ONLY and reviewer))

    def show_review(self, doc: Document, review: Review, changes: list[FieldChange], findings: list[Finding],
                    review_mode: bool) -> None:
        mode = "<b>审核模式</b>（表格只读） · " if review_mode else ""
        lines = [f"{mode}审核状态：<b>{status_name(review.status)}</b>"]
        if review.opinion:
            lines.append(f"审核意见：{_html(review.opinion)}")
        lines += [f'<span style="color:{_FINDING_COLOUR[f.severity]}">{_html(f.message)}</span>' for f in findings]
        self.status_label.setText("<br>".join(lines))
        self._fill_comments(doc, review)
        self._fill_changes(doc, changes)
        self.history.setPlainText("\n".join(
            f"{when(h.at)}  {h.by}  {ACTION_NAMES.get(h.action, h.action)}（验证码 {h.code}）"
            + (f"：{h.opinion}" if h.opinion else "") for h in review.history) or "（尚无审核记录）")
        open_count = sum(not c.resolved for c in review.comments)
        self.tabs.setTabText(0, f"批注（{open_count}/{len(review.comments)} 未解决）" if review.comments else "批注")
        self.tabs.setTabText(1, f"退回后改动（{len(changes)}）" if changes else "退回后改动")

    def _fill_comments(self, doc: Document, review: Review) -> None:
        current = self.current_comment()
        self.comments.clear()
        for comment in review.comments:
            location = locate(doc, comment.anchor) if comment.anchor.section != WHOLE_TABLE else None
            item = QTreeWidgetItem([comment_place(doc, comment), comment.text, comment.author,
                                    comment_state(comment)])
            item.setData(0, Qt.ItemDataRole.UserRole, (comment.id, location))
            item.setToolTip(1, comment.text)
            if location is None and comment.anchor.section != WHOLE_TABLE:
                item.setForeground(0, QBrush(QColor("#888888")))
            if comment.answer:
                QTreeWidgetItem(item, ["单位说明", comment.answer, "", ""]).setData(
                    0, Qt.ItemDataRole.UserRole, (comment.id, location))
            for reply in comment.replies:
                QTreeWidgetItem(item, ["回复", reply.text, reply.author, when(reply.at)]).setData(
                    0, Qt.ItemDataRole.UserRole, (comment.id, location))
            self.comments.addTopLevelItem(item)
            item.setExpanded(True)
            if comment.id == current:
                self.comments.setCurrentItem(item)

    def _fill_changes(self, doc: Document, changes: list[FieldChange]) -> None:
        self.changes.clear()
        for change in changes:
            item = QTreeWidgetItem([change.label, change.old or "（空）", change.new or "（空）", _KINDS[change.kind]])
            item.setData(0, Qt.ItemDataRole.UserRole, ("", locate(doc, change.anchor)))
            item.setToolTip(0, f"{change.old or '（空）'} → {change.new or '（空）'}")
            self.changes.addTopLevelItem(item)

    def current_comment(self) -> str:
        item = self.comments.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole)[0] if item is not None else ""

    def select_comment(self, comment_id: str) -> None:
        for index in range(self.comments.topLevelItemCount()):
            item = self.comments.topLevelItem(index)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole)[0] == comment_id:
                self.comments.setCurrentItem(item)

    def _go(self, item: QTreeWidgetItem) -> None:
        location: Location | None = item.data(0, Qt.ItemDataRole.UserRole)[1]
        if location is not None and location.section != WHOLE_TABLE:
            self.locationActivated.emit(location)

    def _act(self, key: str) -> None:
        comment_id = self.current_comment()
        if comment_id:
            self.commentAction.emit(key, comment_id)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
