"""Import a hand-made 自评表 file: choose the reader by content, recognise every table.

Bounds: a file over `MAX_FILE_BYTES` is refused before reading; zips are
checked by `safe_zip` (size, ratio, encryption); each sheet or Word table is
read up to `grid.MAX_ROWS` × `grid.MAX_COLS` cells. Every failure of a reader
becomes one `DocumentFileError` naming the file and saying what to do.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path

from perfdesk.core.files import problem_log
from perfdesk.core.files.errors import DocumentFileError, file_label
from perfdesk.core.imports.compare import compare_embedded
from perfdesk.core.imports.grid import Grid
from perfdesk.core.imports.read_html import MAX_BYTES as TEXT_MAX_BYTES
from perfdesk.core.imports.read_html import looks_like_html, read_html
from perfdesk.core.imports.read_spreadsheetml import looks_like_spreadsheetml, read_spreadsheetml
from perfdesk.core.imports.recognise import has_header, has_project, recognise
from perfdesk.core.imports.report import ImportResult
from perfdesk.core.rules.profile import TemplateLibrary

MAX_FILE_BYTES = 50 * 1024 * 1024
IMPORT_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".docx", ".wps", ".doc", ".rtf", ".pdf")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream of a password-protected .xlsx/.docx
SAVE_AS_XLSX = "请在 Excel 或 WPS 表格中打开它，选择“文件 › 另存为”，保存为“Excel 工作簿（*.xlsx）”后再导入。"
SAVE_AS_DOCX = "请在 Word 或 WPS 文字中打开它，选择“文件 › 另存为”，保存为“Word 文档（*.docx）”后再导入。"


def _refuse(source: str, problem: str) -> DocumentFileError:
    return DocumentFileError(f"{file_label(source)}{problem}", source=source)


def read_grids(path: Path) -> list[Grid]:
    """The sheets or tables of `path`, by what the file really is (not only its extension)."""
    source = path.name
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(512)
    except FileNotFoundError as exc:
        raise _refuse(source, "不存在（可能已被移动、删除或 U 盘已拔出）。") from exc
    except OSError as exc:
        raise _refuse(source, f"无法读取：{exc.strerror or exc}。") from exc
    if size > MAX_FILE_BYTES:
        raise _refuse(source, f"有 {size / 1024 / 1024:,.0f} MB，超过导入上限 {MAX_FILE_BYTES // 1024 // 1024} MB，"
                              "不像是一张自评表。")
    if size == 0:
        raise _refuse(source, "是空文件（0 字节），可能没有保存完整或复制时出错。请找到原文件重新复制后再导入。")
    suffix = path.suffix.lower()
    if head.startswith(b"PK"):
        return _read_zip(path, suffix)
    if head.startswith(_OLE):
        return _read_ole(path, suffix)
    if b"%PDF-" in head[:64]:
        return _read_pdf(path)
    if head.lstrip().startswith(b"{\\rtf"):
        return _read_rtf(path, size)
    if looks_like_spreadsheetml(head):
        return _read_text_table(path, "Excel 2003 XML 表格", read_spreadsheetml, "工作表")
    if looks_like_html(head):
        return _read_text_table(path, "网页格式的表格", read_html, "表格")
    if suffix in (".doc", ".wps"):
        raise _refuse(source, f"不是可读取的 Word 文档。{SAVE_AS_DOCX}")
    raise _refuse(source, f"不是 Excel 或 Word 文件（可能只是改了扩展名，或是网页/文本格式）。{SAVE_AS_XLSX}")


def _read_zip(path: Path, suffix: str) -> list[Grid]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(path.name, "已损坏，无法解压。请在 Excel/Word/WPS 中打开后另存一份再导入。") from exc
    try:
        if "word/document.xml" in names:
            from perfdesk.core.imports.read_docx import read_docx

            return read_docx(path)
        if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
            from perfdesk.core.imports.read_xlsx import read_xlsx

            return read_xlsx(path)
    except DocumentFileError:
        raise
    except Exception as exc:  # a reader's own error on a damaged file: logged, the user reads Chinese only
        problem_log.record(path.name, exc)
        raise _refuse(path.name, "无法读取，文件可能已损坏（详细原因已记入日志）。"
                                 "请在 Excel、WPS 或 Word 中打开后另存一份再导入。") from exc
    raise _refuse(path.name, f"是压缩包，但既不是 Excel 工作簿也不是 Word 文档。{SAVE_AS_XLSX}")


def _read_ole(path: Path, suffix: str) -> list[Grid]:
    """An OLE file: an .xls/.et workbook, a .doc/.wps Word binary, or a password-protected Office file."""
    data = path.read_bytes()
    if _ENCRYPTED in data and suffix in (".docx", ".doc", ".wps"):
        raise _refuse(path.name, "设置了打开密码（已加密）。请在 Word/WPS 中取消密码并另存为 .docx 后再导入。")
    from perfdesk.core.imports.read_doc import is_word_binary

    if _ENCRYPTED not in data and is_word_binary(data):
        return _read_word_binary(path, data)
    if suffix in (".doc", ".wps", ".docx"):
        raise _refuse(path.name, f"不是可读取的 Word 文档（或设置了打开密码）。{SAVE_AS_DOCX}")
    if suffix in (".xlsx", ".xlsm") or _ENCRYPTED in data:
        raise _refuse(path.name, "设置了打开密码（已加密）。请在 Excel/WPS 中取消密码并另存为 .xlsx 后再导入。")
    import xlrd

    from perfdesk.core.imports.read_xls import MAX_BYTES, read_xls

    if len(data) > MAX_BYTES:
        raise _refuse(path.name, f"有 {len(data) / 1024 / 1024:,.0f} MB，超过 .xls 导入上限 "
                                 f"{MAX_BYTES // 1024 // 1024} MB。{SAVE_AS_XLSX}")
    try:
        return read_xls(data)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise _refuse(path.name, "设置了打开密码。请在 Excel/WPS 中取消密码并另存为 .xlsx 后再导入。") from exc
        if "workbook" in str(exc).lower() and "ole2" in str(exc).lower():
            raise _refuse(path.name, "设置了打开密码，或不是 Excel 表格。请取消密码并另存为 .xlsx 后再导入。") from exc
        problem_log.record(path.name, exc)
        raise _refuse(path.name, f"无法作为 .xls 工作簿读取（详细原因已记入日志）。{SAVE_AS_XLSX}") from exc
    except Exception as exc:  # xlrd on broken BIFF records raises assorted errors
        problem_log.record(path.name, exc)
        raise _refuse(path.name, f"中的 .xls 记录已损坏，无法读取（详细原因已记入日志）。{SAVE_AS_XLSX}") from exc


def _read_word_binary(path: Path, data: bytes) -> list[Grid]:
    """A Word 97–2003 .doc or WPS .wps, whatever its extension says."""
    from perfdesk.core.imports.read_doc import DocUnreadable, read_doc

    try:
        return read_doc(data)
    except DocUnreadable as exc:
        raise _refuse(path.name, f"{exc}，无法读取。{SAVE_AS_DOCX}") from exc
    except Exception as exc:  # a damaged binary: the reader's own error is logged, the user reads Chinese only
        problem_log.record(path.name, exc)
        raise _refuse(path.name, f"中的 Word 内容已损坏，无法读取（详细原因已记入日志）。{SAVE_AS_DOCX}") from exc


def _read_rtf(path: Path, size: int) -> list[Grid]:
    """An RTF document (what many reporting systems export as "Word", often named `.doc`)."""
    from perfdesk.core.imports.read_rtf import MAX_BYTES, read_rtf

    if size > MAX_BYTES:
        raise _refuse(path.name, f"是 RTF 文档，但大于 {MAX_BYTES // 1024 // 1024} MB，"
                                 f"不像是一张自评表。{SAVE_AS_DOCX}")
    try:
        return read_rtf(path.read_bytes())
    except Exception as exc:  # noqa: BLE001 — a damaged RTF: the reader's own error is logged
        problem_log.record(path.name, exc)
        raise _refuse(path.name, f"是 RTF 文档，但无法读取（详细原因已记入日志）。{SAVE_AS_DOCX}") from exc


def _read_pdf(path: Path) -> list[Grid]:
    """A PDF's ruled tables (a published table, or one saved as PDF); a scanned one is refused."""
    from perfdesk.core.imports.read_pdf import PdfUnreadable, read_pdf

    try:
        return read_pdf(path)
    except PdfUnreadable as exc:
        raise _refuse(path.name, f"{exc}。") from exc
    except Exception as exc:  # noqa: BLE001 — pdfminer on broken or hostile PDFs raises assorted errors
        problem_log.record(path.name, exc)
        raise _refuse(path.name, "是 PDF，但无法读取，文件可能已损坏（详细原因已记入日志）。"
                                 "请导入原始的 Excel 或 Word 文件。") from exc


