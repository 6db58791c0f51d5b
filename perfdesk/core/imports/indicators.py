"""The indicator block: header by its labels, then one entry per 三级 row.

Columns are found from the header row (`一级指标 | 二级指标 | 三级指标 | 年度指标值 …`,
any order, any extra columns); Yunnan's 年度指标值 split into 指标性质 | 指标值 |
度量单位 is read from the row under it. Merged 一级/二级 cells name every row they
cover; a 分值 or 得分 merged over a whole 二级 is that group's weight or score.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perfdesk.core.imports import labels as L
from perfdesk.core.imports.blocks import own_anchors
from perfdesk.core.imports.grid import Grid

_SPLITTABLE = ("target", "actual")
_OPS = {"正向": "≥", "反向": "≤", "定性": "", "定量": "", "≥": "≥", "≤": "≤", "=": "=", ">": ">", "<": "<"}


@dataclass
class Header:
    row: int
    first_data: int
    columns: dict[str, int]  # role -> column
    spans: dict[str, int]  # role -> columns covered
    split: dict[str, dict[str, int]] = field(default_factory=dict)  # target/actual -> op/value/unit -> column
    reasons: list[int] = field(default_factory=list)  # 偏差原因分析 | 改进措施: columns joined into one reason

    @property
    def self_evaluation(self) -> bool:
        """A 自评表's header: it has 实际完成值, or 分值/得分 beside the 指标值. Without them
        (`一级指标 | 二级指标 | 三级指标 | 年度指标值`) it heads a 绩效目标表, set at the start of the year."""
        return "actual" in self.columns or bool({"weight", "score"} & self.columns.keys())


@dataclass
class RowRead:
    """One 三级 row as printed; cells are the anchors each value came from."""

    row: int
    level1: str
    group: str
    texts: dict[str, str]
    cells: dict[str, tuple[int, int]]


def find_header(grid: Grid, row: int) -> Header | None:
    """The indicator header on `row`, if the row is one."""
    columns: dict[str, int] = {}
    spans: dict[str, int] = {}
    reasons: list[int] = []
    for a in grid.row_anchors(row):
        role = L.role_of(grid.texts.get(a, ""), L.INDICATOR_HEADERS)
        if role and len(L.key(grid.texts.get(a, ""))) <= 20:
            if role == "reason":
                reasons.append(a[1])
            if role not in columns:
                columns[role], spans[role] = a[1], grid.span(*a)[1]
    if len({"level1", "group", "name"} & columns.keys()) < 2 or not {"target", "actual"} & columns.keys():
        return None
    remark = columns.pop("remark", None)
    if "reason" not in columns and remark is not None:
        columns["reason"], reasons = remark, [remark]
    header = Header(row, row + 1, columns, spans, reasons=reasons)
    for role in _SPLITTABLE:
        if role in columns and spans[role] > 1 and row + 1 < grid.rows:
            parts = {}
            for c in range(columns[role], columns[role] + spans[role]):
                part = L.role_of(grid.text(row + 1, c), L.SPLIT_HEADERS)
                if part and part not in parts and grid.anchor(row + 1, c)[0] == row + 1:
                    parts[part] = c
            if "value" in parts and len(parts) > 1:
                header.split[role] = parts
    if "target" not in header.split:
        _flat_split(grid, header)
    _sub_headers(grid, header)
    while header.first_data < grid.rows and _continues_header(grid, header):
        header.first_data += 1
    return header


def _sub_headers(grid: Grid, header: Header) -> None:
    """Labels under a header cell that spans several columns name those columns: 偏差原因分析及改进措施
    over 原因分析 | 改进措施 (joined into one reason), 指标值 over 年度指标值 | 实际完成值."""
    below = header.row + 1
    split = {c for parts in header.split.values() for c in parts.values()}
    found: dict[str, list[int]] = {}
    for a in own_anchors(grid, below) if below < grid.rows else []:
        text = grid.texts.get(a, "")
        above = grid.anchor(header.row, a[1])
        if a[1] in split or above[0] != header.row or grid.span(*above)[1] < 2 or len(L.key(text)) > 12:
            continue
        role = L.role_of(text, L.INDICATOR_HEADERS)
        if role:
            found.setdefault(role, []).append(a[1])
    for role, columns in found.items():
        header.columns[role], header.spans[role] = columns[0], 1
    if "reason" in found:
        header.reasons = found["reason"]
    if found:
        header.first_data = below + 1


def _flat_split(grid: Grid, header: Header) -> None:
    """指标性质 | 指标值 | 度量单位 written as headers of their own around the 指标值 column."""
    target = header.columns.get("target")
    if target is None:
        return
    parts = {"value": target}
    for a in grid.row_anchors(header.row):
        k = L.key(grid.texts.get(a, ""))
        part = L.role_of(k, L.SPLIT_HEADERS)
        if part in ("op", "unit") and abs(a[1] - target) <= 2 and (part == "op" or k != "单位"):
            parts.setdefault(part, a[1])
    if len(parts) > 1:
        header.split["target"] = parts


def _continues_header(grid: Grid, header: Header) -> bool:
    """A row under the header that is still header: split labels, or only cells merged down from it."""
    r = header.first_data
    own = own_anchors(grid, r)
    if own and all(L.role_of(grid.texts.get(a, ""), L.SPLIT_HEADERS) or not grid.texts.get(a) for a in own):
        return any(grid.texts.get(a) for a in own)
    return not own and any(grid.anchor(r, c)[0] == header.row for c in header.columns.values())


def read_rows(grid: Grid, header: Header, hi: int) -> tuple[list[RowRead], int]:
    """Indicator rows until the 总分 row, a signature line or `hi`; also the row where they stopped."""
    rows: list[RowRead] = []
    level1 = group = ""
    r = header.first_data
    for r in range(header.first_data, hi):
        own = [grid.texts.get(a, "") for a in own_anchors(grid, r)]
        first = next((L.key(t) for t in own if t), "")
        if L.TOTAL.search(first) or any(L.SIGNATURE_START.search(L.key(t)) for t in own) or L.NOTE.search(first):
            return rows, r
        if L.TITLE.search(first) or L.role_of(first, L.PROJECT_LABELS) == "name":
            return rows, r
        if find_header(grid, r) is not None or any(L.SUBTOTAL.search(L.key(t)) for t in own):
            continue  # the header repeated after a page break; a 小计 row
        level1 = _label(grid, r, header, "level1") or level1
        named_group = _label(grid, r, header, "group")
        if named_group:
            group = named_group
        elif "level1" in header.columns and grid.anchor(r, header.columns["level1"])[0] == r \
                and _label(grid, r, header, "level1"):
            group = ""  # a new 一级 starts without a 二级 of its own
        texts, cells = _fields(grid, r, header)
        if not any(texts.values()) and not named_group:
            continue
        rows.append(RowRead(r, level1, group, texts, cells))
    return rows, hi


def _label(grid: Grid, r: int, header: Header, role: str) -> str:
    c = header.columns.get(role)
    return grid.text(r, c) if c is not None else ""


def _fields(grid: Grid, r: int, header: Header) -> tuple[dict[str, str], dict[str, tuple[int, int]]]:
    texts: dict[str, str] = {}
    cells: dict[str, tuple[int, int]] = {}
    for role in ("name", "target", "actual", "reason", "weight", "score"):
        if role in header.split:
            texts[role], cells[role] = _joined(grid, r, header.split[role])
            continue
        if role == "reason" and len(header.reasons) > 1:
            texts[role], cells[role] = _reasons(grid, r, header.reasons)
            continue
        c = header.columns.get(role)
        if c is None:
            continue
        a = grid.anchor(r, c)
        cells[role] = a
        texts[role] = grid.texts.get(a, "") if a[0] == r or role in ("weight", "score") else ""
    return texts, cells


def _reasons(grid: Grid, r: int, columns: list[int]) -> tuple[str, tuple[int, int]]:
    """偏差原因分析 | 改进措施 in columns of their own: one reason, each part on its own line."""
    parts = [(grid.texts.get(grid.anchor(r, c), ""), grid.anchor(r, c)) for c in columns if grid.anchor(r, c)[0] == r]
    found = [(text, a) for text, a in parts if text]
    cell = found[0][1] if found else grid.anchor(r, columns[0])
    return "\n".join(dict.fromkeys(text for text, _ in found)), cell


def _joined(grid: Grid, r: int, parts: dict[str, int]) -> tuple[str, tuple[int, int]]:
    """`≥` | `95` | `%` → `≥95%` (the unit not repeated when the value already ends with it)."""
    op = L.key(grid.text(r, parts["op"])) if "op" in parts else ""
    value = grid.text(r, parts["value"]).strip()
    unit = grid.text(r, parts["unit"]).strip() if "unit" in parts else ""
    op = _OPS.get(op, op) if value else ""
    if unit and value.endswith(unit):
        unit = ""
    return (f"{op}{value}{unit}" if value else ""), grid.anchor(r, parts["value"])
