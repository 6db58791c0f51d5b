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
                _add_paragraphs(pending, after, "表后")
            pending = _table(f"表{len(found) + 1}", before, block)
            found.append(pending)
            before, after = [], []
    if pending is not None:
        _add_paragraphs(pending, after, "表后")
    return found


def _table(name: str, before: list[str], rows: Table) -> Grid:
    grid = Grid(name=name, kind="table")
    top = len(before)
    grid.row_offset = top
    for i, text in enumerate(before):
        grid.put(i, 0, text)
        grid.row_names[i] = f"表前第{top - i}段"
    if len(rows) > MAX_ROWS:
        grid.truncated = f"表格有 {len(rows)} 行，只读取了前 {MAX_ROWS} 行"
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


def _add_paragraphs(grid: Grid, texts: list[str], where: str) -> None:
    start = grid.rows
    for i, text in enumerate(texts):
        grid.put(start + i, 0, text)
        grid.row_names[start + i] = f"{where}第{i + 1}段"
