"""Merged ranges as hand-made and hostile files give them."""

from __future__ import annotations

from perfdesk.core.imports.grid import MAX_COLS, MAX_ROWS, Grid


def test_a_range_overlapping_an_earlier_one_is_dropped() -> None:
    grid = Grid("Sheet1")
    grid.put(0, 0, "一级指标")
    grid.put(1, 1, "产出指标")
    grid.merge(0, 0, 2, 2)
    grid.merge(1, 1, 2, 2)
    assert grid.span(0, 0) == (2, 2) and grid.text(1, 1) == "一级指标"
    assert grid.anchor(2, 2) == (2, 2)


def test_a_word_merge_grows_from_its_anchor_row_by_row() -> None:
    grid = Grid("表1", kind="table")
    grid.put(0, 0, "产出指标")
    for rows in range(2, 5):
        grid.merge(0, 0, rows, 1)
    assert grid.span(3, 0) == (4, 1) and grid.text(3, 0) == "产出指标"


def test_ranges_over_the_whole_sheet_again_and_again_stop_at_the_bound() -> None:
    """Thousands of sheet-wide ranges (a few KB zipped) look at each cell a bounded number of times."""
    grid = Grid("Sheet1")
    grid.merge(MAX_ROWS - 1, MAX_COLS - 2, 1, 2)
    for _ in range(3):
        grid.merge(0, 0, MAX_ROWS, MAX_COLS)
    assert grid.span(0, 0) == (1, 1)
    assert "合并单元格过多或相互重叠" in grid.truncated
