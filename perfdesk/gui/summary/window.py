"""The 汇总 window: many submitted tables in one list, read in the background, filtered and totalled.

Reading happens in `SummaryReader` threads: one for the files the user adds
(additions wait their turn in `_queue`) and one per row re-read after its table
was saved. The GUI thread only takes finished rows, at most every `DRAIN_MS`.
Closing the window cancels the readers and closes for real once they have stopped.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QModelIndex, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from perfdesk.core.summary.batch import TIME_LIMIT
from perfdesk.core.summary.scan import TABLE_SUFFIXES
from perfdesk.gui import preferences
from perfdesk.gui.dialogs import Prompts
from perfdesk.gui.geometry import fitted_size
from perfdesk.gui.summary.columns import COLUMNS
from perfdesk.gui.summary.drop import dropped_paths
from perfdesk.gui.summary.exports import EXCEL, PDF, SummaryExport, export_rows
from perfdesk.gui.summary.figures import Figures, FiguresWorker
from perfdesk.gui.summary.filter_bar import FilterBar
from perfdesk.gui.summary.reader import DRAIN_MS, SummaryReader
from perfdesk.gui.summary.row_opener import RowOpener
from perfdesk.gui.summary.table_model import SummaryModel

if TYPE_CHECKING:
    from perfdesk.core.rules.profile import TemplateLibrary
    from perfdesk.gui.app import AppContext

PREFERRED_SIZE = (1360, 860)
TABLES_FILTER = f"自评表 ({' '.join('*' + s for s in TABLE_SUFFIXES)});;所有文件 (*)"
#: While files are read, the totals line and duplicate marks are brought up to date this often (ms).
FIGURES_EVERY_MS = 500
FULL_SCREEN = 40  # rows: more than a 1366×768 window shows
EMPTY_HINT = "把存放自评表的文件夹（或多个文件）拖到这里，或点“添加文件夹…”。"


def grade_order(library: TemplateLibrary) -> list[str]:
    """Every template's grades, best first (优, 良, 中, 差 …), each once."""
    return list(dict.fromkeys(band.label for profile in library for band in profile.grades))


def open_summary(context: AppContext, paths: Sequence[str | Path] = ()) -> SummaryWindow:
    """A new 汇总 window reading `paths`; the context keeps it alive until it closes."""
    window = SummaryWindow(context, paths)
    context.summaries.append(window)
    window.destroyed.connect(lambda: context.summaries.remove(window) if window in context.summaries else None)
    window.show()
    return window


