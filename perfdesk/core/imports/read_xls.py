"""Sheets of an old .xls (or WPS .et) workbook as grids.

xlrd with `formatting_info=True` is used rather than python-calamine: it gives
the merged ranges *and* each cell's number format, which tells a 0.95 shown as
`95%` from a plain 0.95 and a date serial from a number; calamine gives values
only. xlrd is pure Python and reads BIFF .xls, which is bounded by the format
(65,536 rows × 256 columns); the file size is capped before reading.
"""

from __future__ import annotations

import io
from typing import Any

import xlrd

from perfdesk.core.imports.cells import value_text
from perfdesk.core.imports.grid import MAX_COLS, MAX_ROWS, Grid

MAX_BYTES = 10 * 1024 * 1024  # a real .xls 自评表 is well under 1 MB; xlrd reads all of it


def read_xls(data: bytes) -> list[Grid]:
    """Every sheet of a BIFF workbook; xlrd's errors reach the caller, which words them."""
    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO())
    try:
        return [_sheet(book, book.sheet_by_index(i)) for i in range(book.nsheets)]
    finally:
        book.release_resources()


def _sheet(book: Any, sheet: Any) -> Grid:
    grid = Grid(name=sheet.name, kind="sheet", hidden=bool(getattr(sheet, "visibility", 0)))
    rows, cols = min(sheet.nrows, MAX_ROWS), min(sheet.ncols, MAX_COLS)
    for r in range(rows):
        for c in range(min(cols, sheet.row_len(r))):
            cell = sheet.cell(r, c)
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                continue
            grid.put(r, c, value_text(_value(book, cell), _format(book, sheet, r, c)))
    for rlo, rhi, clo, chi in sheet.merged_cells:
        if rlo < MAX_ROWS and clo < MAX_COLS:
            grid.merge(rlo, clo, rhi - rlo, chi - clo)
    if sheet.nrows > MAX_ROWS or sheet.ncols > MAX_COLS:
        grid.truncated = f"工作表有 {sheet.nrows} 行 {sheet.ncols} 列，只读取了前 {MAX_ROWS} 行、{MAX_COLS} 列"
    return grid


def _value(book: Any, cell: Any) -> object:
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#错误")
    return cell.value


def _format(book: Any, sheet: Any, r: int, c: int) -> str:
    try:
        xf = book.xf_list[sheet.cell_xf_index(r, c)]
        return str(book.format_map[xf.format_key].format_str)
    except (IndexError, KeyError, AttributeError):
        return ""
