"""Excel files that are really web pages: the `.xls` many finance and reporting systems save.

Such a file is an HTML table (Excel and WPS open it without a word), often in
GBK. Each top-level `<table>` becomes a grid; `rowspan`/`colspan` become merges,
placed as a browser places them (a cell skips columns held by a span from above);
a few lines of text before and after a table (its title, the 填报单位 line, the
signatures) become rows around it, as for a Word table. Nested tables are read
as text of the cell that holds them.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from perfdesk.core.imports.cells import clean_text
from perfdesk.core.imports.grid import MAX_COLS, MAX_ROWS, Grid

MAX_TABLES = 200
#: A real 自评表 page is well under 1 MB; Python's HTML parser takes about 0.3 s per MB.
MAX_BYTES = 10 * 1024 * 1024
AROUND = 6  # text lines kept above and below a table
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")
_BLOCKS = frozenset({"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr"})


def looks_like_html(head: bytes) -> bool:
    """The first bytes of a web page (after a byte-order mark and blanks)."""
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").lower()
    return text.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head", b"<body", b"<!--"))


def decode(raw: bytes) -> str:
    """The page's text: its byte-order mark, else its declared charset, else UTF-8, else GB18030."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    declared = _CHARSET.search(raw[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "x-gbk") else name  # a superset the page may use
        try:
            return raw.decode(name, errors="replace")
        except LookupError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


@dataclass
class _Cell:
    text: list[str] = field(default_factory=list)
    rows: int = 1
    cols: int = 1


@dataclass
class _Table:
    rows: list[list[_Cell]] = field(default_factory=list)
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    cut_rows: int = 0  # rows beyond MAX_ROWS, not read


class _Reader(HTMLParser):
    """Top-level tables with their cells, and the text lines between them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self.lines: list[str] = [""]  # text outside tables since the last table
        self.depth = 0  # table nesting
        self.cell: _Cell | None = None
        self.skip = 0  # inside <script>/<style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "table":
            if self.depth == 0:
                self._close_text()
                if len(self.tables) < MAX_TABLES:
                    self.tables.append(_Table(before=[t for t in self.lines if t][-AROUND:]))
                self.lines = [""]
            self.depth += 1
        elif self.depth == 1 and self.tables and tag == "tr":
            table = self.tables[-1]
            if len(table.rows) < MAX_ROWS:
                table.rows.append([])
            else:
                table.cut_rows += 1
        elif self.depth == 1 and self.tables and tag in ("td", "th"):
            table = self.tables[-1]
            if not table.rows:
                table.rows.append([])
            values = dict(attrs)
            self.cell = _Cell(rows=_span(values.get("rowspan"), MAX_ROWS), cols=_span(values.get("colspan"), MAX_COLS))
            if not table.cut_rows:
                table.rows[-1].append(self.cell)
        elif tag in _BLOCKS:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag == "table" and self.depth:
            self.depth -= 1
            if self.depth == 0:
                self.cell = None
        elif self.depth == 1 and tag in ("td", "th"):
            self.cell = None
        elif tag in _BLOCKS:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.text.append(data)
        elif self.depth == 0:
            self.lines[-1] += data

    def _newline(self) -> None:
        if self.cell is not None:
            self.cell.text.append("\n")
        elif self.depth == 0:
            self.lines.append("")

    def _close_text(self) -> None:
        """The text since the previous table is what follows it (and, at most, precedes the next)."""
        self.lines = [_SPACES.sub(" ", line).strip() for line in self.lines]
        if self.tables:
            self.tables[-1].after = [t for t in self.lines if t][:AROUND]

    def finish(self) -> list[_Table]:
        self._close_text()
        return self.tables


def _span(value: str | None, limit: int) -> int:
    try:
        return max(1, min(int(str(value).strip()), limit))
    except (TypeError, ValueError):
        return 1


def _cell_text(cell: _Cell) -> str:
    lines = "".join(cell.text).split("\n")
    return clean_text("\n".join(_SPACES.sub(" ", line) for line in lines))


def read_html(path: Path) -> list[Grid]:
    """One grid per top-level table of a web page saved as `.xls`."""
    reader = _Reader()
    reader.feed(decode(path.read_bytes()))
    reader.close()
    return [_grid(table, f"表{n}") for n, table in enumerate(reader.finish(), start=1)]


def _grid(table: _Table, name: str) -> Grid:
    grid = Grid(name=name, kind="table")
    top = len(table.before)
    grid.row_offset = top
    for i, text in enumerate(table.before):
        grid.put(i, 0, text)
        grid.row_names[i] = f"表前第{top - i}行文字"
    if table.cut_rows:
        grid.truncated = f"表格有 {MAX_ROWS + table.cut_rows} 行，只读取了前 {MAX_ROWS} 行"
    held = [-1] * MAX_COLS  # per column, the last row a span from above holds
    for r, cells in enumerate(table.rows, start=top):
        c = 0
        for cell in cells:
            while c < MAX_COLS and held[c] >= r:
                c += 1
            if c >= MAX_COLS:
                break
            grid.put(r, c, _cell_text(cell))
            grid.merge(r, c, cell.rows, cell.cols)
            for column in range(c, min(c + cell.cols, MAX_COLS)):
                held[column] = r + cell.rows - 1
            c += cell.cols
        grid.rows = max(grid.rows, r + 1)
    start = grid.rows
    for i, text in enumerate(table.after):
        grid.put(start + i, 0, text)
        grid.row_names[start + i] = f"表后第{i + 1}行文字"
    return grid
