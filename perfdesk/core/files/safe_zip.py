"""Checks on a workbook before openpyxl opens it: no zip bombs, no XML tricks.

An .xlsx is a zip of XML files. A small file can claim, or secretly hold,
gigabytes once unpacked, and openpyxl would try to read them all; so the
archive's directory is checked first, then every entry is inflated into
nothing with a cap, stopping at the first byte beyond what it declared.

XML: openpyxl parses with `defusedxml` whenever it is installed (see
`openpyxl.xml.DEFUSEDXML`; entity definitions then raise), and `harden_xml`
(called by `check_workbook`) defuses the standard-library parsers as well for
any other XML read in the process.

Size alone does not bound openpyxl's time, so every inflated byte also goes
to `workbook_limits.ElementTally`, which counts the elements by kind.
"""

from __future__ import annotations

import functools
import os
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from perfdesk.core.files import problem_log
from perfdesk.core.files.errors import DocumentFileError, file_label
from perfdesk.core.files.workbook_limits import ElementTally

#: Most entries accepted (an exported table has about 10).
MAX_ENTRIES = 2_000
#: Largest total unpacked size accepted, declared or actual.
MAX_TOTAL_BYTES = 100 * 1024 * 1024
#: Largest compression ratio accepted for an entry bigger than RATIO_FLOOR.
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024

_CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@functools.cache
def harden_xml() -> None:
    """Make the standard-library XML parsers refuse entities and external references."""
    import defusedxml

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # defusedxml.cElementTree
        defusedxml.defuse_stdlib()


def _refuse(source: str, problem: str) -> DocumentFileError:
    return DocumentFileError(f"{file_label(source)}{problem}", source=source)


def check_workbook(path: str | os.PathLike[str], kind: str = "Excel 工作簿（.xlsx）",
                   workbook: bool = True, hand_made: bool = False) -> None:
    """Raise `DocumentFileError` unless `path` is a zip that is safe to unpack.

    Also hardens the XML parsers, so whoever reads the workbook next is covered.
    `kind` names what the file should be (a .docx is checked the same way, but its
    elements are not counted against the workbook limits: `workbook=False`; its
    reader bounds the tables it reads; `hand_made`: a county's workbook read for import,
    see `ElementTally`).
    """
    harden_xml()
    path = Path(path)
    source = path.name
    try:
        with open(path, "rb") as handle:
            if handle.read(len(_OLE_MAGIC)) == _OLE_MAGIC:
                raise _refuse(
                    source,
                    "是旧版 .xls 文件或设置了打开密码的工作簿。请在 Excel/WPS 中取消密码并另存为 .xlsx 后再导入。",
                )
            handle.seek(0)
            with zipfile.ZipFile(handle) as archive:
                infos = archive.infolist()
                _check_directory(infos, source)
                _check_contents(handle, infos, source, ElementTally(source, hand_made) if workbook else None)
    except DocumentFileError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise _refuse(source, f"不是有效的 {kind}，文件可能已损坏或只是改了扩展名。") from exc
    except FileNotFoundError as exc:
        raise _refuse(source, "不存在（可能已被移动、删除或 U 盘已拔出）。") from exc
    except IsADirectoryError as exc:
        raise _refuse(source, "是文件夹，不是 Excel 工作簿。") from exc
    except OSError as exc:
        raise _refuse(source, f"无法读取（{problem_log.os_reason(source, exc)}），U 盘或网络盘可能已断开。") from exc


def _check_directory(infos: list[zipfile.ZipInfo], source: str) -> None:
    """What the archive declares: entry count, total size, ratios, encryption."""
    if len(infos) > MAX_ENTRIES:
        raise _refuse(source, f"包含 {len(infos):,} 个内部文件，超过上限 {MAX_ENTRIES:,}，不像是正常的工作簿。")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_TOTAL_BYTES:
        raise _refuse(
            source,
            f"解压后将达 {declared / 1024 / 1024:,.0f} MB，超过上限 {MAX_TOTAL_BYTES // 1024 // 1024} MB，"
            "已拒绝打开（可能是“压缩炸弹”）。",
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise _refuse(source, "中的内容已加密，请先在 Excel/WPS 中取消密码。")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse(source, f"使用了不支持的压缩方式（{info.compress_type}），不像是正常的工作簿。")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(
                source,
                f"中的“{info.filename[:60]}”压缩比异常（超过 {MAX_RATIO} 倍），已拒绝打开（可能是“压缩炸弹”）。",
            )


def _check_contents(handle: BinaryIO, infos: list[zipfile.ZipInfo], source: str, tally: ElementTally | None) -> None:
    """Inflate every entry into nothing, refusing any that outgrows its declared size (and, for
    a workbook, counting its elements on the way)."""
    total = 0
    for info in infos:
        if tally is not None:
            tally.entry(info.filename)
        actual = _inflated_size(handle, info, source, tally.feed if tally is not None else _ignore)
        if actual > info.file_size:
            raise _refuse(
                source,
                f"中的“{info.filename[:60]}”实际解压大小超过其声明的大小，文件可能被篡改，已拒绝打开。",
            )
        total += actual
        if total > MAX_TOTAL_BYTES:
            raise _refuse(source, f"解压后超过上限 {MAX_TOTAL_BYTES // 1024 // 1024} MB，已拒绝打开。")


def _ignore(piece: bytes) -> None:
    """No element count (a Word document)."""


def _inflated_size(handle: BinaryIO, info: zipfile.ZipInfo, source: str, feed: Callable[[bytes], None]) -> int:
    """Bytes the entry really unpacks to, counting at most one byte past its declared size.

    Every unpacked piece goes to `feed` (the element count) on the way.
    """
    handle.seek(info.header_offset)
    header = handle.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size:
        raise zipfile.BadZipFile("truncated local header")
    magic, name_len, extra_len = _LOCAL_HEADER.unpack(header)
    if magic != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local header")
    handle.seek(info.header_offset + _LOCAL_HEADER.size + name_len + extra_len)
    remaining = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        while remaining > 0:
            chunk = handle.read(min(_CHUNK, remaining))
            if not chunk:
                raise zipfile.BadZipFile("truncated entry")
            remaining -= len(chunk)
            feed(chunk)
        return info.compress_size
    cap = info.file_size + 1
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    try:
        while remaining > 0 and not inflater.eof:
            chunk = handle.read(min(_CHUNK, remaining))
            if not chunk:
                raise zipfile.BadZipFile("truncated entry")
            remaining -= len(chunk)
            while chunk and produced < cap:
                piece = inflater.decompress(chunk, cap - produced)
                feed(piece)
                produced += len(piece)
                chunk = inflater.unconsumed_tail
            if produced >= cap:
                return produced
    except zlib.error as exc:
        raise _refuse(source, f"中的“{info.filename[:60]}”已损坏，无法解压。") from exc
    return produced
