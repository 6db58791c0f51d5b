"""Reopening a workbook PerfDesk exported, from the document embedded in its hidden sheet.

The visible sheet is for people; the very hidden sheet `_perfdesk` holds the
saved document text (a marker in A1, then the text in chunks in A2, A3 …), so
reopening loses nothing. Workbooks made by hand have no such sheet and are
refused with a message saying so.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from perfdesk.core.files import safe_zip, storage
from perfdesk.core.files.embedding import DATA_SHEET, EMBED_FORMAT, EMBED_VERSION
from perfdesk.core.files.errors import DocumentFileError, file_label
from perfdesk.core.model.document import Document

NOT_PERFDESK = "此工作簿不是 PerfDesk 导出的文件（没有内嵌的自评表数据）。"


def read_document_from_workbook(path: Path) -> Document:
    """The document embedded in an exported workbook; DocumentFileError says what is wrong."""
    source = path.name
    safe_zip.check_workbook(path)
    cells = _data_column(path, source)
    marker = _marker(cells[0] if cells else None, source)
    count = marker["chunks"]
    if len(cells) < count + 1:
        raise _error(
            f"内嵌的自评表数据不完整（应有 {count} 段，只找到 {len(cells) - 1} 段），文件可能被改动过。", source
        )
    text = "".join(_text(cell) for cell in cells[1:count + 1])
    try:
        return storage.loads(text, source)
    except DocumentFileError as exc:
        if exc.line is None:
            raise
        # The .pdesk wording ("try the .bak backup") does not fit an exported workbook.
        raise _error(
            f"内嵌的自评表数据已损坏（第 {exc.line} 行第 {exc.column} 列），文件可能被改动过。"
            "请用原 .pdesk 文件重新导出。",
            source,
        ) from exc


def _data_column(path: Path, source: str) -> list[Any]:
    """Column A of the hidden data sheet, or DocumentFileError when there is none."""
    try:
        book = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _error(f"无法作为 Excel 工作簿打开（{exc}）。请确认它是 .xlsx 文件且没有损坏。", source) from exc
    try:
        if DATA_SHEET not in book.sheetnames:
            raise DocumentFileError(NOT_PERFDESK, source=source)
        sheet = book[DATA_SHEET]
        return [row[0] for row in sheet.iter_rows(min_col=1, max_col=1, values_only=True)]
    finally:
        book.close()


def _marker(cell: Any, source: str) -> dict[str, Any]:
    """The A1 marker: format, version, template and the number of chunks that follow."""
    try:
        marker = json.loads(cell) if isinstance(cell, str) else None
    except json.JSONDecodeError:
        marker = None
    if not isinstance(marker, dict) or marker.get("format") != EMBED_FORMAT:
        raise DocumentFileError(NOT_PERFDESK, source=source)
    version, chunks = marker.get("version"), marker.get("chunks")
    if not isinstance(version, int) or version > EMBED_VERSION:
        raise _error(f"内嵌数据的版本（{version}）比本程序新，请升级 PerfDesk 后再打开。", source)
    if not isinstance(chunks, int) or isinstance(chunks, bool) or chunks < 1:
        raise _error("内嵌的自评表数据标记已损坏（段数无效），文件可能被改动过。", source)
    return marker


def _text(cell: Any) -> str:
    """A chunk cell: text, or empty when a spreadsheet program dropped an empty string."""
    return cell if isinstance(cell, str) else "" if cell is None else str(cell)


def _error(problem: str, source: str) -> DocumentFileError:
    return DocumentFileError(f"{file_label(source)}：{problem}", source=source)
