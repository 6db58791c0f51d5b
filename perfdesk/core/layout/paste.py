"""Where a block pasted from Excel/WPS goes: a plan that understands the table.

Clerks copy rows from published tables, often with the 一级/二级 columns and
the 得分 column included, and paste them anywhere in the indicator block. The
plan reads the block by position *and* by content:

- leading columns whose cells are 一级/二级 names are label columns: their
  names route the lines to the 二级 they name (a merged name copied from Excel
  covers the blank cells under it); they are never typed into a field;
- the 得分 column is recognised when its cells are numbers (or blank) and goes
  to the row's claimed score (`published_score`); text there means the block
  left the computed column out, and the following columns move up one;
- an indicator paste stays in the indicator block: a 二级 that needs more rows
  grows, and nothing spills into the signature, funds or project blocks;
- a paste elsewhere stays in its own block (project, funds, goals, signature).

Whatever cannot be placed is listed in the plan's summary, never dropped in
silence. No Qt here: the grid applies the plan as one undo step.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from perfdesk.core.layout.columns import INDICATOR_COLUMNS, STANDARD, Grid, Shows
from perfdesk.core.layout.table import Role, TableLayout
from perfdesk.core.model.document import MAX_INDICATORS, Document
from perfdesk.core.model.results import Location
from perfdesk.core.values.labels import LABEL_LIKE, bare_label
from perfdesk.core.values.parse import parse_number
from perfdesk.core.values.text import excerpt

_MAX_SHOWN = 3  # unplaced values quoted in the summary


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of cells from clipboard text: rows by \\n or \\r\\n, cells by \\t, quoted cells may hold newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.removesuffix("\n")
    if not text:
        return []
    return [row if row else [""] for row in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')]


def to_tsv(rows: list[list[str]]) -> str:
    """Tab-separated text as Excel writes it (cells with tabs, newlines or quotes are quoted)."""
    out = io.StringIO()
    csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\r\n").writerows(rows)
    return out.getvalue()


@dataclass
class PastePlan:
    """Fields to write, rows each 二级 must gain first, and what to tell the user."""

    changes: list[tuple[Location, str]] = field(default_factory=list)
    grow: dict[tuple[int, int], int] = field(default_factory=dict)  # (i1, i2) -> rows to append
    notes: list[str] = field(default_factory=list)  # what went where, in Chinese
    unplaced: list[str] = field(default_factory=list)  # values with no place

    def summary(self) -> str:
        parts = list(self.notes)
        if self.unplaced:
            shown = "、".join(f"“{excerpt(v, 12)}”" for v in self.unplaced[:_MAX_SHOWN])
            more = "等" if len(self.unplaced) > _MAX_SHOWN else ""
            parts.append(f"{len(self.unplaced)} 个值无处可放，未粘贴：{shown}{more}")
        return "；".join(parts)


_bare = bare_label


class _Names:
    """The 一级 and 二级 names a block's label columns may hold."""

    def __init__(self, doc: Document) -> None:
        self.level1 = {_bare(l1.name) for l1 in doc.level1}
        self.groups: dict[str, tuple[int, int]] = {}
        for i1, l1 in enumerate(doc.level1):
            for i2, group in enumerate(l1.groups):
                self.groups.setdefault(_bare(group.name), (i1, i2))

    def is_label(self, text: str) -> bool:
        bare = _bare(text)
        return bare in self.level1 or bare in self.groups or bool(LABEL_LIKE.match(bare))


_BY_KEY = {c.key: c for c in INDICATOR_COLUMNS}


def _column(block: list[list[str]], j: int) -> list[str]:
    return [line[j].strip() if j < len(line) else "" for line in block]


def _is_label_column(block: list[list[str]], j: int, names: _Names) -> bool:
    cells = [c for c in _column(block, j) if c]
    return bool(cells) and all(names.is_label(c) for c in cells)


def _is_score_column(block: list[list[str]], j: int) -> bool:
    return all(not c or parse_number(c) is not None for c in _column(block, j))


def _column_keys(block: list[list[str]], anchor_key: str, names: _Names,
                 grid: Grid) -> tuple[list[str | None], list[str]]:
    """The indicator column each block column goes to (None: beyond the table), and the
    keys of the leading label columns ("level1", "group"); columns follow `grid`'s order."""
    columns, col = grid.columns, grid.col
    width = max(len(line) for line in block)
    lead = 0
    while lead < min(2, width) and _is_label_column(block, lead, names):
        lead += 1
    labels = ["level1", "group"][2 - lead:] if lead else []
    start = col("name") if lead or anchor_key in ("level1", "group") else col(anchor_key)
    keys: list[str | None] = list(labels)
    position = start
    for j in range(lead, width):
        if position < len(columns) and columns[position].key == "score" and not _is_score_column(block, j):
            position += 1  # the block left the computed 得分 column out
        keys.append(columns[position].key if position < len(columns) else None)
        position += 1
    return keys, labels


