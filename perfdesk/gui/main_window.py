"""The main window: the table grid with menus, toolbar, problems panel and status bar.

The window shows one document (a `DocumentSession`) at a time; 新建 and 打开
replace it after asking about unsaved changes. File and export commands live in
`file_actions` / `export_actions`, the autosave in `recovery`.

It is built in two steps so that it can be on screen at once: `MainWindow()` is
the frame (size, menu bar, status line), which needs nothing but Qt's classes, so
`launch` shows it before the rest of the program is loaded; `furnish` then adds
the table, the panels and the commands. That is why the parts of the program are
imported inside `furnish` and the few methods that use them, and why `Qt`'s
namespace (about a hundred enum classes, 20 ms to build) is not imported here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QToolBar

from perfdesk.gui import heap, preferences
from perfdesk.gui.geometry import fitted_size
from perfdesk.gui.new_action import new_action

if TYPE_CHECKING:
    from perfdesk.core.files.recovery import RecoverySlot
    from perfdesk.core.model.document import Document
    from perfdesk.core.model.results import Location
    from perfdesk.core.rules.profile import Profile
    from perfdesk.gui.app import AppContext
    from perfdesk.gui.file_actions import FileState
    from perfdesk.gui.session import DocumentSession

#: Preferred size; shrunk to the screen's available area (1366×768 laptops, 150% scaling).
PREFERRED_SIZE = (1360, 900)
DOCK_HEIGHT_SHARE = 0.22  # the problems panel takes about a fifth of the window's height


class MainWindow(QMainWindow):
    """One document window: `MainWindow()` is its frame, `furnish` shows a document in it.

    `app.AppContext.open_window` does both; at start-up `launch` shows the frame first.
    """

    def __init__(self) -> None:
        super().__init__()
        self.furnished = False
        self.setWindowTitle("PerfDesk")
        bar = self.menuBar()
        self.file_menu = bar.addMenu("文件(&F)")
        self.edit_menu = bar.addMenu("编辑(&E)")
        self.review_menu = bar.addMenu("审核(&R)")
        self.help_menu = bar.addMenu("帮助(&H)")
        self.fit_to_screen()

    def furnish(self, context: AppContext, doc: Document, profile: Profile, state: FileState | None = None,
                slot: RecoverySlot | None = None, restored: bool = False, fresh: bool = False) -> None:
        """The table, panels and commands, showing `doc`; once per window.

        `restored`: the document comes from the recovery copy in `slot`; it opens modified.
        `fresh`: a new table, whose 'still missing' problems stay quiet until the user works on it."""
        from PySide6.QtCore import Qt

        from perfdesk.gui.dialogs import Prompts
        from perfdesk.gui.edit_gate import EditGate
        from perfdesk.gui.export_actions import ExportActions
        from perfdesk.gui.file_actions import FileActions, FileState
        from perfdesk.gui.problems_dock import ProblemsDock
        from perfdesk.gui.recovery import Autosaver, UnprotectedWarning
        from perfdesk.gui.review.controller import ReviewController
        from perfdesk.gui.session import DocumentSession
        from perfdesk.gui.status import StatusPanel
        from perfdesk.gui.table.view import TableView
        from perfdesk.gui.undo_actions import UndoActions

        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.statusBar().clearMessage()  # what the frame said while the program was loading
        self.context = context
        self.prompts = Prompts(self)
        self.file_state = state or FileState()
        self.files = FileActions(self)
        self.exports = ExportActions(self)
        self.undo_group = QUndoGroup(self)
        self.undo_actions = UndoActions(self.undo_group, self)
        self.session = DocumentSession(doc, profile, self)
        self.view = TableView(self.session, self)
        self.setCentralWidget(self.view)
        self._refreshed = False  # the first refresh leaves the verification code to after the first frame
        self.view.first_frame_painted.connect(self._refresh)
        self.view.status_message.connect(lambda message: self.statusBar().showMessage(message, 15_000))
        self.problems = ProblemsDock(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems)
        self.problems.locationActivated.connect(self.show_location)
        self.problems.expandedChanged.connect(self._fit_problems)
        # Its panel goes beside the grid, apart from the problems panel (which collapses to one line at
        # the bottom), once the table has a review or review mode is on.
        self.review = ReviewController(self)
        self.status = StatusPanel(self.statusBar())
        self.unprotected = UnprotectedWarning(self.statusBar())
        self.autosaver = Autosaver(slot or context.recovery.new_slot(), self)
        self.autosaver.follow_editor(self.view.uncommitted_edit, self.view.editing)
        self.autosaver.problem.connect(lambda message: self.unprotected.set_reason("recovery", message))
        self._build_actions()
        self._build_menus()
        # Every command that changes the table, greyed together while a file is read to replace it.
        self.edit_gate = EditGate(self)
        self.edit_gate.add([self.undo_action, self.redo_action, *self.view.table_actions.all(),
                            self.comparator_menu.menuAction(), self.project_action, self.template_action,
                            *self.review.step_actions()])
        self._build_toolbar()
        self.setAcceptDrops(True)
        self.furnished = True
        if restored:
            self.session.undo_stack.resetClean()  # modified until saved; keeps the copy on disk
        self._adopt(self.session, self.file_state, fresh)
        if restored:
            self.autosaver.save_now()  # the copy now belongs to this process
        self._fit_problems(self.problems.expanded)

    # ------------------------------------------------------------ document

    def install_document(self, doc: Document, profile: Profile, state: FileState, fresh: bool = False) -> None:
        """Show another document in this window (after 新建 / 打开; `fresh` for 新建)."""
        from perfdesk.gui.session import DocumentSession

        old = self.session
        heap.release()  # the old table's objects become garbage
        self.session = DocumentSession(doc, profile, self)
        self.view.set_session(self.session)
        old.changed.disconnect(self._refresh)
        self.undo_group.removeStack(old.undo_stack)
        old.deleteLater()
        self._adopt(self.session, state, fresh)

    def _adopt(self, session: DocumentSession, state: FileState, fresh: bool) -> None:
        from perfdesk.gui.attention import Attention

        # Created before `_refresh` is connected: it learns of an edit before the panel is redrawn.
        self.attention = Attention(session, fresh, session)
        self.attention.changed.connect(self._refresh)
        self.view.table_model.set_attention(self.attention)
        session.changed.connect(self._refresh)
        session.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        self.set_file_state(state)
        self.review.attach(session)
        self.autosaver.attach(session, state.path, state.name)
        self._on_clean_changed(session.undo_stack.isClean())
        self._refresh()
        QTimer.singleShot(0, self._show_table_start)
        QTimer.singleShot(heap.SETTLE_AFTER_MS, self, heap.settle)

    def _show_table_start(self) -> None:
        """Show the title first, whatever cell the grid made current (runs after layout)."""
        self.view.verticalScrollBar().setValue(0)
        self.view.horizontalScrollBar().setValue(0)

    def set_file_state(self, state: FileState) -> None:
        if self.file_state is not state and self.file_state.lock is not state.lock:
            self.file_state.release()
        self.file_state = state
        self.autosaver.rename(state.path, state.name)
        self.unprotected.set_reason("lock", state.unprotected_reason)
        self.save_action.setEnabled(not state.read_only)
        self.update_title()

    def update_title(self) -> None:
        read_only = "（只读）" if self.file_state.read_only else ""
        self.setWindowTitle(f"{self.file_state.name}{read_only}{self.review.title_note()}[*] – PerfDesk")

    def _on_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _refresh(self) -> None:
        from perfdesk.core.files.fingerprint import verification_code
        from perfdesk.gui.status import StatusFigures

        session = self.session
        code = verification_code(session.doc) if self._refreshed else ""
        self._refreshed = True
        figures = StatusFigures.of(session.evaluation, session.profile, code)
        shown = self.attention.shown(session.evaluation.problems)
        if not figures.weights_ok and not any(p.code == "WEIGHTS_TOTAL" for p in shown):
            figures = replace(figures, weights_ok=True)  # not red while the weights are still being filled in
        self.status.show(figures)
        self.problems.show_problems(shown)

    def reveal_problems(self) -> None:
        """Save, export, print: show every problem, also of the fields nobody has touched yet."""
        self.attention.reveal_all()

    def show_location(self, location: Location) -> None:
        self.view.select_location(location)
        self.view.setFocus()

    def _show_undone(self) -> None:
        """After 撤销/重做, make current the cell whose value changed: it may be off screen."""
        touched = self.session.last_change.touched
        if touched and self.view.select_location(touched[0]):
            self.view.setFocus()

    def _import(self) -> None:
        from perfdesk.gui.import_report import import_dialog  # the readers (openpyxl …): on first use

        import_dialog(self)

    def edit_project(self) -> None:
        read_only = self.view.dialog_read_only()
        if read_only is None:
            return
        changes = self.prompts.edit_project(self.session.doc.project, read_only)
        if changes:
            self.session.set_many(changes, "修改项目信息")

    def _change_template(self) -> None:
        from perfdesk.gui.template_change import change_template

        change_template(self)

    def show_about(self) -> None:
        from perfdesk.core.files.fingerprint import verification_code
        from perfdesk.gui.form_dialogs import AboutDialog

        AboutDialog(verification_code(self.session.doc), self).exec()

    def show_help(self) -> None:
        from perfdesk.gui.help_dialog import HelpDialog

        HelpDialog(self).exec()

    def set_enter_moves_right(self, right: bool) -> None:
        """编辑 › 按 Enter 键后向右移动: every window follows, and the next start too."""
        preferences.set_enter_moves_right(right)
        for window in self.context.windows:
            window.view.enter_moves_right = right
            window.enter_right_action.setChecked(right)

    # ------------------------------------------------------------ geometry

    def fit_to_screen(self) -> None:
        """Preferred size, shrunk to the available screen area, centred."""
        area = self.screen().availableGeometry()
        width, height = fitted_size(area, PREFERRED_SIZE)
        self.resize(width, height)
        self.move(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2)

    def _fit_problems(self, expanded: bool) -> None:
        """The problems panel: a fifth of the height when expanded, one line when collapsed."""
        from PySide6.QtCore import Qt

        height = max(90, int(self.height() * DOCK_HEIGHT_SHARE)) if expanded else self.problems.collapsed_height()
        self.resizeDocks([self.problems], [height], Qt.Orientation.Vertical)

    # ------------------------------------------------------------ actions and menus

    def _action(self, text: str, slot, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                tip: str = "") -> QAction:
        action = new_action(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action("新建…", self.files.new, keys.New, "按所选模板新建一张自评表")
        self.open_action = self._action("打开…", self.files.open_dialog, keys.Open,
                                        "打开 .pdesk 自评表或导出的 Excel 表")
        self.import_action = self._action("导入…", self._import,
                                          tip="导入 Excel/WPS/Word 中手工填写的自评表")
        self.summary_action = self._action("汇总文件夹…", lambda: self.files.summarize(),
                                           tip="一次读取文件夹中的全部自评表，列表汇总、筛选、导出")
        self.save_action = self._action("保存", self.files.save, keys.Save)
        self.save_as_action = self._action("另存为…", self.files.save_as, "Ctrl+Shift+S")
        self.export_xlsx_action = self._action("导出Excel…", self.exports.export_excel)
        self.export_pdf_action = self._action("导出PDF…", self.exports.export_pdf)
        self.preview_action = self._action("打印预览…", self.exports.print_preview)
        self.print_action = self._action("打印…", self.exports.print_document, keys.Print, "选择打印机并打印")
        self.claims_action = new_action("导出时附原表得分（审核用）", self, checkable=True)
        self.claims_action.setStatusTip(
            "导出的 PDF 在各得分下印出原表得分，Excel 在得分单元格加批注；单位自己的表请不要勾选")
        self.quit_action = self._action("退出", QApplication.closeAllWindows, keys.Quit)
        self.undo_action, self.redo_action = self.undo_actions.undo, self.undo_actions.redo
        self.undo_action.setShortcut(QKeySequence(keys.Undo))
        # The menu names the step (撤销 编辑 产出指标 › …); the toolbar keeps a short, steady
        # button (its tooltip still names the step) instead of one that jumps with every edit.
        self.undo_action.setIconText("撤销")
        self.redo_action.setIconText("重做")
        self.undo_action.triggered.connect(self._show_undone)  # runs after the group's own undo()
        self.redo_action.triggered.connect(self._show_undone)
        redo_keys: list[QKeySequence] = []
        for key in (*QKeySequence.keyBindings(keys.Redo), QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")):
            if key not in redo_keys:
                redo_keys.append(key)
        self.redo_action.setShortcuts(redo_keys)
        self.project_action = self._action("项目信息…", self.edit_project, tip="编辑项目名称、主管部门、年度等")
        self.template_action = self._action("更换模板…", self._change_template,
                                            tip="改用其他省份或地区的模板（评分规则），已填内容全部保留")
        self.about_action = self._action("关于", self.show_about)
        self.help_action = self._action("使用说明", self.show_help, keys.HelpContents,
                                        "单元格颜色、常用按键、审核与导入")
        self.enter_right_action = self._action("按 Enter 键后向右移动", self.set_enter_moves_right,
                                               tip="不勾选时按 Enter 键向下移动（与 Excel、WPS 相同）")
        self.enter_right_action.setCheckable(True)
        self.enter_right_action.setChecked(self.view.enter_moves_right)

    def _build_menus(self) -> None:
        file_menu = self.file_menu
        file_menu.addActions([self.new_action, self.open_action, self.import_action, self.summary_action])
        self.recent_menu = file_menu.addMenu("最近打开")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        file_menu.addSeparator()
        file_menu.addActions([self.export_xlsx_action, self.export_pdf_action, self.preview_action, self.print_action,
                              self.claims_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.edit_menu
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        view = self.view
        edit_menu.addActions([view.add_indicator_action, view.delete_indicator_action, view.move_up_action,
                              view.move_down_action, *view.table_actions.row_moves(), view.group_weight_action,
                              view.manual_score_action])
        self.comparator_menu = edit_menu.addMenu("插入比较符")
        self.comparator_menu.addActions(view.comparator_actions)
        edit_menu.addSeparator()
        edit_menu.addActions([self.project_action, self.template_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.enter_right_action)
        self.review.fill_menu(self.review_menu)
        self.help_menu.addActions([self.help_action, self.about_action])

    def _build_toolbar(self) -> None:
        from PySide6.QtCore import Qt

        bar = QToolBar("常用", self)
        bar.setObjectName("mainToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setMovable(False)
        bar.addActions([self.new_action, self.open_action, self.save_action])
        bar.addSeparator()
        bar.addActions([self.undo_action, self.redo_action])
        bar.addSeparator()
        bar.addActions([self.view.add_indicator_action, self.view.delete_indicator_action,
                        self.view.group_weight_action, self.project_action])
        bar.addSeparator()
        bar.addActions([self.export_xlsx_action, self.export_pdf_action, self.preview_action])
        self.addToolBar(bar)

    def _fill_recent_menu(self) -> None:
        menu: QMenu = self.recent_menu
        menu.clear()
        paths = self.context.recent.paths()
        for number, path in enumerate(paths, start=1):
            action = menu.addAction(f"&{number} {path.name}")
            action.setStatusTip(str(path))
            action.setToolTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_recent(p))
        if not paths:
            menu.addAction("（无）").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("清除列表", self.context.recent.clear)

    def open_recent(self, path: Path) -> bool:
        if not path.exists():
            self.prompts.error("文件不存在",
                               f"找不到文件：\n{path}\n\n它可能已被移动、改名或删除，已从“最近打开”中移除。")
            self.context.recent.remove(path)
            return False
        return self.files.open(path)

    # ------------------------------------------------------------ drag and drop, closing

    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
        from perfdesk.gui.file_actions import OPENABLE_SUFFIXES

        for url in event.mimeData().urls():
            path = Path(url.toLocalFile())
            if url.isLocalFile() and path.suffix.lower() in OPENABLE_SUFFIXES:
                return path
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from perfdesk.gui.summary.drop import dropped_for_summary

        if self._dropped_file(event) is not None or dropped_for_summary(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        from perfdesk.gui.summary.drop import dropped_for_summary

        several = dropped_for_summary(event.mimeData())  # several files or a folder: the 汇总 window
        if several:
            event.acceptProposedAction()
            self.files.summarize(several)
            return
        path = self._dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.files.open(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.furnished:  # the frame, closed while the program was loading: nothing to keep
            event.accept()
            return
        if not self.files.maybe_save():
            event.ignore()
            return
        self.autosaver.discard()
        self.file_state.release()
        self.context.forget(self)
        heap.release()  # this window's objects become garbage
        if self.context.windows:  # the tables still open are set aside again once it is gone
            QTimer.singleShot(heap.SETTLE_AFTER_MS, self.context.windows[0], heap.settle)
        event.accept()
