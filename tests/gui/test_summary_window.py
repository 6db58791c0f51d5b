"""The 汇总 window: a folder of tables read in the background, filtered, totalled, sorted, opened, refreshed."""

from __future__ import annotations

import shutil
import sys
import threading
import types
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from perfdesk.core.files.storage import load_document
from perfdesk.core.review.codec import read_review
from perfdesk.core.summary import batch
from perfdesk.core.summary.batch import summarize_paths
from perfdesk.core.summary.row import unreadable
from perfdesk.core.summary.scan import table_files
from perfdesk.gui.summary.columns import BUDGET, COLUMNS, FILE, NAME, REMARK
from perfdesk.gui.summary.exports import EXCEL, PDF
from perfdesk.gui.summary.table_model import DUPLICATE_BACKGROUND, UNREADABLE_TEXT
from perfdesk.gui.summary.window import SummaryWindow
from tests.gui.review_script import script_fixture  # noqa: F401 — the reviewer's name and opinion
from tests.gui.summary_tables import EXAMPLE, Table, write_table, write_tables
from tests.summary_hostile import hang_on_poison

TABLES = [
    Table("a.pdesk", "社区矫正", budget="5", executed="5", claims=False, submitted=True),
    Table("b.pdesk", "农村道路养护", department="区交通局", implementer="区公路站", budget="100", executed="80",
          blank_actuals=2),
    Table("c.pdesk", "饮水安全巩固", department="区水利局", implementer="区水务站", budget="10", executed="9"),
    Table("sub/d.pdesk", "居家养老服务", department="", implementer="区民政局", budget="20", executed="20"),
]
FILES = 6  # the four, a broken file and a copy of c.pdesk


@pytest.fixture
def folder(tmp_path) -> Path:
    root = tmp_path / "报送"
    write_tables(root, TABLES)
    shutil.copy(root / "c.pdesk", root / "c-副本.pdesk")
    (root / "broken.pdesk").write_text("{这不是自评表", encoding="utf-8")
    (root / "说明.txt").write_text("not a table", encoding="utf-8")
    return root


def _wait_idle(qtbot, window: SummaryWindow) -> None:
    qtbot.waitUntil(lambda: not window.busy, timeout=60_000)


def _shown_summary(context, qtbot, folder: Path):
    """A 汇总 window over `folder`, read (in this process), closed when the test ends."""
    window = SummaryWindow(context, [folder], workers=0)
    window.show()
    _wait_idle(qtbot, window)
    yield window
    with qtbot.waitSignal(window.destroyed):
        window.close()


@pytest.fixture
def summary(context, qtbot, folder):
    yield from _shown_summary(context, qtbot, folder)


def _totals(qtbot, window: SummaryWindow) -> str:
    """The totals line once it has been counted (off the GUI thread)."""
    _wait_idle(qtbot, window)
    return window.totals_label.text()


def _names(window: SummaryWindow) -> list[str]:
    return [window.model.index(r, FILE).data() for r in range(window.model.rowCount())]


def _row(window: SummaryWindow, file_name: str) -> int:
    return _names(window).index(file_name)


def _cell(window: SummaryWindow, file_name: str, column: int, role=Qt.ItemDataRole.DisplayRole):
    return window.model.index(_row(window, file_name), column).data(role)


def _status_column() -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.title == "审核状态")


