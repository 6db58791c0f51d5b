"""An edit repaints every cell it changed, and the grid's kept cell pictures and size hints never
show a cell, or size a row, as it was before."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from perfdesk.core.model.results import Location
from perfdesk.gui.session import DocumentSession
from perfdesk.gui.table.delegates import PICTURES_PER_FRAME, CellDelegate
from perfdesk.gui.table.model import ERROR_BACKGROUND, CellMark
from perfdesk.gui.table.view import TableView
from tests.gui.helpers import filled_document

LONG = "对象未按期报到的原因已查明，下一年度将加强与法院、公安的衔接，按月通报，确保按期报到率达到目标值。"


def _grab(view: TableView) -> QImage:
    return view.grab().toImage()


def _kept(view: TableView) -> int:
    return sum(picture is not None for *_, picture in view.delegate._pictures.values())


def _grab_until_kept(view: TableView) -> QImage:
    """Paint the screen until each of its cells is kept as a picture (a frame makes at most
    PICTURES_PER_FRAME of them); the last image."""
    image = _grab(view)
    for _ in range(50):
        before = _kept(view)
        image = _grab(view)
        if _kept(view) == before:
            return image
    raise AssertionError("the pictures of one screen were still being made after 50 frames")


def _painted_directly(monkeypatch) -> None:
    """Every cell drawn as it is, with no kept picture (what the pictures must look like)."""
    monkeypatch.setattr(CellDelegate, "paint", lambda self, painter, option, index: self._paint_cell(
        painter, option, index, self.direction_tag(index), self.is_cut(index)))


def _assert_kept(view: TableView) -> None:
    """Pictures were kept: the test does not compare direct drawing with itself."""
    assert _kept(view) > 50


def _corner(view: TableView, key: str, path: tuple[int, ...] = ()) -> tuple[int, int]:
    cell = view.table_model.layout.keyed(key, path)
    assert cell is not None
    return cell.row, cell.col


def _emitted(view: TableView) -> list[tuple[int, int]]:
    corners: list[tuple[int, int]] = []
    view.table_model.dataChanged.connect(
        lambda top, bottom: corners.extend((r, c) for r in range(top.row(), bottom.row() + 1)
                                           for c in range(top.column(), bottom.column() + 1)))
    return corners


def test_after_edits_undo_and_redo_the_grid_paints_and_measures_as_drawn_afresh(qtbot, view, session, monkeypatch):
    qtbot.waitUntil(lambda: view.frozen_labels is not None)  # after the first frame: pictures are kept
    view.resizeRowsToContents()  # as the view does once its columns have their widths
    view.select_location(Location("indicator", (0, 1, 0), "weight"))
    _grab_until_kept(view)  # every cell painted again alike: its picture is kept from here on
    session.set_text(Location("indicator", (0, 0, 0), "actual"), "abc")  # an error colours the cell
    session.set_text(Location("indicator", (0, 1, 0), "weight"), "7")  # scores, total and grade change
    session.set_many([(Location("indicator", (1, 1, 0), "target"), "效果显著"),
                      (Location("indicator", (1, 1, 0), "actual"), "部分显著")], "录入")
    session.set_quality((1, 1, 0), "B", "7")  # the grade is shown in the actual cell
    session.set_text(Location("indicator", (0, 2, 0), "reason"), LONG)  # its row grows
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.undo_stack.redo()
    kept = _grab_until_kept(view)  # the changed cells drawn, then kept too
    heights = [view.rowHeight(r) for r in range(view.table_model.rowCount())]
    _assert_kept(view)
    _painted_directly(monkeypatch)
    view.delegate.forget_pictures()  # the size hints too
    view.resizeRowsToContents()
    assert [view.rowHeight(r) for r in range(view.table_model.rowCount())] == heights
    assert _grab(view) == kept


def test_a_weight_edit_repaints_the_total_row_and_the_row_scores(qtbot, view, session):
    emitted = _emitted(view)
    session.set_text(Location("indicator", (0, 1, 0), "weight"), "7")
    for key in ("weights_total", "total"):
        assert _corner(view, key) in emitted
    assert _corner(view, "indicator.score", (0, 1, 0)) in emitted


def test_an_error_colours_its_cell_and_goes_with_the_edit_that_mends_it(qtbot, view, session):
    where = Location("indicator", (0, 0, 0), "actual")
    cell = session.layout.locate(where)
    index = view.table_model.index(cell.row, cell.col)
    emitted = _emitted(view)
    session.set_text(where, "abc")
    assert index.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BACKGROUND
    assert (cell.row, cell.col) in emitted
    emitted.clear()
    session.set_text(where, "100人")
    assert index.data(Qt.ItemDataRole.BackgroundRole) != ERROR_BACKGROUND and (cell.row, cell.col) in emitted


def test_undo_and_redo_restore_a_cell_and_its_row_height(qtbot, view, session):
    where = Location("indicator", (0, 0, 0), "reason")
    cell = session.layout.locate(where)
    index = view.table_model.index(cell.row, cell.col)
    before = view.rowHeight(cell.row)
    session.set_text(where, LONG)
    grown = view.rowHeight(cell.row)
    assert grown > before
    session.undo_stack.undo()
    assert (index.data(), view.rowHeight(cell.row)) == ("", before)
    session.undo_stack.redo()
    assert (index.data(), view.rowHeight(cell.row)) == (LONG, grown)


def _long_table(qtbot, national, per_group: int, height: int) -> tuple[DocumentSession, TableView]:
    """A shown view of a table with `per_group` rows in each group, past its first frame (after which
    the frozen labels are laid over the grid and cell pictures are kept)."""
    session = DocumentSession(filled_document(national, per_group=per_group), national)
    view = TableView(session)
    qtbot.addWidget(view)
    view.resize(900, height)
    view.show()
    qtbot.waitUntil(lambda: view.frozen_labels is not None)
    return session, view


def test_a_level1_weight_shown_frozen_follows_an_edit(qtbot, national):
    session, view = _long_table(qtbot, national, per_group=6, height=400)
    assert view.select_location(Location("indicator", (0, 2, 3), "actual"))  # deep inside 产出指标
    view.scrollTo(view.currentIndex(), view.ScrollHint.PositionAtTop)
    frozen = view.frozen_labels
    assert frozen is not None
    assert "产出指标\n（50分）" in [cell.text for cell, _ in frozen.names_strip.pieces]
    session.set_text(Location("group", (0, 2), "weight"), "20")  # 产出指标 now weighs 60
    assert "产出指标\n（60分）" in [cell.text for cell, _ in frozen.names_strip.pieces]


def test_cut_rows_and_comment_marks_are_kept_as_drawn(qtbot, view, session, monkeypatch):
    qtbot.waitUntil(lambda: view.frozen_labels is not None)  # after the first frame: pictures are kept
    view.table_actions.cut_mark.set(session.undo_stack, [(0, 0, 0), (0, 1, 0)])
    score = session.layout.keyed("indicator.score", (0, 2, 0))
    assert score is not None
    view.table_model.set_marks({(score.row, score.col): CellMark(commented=True, changed=True, note="请核实")})
    kept = _grab_until_kept(view)
    _assert_kept(view)
    _painted_directly(monkeypatch)
    assert _grab(view) == kept


def test_kept_pictures_stay_within_a_few_screens_while_a_long_table_scrolls(qtbot, national):
    _, view = _long_table(qtbot, national, per_group=40, height=500)
    bar, delegate = view.verticalScrollBar(), view.delegate
    budget = max(3 * view.width() * view.height() * view.devicePixelRatioF() ** 2 * 4, 8 << 20)
    assert bar.maximum() * view.width() * 4 > 2 * budget, "too short a table to fill the budget"
    for value in range(0, bar.maximum() + 1, view.height() // 2):
        bar.setValue(value)
        _grab_until_kept(view)
        kept = [picture for *_, picture in delegate._pictures.values() if picture is not None]
        assert delegate._picture_bytes == sum(p.width() * p.height() * 4 for p in kept)
    assert budget * 0.8 < delegate._picture_bytes <= budget


def test_a_frame_makes_at_most_its_share_of_new_pictures(qtbot, view):
    """A screen painted the second time spreads the cost of its pictures over its next frames."""
    qtbot.waitUntil(lambda: view.frozen_labels is not None)
    _grab(view)
    counts = [_kept(view)]
    for _ in range(3):
        _grab(view)
        counts.append(_kept(view))
    made = [after - before for before, after in zip(counts, counts[1:], strict=False)]
    assert made[0] == PICTURES_PER_FRAME and all(0 <= n <= PICTURES_PER_FRAME for n in made)
