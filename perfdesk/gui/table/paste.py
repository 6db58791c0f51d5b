"""Clipboard blocks for the grid: Excel/WPS tab-separated text in and out (no Qt here).

Pasting walks the INPUT cells of the target rows from the current cell: values
go left to right into input cells only (label and computed columns are skipped),
one block line per table row that has an input cell from that column on.
"""

from __future__ import annotations

import io

from perfdesk.core.layout.table import Role, TableLayout
from perfdesk.core.model.results import Location


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of cells from clipboard text: rows by \\n or \\r\\n, cells by \\t, quoted cells may hold newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    import csv  # on first paste, not at start-up

    return [row if row else [""] for row in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')]


def to_tsv(rows: list[list[str]]) -> str:
    """Tab-separated text as Excel writes it (cells with tabs, newlines or quotes are quoted)."""
    import csv

    out = io.StringIO()
    csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def input_columns(layout: TableLayout, row: int, from_col: int) -> list[Location]:
    """Bindings of the INPUT cells whose top-left corner is on `row`, at or right of `from_col`."""
    found = []
    for col in range(from_col, layout.columns):
        cell = layout.cell_at(row, col)
        if cell is not None and cell.role is Role.INPUT and (cell.row, cell.col) == (row, col) and cell.binding:
            found.append(cell.binding)
    return found


def plan_paste(layout: TableLayout, row: int, col: int, block: list[list[str]]) -> list[tuple[Location, str]]:
    """Which field gets which pasted text, starting at (row, col); extra values are dropped."""
    changes: list[tuple[Location, str]] = []
    lines = iter(block)
    line = next(lines, None)
    while line is not None and row < layout.rows:
        targets = input_columns(layout, row, col)
        row += 1
        if not targets:
            continue
        changes.extend(zip(targets, line))
        line = next(lines, None)
    return changes
