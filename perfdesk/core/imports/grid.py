"""A format-neutral table: cell texts, merges and how to name a cell to the user.

Every reader (.xlsx, .xls, .docx) produces `Grid`s, so recognising a 自评表 is
written once. Coordinates are 0-based; a merged range keeps its text in its
top-left cell and every covered cell points back to that anchor.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

#: Rows and columns read from one sheet or table. A real 自评表 has under 200 rows and
#: about 10 columns; anything beyond is cut off (and reported), so a sheet with a million
#: rows or 16,384 columns costs no more than this.
MAX_ROWS = 2_000
MAX_COLS = 64
#: Cells that merged ranges may cover, all together: merges that do not overlap cover each read
#: cell at most once, so only a hostile file (thousands of ranges over the whole sheet) reaches it.
MAX_MERGED_CELLS = MAX_ROWS * MAX_COLS


def column_letter(number: int) -> str:
    """Excel's name of column `number` (1 → A, 27 → AA): addresses in the import report,
    without importing openpyxl for it."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters

@dataclass
class Grid:
    """One sheet or one Word table.

    `kind` is "sheet" (addresses `Sheet1!A12`) or "table" (`表2 第5行第3列`);
    `row_names` names rows that are not table rows (Word paragraphs around a table).
    """

    name: str
    kind: str = "sheet"
    texts: dict[tuple[int, int], str] = field(default_factory=dict)
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # anchor -> (rows, cols)
    row_names: dict[int, str] = field(default_factory=dict)
    row_offset: int = 0  # grid rows before the table's first row (Word paragraphs above it)
    truncated: str = ""  # what was cut off, in Chinese ("" = nothing)
    embedded: bool = False  # the workbook also holds a PerfDesk document (hidden sheet)
    hidden: bool = False  # a hidden sheet (a county's blank template, workings): named, not read
    uncached: dict[tuple[int, int], str] = field(default_factory=dict)  # formula cells without a stored result
    rows: int = 0
    cols: int = 0
    _anchor: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    _merged_cells: int = 0  # cells looked at by `merge`, all together (bounded by MAX_MERGED_CELLS)

    def put(self, row: int, col: int, text: str) -> None:
        self.rows, self.cols = max(self.rows, row + 1), max(self.cols, col + 1)
        if text:
            self.texts[(row, col)] = text

    def merge(self, row: int, col: int, rows: int, cols: int) -> None:
        """Mark (row, col) as the anchor of a rows × cols range (clipped to the read bounds).

        A range may grow from its own anchor (a Word merge read row by row); one that overlaps
        another range is dropped, as Excel drops it when it repairs such a file.
        """
        rows, cols = min(rows, MAX_ROWS - row), min(cols, MAX_COLS - col)
        if rows < 1 or cols < 1 or (rows, cols) == (1, 1) or (row, col) in self._anchor \
                or self._merged_cells > MAX_MERGED_CELLS:
            return
        had = self.spans.get((row, col), (1, 1))
        if rows <= had[0] and cols <= had[1]:
            return
        rows, cols = max(rows, had[0]), max(cols, had[1])
        right = ((r, c) for r in range(row, row + had[0]) for c in range(col + had[1], col + cols)) \
            if cols > had[1] else ()
        below = ((r, c) for r in range(row + had[0], row + rows) for c in range(col, col + cols))
        covered = []
        for cell in itertools.chain(right, below):
            self._merged_cells += 1
            if self._merged_cells > MAX_MERGED_CELLS:
                too_many = f"合并单元格过多或相互重叠（超过 {MAX_MERGED_CELLS:,} 格），其余的合并未读取"
                self.truncated = "；".join(part for part in (self.truncated, too_many) if part)
                return
            if cell in self._anchor or cell in self.spans:
                return
            covered.append(cell)
        self.spans[(row, col)] = (rows, cols)
        self.rows, self.cols = max(self.rows, row + rows), max(self.cols, col + cols)
        for cell in covered:
            self._anchor[cell] = (row, col)
            self.texts.pop(cell, None)  # Excel keeps only the anchor's value

    def extend(self, other: Grid) -> None:
        """Append `other` below this grid (a table Word split in two at a page break)."""
        top = self.rows
        for (r, c), text in other.texts.items():
            self.put(top + r, c, text)
        for (r, c), (rows, cols) in other.spans.items():
            self.merge(top + r, c, rows, cols)
        for r, name in other.row_names.items():
            self.row_names[top + r] = f"（续表）{name}"
        for r in range(other.rows):
            if top + r not in self.row_names:
                self.row_names[top + r] = f"（续{other.name}）第{r - other.row_offset + 1}行"
        self.rows = max(self.rows, top + other.rows)

    def anchor(self, row: int, col: int) -> tuple[int, int]:
        return self._anchor.get((row, col), (row, col))

    def text(self, row: int, col: int) -> str:
        """The text shown at (row, col): a merged cell shows its anchor's text."""
        return self.texts.get(self.anchor(row, col), "")

    def span(self, row: int, col: int) -> tuple[int, int]:
        return self.spans.get(self.anchor(row, col), (1, 1))

    def row_anchors(self, row: int) -> list[tuple[int, int]]:
        """The distinct anchors met along a row, left to right."""
        seen: list[tuple[int, int]] = []
        for c in range(self.cols):
            a = self.anchor(row, c)
            if not seen or seen[-1] != a:
                if a not in seen:
                    seen.append(a)
        return seen

    def address(self, row: int, col: int) -> str:
        """How the user finds the cell: `绩效自评表!C14` or `表2 第5行第3列`."""
        row, col = self.anchor(row, col)
        if row in self.row_names:
            return f"{self.name} {self.row_names[row]}"
        if self.kind == "sheet":
            return f"{self.name}!{column_letter(col + 1)}{row + 1}"
        return f"{self.name} 第{row - self.row_offset + 1}行第{col + 1}列"
