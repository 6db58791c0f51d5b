"""Workbooks good and malicious, built on the fly (no binary fixtures in the repository)."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

_MB = 1024 * 1024


def real_workbook(path: Path) -> Path:
    """An ordinary workbook written by openpyxl."""
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "项目支出绩效自评表"
    book.save(path)
    return path


def zeros_bomb(path: Path, megabytes: int = 300) -> Path:
    """`megabytes` MB of zeros deflated into one sheet: about 1/1000 of that on disk."""
    block = bytes(_MB)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(megabytes):
                sheet.write(block)
    return path


def lying_bomb(path: Path, megabytes: int = 40, claimed: int = 5000) -> Path:
    """Zeros whose local and central headers both claim only `claimed` bytes unpacked."""
    real = megabytes * _MB + 3  # an odd size, so its 4 bytes occur only in the two headers
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", bytes(real))
    data = path.read_bytes()
    assert data.count(struct.pack("<I", real)) == 2
    path.write_bytes(data.replace(struct.pack("<I", real), struct.pack("<I", claimed)))
    return path
