"""新建 / 打开 / 保存 / 另存为 of the main window, with read-only opening and file locks.

A file that cannot be written (read-only file or folder) opens read-only: the
window says so and 保存 is replaced by 另存为. For a file another user holds open
(perfdesk.core.files.lock) the user chooses read-only or take-over. A file is
never open twice in one program. Every failure is a Chinese message; nothing
here lets an exception escape into the event loop.

A file is read while the event loop runs (`responsive`): meanwhile the window opens
nothing else, its table (which the file replaces) cannot be changed, so nothing typed
meanwhile is lost, and if it is closed (without asking again about the table's unsaved
changes: that was answered before the read), what was read opens in a window of its own.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.model.factory import ensure_rows, new_document
from perfdesk.core.rules.profile import TemplateError
from perfdesk.gui.dialogs import PDESK_FILTER, LockChoice, Prompts, SaveChoice

if TYPE_CHECKING:
    from perfdesk.core.files import lock as file_lock
    from perfdesk.core.model.document import Document
    from perfdesk.gui.main_window import MainWindow

T = TypeVar("T")

UNTITLED = "未命名自评表"
OPENABLE_SUFFIXES = (".pdesk", ".xlsx", ".xlsm", ".xls", ".et", ".docx", ".doc", ".wps", ".rtf", ".pdf")
#: The tip of every greyed command while a file is read to replace the table.
READING_TIP = "正在读取文件，读完后才能修改"


@dataclass
class FileState:
    """Which file the window's document belongs to."""

    path: Path | None = None  # where 保存 writes; None for a new or imported document
    name: str = UNTITLED  # shown in the title
    read_only: bool = False
    read_only_reason: str = ""
    lock: file_lock.Lock | None = None
    suggested: Path | None = None  # proposed by 另存为 when there is no path (imported .xlsx)

    @property
    def unprotected_reason(self) -> str:
        """Why others are not warned off this file (its lock file could not be made), else ""."""
        if self.lock is None or self.lock.held:
            return ""
        return f"无法创建锁文件（{self.lock.problem}），他人同时打开此文件时不会得到提醒，保存也可能失败"

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def writable(path: Path) -> bool:
    """The file and its folder can be written; a read-only attribute counts even for root."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    if not mode & stat.S_IWUSR:
        return False
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def same_file(a: Path, b: Path) -> bool:
    """Two names of one file (relative, `..`, links, letter case on Windows)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them is gone: compare the names
        return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def state_for(path: Path, ask_locked: Callable[[str], LockChoice]) -> FileState | None:
    """Save target, read-only status and lock of a file being opened; None = the user gave up.

    An exported workbook is imported: 保存 then asks for a new .pdesk name. For a file
    another user holds, `ask_locked(holder message)` chooses read-only, take-over or cancel.
    """
    if path.suffix.lower() == ".xlsx":
        return FileState(None, path.name, suggested=path.with_suffix(".pdesk"))
    if not path.exists():  # a recovered document whose file has since gone
        return FileState(None, path.name, suggested=path)
    if not writable(path):
        return FileState(path, path.name, read_only=True, read_only_reason="文件或其所在文件夹不可写入")
    from perfdesk.core.files import lock as file_lock  # here, not with the first (new, unsaved) window

    try:
        return FileState(path, path.name, lock=file_lock.acquire(path))
    except file_lock.LockedError as exc:
        choice = ask_locked(f"此文件正由 {exc.holder.describe()}打开。")
    if choice is LockChoice.TAKE_OVER:
        try:
            return FileState(path, path.name, lock=file_lock.acquire(path, force=True))
        except file_lock.LockedError:  # re-taken in the same instant: someone really has it
            choice = LockChoice.READ_ONLY
    if choice is LockChoice.READ_ONLY:
        return FileState(path, path.name, read_only=True, read_only_reason="文件正由他人打开")
    return None


def warn_if_unprotected(prompts: Prompts, state: FileState) -> None:
    """Say at once, in a dialog, what the window's red note keeps saying (no lock file could be made)."""
    if state.unprotected_reason:
        prompts.warning("修改未受保护", f"“{state.name}”已打开，但{state.unprotected_reason}。\n\n"
                                      "请先腾出磁盘空间，或把文件另存到其他位置。")


