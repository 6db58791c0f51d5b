"""文件 › 导入…: open a hand-made 自评表 (Excel/WPS/Word) and show what was read from where.

The core does the reading (`perfdesk.core.imports`); this module asks which table
to open when a file holds several, whether to take Excel's values when a
PerfDesk workbook was edited in Excel, shows the import report (a dialog the
user can leave open and click through) and outlines the cells that need
attention in the grid.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.imports.compare import use_visible
from perfdesk.core.imports.importer import IMPORT_SUFFIXES, import_file
from perfdesk.core.imports.recheck import recheck
from perfdesk.core.imports.report import ImportedTable, ImportResult
from perfdesk.core.layout.table import Cell
from perfdesk.core.model.factory import ensure_rows
from perfdesk.core.model.places import where_now, with_row_id
from perfdesk.core.model.results import Location
from perfdesk.core.rules.profile import TemplateError
from perfdesk.gui.responsive import Cancelled
from perfdesk.gui.template_change import change_template

if TYPE_CHECKING:
    from perfdesk.gui.main_window import MainWindow
    from perfdesk.gui.table.view import TableView

IMPORT_FILTER = "自评表文件 (*.xlsx *.xlsm *.xls *.et *.docx *.doc *.wps *.rtf *.pdf);;所有文件 (*)"
MARK_COLOR = QColor(230, 120, 0)
_LOCATION = Qt.ItemDataRole.UserRole


def import_dialog(window: MainWindow) -> bool:
    """文件 › 导入…: choose a file, then `open_imported`."""
    if window.files.busy() or not window.files.maybe_save():
        return False
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(window, "导入自评表（Excel / WPS / Word / PDF）", "", IMPORT_FILTER)
    return bool(path) and open_imported(window, Path(path))


def is_importable(path: Path) -> bool:
    return path.suffix.lower() in IMPORT_SUFFIXES


def open_imported(window: MainWindow, path: Path, where: str = "") -> bool:
    """Import `path` into the window; False when nothing changed (the user is told why).

    `where` names the sheet or Word table to open (a 汇总 row of one project of a
    workbook); without it a file of several tables asks which one.
    """
    try:
        library = window.context.library
        result = window.files.read(path, lambda: import_file(path, library))
    except Cancelled:
        return False
    except DocumentFileError as exc:
        window.files.prompts.error("无法导入文件", f"{exc}\n\n文件没有被修改。")
        return False
    return window.files.receive(path, lambda target: _show_imported(target, path, result, where))


def _show_imported(window: MainWindow, path: Path, result: ImportResult, where: str) -> bool:
    """The table of `result` named by `where` (else the one chosen) in `window`, with its report."""
    from perfdesk.gui.file_actions import FileState

    table = _table_at(window, path, result.tables, where) if where else _choose_table(window, result.tables)
    if table is None:
        return False
    if table.differences and _ask_take_excel(window, table):
        use_visible(table)
    try:
        profile = window.context.library.get(table.document.template_id)
    except TemplateError as exc:
        window.prompts.error("无法导入文件", str(exc))
        return False
    ensure_rows(table.document, profile)
    stem = path.stem if len(result.tables) == 1 else f"{path.stem}-{table.where}"
    state = FileState(None, f"{path.name}（导入）", suggested=path.with_name(f"{stem}.pdesk"))
    window.install_document(table.document, profile, state)
    window.context.recent.add(path)
    if table.embedded is None or not table.clean:  # a PerfDesk workbook that matches needs no report
        ImportReportDialog(window, table, result.skipped).show()
        ImportMarks(window.view, [p.location for p in table.problems if p.location is not None])
    return True


def _choose_table(window: MainWindow, tables: list[ImportedTable]) -> ImportedTable | None:
    if len(tables) == 1:
        return tables[0]
    names = [f"{t.where}：{t.document.project.name or '（无项目名称）'}" for t in tables]
    chosen, ok = QInputDialog.getItem(window, "选择要打开的自评表",
                                      f"文件中有 {len(tables)} 张自评表，请选择一张打开"
                                      "（其余可再次导入，或用 perfdesk import 一次全部转换）：", names, 0, False)
    return tables[names.index(chosen)] if ok else None


def _table_at(window: MainWindow, path: Path, tables: list[ImportedTable], where: str) -> ImportedTable | None:
    """The table named `where`, or None after saying it is gone (renamed or deleted since it was listed)."""
    table = next((t for t in tables if t.where == where), None)
    if table is None:
        window.prompts.error("无法打开自评表", f"“{path.name}”中已找不到“{where}”（工作表或表格可能已改名或删除）。\n\n"
                             "文件没有被修改。请在汇总窗口点“重新读取”更新列表。")
    return table


def _ask_take_excel(window: MainWindow, table: ImportedTable) -> bool:
    """True when the user takes the values shown in Excel over the embedded document."""
    shown = "\n".join(f"{d.address}：Excel 中为“{d.excel}”，原数据为“{d.embedded}”" for d in table.differences[:12])
    more = f"\n……共 {len(table.differences)} 处" if len(table.differences) > 12 else ""
    box = QMessageBox(QMessageBox.Icon.Question, "工作簿在 Excel 中被修改过",
                      f"此 PerfDesk 工作簿的表格与内嵌的原数据有 {len(table.differences)} 处不同：\n\n{shown}{more}",
                      parent=window)
    take = box.addButton("采用 Excel 中的值", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("保留原数据", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is take


class ImportReportDialog(QDialog):
    """需要注意 / 与原数据不同 / 已读取 / 未导入: each line names its cell; a double click shows it in the table."""

    def __init__(self, window: MainWindow, table: ImportedTable, skipped: list[str]) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(f"导入报告 — {table.source}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        self.session = window.session
        self.table = table
        self._profile = self.session.profile  # the template the summary and the score checks follow
        self.summary = QLabel(self._summary())
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.session.changed.connect(self._follow_session)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["位置", "内容", "说明"])
        self.tree.setColumnWidth(0, 230)
        self.tree.setColumnWidth(1, 200)
        layout.addWidget(self.tree)
        self._section("需要注意", [(p.address, "", p.message, p.location) for p in table.problems], expand=True)
        self._section("与原数据不同", [(d.address, d.excel, f"原数据为“{d.embedded}”", None)
                                    for d in table.differences], expand=True)
        self._checks_at = self.tree.topLevelItemCount()
        self._checks: QTreeWidgetItem | None = None
        self._show_checks()
        self._section("已读取", [(i.address, i.value, i.what, i.location) for i in table.read],
                      expand=not table.problems)
        self._section("未导入的工作表或表格", [("", "", s, None) for s in skipped], expand=True)
        self.tree.itemDoubleClicked.connect(self._show)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.close)
        self.template_button = buttons.addButton("更换模板…", QDialogButtonBox.ButtonRole.ActionRole)
        self.template_button.setToolTip("模板是按表格的样式推测的；推测错了，可在此改用其他模板")
        self.template_button.clicked.connect(self._change_template)
        layout.addWidget(buttons)
        self.resize(760, 460)

    def _summary(self) -> str:
        table, template_name = self.table, self.session.profile.name
        attention = (f"需要注意 {len(table.problems)} 处（表中以橙色框标出）。" if table.problems
                     else "没有需要注意的地方。")
        return (f"从“{table.source}”的 {table.where} 读取了 {len(table.read)} 项，模板：{template_name}。"
                f"{attention}原表中的得分已记为“原表得分”，由规则重新计算核对。")

    def _change_template(self) -> None:
        """The template was guessed from the layout: let the user correct it here, where it is named."""
        if self.window_.session is not self.session:  # another table was opened in the window since
            self.template_button.setEnabled(False)
            self.template_button.setToolTip("窗口中已打开另一张表")
            return
        change_template(self.window_)

    def _follow_session(self) -> None:
        """After 更换模板 (or its undo) the template named and the rule's scores are the new ones."""
        if self.session.profile is self._profile:
            return
        self._profile = self.session.profile
        self.summary.setText(self._summary())
        self._show_checks()

    def _show_checks(self) -> None:
        if self._checks is not None:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(self._checks))
        checks = recheck(self.session.doc, self.session.evaluation)
        self._checks = self._section("原表得分核对", [
            ("", f"原表 {c.claimed}，规则 {c.computed or '—'}", f"{c.what}：{'不一致' if c.differs else '一致'}",
             c.location) for c in checks], expand=any(c.differs for c in checks), at=self._checks_at)

    def _section(self, title: str, rows: list[tuple[str, str, str, Location | None]], expand: bool,
                 at: int | None = None) -> QTreeWidgetItem | None:
        if not rows:
            return None
        top = QTreeWidgetItem([f"{title}（{len(rows)}）"])
        self.tree.insertTopLevelItem(self.tree.topLevelItemCount() if at is None else at, top)
        for address, value, note, location in rows:
            item = QTreeWidgetItem([address, value.replace("\n", " ")[:80], note])
            item.setToolTip(1, value)
            item.setData(0, _LOCATION, None if location is None else with_row_id(self.window_.session.doc, location))
            top.addChild(item)
        top.setExpanded(expand)
        return top

    def _show(self, item: QTreeWidgetItem) -> None:
        location = item.data(0, _LOCATION)
        if isinstance(location, Location):
            now = where_now(self.window_.session.doc, location)  # the row may have moved since
            if now is not None:
                self.window_.show_location(now)