def test_a_folder_is_read_with_progress_every_file_listed(context, qtbot, folder):
    window = SummaryWindow(context, [folder], workers=0)
    values = []  # (value, maximum) as the bar moves
    window.progress.valueChanged.connect(lambda value: values.append((value, window.progress.maximum())))
    window.show()
    assert window.busy and window.cancel_button.isVisible()
    _wait_idle(qtbot, window)
    assert values[-1] == (FILES, FILES)
    assert window.model.rowCount() == FILES
    assert f"已读取 {FILES} / {FILES} 个文件" in window.statusBar().currentMessage()
    assert not window.cancel_button.isVisible()
    # listed in the order of the folder, sub-folders after, 说明.txt left out
    assert _names(window) == ["a.pdesk", "b.pdesk", "broken.pdesk", "c-副本.pdesk", "c.pdesk", "d.pdesk"]
    assert [window.model.index(r, 0).data() for r in range(FILES)] == ["1", "2", "3", "4", "5", "6"]
    # the broken file is a red row that says why
    assert _cell(window, "broken.pdesk", REMARK)
    assert _cell(window, "broken.pdesk", NAME, Qt.ItemDataRole.ForegroundRole).color() == UNREADABLE_TEXT
    # both copies are marked, each naming the other
    for name, other in (("c.pdesk", "c-副本.pdesk"), ("c-副本.pdesk", "c.pdesk")):
        assert _cell(window, name, NAME, Qt.ItemDataRole.BackgroundRole).color() == DUPLICATE_BACKGROUND
        assert other in _cell(window, name, REMARK)
        assert "疑似重复" in _cell(window, name, NAME, Qt.ItemDataRole.ToolTipRole)
    assert _cell(window, "a.pdesk", NAME, Qt.ItemDataRole.BackgroundRole) is None
    assert _cell(window, "a.pdesk", _status_column()) == "已报送，待审核"
    with qtbot.waitSignal(window.destroyed):
        window.close()


def test_folders_are_listed_and_files_read_off_the_gui_thread(context, qtbot, folder, monkeypatch):
    threads = []

    def spy(function):
        def call(*args, **kwargs):
            threads.append(threading.current_thread())
            yield from function(*args, **kwargs)
        return call

    monkeypatch.setattr("perfdesk.gui.summary.reader.table_files", spy(table_files))
    monkeypatch.setattr("perfdesk.gui.summary.reader.summarize_paths", spy(summarize_paths))
    window = SummaryWindow(context, [folder], workers=0)
    _wait_idle(qtbot, window)
    assert window.model.rowCount() == FILES
    assert len(threads) == 2 and threading.main_thread() not in threads
    with qtbot.waitSignal(window.destroyed):
        window.close()


def test_a_failure_while_reading_is_said_and_the_window_goes_on(context, qtbot, folder, monkeypatch, answers):
    def broken(files, workers=None, cancel=None, time_limit=None):
        yield [unreadable(files[0], "坏了")]
        raise RuntimeError("读取程序出错")

    monkeypatch.setattr("perfdesk.gui.summary.reader.summarize_paths", broken)
    window = SummaryWindow(context, [folder], workers=0)
    _wait_idle(qtbot, window)
    assert window.model.rowCount() == 1
    assert answers.errors[-1][0] == "汇总读取中断" and "读取程序出错" in answers.errors[-1][1]
    with qtbot.waitSignal(window.destroyed):
        window.close()


def test_adding_the_same_folder_again_reads_only_new_files(summary, qtbot, folder):
    write_table(folder, Table("e.pdesk", "新增项目"), summary.context.library)
    summary.add([str(folder)])
    _wait_idle(qtbot, summary)
    assert summary.model.rowCount() == FILES + 1
    assert summary.statusBar().currentMessage().startswith("已读取 1 / 1 个文件")


def test_reread_reads_every_source_again_and_files_dropped_on_the_window_are_added(summary, qtbot, folder):
    summary.add([str(folder)])
    _wait_idle(qtbot, summary)
    assert summary.statusBar().currentMessage().startswith("没有找到新的自评表文件")
    write_table(folder, Table("c.pdesk", "饮水安全巩固（改）"), summary.context.library)
    summary.reread_action.trigger()
    _wait_idle(qtbot, summary)
    assert summary.model.rowCount() == FILES and _cell(summary, "c.pdesk", NAME) == "饮水安全巩固（改）"
    extra = write_table(folder.parent / "另一处", Table("f.pdesk", "另一处的表"), summary.context.library)
    _drop(summary, [extra])
    _wait_idle(qtbot, summary)
    assert summary.model.rowCount() == FILES + 1 and summary.sources[-1] == str(extra)


