"""The .pdesk file: a PerfDesk document as UTF-8 JSON, read defensively.

Files arrive by USB stick, e-mail and shared folders, so reading never trusts
them: the size, the nesting, every type and every string length are checked,
and the only exception that leaves `load_document`/`loads` is
`DocumentFileError` with a Chinese message saying what is wrong and where.
The format is specified in docs/file-format.md.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from perfdesk import __version__
from perfdesk.core.files import problem_log
from perfdesk.core.files.atomic_write import atomic_write
from perfdesk.core.files.errors import DocumentFileError, file_label
from perfdesk.core.files.fingerprint import content_hash
from perfdesk.core.files.json_reader import parse_json
from perfdesk.core.files.schema import (
    content_to_data,
    data_to_document,
    describe,
    review_to_data,
    top_extra_to_data,
)
from perfdesk.core.model.document import Document

__all__ = [
    "DocumentFileError",
    "FORMAT",
    "MAX_FILE_BYTES",
    "VERSION",
    "document_from_data",
    "document_to_data",
    "dumps",
    "load_document",
    "loads",
    "save_document",
]

FORMAT = "perfdesk"
#: Format version, an integer. Raised only when an older PerfDesk could not read
#: a newer file correctly; new optional fields do not raise it (they survive as extras).
VERSION = 1
#: Largest file accepted (a full table is a few tens of kilobytes).
MAX_FILE_BYTES = 20 * 1024 * 1024

_ZIP_MAGIC = b"PK\x03\x04"


def document_to_data(doc: Document) -> dict[str, Any]:
    """The whole file as JSON data, in the key order it is written."""
    content = content_to_data(doc)
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "kind": content["kind"],
        "template": content["template"],
        "saved_by": f"PerfDesk {__version__}",
        "content_hash": content_hash(doc),
        "document": content["document"],
        "review": review_to_data(doc),
    }
    for key, value in top_extra_to_data(doc).items():
        data.setdefault(key, value)
    return data


def _check_header(data: Any, source: str) -> None:
    """Refuse what is not a PerfDesk file, or one from a newer format version."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DocumentFileError(
            f"{file_label(source)}不是 PerfDesk 文件（缺少 \"format\": \"{FORMAT}\" 标记）。",
            source=source,
        )
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise DocumentFileError(
            f"{file_label(source)}的格式版本 version 应为正整数，实际是{describe(version)}。",
            source=source,
            path="version",
        )
    if version > VERSION:
        raise DocumentFileError(
            f"{file_label(source)}由较新版本的 PerfDesk（格式版本 {version}）保存，请升级后再打开。",
            source=source,
            path="version",
        )


def document_from_data(data: Any, source: str = "") -> Document:
    """Check parsed file data and build the Document (structure only, no template checks)."""
    _check_header(data, source)
    return data_to_document(data, source)


def dumps(doc: Document, compact: bool = False) -> str:
    """The file's text: indented UTF-8 JSON, Chinese written as is, ending with a newline.

    `compact`: on one line, for the recovery copy written every few seconds while typing:
    Python's JSON encoder is C code only without indenting (500 rows: 21 ms → a few).
    """
    return json.dumps(document_to_data(doc), ensure_ascii=False, indent=None if compact else 1,
                      separators=(",", ":") if compact else None, allow_nan=False) + "\n"


def loads(text: str | bytes, source: str = "") -> Document:
    """Parse a file's text (or raw bytes; a UTF-8 BOM is tolerated)."""
    if isinstance(text, bytes):
        text = _decode(text, source)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise DocumentFileError(f"{file_label(source)}是空的（0 字节或只有空白）。", source=source)
    return document_from_data(parse_json(text, source), source)


def _decode(raw: bytes, source: str) -> str:
    if raw.startswith(_ZIP_MAGIC):
        raise DocumentFileError(
            f"{file_label(source)}是压缩包或 Excel 文件，不是 .pdesk 文件。Excel 表格请用“导入”打开。",
            source=source,
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentFileError(
            f"{file_label(source)}不是 UTF-8 文本（第 {exc.start} 字节无法识别），"
            "不是 PerfDesk 文件或已经损坏。",
            source=source,
        ) from exc


def save_document(doc: Document, path: str | os.PathLike[str], compact: bool = False) -> None:
    """Save atomically, keeping the previous version as `<name>.bak` (`compact`: see `dumps`)."""
    atomic_write(Path(path), dumps(doc, compact).encode("utf-8"))


def load_document(path: str | os.PathLike[str]) -> Document:
    """Open a .pdesk file; only `DocumentFileError` escapes (`opening.open_document` takes any kind)."""
    path = Path(path)
    return loads(_read_bytes(path), path.name)


def _read_bytes(path: Path) -> bytes:
    name = path.name
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as exc:
        raise DocumentFileError(f"找不到文件“{name}”（可能已被移动、删除或 U 盘已拔出）。", source=name) from exc
    except IsADirectoryError as exc:
        raise DocumentFileError(f"“{name}”是文件夹，不是 PerfDesk 文件。", source=name) from exc
    except PermissionError as exc:
        raise DocumentFileError(f"没有权限读取文件“{name}”，或文件正被其他程序占用。", source=name) from exc
    except OSError as exc:
        reason = problem_log.os_reason(name, exc)
        raise DocumentFileError(f"读取文件“{name}”失败（{reason}），U 盘或网络盘可能已断开。", source=name) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise DocumentFileError(
            f"文件“{name}”超过 {MAX_FILE_BYTES // (1024 * 1024)} MB，不是 PerfDesk 保存的表格（或已损坏）。",
            source=name,
        )
    return raw
