"""Opening any file a user points at: a .pdesk document, a PerfDesk workbook or a hand-made table.

The one place that decides by file kind, so `storage` (the .pdesk format) and
the workbook reader do not know about each other.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from perfdesk.core.files import problem_log
from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.files.storage import load_document
from perfdesk.core.model.document import Document

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
#: Hand-made tables read by `perfdesk.core.imports` (the first 自评表 of the file).
IMPORT_SUFFIXES = (".xls", ".et", ".docx", ".doc", ".wps", ".rtf", ".pdf")


def open_document(path: str | os.PathLike[str]) -> Document:
    """The document in `path` (the first 自评表 of a hand-made file); only `DocumentFileError` escapes.

    The import command and window show every table of a hand-made file.
    """
    return open_tables(path)[0][1]


def open_tables(path: str | os.PathLike[str]) -> list[tuple[str, Document]]:
    """Every 自评表 in `path` as (where, document), whatever its kind; only `DocumentFileError` escapes.

    `where` names the sheet or Word table when a hand-made file holds several
    (a county's workbook often has one project per sheet), else it is "".
    """
    path = Path(path)
    _refuse_special(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return _open_workbook(path)
    if path.suffix.lower() in IMPORT_SUFFIXES:
        return _import_all(path)
    return [("", load_document(path))]


def _import_all(path: Path) -> list[tuple[str, Document]]:
    from perfdesk.core.imports.importer import import_file

    tables = import_file(path).tables
    if len(tables) == 1:
        return [("", tables[0].document)]
    return [(table.where, table.document) for table in tables]


def _refuse_special(path: Path) -> None:
    """A pipe or a device is no table: reading a pipe would wait for ever."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # missing or unreadable: the read says so in its own words
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise DocumentFileError(f"“{path.name}”不是普通文件（是设备或管道），无法作为自评表打开。", source=path.name)


def _open_workbook(path: Path) -> list[tuple[str, Document]]:
    """Import an Excel table (the reader checks the zip with `safe_zip` before opening it).

    Whatever openpyxl raises on a damaged workbook (`ParseError`, `IndexError`,
    `RecursionError` …) is logged; the user reads one Chinese sentence.
    """
    try:
        from perfdesk.core.files.xlsx_import import (  # openpyxl: only when needed
            NotPerfDeskWorkbook,
            read_document_from_workbook,
        )

        try:
            return [("", read_document_from_workbook(path))]
        except NotPerfDeskWorkbook:
            pass
        return _import_all(path)  # made by hand: read the visible sheets
    except DocumentFileError:
        raise
    except Exception as exc:  # the contract: a bad workbook never crashes the caller
        problem_log.record(path.name, exc)
        raise DocumentFileError(
            f"Excel 文件“{path.name}”已损坏或内容不合规范，无法从中读取自评表（详细原因已记入日志）。",
            source=path.name,
        ) from exc
