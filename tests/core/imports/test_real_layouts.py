"""Layouts and values met in county files, each changed on one rendered table of the corpus."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from perfdesk.core.files.errors import DocumentFileError
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


def _goal_table(sheet: Sheet, top: int) -> None:
    """A 绩效目标表 (targets only, as set at the start of the year) from row `top`."""
    sheet.put(top, 0, "2023年度项目支出绩效目标表", 1, 8)
    for c, head in enumerate(("一级指标", "二级指标", "三级指标", "半年指标值", "全年指标值")):
        sheet.put(top + 1, c, head)
    for c, text in enumerate(("产出指标", "数量指标", "新建供水工程", "6处", "12处")):
        sheet.put(top + 2, c, text)


def test_a_goal_table_under_the_self_evaluation_is_named_not_read_as_a_second_one(tmp_path: Path) -> None:
    path = tmp_path / "county.xlsx"
    sheet = _national()
    _goal_table(sheet, max(r for r, _c in sheet.cells) + 2)
    write_xlsx(sheet, path)
    result = import_file(path)
    (table,) = result.tables
    assert table.document.signature.filler == "李华"
    assert not any("目标表" in item.value for item in table.read)
    assert result.skipped == [f"“自评表”：第{max(r for r, _c in sheet.cells)}行起是绩效目标表"
                              "（有年度指标值，没有实际完成值和分值/得分列），不是自评表，未导入"]


def test_a_file_holding_only_a_goal_table_is_refused_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "goals.xlsx"
    sheet = Sheet()
    _goal_table(sheet, 0)
    write_xlsx(sheet, path)
    with pytest.raises(DocumentFileError, match="“自评表”：第2行起是绩效目标表"):
        import_file(path)