class SummaryWindow(QMainWindow):
    """The 汇总 desk of one supervisor: the files added, their rows, the filters and the totals."""

    def __init__(self, context: AppContext, paths: Sequence[str | Path] = (), workers: int | None = None,
                 time_limit: float = TIME_LIMIT) -> None:
        """`workers`: reading processes (None: one per core, at most 8; 0: read in the reading thread,
        where a file that never finishes cannot be skipped); `time_limit`: seconds a file may take."""
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("汇总 – PerfDesk")
        self.context = context
        self.workers = workers
        self.time_limit = time_limit
        self.grades = grade_order(context.library)
        self.prompts = Prompts(self)
        self.sources: list[str] = []  # what the user added, read again by 重新读取
        self._queue: list[tuple[list[str], bool]] = []  # (paths, clear the list first)
        self._reader: SummaryReader | None = None
        self._refreshers: list[SummaryReader] = []
        self._expected = 0  # files of the running read
        self._read = 0
        self._closing = False
        self.model = SummaryModel(self)
        self.opener = RowOpener(context, self)
        self.opener.changed.connect(self.refresh_file)
        self._build()
        self._drain = QTimer(self)
        self._drain.setSingleShot(True)
        self._drain.timeout.connect(self._take_rows)
        self._since_drain = QElapsedTimer()
        self._since_drain.start()
        self.figures = FiguresWorker(self)
        self.figures.ready.connect(self._show_figures)
        self._asked = self._shown = 0  # generations of the figures requested and shown
        self._figures_due = QTimer(self)  # while rows arrive, the totals are counted this often
        self._figures_due.setSingleShot(True)
        self._figures_due.setInterval(FIGURES_EVERY_MS)
        self._figures_due.timeout.connect(self._ask_figures)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._stop_now)
        self.setAcceptDrops(True)
        self._fit()
        self._ask_figures()
        if paths:
            self.add([str(p) for p in paths])

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        bar = QToolBar("汇总", self)
        bar.setObjectName("summaryToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_folder_action = bar.addAction("添加文件夹…", self.add_folder)
        self.add_files_action = bar.addAction("添加文件…", self.add_files)
        self.reread_action = bar.addAction("重新读取", self.reread)
        self.reread_action.setToolTip("清空列表，重新读取已添加的全部文件夹和文件")
        bar.addSeparator()
        self.export_xlsx_action = bar.addAction("导出Excel…", lambda: self.export(EXCEL))
        self.export_pdf_action = bar.addAction("导出PDF…", lambda: self.export(PDF))
        for action in (self.export_xlsx_action, self.export_pdf_action):
            action.setToolTip("导出表中当前显示的行（按当前筛选和排序）")
        bar.addSeparator()
        bar.addWidget(QLabel(" 汇总单位："))
        self.unit_edit = QLineEdit(preferences.summary_unit())
        self.unit_edit.setPlaceholderText("印在汇总表上的单位名称")
        self.unit_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("中") * 16)
        self.unit_edit.editingFinished.connect(lambda: preferences.remember_summary_unit(self.unit_edit.text().strip()))
        bar.addWidget(self.unit_edit)
        self.addToolBar(bar)

        self.filters = FilterBar()
        self.filters.changed.connect(self._apply_filter)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.activated.connect(self._open_index)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics, titles = self.fontMetrics(), header.fontMetrics()
        half, digit = metrics.horizontalAdvance("中") / 2, metrics.horizontalAdvance("0")
        for number, column in enumerate(COLUMNS):
            title = max(titles.horizontalAdvance(line) for line in column.title.splitlines()) + 16
            header.resizeSection(number, max(title, int(column.width * (digit if column.latin else half)) + 10))
        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals_label)
        self.setCentralWidget(central)
        self.table.setFocus()  # not the 汇总单位 box, which is typed into once

        self.progress_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setToolTip("停止读取；已读取的文件留在表中")
        self.cancel_button.clicked.connect(self.cancel)
        status = self.statusBar()
        status.addWidget(self.progress_label, 1)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        self._show_progress(False)

    def _fit(self) -> None:
        saved = preferences.summary_geometry()
        if saved is not None and self.restoreGeometry(saved):
            return
        area = self.screen().availableGeometry()
        width, height = fitted_size(area, PREFERRED_SIZE)
        self.resize(width, height)
        self.move(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2)

    # ------------------------------------------------------------ adding and reading

    def add_folder(self) -> None:
        folder = self.prompts.open_folder("添加文件夹（含子文件夹中的自评表）")
        if folder is not None:
            self.add([str(folder)])

    def add_files(self) -> None:
        files = self.prompts.open_files("添加自评表文件", TABLES_FILTER)
        if files:
            self.add([str(f) for f in files])

    def add(self, paths: Sequence[str]) -> None:
        """Read the tables under `paths` (after the read under way); files already listed are skipped."""
        self.sources.extend(p for p in paths if p not in self.sources)
        self._queue.append((list(paths), False))
        self._start_next()

    def reread(self) -> None:
        """重新读取: the list emptied and every added folder and file read again (after saving elsewhere)."""
        if not self.sources:
            return
        self._queue = [(list(self.sources), True)]
        if self._reader is not None:
            self._reader.cancel()  # the next read starts when it has stopped
        else:
            self._start_next()

    def cancel(self) -> None:
        """取消: stop reading; what was read stays listed."""
        self._queue.clear()
        if self._reader is not None:
            self._reader.cancel()
            self.progress_label.setText("正在停止……")
            self.cancel_button.setEnabled(False)

    def _start_next(self) -> None:
        if self._reader is not None or not self._queue or self._closing:
            return
        paths, fresh = self._queue.pop(0)
        if fresh:
            self.model.clear()
        reader = SummaryReader(paths, self.model.files(), self.workers, self.time_limit, self)
        reader.found.connect(self._found)
        reader.available.connect(self._rows_available)
        reader.finished.connect(lambda: self._finished(reader))
        self._reader, self._expected, self._read = reader, 0, 0
        self.progress.setRange(0, 0)  # busy while the folders are listed
        self.progress_label.setText("正在查找自评表文件……")
        self.cancel_button.setEnabled(True)
        self.statusBar().clearMessage()  # a message would hide the progress
        self._show_progress(True)
        reader.start()

    def _found(self, files: list[str]) -> None:
        self.model.expect(files)
        self._expected = len(files)
        self.progress.setRange(0, max(1, self._expected))
        self._show_read()

    def _show_read(self) -> None:
        self.progress.setValue(self._read)
        self.progress_label.setText(f"正在读取：{self._read} / {self._expected} 个文件")

    def _rows_available(self) -> None:
        if not self._drain.isActive():
            # the first screenful at once; then fewer, larger batches: each costs a repaint
            every = DRAIN_MS if self.model.rowCount() < FULL_SCREEN else DRAIN_MS * 3
            self._drain.start(max(0, every - self._since_drain.elapsed()))

    def _take_rows(self) -> None:
        self._since_drain.restart()
        if self._reader is not None:
            rows = self._reader.take()
            self._read += len(rows)
            self.model.add_rows(rows)
            if self._expected:
                self._show_read()
        for reader in self._refreshers:
            self.model.add_rows(reader.take())
        if not self._figures_due.isActive():
            self._figures_due.start()

    def _finished(self, reader: SummaryReader) -> None:
        self._take_rows()
        self._ask_figures()
        if reader in self._refreshers:
            self._refreshers.remove(reader)
        elif reader is self._reader:
            self._reader = None
            self.statusBar().showMessage(self._outcome(reader.cancelled.is_set() and not self._queue), 0)
            self._show_progress(False)
            if reader.failure:
                self.prompts.error("汇总读取中断", f"{reader.failure}\n\n已读取的文件仍在表中，可以点“重新读取”再试。")
            self._start_next()
        reader.deleteLater()
        if self._closing and not self.busy:
            self.close()

    def _outcome(self, stopped: bool) -> str:
        done = f"已读取 {self._read} / {self._expected} 个文件"
        if stopped:
            return f"已取消：{done}。"
        return f"{done}。" if self._expected else "没有找到新的自评表文件（已在表中的文件不会重复读取）。"

    @property
    def busy(self) -> bool:
        """Some file is being read (the list, or a row being re-read), or the totals are being counted."""
        return (self._reader is not None or bool(self._refreshers) or self._shown != self._asked
                or self._figures_due.isActive())

    def _show_progress(self, on: bool) -> None:
        for widget in (self.progress_label, self.progress, self.cancel_button):
            widget.setVisible(on)

    def refresh_file(self, file: str) -> None:
        """Read one listed file again (its table was saved or closed) and update its row where it stands."""
        if self._closing or not self.model.has_file(file):
            return
        # one worker, not this process: a file that hangs since it was listed is skipped in time
        reader = SummaryReader([file], (), 0 if self.workers == 0 else 1, self.time_limit, self)
        reader.available.connect(self._rows_available)
        reader.finished.connect(lambda: self._finished(reader))
        self._refreshers.append(reader)
        reader.start()

    # ------------------------------------------------------------ filters, totals, opening

    def _apply_filter(self) -> None:
        row_filter = self.filters.row_filter()
        if row_filter != self.model.row_filter:  # the same filter (a space typed) counts nothing again
            self.model.set_filter(row_filter)
            self._ask_figures()

    def _ask_figures(self) -> None:
        self._figures_due.stop()
        self._asked += 1
        self.figures.request(self._asked, self.model.entries(), self.model.row_filter, self.grades)

    def _show_figures(self, figures: Figures) -> None:
        self._shown = figures.generation
        self.model.set_duplicates(figures.entries, figures.duplicates)
        self.filters.offer(figures.statuses, figures.grades, figures.departments, self.grades)
        self.totals_label.setText(figures.totals if figures.entries else EMPTY_HINT)
        if self._closing and not self.busy:
            self.close()

    def _open_index(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row())
        self.opener.open(entry.row.file, entry.row.where)

    def export(self, kind: SummaryExport) -> Path | None:
        unit = self.unit_edit.text().strip()
        preferences.remember_summary_unit(unit)
        rows = [e.row for e in self.model.shown()]
        return export_rows(self, self.prompts, kind, rows, unit, self.grades, filtered=len(rows) != self.model.total())

    # ------------------------------------------------------------ drops and closing

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.add([str(p) for p in paths])

    def closeEvent(self, event: QCloseEvent) -> None:
        """Readers are cancelled first; the window hides and closes once they have stopped."""
        if not self._closing:
            preferences.remember_summary_geometry(bytes(self.saveGeometry().data()))
        self._closing = True
        self._queue.clear()
        if self.busy:
            for reader in (self._reader, *self._refreshers):
                if reader is not None:
                    reader.cancel()
            self.hide()
            event.ignore()
            return
        event.accept()

    def _stop_now(self) -> None:
        """The program quits: no event loop is left to wait in, so wait here."""
        self._queue.clear()
        for reader in (self._reader, *self._refreshers):
            if reader is not None:
                reader.cancel()
                reader.wait()
        self.figures.wait()
