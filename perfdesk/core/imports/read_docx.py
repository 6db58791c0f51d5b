"""Tables of a Word .docx as grids, with the paragraphs around each table (see `word_tables`).

Merges are read from the XML itself (gridSpan across, vMerge down) so irregular rows
that python-docx's cell grid rejects are still read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

from perfdesk.core.files import safe_zip
from perfdesk.core.imports.cells import clean_text
from perfdesk.core.imports.grid import MAX_COLS, MAX_ROWS, Grid
from perfdesk.core.imports.word_tables import Table, WordCell, grids


def read_docx(path: Path) -> list[Grid]:
    """One grid per top-level table, in document order."""
    safe_zip.check_workbook(path, kind="Word 文档（.docx）", workbook=False)
    return grids(_blocks(docx.Document(str(path)).element.body))


def _blocks(body: Any) -> Iterator[str | Table]:
    """The body's paragraphs (their text) and tables (their rows), in document order."""
    for child in _unwrapped(body):
        if child.tag == qn("w:p"):
            yield _paragraph_text(child)
        elif child.tag == qn("w:tbl"):
            yield _rows(child)


_T, _BREAKS, _TAB = qn("w:t"), (qn("w:br"), qn("w:cr")), qn("w:tab")
_SDT, _SDT_CONTENT, _CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")


def _unwrapped(parent: Any) -> Iterator[Any]:
    """The children of a body, table, row or cell, looking through the content controls
    (`w:sdt`) and custom XML that forms made from templates wrap around tables, rows, cells
    and paragraphs."""
    for child in parent.iterchildren():
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _unwrapped(content)
        elif child.tag == _CUSTOM_XML:
            yield from _unwrapped(child)
        else:
            yield child


def _paragraph_text(p: Any) -> str:
    """Text of a paragraph, its line breaks (`<w:br/>`) kept as newlines."""
    parts = []
    for node in p.iter(_T, *_BREAKS, _TAB):
        parts.append(node.text or "" if node.tag == _T else "\n" if node.tag in _BREAKS else " ")
    return clean_text("".join(parts))


def _cell_text(tc: Any) -> str:
    return clean_text("\n".join(_paragraph_text(p) for p in _unwrapped(tc) if p.tag == qn("w:p")))


def _rows(tbl: Any) -> Table:
    """The table's rows, each cell at its grid column (after `gridBefore`, spans added up).

    Rows beyond the grid's bound are counted but not read (`word_tables` reports the cut)."""
    rows = [tr for tr in _unwrapped(tbl) if tr.tag == qn("w:tr")]
    table: Table = [[] for _ in rows]
    for tr, cells in zip(rows[:MAX_ROWS], table, strict=False):
        c = _grid_before(tr)
        for tc in (tc for tc in _unwrapped(tr) if tc.tag == qn("w:tc")):
            if c >= MAX_COLS:
                break
            span = max(1, min(_int(tc, "w:gridSpan"), MAX_COLS))
            merge = _vmerge(tc)
            cells.append(WordCell(c, span, merge, "" if merge == "continue" else _cell_text(tc)))
            c += span
    return table


def _grid_before(tr: Any) -> int:
    pr = tr.find(qn("w:trPr"))
    return _int(pr, "w:gridBefore") if pr is not None else 0


def _int(parent: Any, tag: str) -> int:
    """`<w:gridSpan w:val="3"/>` under tcPr (or trPr) → 3; 0 or 1 when absent."""
    pr = parent.find(qn("w:tcPr")) if parent.tag == qn("w:tc") else parent
    node = pr.find(qn(tag)) if pr is not None else None
    try:
        return int(node.get(qn("w:val"))) if node is not None else (1 if tag == "w:gridSpan" else 0)
    except (TypeError, ValueError):
        return 1 if tag == "w:gridSpan" else 0


def _vmerge(tc: Any) -> str:
    pr = tc.find(qn("w:tcPr"))
    node = pr.find(qn("w:vMerge")) if pr is not None else None
    if node is None:
        return ""
    return "restart" if node.get(qn("w:val")) == "restart" else "continue"