def test_the_window_remembers_its_size(context, qtbot, folder):
    first = SummaryWindow(context)
    first.show()
    assert first.height() != 500  # fitted to the (800×800 test) screen
    first.resize(first.width(), 500)
    with qtbot.waitSignal(first.destroyed):
        first.close()
    second = SummaryWindow(context)
    second.show()
    assert second.height() == 500
    with qtbot.waitSignal(second.destroyed):
        second.close()


def test_cancel_stops_the_pool_early_and_keeps_what_was_read(context, qtbot, tmp_path):
    many = tmp_path / "many"
    many.mkdir()
    for number in range(60):
        shutil.copy(EXAMPLE, many / f"表{number:02d}.pdesk")
    window = SummaryWindow(context, [many], workers=2)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=60_000)
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, window)
    read = window.model.rowCount()
    assert 0 < read < 60
    assert window.statusBar().currentMessage() == f"已取消：已读取 {read} / 60 个文件。"
    with qtbot.waitSignal(window.destroyed):
        window.close()


def test_a_file_that_hangs_its_worker_is_skipped_after_the_time_limit(context, qtbot, folder, monkeypatch):
    monkeypatch.setattr(batch, "_summarize_one", hang_on_poison)  # the spawned worker imports it
    shutil.copy(folder / "a.pdesk", folder / "poison.pdesk")
    window = SummaryWindow(context, [folder], workers=1, time_limit=3)
    window.show()
    _wait_idle(qtbot, window)
    assert window.model.rowCount() == FILES + 1
    assert _cell(window, "poison.pdesk", NAME) == "（未能读取）"
    assert "“poison.pdesk”读取超时（超过 3 秒" in _cell(window, "poison.pdesk", REMARK)
    assert _cell(window, "a.pdesk", NAME) == "社区矫正"
    assert window.statusBar().currentMessage().startswith(f"已读取 {FILES + 1} / {FILES + 1} 个文件")
    with qtbot.waitSignal(window.destroyed):
        window.close()


def test_closing_while_reading_cancels_and_waits_for_the_thread(context, qtbot, folder):
    window = SummaryWindow(context, [folder], workers=0)
    window.show()
    reader = window._reader
    assert reader is not None and reader.isRunning()
    with qtbot.waitSignal(window.destroyed, timeout=60_000):
        window.close()
    assert reader.cancelled.is_set()


def test_filters_search_and_the_totals_line(summary, qtbot):
    bar = summary.filters
    assert _totals(qtbot, summary).startswith(f"合计：{FILES} 个文件（1 个未能读取）")
    assert "全年预算数 145.00 万元" in _totals(qtbot, summary)  # 5 + 100 + 10 + 10 + 20
    assert "全年执行数 123.00 万元" in _totals(qtbot, summary)  # 5 + 80 + 9 + 9 + 20
    assert "执行率 84.83%（按预算加权）" in _totals(qtbot, summary)

    bar.errors_only.setChecked(True)
    assert _names(summary) == ["b.pdesk"]
    assert "筛选出 1 / 6 个文件" in _totals(qtbot, summary)
    assert "全年预算数 100.00 万元" in _totals(qtbot, summary)
    bar.errors_only.setChecked(False)

    bar.claims_only.setChecked(True)
    assert "a.pdesk" not in _names(summary) and "broken.pdesk" not in _names(summary)
    bar.claims_only.setChecked(False)

    bar.unreadable_only.setChecked(True)
    assert _names(summary) == ["broken.pdesk"]
    assert _totals(qtbot, summary) == "合计：筛选出 1 / 6 个文件（1 个未能读取）"
    bar.unreadable_only.setChecked(False)

    bar.department.setCurrentIndex(bar.department.findData("（未填写）"))
    assert _names(summary) == ["d.pdesk"]
    bar.department.setCurrentIndex(0)
    bar.status.setCurrentIndex(bar.status.findText("已报送，待审核"))
    assert _names(summary) == ["a.pdesk"]
    bar.status.setCurrentIndex(0)
    grades = [bar.grade.itemText(i) for i in range(bar.grade.count())]
    assert grades[0] == "全部" and grades[1] == "优"

    bar.search.setText("水利")  # 主管部门
    qtbot.waitUntil(lambda: _names(summary) == ["c-副本.pdesk", "c.pdesk"])
    bar.search.setText("D.PDESK")  # the file name, any case
    qtbot.waitUntil(lambda: _names(summary) == ["d.pdesk"])
    assert "平均自评得分 100" in _totals(qtbot, summary)
    bar.search.setText("公路站")  # 实施单位
    qtbot.waitUntil(lambda: _names(summary) == ["b.pdesk"])
    bar.search.clear()
    qtbot.waitUntil(lambda: len(_names(summary)) == FILES)


