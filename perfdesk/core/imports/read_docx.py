"""Tables of a Word .docx as grids, with the paragraphs around each table.

The title (`2022年度项目支出绩效自评表`), the 填报单位 line above a table and the
signature lines and notes below it are paragraphs, not cells; the few nearest
ones are added as rows above and below the table (named `表前第1段` …). Merges
are read from the XML itself (gridSpan across, vMerge down) so irregular rows
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

MAX_TABLES = 200
AROUND = 6  # paragraphs kept above and below a table


def read_docx(path: Path) -> list[Grid]:
    """One grid per top-level table, in document order."""
    safe_zip.check_workbook(path, kind="Word 文档（.docx）", workbook=False)
    body = docx.Document(str(path)).element.body
    grids: list[Grid] = []
    before: list[str] = []
    pending: Grid | None = None
    after: list[str] = []
    for child in _unwrapped(body):
        if child.tag == qn("w:p"):
            text = _paragraph_text(child)
            if text:
                before = [*before[-(AROUND - 1):], text]
                if pending is not None and len(after) < AROUND:
                    after.append(text)
        elif child.tag == qn("w:tbl") and len(grids) < MAX_TABLES:
            if pending is not None:
                _add_paragraphs(pending, after, "表后")
            pending = _table(child, f"表{len(grids) + 1}", before)
            grids.append(pending)
            before, after = [], []
    if pending is not None:
        _add_paragraphs(pending, after, "表后")
    return grids


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


def _table(tbl: Any, name: str, before: list[str]) -> Grid:
    grid = Grid(name=name, kind="table")
    top = len(before)
    grid.row_offset = top
    for i, text in enumerate(before):
        grid.put(i, 0, text)
        grid.row_names[i] = f"表前第{top - i}段"
    rows = [tr for tr in _unwrapped(tbl) if tr.tag == qn("w:tr")]
    if len(rows) > MAX_ROWS:
        grid.truncated = f"表格有 {len(rows)} 行，只读取了前 {MAX_ROWS} 行"
    open_down: dict[int, tuple[int, int]] = {}  # column -> anchor of a vertical merge still open
    for r, tr in enumerate(rows[:MAX_ROWS], start=top):
        c = _grid_before(tr)
        for tc in (tc for tc in _unwrapped(tr) if tc.tag == qn("w:tc")):
            span = max(1, min(_int(tc, "w:gridSpan"), MAX_COLS))
            if c >= MAX_COLS:
                break
            merge = _vmerge(tc)
            if merge == "continue" and c in open_down:
                ar, ac = open_down[c]
                grid.merge(ar, ac, r - ar + 1, grid.spans.get((ar, ac), (1, span))[1])
            else:
                grid.put(r, c, _cell_text(tc))
                grid.merge(r, c, 1, span)
                if merge == "restart":
                    open_down[c] = (r, c)
                else:
                    open_down.pop(c, None)
            c += span
    return grid


def _add_paragraphs(grid: Grid, texts: list[str], where: str) -> None:
    start = grid.rows
    for i, text in enumerate(texts):
        grid.put(start + i, 0, text)
        grid.row_names[start + i] = f"{where}第{i + 1}段"


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
