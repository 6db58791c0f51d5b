"""Reopening a workbook PerfDesk exported, from the document embedded in its hidden sheet.

The visible sheet is for people; the very hidden sheet `_perfdesk` holds the
saved document text (a marker in A1, then the text in chunks in A2, A3 …), so
reopening loses nothing. Workbooks made by hand have no such sheet and are
refused with a message saying so.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from perfdesk.core.files import problem_log, safe_zip, storage
from perfdesk.core.files.embedding import CHUNK_CHARS, DATA_SHEET, EMBED_FORMAT, EMBED_VERSION
from perfdesk.core.files.errors import DocumentFileError, file_label
from perfdesk.core.model.document import Document

NOT_PERFDESK = "不是 PerfDesk 导出的工作簿（没有内嵌的自评表数据）。"
#: Most chunks of embedded text: a .pdesk file of the largest accepted size, cut into cells.
MAX_CHUNKS = storage.MAX_FILE_BYTES // CHUNK_CHARS + 1


def read_document_from_workbook(path: Path) -> Document:
    """The document embedded in an exported workbook; DocumentFileError says what is wrong.

    openpyxl's warnings (an unknown extension, a missing style) are logged, not printed.
    """
    source = path.name
    safe_zip.check_workbook(path)
    with problem_log.warnings_logged(source):
        return _read(path, source)


def _read(path: Path, source: str) -> Document:
    cells = _data_column(path, source)
    marker = _marker(cells[0] if cells else None, source)
    count = marker["chunks"]
    if len(cells) < count + 1:
        raise _error(
            f"内嵌的自评表数据不完整（应有 {count} 段，只找到 {len(cells) - 1} 段），文件可能被改动过。", source
        )
    text = "".join(_text(cell) for cell in cells[1:count + 1])
    if len(text) > storage.MAX_FILE_BYTES:
        limit = storage.MAX_FILE_BYTES // (1024 * 1024)
        raise _error(f"内嵌的自评表数据超过上限 {limit} MB，文件可能被改动过。", source)
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
    """Column A of the hidden data sheet (at most the marker and MAX_CHUNKS cells).

    The row bound matters: openpyxl fills a gap before `<row r="1048576">`, or up
    to a `<dimension>` the sheet claims, with empty rows, a million from a few bytes.
    Any failure of openpyxl on a damaged workbook is left to `opening`, which
    logs it and tells the user in Chinese.
    """
    with open(path, "rb") as handle:  # closed even when openpyxl fails half way
        book = load_workbook(handle, read_only=True, data_only=True, keep_links=False)
        try:
            if DATA_SHEET not in book.sheetnames:
                raise _not_perfdesk(source)
            rows = book[DATA_SHEET].iter_rows(min_col=1, max_col=1, max_row=MAX_CHUNKS + 1, values_only=True)
            return [row[0] if row else None for row in rows]
        finally:
            book.close()


def _marker(cell: Any, source: str) -> dict[str, Any]:
    """The A1 marker: format, version, template and the number of chunks that follow."""
    try:
        marker = json.loads(cell) if isinstance(cell, str) else None
    except (ValueError, RecursionError):  # not JSON, or a number of thousands of digits
        marker = None
    if not isinstance(marker, dict) or marker.get("format") != EMBED_FORMAT:
        raise _not_perfdesk(source)
    version, chunks = marker.get("version"), marker.get("chunks")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _error("内嵌的自评表数据标记已损坏（版本号无效），文件可能被改动过。", source)
    if version > EMBED_VERSION:
        raise _error(f"内嵌数据的版本（{version}）比本程序新，请升级 PerfDesk 后再打开。", source)
    if not isinstance(chunks, int) or isinstance(chunks, bool) or chunks < 1:
        raise _error("内嵌的自评表数据标记已损坏（段数无效），文件可能被改动过。", source)
    if chunks > MAX_CHUNKS:
        raise _error(f"内嵌的自评表数据标记为 {chunks:,} 段，超过上限 {MAX_CHUNKS:,} 段，文件可能被改动过。", source)
    return marker


def _text(cell: Any) -> str:
    """A chunk cell: text, or empty when a spreadsheet program dropped an empty string."""
    return cell if isinstance(cell, str) else "" if cell is None else str(cell)


class NotPerfDeskWorkbook(DocumentFileError):
    """A workbook without PerfDesk's embedded document: a table made by hand, to be imported."""


def _not_perfdesk(source: str) -> NotPerfDeskWorkbook:
    return NotPerfDeskWorkbook(f"{file_label(source)}：{NOT_PERFDESK}", source=source)


def _error(problem: str, source: str) -> DocumentFileError:
    return DocumentFileError(f"{file_label(source)}：{problem}", source=source)