class ImportMarks(QWidget):
    """An orange outline over the grid cells an import could not read cleanly.

    A transparent overlay on the view's viewport, so the table model stays as it
    is; it removes itself when another document is installed in the view.
    """

    def __init__(self, view: TableView, locations: list[Location]) -> None:
        super().__init__(view.viewport())
        self.view = view
        self.session = view.session
        self.locations = [with_row_id(view.session.doc, location) for location in locations]
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setGeometry(view.viewport().rect())
        view.viewport().installEventFilter(self)
        view.horizontalScrollBar().valueChanged.connect(self._refit)
        view.verticalScrollBar().valueChanged.connect(self._refit)
        self.show()

    def _refit(self) -> None:
        """Scrolling moves a viewport's child widgets along: put the overlay back over the viewport."""
        self.setGeometry(self.view.viewport().rect())
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._refit()
        return False

    def paintEvent(self, event: object) -> None:
        if self.view.session is not self.session:
            self.view.viewport().removeEventFilter(self)
            self.deleteLater()
            return
        painter = QPainter(self)
        painter.setPen(QPen(MARK_COLOR, 2))
        model = self.view.model()
        for cell in self._cells():
            rect = self.view.visualRect(model.index(cell.row, cell.col))
            for c in range(cell.col + 1, cell.col + cell.colspan):
                rect = rect.united(self.view.visualRect(model.index(cell.row, c)))
            painter.drawRect(rect.translated(-self.pos()).adjusted(1, 1, -2, -2))
        painter.end()

    def marked_cells(self) -> list[tuple[int, int]]:
        """(row, column) of every outlined cell, for tests and the report."""
        return [(c.row, c.col) for c in self._cells()]

    def _cells(self) -> list[Cell]:
        """The outlined cells now: each place follows its row when rows were moved, inserted or deleted."""
        doc, layout = self.session.doc, self.session.layout
        places = (where_now(doc, location) for location in self.locations)
        cells = (layout.locate(place) for place in places if place is not None)
        return [cell for cell in cells if cell is not None]