def _read_text_table(path: Path, kind: str, read: Callable[[Path], list[Grid]], nothing: str) -> list[Grid]:
    """An `.xls` that is text (a web page, an Excel 2003 XML workbook), as reporting systems export:
    bounded in size, and whatever its parser meets said in one sentence (the detail logged)."""
    if path.stat().st_size > TEXT_MAX_BYTES:
        raise _refuse(path.name, f"是{kind}，但大于 {TEXT_MAX_BYTES // 1024 // 1024} MB，"
                                 f"不像是一张自评表。{SAVE_AS_XLSX}")
    try:
        grids = read(path)
    except ET.ParseError as exc:
        raise _refuse(path.name, f"是{kind}，但内容已损坏（{exc}）。{SAVE_AS_XLSX}") from exc
    except Exception as exc:  # noqa: BLE001 — a parser refusing an entity bomb, broken markup and the like
        problem_log.record(path.name, exc)
        raise _refuse(path.name, f"是{kind}，但无法读取（详细原因已记入日志）。{SAVE_AS_XLSX}") from exc
    if not grids:
        raise _refuse(path.name, f"是{kind}，但其中没有{nothing}。{SAVE_AS_XLSX}")
    return grids


def join_split_tables(grids: list[Grid]) -> list[Grid]:
    """A Word table holding the project and funds followed by one holding only the indicators
    is one 自评表 split at a page break: the second is appended to the first."""
    joined: list[Grid] = []
    for grid in grids:
        previous = joined[-1] if joined else None
        if previous is not None and grid.kind == previous.kind == "table" and has_header(grid) \
                and not has_header(previous) and has_project(previous) and not has_project(grid):
            previous.extend(grid)
            continue
        joined.append(grid)
    return joined


def import_file(path: str | Path, library: TemplateLibrary | None = None) -> ImportResult:
    """Every 自评表 in the file; DocumentFileError when the file cannot be read or holds none.

    The readers' library warnings are logged, never shown (`problem_log.warnings_logged`).
    """
    path = Path(path)
    with problem_log.warnings_logged(path.name):
        return _import(path, library)


def _import(path: Path, library: TemplateLibrary | None) -> ImportResult:
    library = library or TemplateLibrary()
    result = ImportResult(path.name)
    grids = join_split_tables(read_grids(path))
    for grid in grids:
        if grid.hidden:
            result.skipped.append(f"“{grid.name}”：是隐藏的工作表，未导入（如需导入，请在 Excel/WPS 中取消隐藏后另存）")
            continue
        tables, why = recognise(grid, library, path.name)
        result.tables.extend(tables)
        if why:
            result.skipped.append(f"“{grid.name}”：{why}")  # quoted: a sheet's name is the user's text
    if not result.tables:
        detail = "；".join(result.skipped[:5]) or "文件中没有表格"
        raise _refuse(path.name, f"中没有找到自评表（{detail}）。")
    if any(grid.embedded for grid in grids):
        compare_embedded(path, result)
    return result
