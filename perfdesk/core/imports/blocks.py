"""The blocks above and below the indicators: title lines, project, funds, goals, signature.

Each is found by its labels within the rows of one table, wherever the county
put it; a value is the text after the label's colon, else the next cell to the
right (or, for the goals, the cell below).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfdesk.core.imports import labels as L
from perfdesk.core.imports.grid import Grid
from perfdesk.core.imports.report import Attention, ReadItem
from perfdesk.core.model.results import Location

PROJECT_NAMES = {"name": "项目名称", "department": "主管部门", "implementer": "实施单位", "leader": "项目负责人",
                 "phone": "联系电话", "year": "年度"}
SIGNATURE_NAMES = {"filler": "填报人", "phone": "联系电话", "reviewer": "审核人", "head": "单位负责人",
                   "date": "填报日期"}
FUNDS_NAMES = {"initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数", "weight": "分值",
               "score": "得分"}


@dataclass
class Sink:
    """What was read and what was not understood, as the blocks go."""

    grid: Grid
    read: list[ReadItem] = field(default_factory=list)
    problems: list[Attention] = field(default_factory=list)

    def took(self, cell: tuple[int, int], what: str, value: str, location: Location | None = None) -> None:
        if value:
            self.read.append(ReadItem(self.grid.address(*cell), what, value, location))

    def doubt(self, cell: tuple[int, int] | None, message: str, location: Location | None = None) -> None:
        address = self.grid.address(*cell) if cell is not None else self.grid.name
        self.problems.append(Attention(address, message, location))


@dataclass
class FundsRead:
    """The funds block as found: one entry per row, role -> (text, cell)."""

    header_row: int = -1
    end_row: int = -1
    money_unit: str = ""
    columns: dict[str, str] = field(default_factory=dict)  # role -> header label as printed
    rows: list[tuple[str, tuple[int, int], dict[str, tuple[str, tuple[int, int]]]]] = field(default_factory=list)


def own_anchors(grid: Grid, row: int) -> list[tuple[int, int]]:
    """The cells that start on `row` (not merged down from above), left to right."""
    return [a for a in grid.row_anchors(row) if a[0] == row]


def _is_label(text: str) -> bool:
    return any(L.role_of(text, table) for table in (L.PROJECT_LABELS, L.FUNDS_HEADERS)) \
        or bool(L.FUNDS_LABEL.search(L.key(text)))


def _after_colon(text: str) -> str:
    for colon in ("：", ":"):
        if colon in text:
            return text.split(colon, 1)[1].strip()
    return ""


def value_right(grid: Grid, cell: tuple[int, int]) -> tuple[str, tuple[int, int]] | None:
    """The first non-label text right of `cell` on its row."""
    anchors = grid.row_anchors(cell[0])
    for a in anchors[anchors.index(cell) + 1:] if cell in anchors else []:
        text = grid.texts.get(a, "")
        if text and not _is_label(text):
            return text, a
        if text:
            return None
    return None


def read_title(grid: Grid, lo: int, hi: int, sink: Sink) -> dict[str, str]:
    """Year, filling unit and money unit from the lines above the table body."""
    found: dict[str, str] = {}
    for r in range(lo, hi):
        for a in own_anchors(grid, r):
            text = grid.texts.get(a, "")
            k = L.key(text)
            if (L.TITLE.search(k) or L.YEAR_LINE.search(k)) and "year" not in found:
                year = L.YEAR.search(k)
                if year:
                    found["year"] = year.group(1)
                    sink.took(a, "标题中的年度", year.group(1))
            unit = L.FILLING_UNIT.search(text)
            if unit and unit.group(2).strip() and "unit_name" not in found:
                found["unit_name"] = unit.group(2).strip()
                sink.took(a, "填报单位", found["unit_name"])
            elif L.FILLING_UNIT_LABEL.search(k) and "unit_name" not in found:
                value = value_right(grid, a)
                # `填报单位（盖章）：` left empty: the next cell is the money unit, not a unit's name
                if value and not L.MONEY_UNIT.search(L.key(value[0])):
                    found["unit_name"] = value[0]
                    sink.took(value[1], "填报单位", value[0])
            money = L.MONEY_UNIT.search(k)
            if money and "money_unit" not in found:
                found["money_unit"] = money.group(1) or money.group(2)
                sink.took(a, "金额单位", found["money_unit"])
    return found


def read_project(grid: Grid, lo: int, hi: int, sink: Sink) -> dict[str, str]:
    """项目名称, 主管部门, 实施单位 … by label; the first of each wins."""
    found: dict[str, str] = {}
    for r in range(lo, hi):
        for a in own_anchors(grid, r):
            text = grid.texts.get(a, "")
            role = L.role_of(text, L.PROJECT_LABELS)
            if not role or role in found or len(L.key(text)) > 16 and not _after_colon(text):
                continue
            inline = _after_colon(text)
            value = (inline, a) if inline else value_right(grid, a)
            found[role] = value[0] if value else ""
            if value:
                sink.took(value[1], PROJECT_NAMES[role], value[0], Location("project", (), role))
    return found


def find_funds(grid: Grid, lo: int, hi: int) -> int:
    """The funds header row (年初预算数 | 全年预算数 | 全年执行数 …), or -1."""
    for r in range(lo, hi):
        roles = {L.role_of(grid.texts.get(a, ""), L.FUNDS_HEADERS) for a in own_anchors(grid, r)}
        if len(roles & {"initial", "budget", "executed"}) >= 2:
            return r
    return -1


def read_funds(grid: Grid, header: int, hi: int) -> FundsRead:
    """Rows under the funds header until the goals or the indicators begin."""
    funds = FundsRead(header_row=header, end_row=header)
    cols: dict[str, int] = {}
    for a in grid.row_anchors(header):
        text = grid.texts.get(a, "")
        role = L.role_of(text, L.FUNDS_HEADERS)
        if L.FUNDS_LABEL.search(L.key(text)):
            money = L.MONEY_UNIT.search(L.key(text))
            funds.money_unit = (money.group(1) or money.group(2)) if money else ""
        elif role and role not in cols:
            cols[role] = a[1]
            funds.columns[role] = L.key(text)
    first = min(cols.values())
    for r in range(header + 1, hi):
        anchors = own_anchors(grid, r)
        texts = [grid.texts.get(a, "") for a in anchors]
        if any(L.GOALS.search(L.key(t)) or L.EXPECTED.search(L.key(t)) for t in texts):
            break
        label_cells = [a for a in anchors if a[1] < first and grid.texts.get(a)]
        values = {role: (grid.text(r, c), grid.anchor(r, c)) for role, c in cols.items()
                  if grid.anchor(r, c)[0] == r and grid.text(r, c)}
        if not label_cells and not values:
            if funds.rows:
                break
            continue
        label = grid.texts.get(label_cells[-1], "") if label_cells else ""
        funds.rows.append((label, label_cells[-1] if label_cells else (r, first), values))
        funds.end_row = r
    return funds


def read_goals(grid: Grid, lo: int, hi: int, sink: Sink) -> dict[str, str]:
    """预期目标 and 实际完成情况: the cell under each label, else right of it; or the cells
    right of a lone 年度总体目标 label."""
    found: dict[str, str] = {}
    lone: tuple[int, int] | None = None
    for r in range(lo, hi):
        for a in own_anchors(grid, r):
            k = L.key(grid.texts.get(a, ""))
            role = "expected" if L.EXPECTED.search(k) else "achieved" if L.ACHIEVED.search(k) else ""
            if role and role not in found and len(k) <= 12:
                value = _goal_value(grid, a, hi)
                found[role] = value[0] if value else ""
                if value:
                    sink.took(value[1], "预期目标" if role == "expected" else "实际完成情况", value[0],
                              Location("goals", (), role))
            elif L.GOALS.search(k) and len(k) <= 10 and lone is None:
                lone = a
    if not found and lone is not None:
        rest = [a for a in grid.row_anchors(lone[0]) if a[1] > lone[1] and grid.texts.get(a)]
        for role, a in zip(("expected", "achieved"), rest, strict=False):
            found[role] = grid.texts[a]
            sink.took(a, "预期目标" if role == "expected" else "实际完成情况", grid.texts[a],
                      Location("goals", (), role))
    return found


def _goal_value(grid: Grid, label: tuple[int, int], hi: int) -> tuple[str, tuple[int, int]] | None:
    below = label[0] + grid.span(*label)[0]
    if below < hi:
        a = grid.anchor(below, label[1])
        text = grid.texts.get(a, "")
        if text and not _is_goal_label(text) and a[0] == below:
            return "\n".join([text, *_goal_lines(grid, a, hi)]), a
    right = value_right(grid, label)
    return right if right and not _is_goal_label(right[0]) else None


def _goal_lines(grid: Grid, first: tuple[int, int], hi: int) -> list[str]:
    """The rows under a goal's cell, as wide, that go on with it before the indicators' header: a goal
    written over several rows (`1.…`, `2.…`), or one a page break cut in a PDF."""
    lines: list[str] = []
    r = first[0] + grid.span(*first)[0]
    while r < hi:
        a = grid.anchor(r, first[1])
        text = grid.texts.get(a, "")
        if a != (r, first[1]) or grid.span(*a)[1] != grid.span(*first)[1] or not text or _is_goal_label(text):
            break
        lines.append(text)
        r += grid.span(*a)[0]
    return lines


def _is_goal_label(text: str) -> bool:
    k = L.key(text)
    return len(k) <= 12 and bool(L.EXPECTED.search(k) or L.ACHIEVED.search(k))


def read_signature(grid: Grid, lo: int, hi: int, sink: Sink) -> dict[str, str]:
    """填报人 / 联系电话 / 审核人 / 单位负责人 / 填报日期 from lines under the table; other text is a note."""
    found: dict[str, str] = {}
    for r in range(lo, hi):
        anchors = [a for a in own_anchors(grid, r) if grid.texts.get(a)]
        line, starts = "", []
        for a in anchors:
            text = grid.texts[a].replace("\n", " ")
            starts.append(len(line))
            line += (text + "：" if _signature_role(text) and not _after_colon(text) else text) + "  "
        if not anchors:
            continue
        matches = list(L.SIGNATURE.finditer(line)) if not L.NOTE.search(L.key(line)) else []
        for match in matches:
            role = _signature_role(match.group(1))
            value = match.group(2).strip(" ：:").strip()
            if role and role not in found and value and "盖章" not in value and len(value) <= 40:
                found[role] = value
                cell = anchors[max(i for i, start in enumerate(starts) if start <= match.start(2) + 1)]
                sink.took(cell, SIGNATURE_NAMES[role], value, Location("signature", (), role))
        if not matches:
            sink.took(anchors[0], "表下说明（只读取，不导入）", line.strip())
    return found


def _signature_role(text: str) -> str:
    k = re.sub(L.SIGNED + "(?=:?$)", "", L.key(text))  # `单位负责人（签字）` is the 单位负责人 label
    for role, pattern in L.SIGNATURE_LABELS:
        if any(k == p or k.startswith(p + ":") for p in pattern.split("|")):
            return role
    return ""
