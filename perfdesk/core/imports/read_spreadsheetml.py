"""Excel 2003 XML workbooks (SpreadsheetML): the other `.xls` that reporting systems write.

`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">` with one
`<Worksheet ss:Name>` per sheet; a `<Cell>` may skip columns (`ss:Index`) and
merge across and down (`ss:MergeAcross`, `ss:MergeDown`), a `<Row>` may skip
rows (`ss:Index`). Python's XML parser refuses external entities and
entity expansion bombs, so a hostile file is an unreadable file, nothing more.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation
from pathlib import Path

from perfdesk.core.imports.cells import clean_text, value_text
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


#: Excel's named formats in `<NumberFormat ss:Format>`, as the format codes they stand for.
_NAMED_FORMATS = {"Percent": "0.00%", "Short Date": "yyyy-m-d", "Medium Date": "d-mmm-yy", "Long Date": "yyyy年m月d日",
                  "General Date": "yyyy-m-d", "Fixed": "0.00", "Standard": "#,##0.00", "General Number": "General",
                  "General": "General"}


def read_spreadsheetml(path: Path) -> list[Grid]:
    """One grid per worksheet."""
    root = ET.fromstring(path.read_bytes())
    formats = _number_formats(root)
    return [_sheet(sheet, formats) for sheet in root.iter(f"{SS}Worksheet")][:MAX_SHEETS]


def _number_formats(root: ET.Element) -> dict[str, str]:
    """Style id → the number format its cells are shown with (`0%`, `yyyy"年"m"月"` …)."""
    formats = {}
    for style in root.iter(f"{SS}Style"):
        number = style.find(f"{SS}NumberFormat")
        code = number.get(f"{SS}Format") if number is not None else None
        if code:
            formats[style.get(f"{SS}ID", "")] = _NAMED_FORMATS.get(code, code)
    return formats


def _value(data: ET.Element, number_format: str) -> str:
    """A cell's text as Excel shows it: a Number through its format (0.95 → `95%`), a DateTime
    (`2023-12-01T00:00:00.000`) as a date, text as typed."""
    text = "".join(data.itertext())
    kind = data.get(f"{SS}Type")
    try:
        if kind == "Number":
            return value_text(Decimal(text.strip()), number_format)
        if kind == "DateTime":
            return value_text(dt.datetime.fromisoformat(text.strip()[:19]), number_format)
    except (InvalidOperation, ValueError):
        pass
    return clean_text(text)


def _sheet(sheet: ET.Element, formats: dict[str, str]) -> Grid:
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
            formula = cell.get(f"{SS}Formula")
            if formula and data is None:
                grid.uncached[(r, c)] = formula.removeprefix("=")[:200]
            grid.put(r, c, "" if data is None else _value(data, formats.get(cell.get(f"{SS}StyleID", ""), "")))
            across, down = max(0, _int(cell, "MergeAcross", 0)), max(0, _int(cell, "MergeDown", 0))
            grid.merge(r, c, down + 1, across + 1)
            c += across
        grid.rows = max(grid.rows, r + 1)
    return grid
