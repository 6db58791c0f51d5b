"""The review loop in a window: both roles' actions, review mode, the guard on editing, the marks.

Every review step is one undo step (`ReviewCommand`) that replaces `Document.review`,
so it marks the window modified and is saved with the table. The table's content
is never touched by a review step: its verification code stays the same.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import QLabel, QMenu

from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.files.fingerprint import verification_code
from perfdesk.core.review.status import status_name
from perfdesk.gui.new_action import new_action
from perfdesk.gui.preferences import settings
from perfdesk.gui.session import DocumentSession

if TYPE_CHECKING:
    from perfdesk.core.model.document import Document
    from perfdesk.core.review.diff import FieldChange, Values
    from perfdesk.core.review.model import Anchor, Comment, Review
    from perfdesk.core.review.recheck import Finding
    from perfdesk.gui.main_window import MainWindow
    from perfdesk.gui.review.dialogs import ReviewPrompts
    from perfdesk.gui.review.panel import ReviewDock

REVIEWER_KEY = "review/reviewer_name"
FILLER_KEY = "review/filler_name"


class ReviewCommand(QUndoCommand):
    """One review step: the review room before and after."""

    def __init__(self, session: DocumentSession, before: dict[str, Any], after: dict[str, Any], text: str) -> None:
        super().__init__(text)
        self.session, self.before, self.after = session, before, after

    def redo(self) -> None:
        self.session.doc.review = copy.deepcopy(self.after)
        self.session.refresh()

    def undo(self) -> None:
        self.session.doc.review = copy.deepcopy(self.before)
        self.session.refresh()


class ReviewController(QObject):
    """The 审核 menu, the review panel and the grid's review marks of one window.

    A table without a review (every new one) needs none of the review's records, panel or marks:
    they are imported, and the panel built, when a table has a review or the user asks for them.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._prompts: ReviewPrompts | None = None
        self.review_mode = False
        self.findings: list[Finding] = []
        self.changes: list[FieldChange] = []
        self.session: DocumentSession | None = None
        #: The returned table's field values, with the stored object they were read from:
        #: rebuilt only when a review step replaces it, not on every keystroke.
        self._baseline: tuple[object, Document, Values] | None = None
        self._dock: ReviewDock | None = None
        self._shown: tuple[Review, list[Finding]] | None = None  # what the panel shows once it exists
        self.status_label = QLabel()
        window.statusBar().addPermanentWidget(self.status_label)
        self._build_actions()

    @property
    def prompts(self) -> ReviewPrompts:
        """The review's questions, made when first asked: their dialog classes cost start-up time."""
        if self._prompts is None:
            from perfdesk.gui.review.dialogs import ReviewPrompts

            self._prompts = ReviewPrompts(self.window)
        return self._prompts

    @property
    def dock(self) -> ReviewDock:
        """The review panel beside the grid (hidden), built when first needed."""
        if self._dock is None:
            from perfdesk.gui.review.panel import ReviewDock

            dock = self._dock = ReviewDock(self.window)
            dock.locationActivated.connect(self.window.show_location)
            dock.commentAction.connect(self._comment_action)
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.hide()
            dock.visibilityChanged.connect(lambda _: self.panel_action.setChecked(not dock.isHidden()))
            self._fill_dock()
        return self._dock

    # ------------------------------------------------------------ wiring

    def _action(self, text: str, slot: Callable[[], object], tip: str = "") -> QAction:
        action = new_action(text, self.window)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _=False: slot())
        return action

    def _build_actions(self) -> None:
        self.submit_action = self._action("报送…", self.submit, "记录报送人、时间、验证码和得分；有错误时不能报送")
        self.reopen_action = self._action("开始新一轮", self.reopen, "审核通过的表格重新开放修改")
        self.mode_action = self._action("审核模式", lambda: self.set_review_mode(self.mode_action.isChecked()),
                                        "主管部门审核：表格只读，可批注、退回或通过")
        self.mode_action.setCheckable(True)
        self.comment_action = self._action("批注当前单元格…", self.comment_cell)
        self.comment_action.setShortcut("Ctrl+Alt+M")
        self.table_comment_action = self._action("批注整张表…", self.comment_table)
        self.return_action = self._action("退回修改…", self.return_for_changes)
        self.accept_action = self._action("审核通过…", self.accept)
        self.verify_action = self._action("核对纸质表验证码…", self.verify_printed,
                                          "输入纸质表页脚的验证码，核对与这个文件的内容是否相同")
        self.open_for_review_action = self._action("以审核模式打开…", self.open_for_review)
        self.export_pdf_action = self._action("导出PDF（含审核意见）…",
                                              lambda: self.window.exports.export_pdf(with_review=True))
        self.export_xlsx_action = self._action("导出Excel（含审核意见和批注）…",
                                               lambda: self.window.exports.export_excel(with_review=True))
        self.reviewer_actions = [self.comment_action, self.table_comment_action, self.return_action,
                                 self.accept_action]
        # The panel's show/hide switch (what its toggleViewAction would be, before the panel exists).
        self.panel_action = new_action("审核", self.window, checkable=True)
        self.panel_action.triggered.connect(self._toggle_dock)

    def fill_menu(self, menu: QMenu) -> None:
        menu.addActions([self.submit_action, self.reopen_action])
        menu.addSeparator()
        menu.addActions([self.open_for_review_action, self.mode_action])
        menu.addActions(self.reviewer_actions)
        menu.addSeparator()
        menu.addActions([self.verify_action, self.export_pdf_action, self.export_xlsx_action])
        menu.addAction(self.panel_action)

    def attach(self, session: DocumentSession) -> None:
        """Follow the window's (new) document; in review mode the next file is rechecked on opening."""
        if self.session is not None:
            self.session.changed.disconnect(self.refresh)
        self.session = session
        session.may_edit = self._may_edit
        session.for_review = self._for_review
        session.changed.connect(self.refresh)
        if self.review_mode:
            self.set_review_mode(True)
        else:
            self.refresh()
        review = self.review() if session.doc.review else None
        if review is not None and (review.comments or review.status):  # a reviewed table opens with it in view
            self.show_dock()

    def show_dock(self) -> None:
        """The review panel beside the grid, wide enough for a comment's place and text."""
        dock = self.dock
        if not dock.isVisible():
            dock.show()
            width = max(360, min(520, self.window.width() // 3))
            self.window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)

    def _toggle_dock(self, checked: bool) -> None:
        if checked:
            self.show_dock()
        elif self._dock is not None:
            self._dock.hide()

    def open_for_review(self) -> bool:
        """打开 a file straight into review mode (the reviewer's usual way in)."""
        if not self.reviewer_name():
            return False
        was, self.review_mode = self.review_mode, True  # attach() then rechecks the file it opens
        opened = self.window.files.open_dialog()
        if not opened:
            self.review_mode = was
        return opened

    def _session(self) -> DocumentSession:
        assert self.session is not None, "attach() is called when the window adopts a document"
        return self.session

    def review(self) -> Review:
        from perfdesk.core.review.codec import read_review

        session = self._session()
        return read_review(session.doc.review, self.window.file_state.name)

    def title_note(self) -> str:
        return "（审核模式）" if self.review_mode else ""

    # ------------------------------------------------------------ state shown

    def refresh(self, *_: object) -> None:
        """The marks, the panel, the grid's read-only state and which steps may be taken, as they are now
        (the grid is read-only too while a file is read to replace the table, `FileActions.hold_edits`;
        the window's `EditGate` then greys the steps)."""
        session = self._session()
        if session.doc.review or self.review_mode or self._shown is not None:
            review = self._show_review()
            status, locked = review.status, self.review_mode or review.locked
        else:  # no review yet: nothing to read, mark or list
            self.changes = []
            status, locked = "", False
            self.window.view.table_model.set_marks({})
        self.window.view.table_model.set_read_only(locked or self.window.files.reading is not None)
        self.window.template_action.setEnabled(not locked)  # it rewrites the table
        mode = "审核模式 · " if self.review_mode else ""
        self.status_label.setText(f"{mode}{status_name(status)}")
        self.submit_action.setEnabled(not self.review_mode and status in ("", "returned"))
        self.reopen_action.setEnabled(not self.review_mode and status == "accepted")
        for action in self.reviewer_actions:
            action.setEnabled(self.review_mode)
        self.return_action.setEnabled(self.review_mode and status == "submitted")
        self.accept_action.setEnabled(self.review_mode and status == "submitted")

    def step_actions(self) -> list[QAction]:
        """The review's steps: each one changes the table's review (an undo step of the table)."""
        return [self.submit_action, self.reopen_action, *self.reviewer_actions]

    def _show_review(self) -> Review:
        """Read the review, recheck in review mode, mark the cells and fill the panel."""
        from perfdesk.core.review.recheck import recheck
        from perfdesk.gui.review.marks import cell_marks

        session = self._session()
        review = self.review()
        try:
            self.changes = self._changes(review)
        except DocumentFileError as exc:  # a damaged returned copy: say so, show the rest
            self.changes = []
            self.window.statusBar().showMessage(exc.message, 15_000)
        if self.review_mode:
            self.findings = recheck(session.doc, session.evaluation, review)
        self.window.view.table_model.set_marks(cell_marks(session.doc, session.layout, review, self.changes))
        self._shown = review, self.findings if self.review_mode else []
        if self._dock is not None:
            self._fill_dock()
        return review

    def _fill_dock(self) -> None:
        dock = self.dock
        if self._shown is None:  # the panel of a table without a review
            from perfdesk.core.review.model import Review

            self._shown = Review(), []
        review, findings = self._shown
        dock.show_review(self._session().doc, review, self.changes, findings, self.review_mode)
        dock.set_role(self.review_mode)

    def _changes(self, review: Review) -> list[FieldChange]:
        """What changed since the return, the returned table's values read once per return."""
        if review.returned is None:
            return []
        from perfdesk.core.review.diff import diff_values, field_values, returned_document

        stored, doc = review.returned.document, self._session().doc
        if self._baseline is None or self._baseline[0] is not stored:
            old = returned_document(review.returned, doc, self.window.file_state.name)
            self._baseline = (stored, old, field_values(old))
        return diff_values(self._baseline[1], self._baseline[2], doc, field_values(doc))

    def set_review_mode(self, on: bool) -> bool:
        """Enter or leave review mode; entering asks the reviewer's name once and rechecks the table."""
        if on and not self.reviewer_name():
            self.mode_action.setChecked(False)
            return False
        self.review_mode = on
        # the unit's edits before the review cannot be undone from review mode, the reviewer's steps can
        self.window.undo_actions.set_floor(self._session().undo_stack.index() if on else None)
        self.mode_action.setChecked(on)
        self.window.update_title()
        self.findings = []
        self.refresh()
        if on:
            self.show_dock()
            errors = [f.message for f in self.findings if f.severity == "error"]
            if errors:
                self.window.prompts.warning("文件在报送后被改动", "\n".join(errors))
        return True

    # ------------------------------------------------------------ names

    def reviewer_name(self) -> str:
        """The reviewer's name: asked once, then remembered (QSettings)."""
        store = settings()
        name = str(store.value(REVIEWER_KEY, "") or "")
        if not name:
            name = " ".join((self.prompts.ask_name("审核人", "请输入您的姓名（审核意见和批注将署此名，只问一次）：")
                             or "").split())
            if name:
                store.setValue(REVIEWER_KEY, name)
        return name

    def _filler_name(self, title: str) -> str | None:
        store = settings()
        default = self._session().doc.signature.filler.strip() or str(store.value(FILLER_KEY, "") or "")
        name = self.prompts.ask_name(title, "报送人姓名：", default)
        if name and name.strip():
            store.setValue(FILLER_KEY, name.strip())
        return name

    # ------------------------------------------------------------ steps

    def _apply(self, step: Callable[[Review], object], text: str) -> bool:
        """Run a review step on a copy; push it as an undo step, or show why it cannot be taken."""
        from perfdesk.core.review.codec import review_to_dict
        from perfdesk.core.review.workflow import ReviewError

        session = self._session()
        before = copy.deepcopy(session.doc.review)
        review = self.review()
        try:
            step(review)
        except ReviewError as exc:
            self.window.prompts.error(text, str(exc))
            return False
        session.undo_stack.push(ReviewCommand(session, before, review_to_dict(review), text))
        return True

    def submit(self) -> bool:
        from perfdesk.core.review import workflow as wf

        session = self._session()
        try:  # say why not before asking a name
            wf.check_submittable(self.review(), session.evaluation)
        except wf.ReviewError as exc:
            self.window.prompts.error("报送", str(exc))
            return False
        name = self._filler_name("报送")
        if name is None:
            return False
        done = self._apply(lambda r: wf.submit(r, session.doc, session.evaluation, name, wf.now_text()), "报送")
        if done:
            self.window.statusBar().showMessage(
                f"已报送（验证码 {verification_code(session.doc)}）。请保存文件，再交给主管部门。", 15_000)
        return done

    def reopen(self) -> bool:
        from perfdesk.core.review import workflow as wf

        review = self.review()
        name = review.submission.by if review.submission else self._session().doc.signature.filler
        return self._apply(lambda r: wf.reopen(r, self._session().doc, name or "填报人", wf.now_text()),
                           "开始新一轮")

    def return_for_changes(self) -> bool:
        from perfdesk.core.review import workflow as wf

        opinion = self.prompts.ask_text("退回修改", "审核意见（请写明要修改什么；各单元格的批注会一并退回）：")
        if opinion is None:
            return False
        doc, name = self._session().doc, self.reviewer_name()
        return self._apply(lambda r: wf.return_for_changes(r, doc, name, wf.now_text(), opinion), "退回修改")

    def accept(self) -> bool:
        from perfdesk.core.review import workflow as wf

        opinion = self.prompts.ask_text("审核通过", "审核意见（可不填）：")
        if opinion is None:
            return False
        doc, name = self._session().doc, self.reviewer_name()
        return self._apply(lambda r: wf.accept(r, doc, name, wf.now_text(), opinion), "审核通过")

    def _for_review(self) -> bool:
        """Review mode, no file being read to replace the table: its dialogs open to be read."""
        return self.review_mode and self.window.files.reading is None

    def _may_edit(self) -> bool:
        """The guard on every table edit: a file being read to replace the table, read-only review, closed
        accepted table, withdraw a submission."""
        if self.window.files.busy("修改表格"):
            return False
        if self.review_mode:
            self.window.statusBar().showMessage("审核模式下表格只读。要修改内容，请先退出审核模式。", 10_000)
            return False
        if not self._session().doc.review:  # no review yet: nothing to guard
            return True
        from perfdesk.core.review import workflow as wf

        review = self.review()
        if review.locked:
            self.window.prompts.warning("表格已审核通过", "这张表已审核通过，不能再修改。\n"
                                        "如确需修改，请在“审核”菜单中选择“开始新一轮”。")
            return False
        if review.status == "submitted":
            if not self.window.prompts.ask_yes_no("撤回报送", "这张表已经报送，正在等待审核。\n修改它会撤回报送，"
                                                  "改完需要重新报送。是否撤回报送并修改？"):
                return False
            name = review.submission.by if review.submission else "填报人"
            return self._apply(lambda r: wf.withdraw(r, self._session().doc, name, wf.now_text()), "撤回报送")
        return True

    # ------------------------------------------------------------ comments

    def comment_cell(self) -> bool:
        cell = self.window.view.current_cell()
        if cell is None or cell.binding is None:
            self.window.prompts.error("批注", "请先选中一个填写内容的单元格（如实际完成值、分值、偏差原因），"
                                             "或用“批注整张表”。")
            return False
        from perfdesk.core.review.anchors import anchor_of

        anchor = anchor_of(self._session().doc, cell.binding)
        return self._add_comment(anchor, cell.binding.label)

    def comment_table(self) -> bool:
        from perfdesk.core.review.model import Anchor

        return self._add_comment(Anchor(), "整张表格")

    def _add_comment(self, anchor: Anchor, label: str) -> bool:
        from perfdesk.core.review import workflow as wf

        text = self.prompts.ask_text("添加批注", f"对“{label}”的批注：")
        if text is None:
            return False
        name = self.reviewer_name()
        return self._apply(lambda r: wf.add_comment(r, anchor, label, name, wf.now_text(), text), "添加批注")

    def _comment_action(self, key: str, comment_id: str) -> None:
        if self.window.files.busy("修改表格"):  # refused before a dialog asks for what would be refused
            return
        review = self.review()
        comment = review.comment(comment_id)
        if comment is None:
            return
        me = self.reviewer_name() if self.review_mode else (self._filler_name("回复") if key == "reply" else "")
        if me is None:
            return
        self._run_comment_action(key, comment, me)
        self.dock.select_comment(comment_id)

    def _run_comment_action(self, key: str, comment: Comment, me: str) -> None:
        from perfdesk.core.review import workflow as wf

        comment_id = comment.id
        if key == "reply":
            reply_text = self.prompts.ask_text("回复批注", f"回复：{comment.text}")
            if reply_text is not None:
                self._apply(lambda r: wf.reply(r, comment_id, me, wf.now_text(), reply_text), "回复批注")
        elif key == "edit":
            new_text = self.prompts.ask_text("编辑批注", "批注内容：", comment.text)
            if new_text is not None:
                self._apply(lambda r: wf.edit_comment(r, comment_id, me, new_text), "编辑批注")
        elif key == "delete":
            if self.window.prompts.ask_yes_no("删除批注", f"删除这条批注？\n{comment.text}"):
                self._apply(lambda r: wf.delete_comment(r, comment_id, me), "删除批注")
        elif key == "resolve":
            self._apply(lambda r: wf.set_resolved(r, comment_id, not comment.resolved), "批注已解决")
        elif key == "fixed":
            answer = self.prompts.ask_text("已修改", "简要说明怎么改的（可不填）：", comment.answer)
            if answer is not None:
                self._apply(lambda r: wf.mark_fixed(r, comment_id, answer), "批注已修改")

    # ------------------------------------------------------------ verify

    def verify_printed(self) -> bool | None:
        """Compare a code typed from paper with this table; None when cancelled or not a code."""
        typed = self.prompts.ask_code()
        if typed is None:
            return None
        from perfdesk.core.review.verify import code_error, normalise_code

        code = normalise_code(typed)
        if code is None:
            self.window.prompts.error("核对纸质表", code_error(typed))
            return None
        actual = verification_code(self._session().doc)
        if code == actual:
            self.prompts.information("核对纸质表", f"一致：纸质表与这个文件的内容相同（验证码 {actual}）。")
            return True
        self.window.prompts.warning("核对纸质表", f"不一致：纸质表的验证码是 {code}，这个文件是 {actual}。\n"
                                                  "文件内容与打印时不同，请向填报单位核实。")
        return False