def test_figures_sort_by_value_and_names_by_pinyin(summary):
    summary.table.sortByColumn(BUDGET, Qt.SortOrder.AscendingOrder)
    budgets = [summary.model.index(r, BUDGET).data() for r in range(FILES)]
    assert budgets == ["5.00", "10.00", "10.00", "20.00", "100.00", ""]  # text order would put 100 before 20
    assert _names(summary)[1:3] == ["c-副本.pdesk", "c.pdesk"]  # equal values keep their 序号 order
    summary.table.sortByColumn(BUDGET, Qt.SortOrder.DescendingOrder)
    budgets = [summary.model.index(r, BUDGET).data() for r in range(FILES)]
    assert budgets == ["", "100.00", "20.00", "10.00", "10.00", "5.00"]
    assert _names(summary)[3:5] == ["c-副本.pdesk", "c.pdesk"]
    summary.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    names = [summary.model.index(r, NAME).data() for r in range(FILES)]
    assert names == ["居家养老服务", "农村道路养护", "社区矫正", "饮水安全巩固", "饮水安全巩固", "（未能读取）"]
    summary.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _names(summary)[0] == "a.pdesk"


def _double_click(summary, qtbot, label: str) -> None:
    """Click, then double-click the row named `label`, as a supervisor opens a table from the list."""
    index = summary.model.index(_row(summary, label), NAME)
    summary.table.scrollTo(index)
    where = summary.table.visualRect(index).center()
    qtbot.mouseClick(summary.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(summary.table.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_a_double_clicked_row_opens_for_review_and_is_reread_after_saving(summary, qtbot, context, folder,
                                                                          script, answers):
    script.names.append("李四")
    _double_click(summary, qtbot, "a.pdesk")
    window = context.window_for(folder / "a.pdesk")
    assert window is not None and window.review.review_mode
    script.texts.append("同意")
    assert window.review.accept()
    assert window.files.save()
    qtbot.waitUntil(lambda: _cell(summary, "a.pdesk", _status_column()) == "审核通过")
    assert read_review(load_document(folder / "a.pdesk").review).status == "accepted"
    assert summary.model.rowCount() == FILES  # refreshed in place, not added


def test_a_row_is_reread_when_its_window_closes(summary, qtbot, context, folder, script):
    script.names.append("李四")
    window = summary.opener.open(str(folder / "b.pdesk"))
    assert window is not None
    write_table(folder, Table("b.pdesk", "农村道路养护（修订）", budget="100", executed="100"), context.library)
    window.close()
    qtbot.waitUntil(lambda: _cell(summary, "b.pdesk", NAME) == "农村道路养护（修订）")
    assert _row(summary, "b.pdesk") == 1


def _drop(widget, paths: list[Path]) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(QPoint(10, 10)), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)
    return event


def test_several_files_or_a_folder_dropped_on_the_main_window_open_the_summary(window, qtbot, context, folder):
    _drop(window, [folder / "a.pdesk", folder / "b.pdesk"])
    (summary,) = context.summaries
    _wait_idle(qtbot, summary)
    assert _names(summary) == ["a.pdesk", "b.pdesk"]
    _drop(window, [folder / "sub"])
    assert len(context.summaries) == 2
    for opened in list(context.summaries):
        _wait_idle(qtbot, opened)
        opened.close()
    qtbot.waitUntil(lambda: not context.summaries)  # the context lets go of a closed window
    _drop(window, [folder / "c.pdesk"])  # one file: opened in the window as before
    assert window.file_state.path == folder / "c.pdesk" and not context.summaries


def test_the_file_menu_asks_for_a_folder(window, qtbot, context, folder, monkeypatch):
    monkeypatch.setattr(type(window.prompts), "open_folder", lambda self, title: folder / "sub")
    assert window.summary_action in window.menuBar().actions()[0].menu().actions()
    window.summary_action.trigger()
    (summary,) = context.summaries
    _wait_idle(qtbot, summary)
    assert _names(summary) == ["d.pdesk"]
    summary.close()
    qtbot.waitUntil(lambda: not context.summaries)


@pytest.mark.parametrize("kind", [EXCEL, PDF])
def test_exports_write_the_rows_shown(summary, monkeypatch, tmp_path, answers, kind):
    calls = []
    module = types.ModuleType(kind.module)
    setattr(module, kind.function, lambda rows, path, unit_name, grade_order: calls.append(
        (rows, path, unit_name, grade_order)))
    monkeypatch.setitem(sys.modules, kind.module, module)
    answers.save_path = tmp_path / "汇总"
    summary.unit_edit.setText("资阳区财政局")
    summary.filters.errors_only.setChecked(True)
    assert summary.export(kind) == tmp_path / f"汇总{kind.suffix}"
    ((rows, path, unit, grades),) = calls
    assert [Path(r.file).name for r in rows] == ["b.pdesk"]
    assert unit == "资阳区财政局" and grades[0] == "优"
    assert "按当前筛选导出了 1 个文件" in answers.questions[-1]


def _workbook(path: Path, projects: dict[str, str]) -> None:
    """A hand-made workbook with one project per sheet: {sheet: 项目名称}."""
    from tests.core.imports.corpus import Layout, content_for, render, write_xlsx

    book = None
    for sheet, name in projects.items():
        content = content_for({})
        layout = Layout() if book is None else Layout(annex=False)
        made = write_xlsx(render(content, layout), path, sheet, book)
        book = book or made
        cell = next(c for row in book[sheet].iter_rows() for c in row if c.value == content.name)
        cell.value = name
    book.save(path)


@pytest.fixture
def sheets(context, qtbot, tmp_path):
    _workbook(tmp_path / "各项目.xlsx", {"项目A": "村道硬化", "项目B": "饮水巩固"})
    yield from _shown_summary(context, qtbot, tmp_path)


def test_a_workbook_with_a_project_per_sheet_lists_each_sheet(sheets):
    assert sorted(_names(sheets)) == ["各项目.xlsx › 项目A", "各项目.xlsx › 项目B"]
    assert _cell(sheets, "各项目.xlsx › 项目B", NAME) == "饮水巩固"


def test_a_double_clicked_sheet_opens_that_sheet_for_review_without_asking(sheets, qtbot, context, script,
                                                                           monkeypatch, tmp_path):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: pytest.fail("asked which table to open"))
    script.names.append("李四")
    _double_click(sheets, qtbot, "各项目.xlsx › 项目B")
    (window,) = context.windows
    assert window.session.doc.project.name == "饮水巩固" and window.review.review_mode
    assert sheets.opener.open(str(tmp_path / "各项目.xlsx"), "项目B") is window  # not a second window
    _workbook(tmp_path / "各项目.xlsx", {"项目A": "村道硬化", "项目B": "饮水安全巩固提升"})
    window.close()
    qtbot.waitUntil(lambda: _cell(sheets, "各项目.xlsx › 项目B", NAME) == "饮水安全巩固提升")
    assert sheets.model.rowCount() == 2


def test_a_sheet_gone_since_the_scan_is_said_in_chinese(sheets, context, answers, tmp_path):
    _workbook(tmp_path / "各项目.xlsx", {"项目A": "村道硬化", "项目C": "饮水巩固"})
    assert sheets.opener.open(str(tmp_path / "各项目.xlsx"), "项目B") is None
    ((title, text),) = answers.errors
    assert "“各项目.xlsx”中已找不到“项目B”" in text and "重新读取" in text
    assert not context.windows
