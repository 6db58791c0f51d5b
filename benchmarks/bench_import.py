"""Importing hand-made tables: `pytest benchmarks/bench_import.py --benchmark-enable`.

A typical county table in each format, and the bound: a sheet with a million
filled rows is streamed and cut at 2,000 rows (its merges are still scanned to
the end of the sheet XML), so it must stay within seconds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from perfdesk.core.imports.importer import import_file
from tests.core.imports.corpus import VARIANTS, content_for, render, write_docx, write_xls, write_xlsx

WRITERS = {"xlsx": write_xlsx, "xls": write_xls, "docx": lambda sheet, path: write_docx([sheet], path)}


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_typical_table(benchmark, tmp_path: Path, fmt: str) -> None:
    layout, options = VARIANTS["national"]
    path = tmp_path / f"t.{fmt}"
    WRITERS[fmt](render(content_for(options), layout), path)
    result = benchmark(import_file, path)
    assert len(result.tables) == 1


def test_million_row_sheet(benchmark, tmp_path: Path) -> None:
    path = tmp_path / "million.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("大表")
    for row, text in enumerate(("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值")):
        sheet.write_string(0, row, text)
    for row in range(1, 1_048_576):
        sheet.write_number(row, 2, row)
    book.close()
    result = benchmark.pedantic(import_file, args=(path,), rounds=1, iterations=1)
    assert "只读取了前" in result.tables[0].problems[-1].message


def test_long_text_merged_down_the_sheet(benchmark, tmp_path: Path) -> None:
    """A 100,000-character cell merged over 2,000 rows beside the table: its text is looked at
    on every row, as a label only (its first `labels.KEY_LENGTH` characters)."""
    layout, options = VARIANTS["national"]
    sheet = render(content_for(options), layout)
    width = sheet.width
    sheet.put(0, width, "实际完成值" * 20_000, 2_000, 1)
    path = tmp_path / "long.xlsx"
    write_xlsx(sheet, path)
    result = benchmark(import_file, path)
    assert len(result.tables) == 1