def bring_forward(window: QWidget) -> None:
    """Show a window that already holds the file instead of opening it a second time."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def _cannot_open(prompts: Prompts, exc: Exception) -> None:
    prompts.error("无法打开文件", f"{exc}\n\n文件没有被修改。"
                  "请确认选择的是 PerfDesk 自评表（.pdesk）或由 PerfDesk 导出的 Excel 表。")


class FileActions:
    """The file commands of one window; the window owns it and gives it itself."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.reading: Path | None = None  # the file being read for this window (see `read`)

    @property
    def state(self) -> FileState:
        return self.window.file_state

    @property
    def closed(self) -> bool:
        """The window has been closed (as it may be while a file is read for it, and then deleted)."""
        return self.window not in self.window.context.windows

    @property
    def prompts(self) -> Prompts:
        """The window's questions and messages; the program's once the window is closed."""
        return self.window.context.prompts if self.closed else self.window.prompts

    # ------------------------------------------------------------ reading

    def busy(self, doing: str = "新建、打开或导入") -> bool:
        """True, and the status bar says so (until the read ends), while a file is read for this window:
        what 新建, 打开 or 导入 put in it, or what is `doing` to its table, would be replaced by that file."""
        if self.reading is None:
            return False
        self.window.statusBar().showMessage(f"正在读取“{self.reading.name}”，读完后才能{doing}。")
        return True

    def read(self, path: Path, work: Callable[[], T]) -> T:
        """`work()`, reading `path`, off the GUI thread (`responsive`); the window is `busy` meanwhile
        and its table read-only (`hold_edits`) until the read ends, however it ends.

        The file replaces the window's table: its caller has settled that table's unsaved changes
        first (`maybe_save`), so closing the window meanwhile does not ask about them again."""
        from perfdesk.gui.responsive import read_responsively

        self.reading = path
        try:
            self.hold_edits()
            return read_responsively(self.window, f"正在读取“{path.name}”……", work)
        finally:
            self.reading = None
            if not self.closed:  # else the window is gone, or going, with its table
                self.hold_edits()

    def hold_edits(self) -> None:
        """While `reading`, nothing changes the table the file will replace: the commands that would
        are greyed (the window's `EditGate`), the grid is read-only, every other edit is refused by
        the session's guard (`busy`) and the status line says why; when the read ends, all of it comes back."""
        window = self.window
        if self.reading is not None:
            window.edit_gate.hold(READING_TIP)
            self.busy("修改表格")
        else:
            window.edit_gate.release()
            window.statusBar().clearMessage()
        window.review.refresh()

    def receive(self, path: Path, show: Callable[[MainWindow], bool]) -> bool:
        """`show(window)` what was read from `path` in this window or, when it was closed during the
        read, in a new window of its own; False when nothing was shown. A window that has opened
        `path` meanwhile is brought forward instead."""
        context = self.window.context
        shown = context.window_for(path)
        if shown is not None and shown is not self.window:
            bring_forward(shown)
            return False
        if not self.closed:
            return show(self.window)
        window = context.new_window()
        if show(window):
            window.show()
            return True
        window.close()
        return False

    # ------------------------------------------------------------ questions

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False when the user cancels (or saving failed).

        Not while a file is read to replace the table (the window is closed meanwhile): the user
        answered before the read began (`read`), and the table cannot change until it ends."""
        if self.reading is not None:
            return True
        self.window.view.commit_open_editor()
        session = self.window.session
        if session.undo_stack.isClean():
            return True
        choice = self.window.prompts.ask_save_changes(self.state.name)
        if choice is SaveChoice.SAVE:
            return self.save()
        return choice is SaveChoice.DISCARD

    # ------------------------------------------------------------ new / open

    def new(self) -> bool:
        if self.busy() or not self.maybe_save():
            return False
        profile = self.window.context.ask_template(self.window.prompts)
        if profile is None:
            return False
        self.window.install_document(new_document(profile), profile, FileState(), fresh=True)
        return True

    def open_dialog(self) -> bool:
        if self.busy() or not self.maybe_save():
            return False
        folder = str(self.state.path.parent) if self.state.path else ""
        path = self.window.prompts.open_path(folder)
        return path is not None and self.open(path, ask_first=False)

    def open(self, path: Path, ask_first: bool = True, where: str = "") -> bool:
        """Open `path` in this window (replacing its document); False when nothing changed here.

        `where` names the sheet or table of a hand-made file to open without asking which.
        A file another window shows is brought forward, and one with a recovery copy left by
        a crash is offered back (in a window of its own), instead of opening it again.
        """
        if self.busy():
            return False
        context = self.window.context
        shown = context.window_for(path)
        if shown is not None and shown is not self.window:
            bring_forward(shown)
            return False
        if shown is None and context.offer_recovery(path):
            return False
        if ask_first and not self.maybe_save():
            return False
        from perfdesk.gui.import_report import is_importable, open_imported

        if is_importable(path):  # a hand-made table (or an exported workbook): read with its report
            return open_imported(self.window, path, where)
        from perfdesk.core.files.opening import open_document
        from perfdesk.gui.responsive import Cancelled

        try:
            doc = self.read(path, lambda: open_document(path))
        except Cancelled:
            return False  # nothing opened, nothing changed
        except DocumentFileError as exc:
            _cannot_open(self.prompts, exc)
            return False
        return self.receive(path, lambda window: window.files._show_read(path, doc))

    def _show_read(self, path: Path, doc: Document) -> bool:
        """Show `doc`, read from `path`, in this window, with its template, lock and read-only state."""
        prompts = self.window.prompts
        try:
            profile = self.window.context.library.get(doc.template_id)
        except TemplateError as exc:
            _cannot_open(prompts, exc)
            return False
        ensure_rows(doc, profile)
        state = self._reuse_own_lock(path) or state_for(path, prompts.ask_locked)
        if state is None:
            return False
        self.window.install_document(doc, profile, state)
        self.window.context.recent.add(path)
        if state.read_only:
            self.window.statusBar().showMessage(f"已以只读方式打开：{state.read_only_reason}。修改后请用“另存为”保存。")
        warn_if_unprotected(prompts, state)
        return True

    def _reuse_own_lock(self, path: Path) -> FileState | None:
        """Reopening the window's own file keeps its lock instead of finding it locked."""
        if self.state.lock is None or self.state.path != path:
            return None
        lock, self.state.lock = self.state.lock, None
        return FileState(path, path.name, lock=lock)

    def summarize(self, paths: list[Path] | None = None) -> bool:
        """文件 › 汇总文件夹…: a 汇总 window reading `paths` (asked for as a folder when None)."""
        if paths is None:
            folder = self.window.prompts.open_folder("汇总文件夹（含子文件夹中的自评表）")
            if folder is None:
                return False
            paths = [folder]
        from perfdesk.gui.summary.window import open_summary  # the 汇总 desk: loaded on first use

        open_summary(self.window.context, paths)
        return True

    # ------------------------------------------------------------ save

    def save(self) -> bool:
        self.window.view.commit_open_editor()  # Ctrl+S while typing in a cell saves that text too
        if self.state.read_only or self.state.path is None:
            return self.save_as()
        return self._write(self.state.path)

    def save_as(self) -> bool:
        self.window.view.commit_open_editor()
        state = self.state
        suggested = state.path or state.suggested or Path(f"{self.window.session.doc.project.name or UNTITLED}.pdesk")
        path = self.window.prompts.save_path("另存为", str(suggested), PDESK_FILTER)
        if path is None:
            return False
        if path.suffix.lower() != ".pdesk":
            path = path.with_name(path.name + ".pdesk")
        if path == state.path and not state.read_only:
            return self._write(path)
        from perfdesk.core.files import lock as file_lock

        try:
            lock = file_lock.acquire(path)
        except file_lock.LockedError as exc:
            holder = exc.holder.describe()
            self.window.prompts.error("无法保存", f"此文件正由 {holder}打开。\n\n请换一个文件名或位置保存。")
            return False
        if not self._write(path):
            lock.release()
            return False
        state.release()
        self.window.set_file_state(FileState(path, path.name, lock=lock))
        return True

    def _write(self, path: Path) -> bool:
        self.window.reveal_problems()  # saving shows every problem, also those of fields not yet touched
        session = self.window.session
        from perfdesk.core.files.storage import save_document

        try:
            save_document(session.doc, path)
        except DocumentFileError as exc:
            self.window.prompts.error("保存失败", f"{exc}\n\n您的修改仍在窗口中，并已保存恢复副本。请另存到其他位置。")
            self.window.autosaver.save_now()
            return False
        session.undo_stack.setClean()
        self.window.context.recent.add(path)
        self.window.statusBar().showMessage(f"已保存到 {path}", 5000)
        return True
