"""Excel 2003 XML workbooks (SpreadsheetML): the other `.xls` that reporting systems write.

`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">` with one
`<Worksheet ss:Name>` per sheet; a `<Cell>` may skip columns (`ss:Index`) and
merge across and down (`ss:MergeAcross`, `ss:MergeDown`), a `<Row>` may skip
rows (`ss:Index`). Python's XML parser refuses external entities and
entity expansion bombs, so a hostile file is an unreadable file, nothing more.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from perfdesk.core.imports.cells import clean_text
from perfdesk.core.imports.grid import MAX_COLS, MAX_ROWS, Grid

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
X = "{urn:schemas-microsoft-com:office:excel}"  # <WorksheetOptions><Visible>SheetHidden</Visible>
MAX_SHEETS = 200


def looks_like_spreadsheetml(head: bytes) -> bool:
    return b"urn:schemas-microsoft-com:office:spreadsheet" in head or b"Excel.Sheet" in head


def _int(node: ET.Element, name: str, default: int) -> int:
    try:
        return int(node.get(f"{SS}{name}", default))
    except (TypeError, ValueError):
        return default


def read_spreadsheetml(path: Path) -> list[Grid]:
    """One grid per worksheet."""
    root = ET.fromstring(path.read_bytes())
    return [_sheet(sheet) for sheet in root.iter(f"{SS}Worksheet")][:MAX_SHEETS]


def _sheet(sheet: ET.Element) -> Grid:
    visible = sheet.find(f"{X}WorksheetOptions/{X}Visible")
    grid = Grid(name=sheet.get(f"{SS}Name") or "Sheet1",
                hidden=visible is not None and (visible.text or "").strip() in ("SheetHidden", "SheetVeryHidden"))
    table = sheet.find(f"{SS}Table")
    rows = [] if table is None else table.findall(f"{SS}Row")
    r = -1
    for row in rows:
        r = _int(row, "Index", r + 2) - 1  # 1-based; a row without an index follows the last
        if r >= MAX_ROWS:
            grid.truncated = f"工作表超过 {MAX_ROWS} 行，只读取了前 {MAX_ROWS} 行"
            break
        c = -1
        for cell in row.findall(f"{SS}Cell"):
            c = _int(cell, "Index", c + 2) - 1
            if not 0 <= c < MAX_COLS:
                break
            data = cell.find(f"{SS}Data")
            text = "" if data is None else "".join(data.itertext())
            formula = cell.get(f"{SS}Formula")
            if formula and data is None:
                grid.uncached[(r, c)] = formula.removeprefix("=")[:200]
            grid.put(r, c, clean_text(text))
            across, down = max(0, _int(cell, "MergeAcross", 0)), max(0, _int(cell, "MergeDown", 0))
            grid.merge(r, c, down + 1, across + 1)
            c += across
        grid.rows = max(grid.rows, r + 1)
    return grid
