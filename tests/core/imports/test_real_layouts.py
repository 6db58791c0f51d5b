"""Layouts and values met in county files, each changed on one rendered table of the corpus."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from perfdesk.core.imports.importer import import_file
from perfdesk.core.imports.report import ImportedTable
from tests.core.imports.corpus import VARIANTS, Sheet, content_for, render, shown, write_xlsx


def _national() -> Sheet:
    layout, options = VARIANTS["national"]
    return render(content_for(options), layout)


def _at(sheet: Sheet, text: str) -> tuple[int, int]:
    """The first cell showing `text`, top to bottom."""
    return next(k for k, v in sorted(sheet.cells.items()) if shown(v) == text)


def _imported(tmp_path: Path, change: Callable[[Sheet], None]) -> ImportedTable:
    sheet = _national()
    sheet = dataclasses.replace(sheet, cells=dict(sheet.cells), merges=list(sheet.merges))
    change(sheet)
    path = tmp_path / "county.xlsx"
    write_xlsx(sheet, path)
    (table,) = import_file(path).tables
    return table


def _total_score(sheet: Sheet, text: str) -> None:
    row, _c = _at(sheet, "总分")
    score = max(c for r, c in sheet.cells if r == row)
    sheet.cells[(row, score)] = text


def test_a_total_left_empty_is_not_read_from_the_weight_beside_it(tmp_path: Path) -> None:
    table = _imported(tmp_path, lambda sheet: _total_score(sheet, ""))
    assert table.document.published_total == ""


def test_a_total_written_in_words_is_reported_not_replaced_by_the_weight(tmp_path: Path) -> None:
    table = _imported(tmp_path, lambda sheet: _total_score(sheet, "优"))
    assert table.document.published_total == ""
    assert [p.message for p in table.problems] == ["总分“优”不是数字，未导入"]
