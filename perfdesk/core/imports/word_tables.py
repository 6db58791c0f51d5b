"""Word tables as grids, whatever file they come from (.docx XML, the binary .doc of Word 97–2003/WPS).

A reader turns its file into a sequence of blocks in document order: the text of
a paragraph outside any table, or a table as rows of `WordCell`s. `grids` makes
one grid per table, with the few nearest paragraphs above and below it as rows
(the title, the 填报单位 line, notes and signature lines are paragraphs in Word,
named `表前第1段` …), and `place_cells` puts the cells of a table on the grid with
their merges (spans across, vertical merges down).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from perfdesk.core.imports.grid import MAX_COLS, MAX_ROWS, Grid

MAX_TABLES = 200
AROUND = 6  # paragraphs kept above and below a table


class WordCell(NamedTuple):
    """One cell of a table row as the file has it."""

    col: int  # first grid column it covers
    span: int  # grid columns it covers
    merge: str  # "restart": starts a vertical merge; "continue": merged into the cell above; "" neither
    text: str


Table = list[list[WordCell]]


class EdgeRow(NamedTuple):
    """A row as the binary formats describe it (.doc, .rtf): its cells' texts and their edges."""

    texts: list[str]
    edges: list[int]  # twips: each cell's left edge and the last one's right edge (may describe fewer)
    merges: dict[int, str]  # cell -> "restart" / "continue" (vertical merges)
    joined: set[int]  # cells merged into the one on their left (old-style horizontal merges)


_SAME_EDGE = 30  # twips (half a millimetre)


def edge_table(rows: list[EdgeRow]) -> Table:
    """The rows' cells at grid columns: every distinct cell edge of the table bounds a column, so a
    cell as wide as two cells of another row spans two columns. Cells a row does not describe (a
    damaged or hand-patched file) take the next columns, one each."""
    column = _columns(rows)
    table: Table = []
    for row in rows:
        edges = row.edges[:len(row.texts) + 1]
        cells: list[WordCell] = []
        col = 0
        for i, text in enumerate(row.texts[:MAX_COLS]):
            if i + 1 < len(edges):
                col, span = column[edges[i]], max(1, column[edges[i + 1]] - column[edges[i]])
            else:
                span = 1
            if i in row.joined and cells:  # the cell on its left grows
                cells[-1] = cells[-1]._replace(span=col + span - cells[-1].col)
            else:
                merge = row.merges.get(i, "")
                cells.append(WordCell(col, span, merge, "" if merge == "continue" else text))
            col += span
        table.append(cells)
    return table


def _columns(rows: list[EdgeRow]) -> dict[int, int]:
    """Each cell edge of the table → its grid column; edges closer than `_SAME_EDGE` are one (rows
    drawn by hand are rarely aligned to the twip)."""
    column: dict[int, int] = {}
    group_start, count = None, -1
    for edge in sorted({edge for row in rows for edge in row.edges[:len(row.texts) + 1]}):
        if group_start is None or edge - group_start > _SAME_EDGE:
            group_start, count = edge, count + 1
        column[edge] = count
    return column


def grids(blocks: Iterable[str | Table]) -> list[Grid]:
    """One grid per table, in document order (at most `MAX_TABLES`), with the paragraphs around it."""
    found: list[Grid] = []
    before: list[str] = []
    after: list[str] = []
    pending: Grid | None = None
    for block in blocks:
        if isinstance(block, str):
            if block:
                before = [*before[-(AROUND - 1):], block]
                if pending is not None and len(after) < AROUND:
                    after.append(block)
        elif len(found) < MAX_TABLES:
            if pending is not None:
                add_paragraphs(pending, after, "表后")
            pending = _table(f"表{len(found) + 1}", before, block)
            found.append(pending)
            before, after = [], []
    if pending is not None:
        add_paragraphs(pending, after, "表后")
    return found


def _table(name: str, before: list[str], rows: Table) -> Grid:
    grid = table_grid(name, before, len(rows))
    top = grid.row_offset
    open_down: dict[int, tuple[int, int]] = {}  # column -> anchor of a vertical merge still open
    for r, cells in enumerate(rows[:MAX_ROWS], start=top):
        for cell in cells:
            c, span = cell.col, max(1, min(cell.span, MAX_COLS))
            if c >= MAX_COLS:
                break
            if cell.merge == "continue" and c in open_down:
                ar, ac = open_down[c]
                grid.merge(ar, ac, r - ar + 1, grid.spans.get((ar, ac), (1, span))[1])
            else:
                grid.put(r, c, cell.text)
                grid.merge(r, c, 1, span)
                if cell.merge == "restart":
                    open_down[c] = (r, c)
                else:
                    open_down.pop(c, None)
    return grid


def table_grid(name: str, before: list[str], rows: int) -> Grid:
    """The grid of a table of `rows` rows (cut at `MAX_ROWS`, said so) with the paragraphs above it
    as its first rows, named `表前第1段` … counting up from the table."""
    grid = Grid(name=name, kind="table")
    top = len(before)
    grid.row_offset = top
    for i, text in enumerate(before):
        grid.put(i, 0, text)
        grid.row_names[i] = f"表前第{top - i}段"
    if rows > MAX_ROWS:
        grid.truncated = f"表格有 {rows} 行，只读取了前 {MAX_ROWS} 行"
    return grid


def add_paragraphs(grid: Grid, texts: list[str], where: str) -> None:
    """The paragraphs below a table as rows under it (`表后第1段` …)."""
    start = grid.rows
    for i, text in enumerate(texts):
        grid.put(start + i, 0, text)
        grid.row_names[start + i] = f"{where}第{i + 1}段"
