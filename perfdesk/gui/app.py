"""Start-up after the first window is on screen: the object graph, crash recovery, windows.

Everything the windows share (templates, recent files, the recovery folder,
start-up prompts) is built once here in an `AppContext` and passed down; there
are no global singletons. `launch` makes the QApplication and shows the first
window's frame before this module (and the program behind it) is loaded.
"""

from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from perfdesk import __version__
from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.files.recovery import RecoveredEntry, RecoverySlot, RecoveryStore
from perfdesk.core.model.document import Document
from perfdesk.core.model.factory import ensure_rows, new_document
from perfdesk.core.rules.profile import Profile, TemplateError, TemplateLibrary
from perfdesk.gui import preferences
from perfdesk.gui.dialogs import Prompts
from perfdesk.gui.file_actions import FileState, bring_forward, same_file, state_for, warn_if_unprotected
from perfdesk.gui.main_window import MainWindow
from perfdesk.gui.recent_files import RecentFiles
from perfdesk.paths import user_data_dir

if TYPE_CHECKING:
    from perfdesk.gui.os_signals import SignalBridge


@dataclass
class AppContext:
    """What all windows share; one per running application."""

    library: TemplateLibrary
    recent: RecentFiles
    recovery: RecoveryStore
    prompts: Prompts = field(default_factory=Prompts)  # questions asked before any window exists
    windows: list[MainWindow] = field(default_factory=list)
    summaries: list[QWidget] = field(default_factory=list)  # open 汇总 windows (gui.summary.window)
    #: Set when the program was told to stop (SIGTERM, or the start-up frame closed while a file was read),
    #: even before its loop ran.
    exit_code: int | None = None
    waiting: MainWindow | None = None  # the frame `launch` showed at start-up; the first window opened uses it

    @classmethod
    def create(cls) -> AppContext:
        return cls(TemplateLibrary(), RecentFiles(), RecoveryStore(user_data_dir() / "recovery"))

    # ------------------------------------------------------------ windows

    def open_window(self, doc: Document, profile: Profile, state: FileState | None = None,
                    slot: RecoverySlot | None = None, restored: bool = False, fresh: bool = False) -> MainWindow:
        window, self.waiting = self.waiting or MainWindow(), None
        window.furnish(self, doc, profile, state, slot, restored, fresh)
        self.windows.append(window)
        return window

    def new_window(self, profile: Profile | None = None) -> MainWindow:
        """A window with a new, empty table (of the last chosen template unless `profile` is given)."""
        profile = profile or self.remembered_template()
        return self.open_window(new_document(profile), profile, fresh=True)

    # ------------------------------------------------------------ templates

    def remembered_template(self) -> Profile:
        """The template of the last 新建, or the national one."""
        remembered = preferences.last_template()
        known = {p.id for p in self.library}
        return self.library.get(remembered) if remembered in known else self.library.default()

    def ask_template(self, prompts: Prompts) -> Profile | None:
        """Ask which template a new table follows (the last choice is offered first) and remember the answer."""
        profile = prompts.choose_template(self.library)
        if profile is not None:
            preferences.remember_template(profile.id)
        return profile

    def open_file(self, path: Path, where: str = "") -> MainWindow | None:
        """A window showing `path`, or None (the window's error dialog has said why).

        The window already showing it, or one restored from its recovery copy, if any.
        `where` names the sheet or table of a hand-made file that holds several. At start-up,
        closing the frame while the file is read quits, as closing it while it is painted does.
        """
        shown = self.window_for(path)
        if shown is not None:
            bring_forward(shown)
            return shown
        restored = self.offer_recovery(path)
        if restored:
            return restored[0]
        # Read in a window of its own, not in the start-up frame: reading keeps the program responsive,
        # and the frame would show an empty table to type into, where it says which file it opens.
        frame, self.waiting = self.waiting, None
        window = self.new_window()
        self.waiting = frame
        opened = window.files.open(path, ask_first=False, where=where)
        if frame is not None and not frame.isVisible() and self.exit_code is None:
            self.exit_code = 0  # the start-up frame was closed while the file was read: the user quit
        if opened and self.exit_code is None:
            if frame is not None:
                window.restoreGeometry(frame.saveGeometry())  # where the user sees (or put) the frame
            return window
        window.close()
        return None

    def window_for(self, path: Path) -> MainWindow | None:
        """The window showing the file at `path` (however its name is spelled), if any."""
        return next((w for w in self.windows if w.file_state.path and same_file(w.file_state.path, path)), None)

    def forget(self, window: MainWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)

    def flush_recovery(self) -> None:
        """Write every modified document's recovery copy now (before a risky moment)."""
        for window in self.windows:
            window.autosaver.save_now()

    def shut_down(self, exit_code: int) -> None:
        """Stopped from outside (log-out, shutdown, `kill`): no time to ask, so keep every
        recovery copy (offered at the next start), release every lock and quit."""
        self.flush_recovery()
        for window in self.windows:
            window.file_state.release()
        self.exit_code = exit_code
        QApplication.exit(exit_code)

    # ------------------------------------------------------------ start-up

    def offer_recovery(self, original: Path | None = None) -> list[MainWindow]:
        """Offer the copies a crash left behind (only those of `original`, when given);
        open the chosen ones, discard the rest."""
        entries = self.recovery.orphans()
        if original is not None:
            entries = [e for e in entries if e.original is not None and same_file(e.original, original)]
        if not entries:
            return []
        chosen = {e.slot_id for e in self.prompts.choose_recovery(entries)}
        windows = []
        for entry in entries:
            if entry.slot_id not in chosen:
                self.recovery.discard(entry)
                continue
            window = self._restore(entry)
            if window is not None:
                windows.append(window)
        return windows

    def _restore(self, entry: RecoveredEntry) -> MainWindow | None:
        try:
            doc = self.recovery.load(entry)
            profile = self.library.get(doc.template_id)
        except (DocumentFileError, TemplateError) as exc:
            self.prompts.error("无法恢复", f"恢复副本“{entry.title}”已损坏，无法恢复：\n{exc}\n\n该副本已被删除。")
            self.recovery.discard(entry)
            return None
        ensure_rows(doc, profile)
        state = FileState(name=entry.title)
        if entry.original is not None:
            asked = state_for(entry.original, self.prompts.ask_locked)
            state = asked or FileState(None, entry.original.name, suggested=entry.original)
        window = self.open_window(doc, profile, state, slot=self.recovery.adopt(entry.slot_id), restored=True)
        warn_if_unprotected(self.prompts, state)
        return window

    def start(self, paths: list[Path]) -> list[MainWindow]:
        """Recovered documents first, then the files asked for, else a new table; none once the
        program was told to stop while a file was read.

        On the first start nobody has chosen a template yet: ask (cancelling takes the
        national one). Later starts take the last choice; 新建 asks again.
        """
        windows = self.offer_recovery()
        for path in paths:
            window = self.open_file(path) if self.exit_code is None else None
            if window is not None:
                windows.append(window)
        if not windows and self.exit_code is None:
            chosen = self.ask_template(self.prompts) if preferences.last_template() is None else None
            windows.append(self.new_window(chosen))
        return [w for w in windows if w in self.windows]  # one closed while a later file was read is gone