def plan_indicator_paste(doc: Document, path: tuple[int, int, int], anchor_key: str,
                         block: list[list[str]], group_weights: bool = True, grid: Grid = STANDARD) -> PastePlan:
    """Plan pasting `block` with the current cell on indicator `path`, column `anchor_key`.

    `group_weights`: the profile allows a weight on a whole 二级 (its rows then
    have no 分值/得分 cells of their own). `grid`: the table's column order (a province
    without a printed 分值 column pastes 得分 right after 实际完成值)."""
    plan = PastePlan()
    names = _Names(doc)
    keys, labels = _column_keys(block, anchor_key, names, grid)
    group_col = keys.index("group") if "group" in labels else None
    current = (path[0], path[1])
    next_row = {current: path[2]}
    routed: set[tuple[int, int]] = set()
    counts = {"fields": 0, "scores": 0, "refused": 0}
    room = doc.room_for_indicators()
    for line in block:
        if group_col is not None and group_col < len(line) and line[group_col].strip():
            named = names.groups.get(_bare(line[group_col]))
            if named is None:
                plan.unplaced.append(line[group_col].strip())
            elif named != current:
                current = named
                next_row.setdefault(current, 0)
        i3 = next_row[current]
        if i3 >= len(doc.group_at(*current).indicators):
            if room == 0:  # the table is full: the file would not reopen
                counts["refused"] += 1
                continue
            room -= 1
        next_row[current] = i3 + 1
        routed.add(current)
        _plan_line(plan, doc, (*current, i3), line, keys, group_weights, counts)
    for (i1, i2), end in next_row.items():
        missing = end - len(doc.group_at(i1, i2).indicators)
        if missing > 0:
            plan.grow[(i1, i2)] = missing
    _describe(plan, doc, block, labels, routed, counts)
    return plan


def _plan_line(plan: PastePlan, doc: Document, path: tuple[int, int, int], line: list[str],
               keys: list[str | None], group_weights: bool, counts: dict[str, int]) -> None:
    group = doc.group_at(path[0], path[1])
    weighted = group.has_group_weight and group_weights
    for key, value in zip(keys, line, strict=False):
        if key in ("level1", "group"):
            continue
        if key is None:
            if value.strip():
                plan.unplaced.append(value.strip())
            continue
        column = _BY_KEY[key]
        if column.shows is Shows.COMPUTED:
            if value.strip():
                target = Location("group", path[:2], "published_score") if weighted \
                    else Location("indicator", path, "published_score")
                plan.changes.append((target, value))
                counts["scores"] += 1
            continue
        if weighted and key == "weight":
            if value.strip():
                plan.changes.append((Location("group", path[:2], "weight"), value))
            continue
        plan.changes.append((Location("indicator", path, column.source), value))
        counts["fields"] += 1


def _describe(plan: PastePlan, doc: Document, block: list[list[str]], labels: list[str],
              routed: set[tuple[int, int]], counts: dict[str, int]) -> None:
    groups = "、".join(f"“{doc.group_at(*g).name}”" for g in sorted(routed))
    plan.notes.append(f"已粘贴 {len(block) - counts['refused']} 行到二级指标{groups}")
    if labels:
        plan.notes.append("一级/二级指标列用于定位，未写入单元格")
    if counts["scores"]:
        plan.notes.append(f"{counts['scores']} 个得分记为原表得分（本表得分由规则计算）")
    grown = sum(plan.grow.values())
    if grown:
        plan.notes.append(f"新增 {grown} 行")
    if counts["refused"]:
        plan.notes.append(f"表格最多 {MAX_INDICATORS:,} 个三级指标，其余 {counts['refused']} 行未粘贴")


def plan_block_paste(layout: TableLayout, row: int, column: int, block: list[list[str]]) -> PastePlan:
    """Plan pasting `block` at (row, column) outside the indicator block: values go left to
    right into the input cells of one row after another, never leaving the current block."""
    plan = PastePlan()
    anchor = _first_input(layout, row, column)
    section = anchor.section if anchor is not None else ""
    lines = iter(block)
    line = next(lines, None)
    while line is not None and row < layout.rows and section:
        targets = _inputs(layout, row, column)
        row += 1
        if not targets:
            continue
        if targets[0].section != section:
            break  # the next block: what is left is reported below
        plan.changes.extend(zip(targets, line, strict=False))
        plan.unplaced.extend(v.strip() for v in line[len(targets):] if v.strip())
        line = next(lines, None)
    while line is not None:
        plan.unplaced.extend(v.strip() for v in line if v.strip())
        line = next(lines, None)
    if plan.changes:
        plan.notes.append(f"已粘贴 {len(plan.changes)} 个值")
    return plan


def _inputs(layout: TableLayout, row: int, from_col: int) -> list[Location]:
    """Bindings of the INPUT cells whose top-left corner is on `row`, at or right of `from_col`."""
    found = []
    for c in range(from_col, layout.columns):
        cell = layout.cell_at(row, c)
        if cell is not None and cell.role is Role.INPUT and (cell.row, cell.col) == (row, c) and cell.binding:
            found.append(cell.binding)
    return found


def _first_input(layout: TableLayout, row: int, column: int) -> Location | None:
    found = _inputs(layout, row, column)
    return found[0] if found else None


def indicator_anchor(layout: TableLayout, row: int, column: int) -> tuple[tuple[int, int, int], str] | None:
    """The indicator row and column key a paste at (row, column) starts from, or None when
    (row, column) is outside the indicator rows. A 一级 or 二级 label, or a merged group
    weight or score, starts at the first row it covers."""
    first, last = layout.indicator_rows
    cell = layout.cell_at(row, column)
    if not first <= row < last or cell is None:
        return None
    key = layout.grid.columns[cell.col].key
    if cell.binding is not None and cell.binding.section == "indicator":
        i1, i2, i3 = cell.binding.path
        return (i1, i2, i3), key
    path = cell.binding.path if cell.binding is not None else cell.path
    if len(path) == 1:  # an 一级 label: its first 二级
        return ((path[0], 0, 0), key) if layout.keyed("group", (path[0], 0)) is not None else None
    if len(path) >= 2:
        return (path[0], path[1], path[2] if len(path) == 3 else 0), key
    return None
