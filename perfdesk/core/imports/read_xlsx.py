"""Sheets of an .xlsx/.xlsm workbook as grids (openpyxl, read-only, bounded).

Read-only mode streams rows, so a sheet with a million rows or 16,384 columns
costs no more than `MAX_ROWS` × `MAX_COLS` cells; read-only openpyxl does not
give merged ranges, so they are found by scanning the sheet's XML for
`<mergeCell ref=…>` with a bounded buffer.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
from openpyxl.utils.datetime import from_excel

from perfdesk.core.files import safe_zip
from perfdesk.core.files.embedding import DATA_SHEET
from perfdesk.core.files.errors import DocumentFileError, file_label
from perfdesk.core.imports.cells import ooxml_text, value_text
from perfdesk.core.imports.grid import MAX_COLS, MAX_ROWS, Grid

MAX_MERGES = 20_000
#: Date formats a Chinese Excel or WPS names by number only (ECMA-376 §18.8.30, zh-CN): openpyxl
#: knows them as General, so `2023年12月` would read as the serial 45261.
CHINESE_DATE_FORMATS = {
    **dict.fromkeys((27, 36, 50, 52, 57), 'yyyy"年"m"月"'), 31: 'yyyy"年"m"月"d"日"',
    **dict.fromkeys((28, 29, 51, 53, 54, 58), 'm"月"d"日"'), 30: "m-d-yy",
}
MAX_UNCACHED = 200  # formulas without a stored result, named in the report
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}\d{1,7}(?::[A-Z]{1,3}\d{1,7})?)"')
#: `<c r="G30"><f>SUM(G10:G29)</f><v></v></c>`: a formula whose result was never computed (a file
#: written by a program, not by Excel/WPS); a result that is an empty text says `t="str"`.
_UNCACHED = re.compile(rb'<(?:\w+:)?c\b([^>]*?\br="([A-Z]{1,3}\d{1,7})"[^>]*)>\s*<(?:\w+:)?f\b[^>]*'
                       rb'(?:/>|>([^<]{0,200})</(?:\w+:)?f>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?'
                       rb'\s*</(?:\w+:)?c>')
_CHUNK = 1 << 20


def read_xlsx(path: Path) -> list[Grid]:
    """Every worksheet except PerfDesk's hidden data sheet, in workbook order."""
    safe_zip.check_workbook(path, hand_made=True)
    book = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        if not book.worksheets and book.chartsheets:
            names = "、".join(f"“{sheet.title}”" for sheet in book.chartsheets[:3])
            raise DocumentFileError(f"{file_label(path.name)}只有图表（{names}），没有可读取的工作表。"
                                    "请导入包含自评表的工作簿。", source=path.name)
        grids = [_sheet(ws, book.epoch) for ws in book.worksheets if ws.title != DATA_SHEET]
        for grid in grids:
            grid.embedded = DATA_SHEET in book.sheetnames
        return grids
    finally:
        book.close()


def _sheet(ws: Any, epoch: dt.datetime) -> Grid:
    grid = Grid(name=ws.title, kind="sheet", hidden=getattr(ws, "sheet_state", "visible") != "visible")
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=MAX_ROWS, max_col=MAX_COLS)):
        for cell in row:
            if getattr(cell, "value", None) is not None:
                grid.put(r, cell.column - 1, _shown(cell, epoch))
    merges, uncached = _scan(ws)
    for ref in merges:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row <= MAX_ROWS and min_col <= MAX_COLS:
            grid.merge(min_row - 1, min_col - 1, max_row - min_row + 1, max_col - min_col + 1)
    for ref, formula in uncached:
        col, row = coordinate_to_tuple(ref)[::-1]
        if row <= MAX_ROWS and col <= MAX_COLS:
            grid.uncached[(row - 1, col - 1)] = formula
    if (ws.max_row or 0) > MAX_ROWS or (ws.max_column or 0) > MAX_COLS:
        grid.truncated = f"工作表有 {ws.max_row} 行 {ws.max_column} 列，只读取了前 {MAX_ROWS} 行、{MAX_COLS} 列"
    return grid


def _shown(cell: Any, epoch: dt.datetime) -> str:
    """The cell's text as Excel shows it. A style naming a number format the workbook does not
    define reads as General; a Chinese built-in date format (known to openpyxl as General) as a date."""
    value = cell.value
    try:
        number_format, format_id = cell.number_format or "", cell.style_array.numFmtId
    except (IndexError, KeyError, AttributeError):
        number_format, format_id = "", 0
    if isinstance(value, str):
        value = ooxml_text(value)
    elif format_id in CHINESE_DATE_FORMATS and isinstance(value, (int, float)) and not isinstance(value, bool):
        number_format = CHINESE_DATE_FORMATS[format_id]
        try:
            value = from_excel(value, epoch)
        except (ValueError, OverflowError):
            pass
    return value_text(value, number_format)


def _scan(ws: Any) -> tuple[list[str], list[tuple[str, str]]]:
    """Merged ranges (`A1:H1` …) and formulas without a stored result, from the sheet XML, streamed."""
    refs: list[str] = []
    uncached: list[tuple[str, str]] = []
    source = ws._get_source()  # read-only sheets expose no merges; openpyxl's own opener
    try:
        tail = b""
        while len(refs) < MAX_MERGES:
            chunk = source.read(_CHUNK)
            if not chunk:
                break
            data = tail + chunk
            last = 0
            for match in _MERGE.finditer(data):
                refs.append(match.group(1).decode("ascii"))
                last = match.end()
            for match in _UNCACHED.finditer(data):
                if len(uncached) < MAX_UNCACHED and b't="str"' not in match.group(1):
                    uncached.append((match.group(2).decode("ascii"),
                                     (match.group(3) or b"").decode("utf-8", "replace")))
                last = max(last, match.end())
            tail = data[max(last, len(data) - 4096):]
    finally:
        source.close()
    return refs[:MAX_MERGES], uncached