def install_excepthook(context: AppContext) -> None:
    """An unexpected error shows a dialog, keeps every recovery copy and lets the program run on."""
    busy = False

    def hook(exc_type, exc, tb) -> None:
        nonlocal busy
        if busy or issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        busy = True
        try:
            from datetime import datetime

            details = "".join(traceback.format_exception(exc_type, exc, tb))
            sys.stderr.write(details)
            log = user_data_dir() / "crash.log"
            where = f"\n详细信息已记录在 {log}"
            try:
                log.parent.mkdir(parents=True, exist_ok=True)
                with log.open("a", encoding="utf-8") as out:
                    out.write(f"--- {datetime.now().isoformat(timespec='seconds')} PerfDesk {__version__}\n{details}")
            except OSError:
                where = ""
            context.flush_recovery()
            context.prompts.error(
                "程序内部错误",
                "PerfDesk 遇到了意外错误。您的修改已保存为恢复副本，可以继续工作；"
                f"建议尽快保存文件并重新启动程序。\n\n错误：{exc_type.__name__}: {exc}{where}",
            )
        finally:
            busy = False

    sys.excepthook = hook


def install_signal_handlers(context: AppContext, app: QCoreApplication | None) -> SignalBridge:
    """SIGTERM/SIGHUP keep the recovery copies and quit at once; SIGINT closes like the user would."""
    from perfdesk.gui.os_signals import SignalBridge  # its socket pair: not before the window

    bridge = SignalBridge(app)
    bridge.terminate.connect(lambda number: context.shut_down(128 + number))
    bridge.interrupt.connect(QApplication.closeAllWindows)
    return bridge


def run(app: QApplication, paths: list[Path], first: MainWindow | None = None) -> int:
    """The desktop application, opening `paths` (.pdesk, exported or hand-made tables), in `first`
    (the frame `launch` showed) and further windows; returns the exit code."""
    try:
        context = AppContext.create()
    except TemplateError as exc:
        Prompts().error("无法启动 PerfDesk", f"{exc}\n\n请重新安装 PerfDesk，或恢复被修改的模板文件。")
        if first is not None:
            first.close()
        return 1
    context.waiting = first
    install_excepthook(context)
    bridge = install_signal_handlers(context, app)
    try:
        for window in context.start(paths):
            window.show()
        if context.waiting is not None:  # the files opened in windows of their own: it has done its part
            context.waiting.close()
            context.waiting.deleteLater()
            context.waiting = None
        # A signal during a start-up question ended that question's loop, not a main loop yet.
        return app.exec() if context.exit_code is None else context.exit_code
    finally:
        bridge.uninstall()
