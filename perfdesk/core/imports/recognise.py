"""A grid → the 自评表(s) it holds, as Documents with a report of what came from where.

Nothing is found by position: the indicator header row locates each table, the
blocks above it are read by their labels (`blocks`), the rows below it by the
header's columns (`indicators`). A sheet may hold several tables one under
another; each becomes its own document.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from perfdesk.core.files.schema import MAX_GROUPS, MAX_LEVEL1
from perfdesk.core.imports import labels as L
from perfdesk.core.imports.blocks import (
    FUNDS_NAMES,
    FundsRead,
    Sink,
    find_funds,
    own_anchors,
    read_funds,
    read_goals,
    read_project,
    read_signature,
    read_title,
)
from perfdesk.core.imports.choose import canonical_names, choose_profile, funds_key
from perfdesk.core.imports.grid import Grid
from perfdesk.core.imports.indicators import Header, RowRead, find_header, read_rows
from perfdesk.core.imports.report import ImportedTable
from perfdesk.core.model.document import Document, Funds, FundsRow, Goals, Group, Indicator, Level1, Project
from perfdesk.core.model.factory import ensure_rows
from perfdesk.core.model.results import Location, format_decimal
from perfdesk.core.rules.profile import Profile, TemplateLibrary
from perfdesk.core.values.labels import bare_label, label_share

_POINTS = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*分?\s*(?:[（(].*[)）])?\s*$", re.ASCII)
_PREFIX = re.compile(r"^指标\s*\d+\s*[:：]\s*(?=\S)")
FIELD_NAMES = {"name": "三级指标", "target": "年度指标值", "actual": "实际完成值", "reason": "偏差原因分析及改进措施",
               "weight": "分值", "score": "得分"}


def recognise(grid: Grid, library: TemplateLibrary, source: str) -> tuple[list[ImportedTable], str]:
    """Every 自评表 in the grid, or none and the reason (in Chinese)."""
    headers: list[Header] = []
    r = 0
    while r < grid.rows:
        header = find_header(grid, r)
        if header is not None:
            headers.append(header)
            r = header.first_data
        r += 1
    evaluations = [h for h in headers if h.self_evaluation]
    goal_tables = [f"第{h.row - grid.row_offset + 1}行" for h in headers if not h.self_evaluation]
    why = (f"{'、'.join(goal_tables[:3])}起是绩效目标表（有年度指标值，没有实际完成值和分值/得分列），"
           "不是自评表，未导入") if goal_tables else ""
    if not evaluations:
        return [], why or _why_not(grid)
    tables: list[ImportedTable] = []
    lo = 0
    for i, header in enumerate(headers):
        hi = headers[i + 1].row if i + 1 < len(headers) else grid.rows
        hi = _next_start(grid, header, hi)
        if header.self_evaluation:
            where = grid.name if len(evaluations) == 1 else f"{grid.name}-{len(tables) + 1}"
            tables.append(_Table(grid, lo, header, hi, library, source).build(where))
        lo = hi
    return tables, why


def has_header(grid: Grid) -> bool:
    """The grid has a 自评表's indicator header row (一级指标 | 二级指标 | 三级指标 | … | 实际完成值 …)."""
    return any((header := find_header(grid, r)) is not None and header.self_evaluation for r in range(grid.rows))


def has_project(grid: Grid) -> bool:
    """The grid names a project or has a funds block."""
    return any(L.role_of(t, L.PROJECT_LABELS) == "name" or L.FUNDS_LABEL.search(L.key(t)) for t in grid.texts.values())


def _why_not(grid: Grid) -> str:
    if not grid.texts:
        return "是空白的，没有任何内容"
    found = [L.key(t) for t in grid.texts.values()]
    if any(L.role_of(t, L.PROJECT_LABELS) or L.FUNDS_LABEL.search(t) for t in found):
        return "只有项目或资金部分，没有找到绩效指标表头（一级指标、二级指标、三级指标、年度指标值…），不是完整的自评表"
    return "没有找到自评表（缺少“一级指标/二级指标/三级指标/年度指标值”表头）"


def _next_start(grid: Grid, header: Header, hi: int) -> int:
    """Where the next table's title lines begin: the first title or 项目名称 row after this table's total
    (after the header of a 绩效目标表, which has no total)."""
    if hi >= grid.rows:
        return hi
    total = next((r for r in range(header.first_data, hi)
                  if any(L.TOTAL.search(L.key(grid.texts.get(a, ""))) for a in own_anchors(grid, r))), None)
    if total is None and not header.self_evaluation:
        total = header.row
    if total is None:
        return hi
    for r in range(total + 1, hi):
        texts = [L.key(grid.texts.get(a, "")) for a in own_anchors(grid, r)]
        if any(L.NEXT_TITLE.search(t) or L.role_of(t, L.PROJECT_LABELS) == "name" or t.startswith("附件")
               for t in texts):
            return r
    return hi


def points(text: str) -> str | None:
    """`10分`, `9（人工）`, ` 15 `, `９．５` → the number as typed, in ASCII digits; None when it is not a score."""
    match = _POINTS.match(unicodedata.normalize("NFKC", text).replace("\n", " "))
    return match.group(1) if match else None


class _Table:
    """One table of a grid between rows `lo` and `hi`."""

    def __init__(self, grid: Grid, lo: int, header: Header, hi: int, library: TemplateLibrary, source: str) -> None:
        self.grid, self.lo, self.header, self.hi = grid, lo, header, hi
        self.library, self.source = library, source
        self.sink = Sink(grid)

    def build(self, where: str) -> ImportedTable:
        grid, sink, header = self.grid, self.sink, self.header
        funds_row = find_funds(grid, self.lo, header.row)
        funds = read_funds(grid, funds_row, header.row) if funds_row >= 0 else FundsRead()
        body_start = funds_row if funds_row >= 0 else header.row
        title = read_title(grid, self.lo, header.row, sink)
        project = read_project(grid, self.lo, body_start, sink)
        goals = read_goals(grid, funds.end_row + 1 if funds_row >= 0 else self.lo, header.row, sink)
        rows, stop = read_rows(grid, header, self.hi)
        total = self._total(stop)
        signature = read_signature(grid, stop + (1 if total is not None else 0), self.hi, sink)
        names = canonical_names(self.library)
        tree = self._tree(rows, names)
        profile = choose_profile(self.library, tree, funds, self._shares(rows))
        doc = Document(template_id=profile.id)
        doc.project = Project()
        for name, value in project.items():
            setattr(doc.project, name, value)
        doc.project.year = project.get("year") or title.get("year", "")
        doc.project.money_unit = funds.money_unit or title.get("money_unit") or profile.money_unit
        if not doc.project.implementer and title.get("unit_name"):
            doc.project.implementer = title["unit_name"]
        doc.goals = Goals(goals.get("expected", ""), goals.get("achieved", ""))
        for name, value in signature.items():
            setattr(doc.signature, name, value)
        self._funds(doc, funds, profile)
        self._indicators(doc, tree)
        if total is not None:
            doc.published_total = total
        self._check_missing(doc, funds_row, project)
        ensure_rows(doc, profile)
        for (r, c), formula in sorted(grid.uncached.items()):
            if self.lo <= r < self.hi:
                sink.doubt((r, c), f"是公式“={formula}”，但文件中没有保存它的计算结果（文件可能由其他程序生成），"
                                   "未能读取；请在 Excel 或 WPS 中打开、保存后再导入")
        if grid.truncated:
            sink.doubt(None, grid.truncated)
        return ImportedTable(self.source, where, doc, profile.name, sink.read, sink.problems)

    # ------------------------------------------------------------ pieces

    def _total(self, stop: int) -> str | None:
        """The claimed total on the 总分 row: the 得分 column, else the last number on the row."""
        grid = self.grid
        if stop >= self.hi or not any(L.TOTAL.search(L.key(grid.texts.get(a, ""))) for a in own_anchors(grid, stop)):
            return None
        label = own_anchors(grid, stop)[0]
        c = self.header.columns.get("score")
        if c is not None and grid.anchor(stop, c) != label:
            text = grid.text(stop, c)
            value = points(text)
            if value is not None:
                self.sink.took(grid.anchor(stop, c), "总分（原表得分）", value,
                               Location("table", (), "published_total"))
                return value
            if text.strip():  # `优`, `九十三`: not the total, and the 100 beside it is not one either
                self.sink.doubt(grid.anchor(stop, c), f"总分“{text}”不是数字，未导入",
                                Location("table", (), "published_total"))
                return None
        weight = self.header.columns.get("weight")
        numbers = [(points(grid.texts.get(a, "")), a) for a in own_anchors(grid, stop)[1:]
                   if c is None or weight is None or a != grid.anchor(stop, weight)]
        found = [(n, a) for n, a in numbers if n is not None]
        if found:
            value, cell = found[-1] if len(found) > 1 or c is None else found[0]
            self.sink.took(cell, "总分（原表得分）", value, Location("table", (), "published_total"))
            return value
        return None

    def _shares(self, rows: list[RowRead]) -> dict[str, str]:
        """Each 一级's share: printed in its label (`产出指标(50分)`), else the sum of its weights."""
        shares: dict[str, str] = {}
        weights: dict[str, dict[tuple[int, int], Decimal]] = {}
        for row in rows:
            name = bare_label(row.level1)
            share = label_share(row.level1)
            if share:
                shares.setdefault(name, share)
            cell = row.cells.get("weight")
            value = points(self.grid.texts.get(cell, "")) if cell is not None else None
            if cell is not None and value is not None:
                weights.setdefault(name, {})[cell] = Decimal(value)
        for name, found in weights.items():
            shares.setdefault(name, format_decimal(sum(found.values(), Decimal(0))))
        return shares

    def _tree(self, rows: list[RowRead], names: dict[str, str]) -> dict[str, dict[str, list[RowRead]]]:
        """一级 → 二级 → rows, names made canonical (`经济效\\n益指标` → 经济效益指标)."""
        tree: dict[str, dict[str, list[RowRead]]] = {}
        self.owner: dict[int, tuple[str, str]] = {}  # grid row -> (一级, 二级) it belongs to
        known_group_l1 = {g.name: d.name for p in self.library for d in p.level1 for g in d.groups}
        for row in rows:
            group = names.get(_loose(row.group), L.ENUMERATION.sub("", bare_label(row.group)))
            level1 = names.get(_loose(row.level1), L.ENUMERATION.sub("", bare_label(row.level1))) \
                or known_group_l1.get(group, "")
            if not level1:
                level1 = "绩效指标"
                self.sink.doubt((row.row, 0), "这一行没有一级指标，记在“绩效指标”下")
            if not group:
                group = level1
            groups = sum(len(g) for g in tree.values()) + (group not in tree.get(level1, {}))
            if len(tree) + (level1 not in tree) > MAX_LEVEL1 or groups > MAX_GROUPS:
                self.sink.doubt((row.row, 0), f"一张自评表最多 {MAX_LEVEL1} 个一级指标、{MAX_GROUPS:,} 个二级指标，"
                                "从这一行起未导入")
                break
            tree.setdefault(level1, {}).setdefault(group, []).append(row)
            self.owner[row.row] = (level1, group)
        return tree

    def _funds(self, doc: Document, funds: FundsRead, profile: Profile) -> None:
        doc.funds = Funds(rows=[FundsRow(key=d.key) for d in profile.funds.rows])
        keys = [d.key for d in profile.funds.rows]
        for label, cell, values in funds.rows:
            key = funds_key(label, profile)
            if key is None:
                if any(points(v[0]) not in (None, "0") or points(v[0]) is None for v in values.values()):
                    self.sink.doubt(cell, f"资金行“{label or '（无名称）'}”不在模板“{profile.name}”中，未导入")
                continue
            i = keys.index(key)
            row = doc.funds.rows[i]
            for role, (text, at) in values.items():
                if role in ("initial", "budget", "executed"):
                    setattr(row, role, text)
                    self.sink.took(at, f"{label} · {FUNDS_NAMES[role]}", text, Location("funds", (i,), role))
                elif i == 0 and role in ("weight", "score"):
                    self._funds_points(doc, role, text, at)
        if not doc.funds.weight and profile.funds.scored and funds.rows:
            doc.funds.weight = format_decimal(profile.funds.weight)
            self.sink.doubt((funds.header_row, 0), f"资金部分没有写分值，按模板默认 {doc.funds.weight} 分",
                            Location("funds", (0,), "weight"))

    def _funds_points(self, doc: Document, role: str, text: str, at: tuple[int, int]) -> None:
        value = points(text)
        location = Location("funds", (0,), "weight" if role == "weight" else "published_score")
        if value is None:
            if text.strip(" -—–/"):
                self.sink.doubt(at, f"资金{FUNDS_NAMES[role]}“{text}”不是数字，未导入", location)
            return
        if role == "weight":
            doc.funds.weight = value
        else:
            doc.funds.published_score = value
        self.sink.took(at, f"年度资金总额 · {FUNDS_NAMES[role]}", value, location)

    def _indicators(self, doc: Document, tree: dict[str, dict[str, list[RowRead]]]) -> None:
        for i1, (name1, groups) in enumerate(tree.items()):
            level1 = Level1(name1)
            doc.level1.append(level1)
            for i2, (name2, rows) in enumerate(groups.items()):
                group = Group(name2)
                level1.groups.append(group)
                self._group(group, (i1, i2), rows)

    def _group(self, group: Group, path: tuple[int, int], rows: list[RowRead]) -> None:
        wide = {role: self._wider_than_group(rows, role) for role in ("weight", "score")}
        whole = {role: None if wide[role] else self._whole_group(rows, role) for role in ("weight", "score")}
        for role, cell in whole.items():
            if cell is not None:
                self._points_to(group, "weight" if role == "weight" else "published_score", cell,
                                Location("group", path, "weight" if role == "weight" else "published_score"),
                                f"{group.name} · 二级{FIELD_NAMES[role]}")
        for i3, row in enumerate(rows):
            ind = Indicator()
            group.indicators.append(ind)
            where = (*path, i3)
            for role in ("name", "target", "actual", "reason"):
                text = row.texts.get(role, "")
                if role == "name" and _PREFIX.match(text):
                    text = _PREFIX.sub("", text)
                setattr(ind, role, text)
                if text:
                    self.sink.took(row.cells[role], f"{group.name} · {FIELD_NAMES[role]}", text,
                                   Location("indicator", where, role))
            for role in ("weight", "score"):
                cell = row.cells.get(role)
                if wide[role]:
                    if i3 == 0 and cell is not None and cell[0] == row.row and self.grid.texts.get(cell):
                        self.sink.doubt(cell, f"{FIELD_NAMES[role]}“{self.grid.texts[cell]}”合并在多个二级指标上"
                                        "（如整个一级指标），PerfDesk 按二级或三级指标计分，未导入；请分别填写",
                                        Location("group", path, "weight"))
                    continue
                if whole[role] is None and cell is not None and cell[0] == row.row:
                    field = "weight" if role == "weight" else "published_score"
                    self._points_to(ind, field, cell, Location("indicator", where, field),
                                    f"{ind.name or group.name} · {FIELD_NAMES[role]}")
                    if self.grid.span(*cell)[0] > 1:
                        self.sink.doubt(cell, f"{FIELD_NAMES[role]}单元格合并了多行，但不是整个二级指标；"
                                        "只记在第一行的指标上", Location("indicator", where, field))

    def _wider_than_group(self, rows: list[RowRead], role: str) -> bool:
        """A cell of this group merged down over rows of another 二级 (a 一级-wide 分值)."""
        owner = self.owner[rows[0].row]
        for row in rows:
            cell = row.cells.get(role)
            if cell is None:
                continue
            end = cell[0] + self.grid.span(*cell)[0]
            if any(self.owner.get(r, owner) != owner for r in range(cell[0], end)):
                return True
        return False

    def _whole_group(self, rows: list[RowRead], role: str) -> tuple[int, int] | None:
        """The cell merged over every row of a 二级 (and only those), when there is one."""
        cells = {row.cells.get(role) for row in rows}
        if len(rows) < 2 or len(cells) != 1 or None in cells:
            return None
        cell = next(iter(cells))
        assert cell is not None
        return cell if self.grid.span(*cell)[0] > 1 and cell[0] == rows[0].row else None

    def _points_to(self, target: Group | Indicator, field: str, cell: tuple[int, int], location: Location,
                   what: str) -> None:
        text = self.grid.texts.get(cell, "")
        if not text.strip():
            return
        value = points(text)
        if value is None:
            self.sink.doubt(cell, f"{what}“{text}”不是数字，未导入", location)
            return
        setattr(target, field, value)
        self.sink.took(cell, what, value, location)

    def _check_missing(self, doc: Document, funds_row: int, project: dict[str, str]) -> None:
        if "weight" not in self.header.columns:
            self.sink.doubt((self.header.row, 0), "表中没有“分值”列：各指标分值需要补填",
                            Location("table", (), "weight"))
        if funds_row < 0:
            self.sink.doubt((self.header.row, 0), "没有找到项目资金部分（年初预算数/全年预算数/全年执行数）")
        if "name" not in project:
            self.sink.doubt((self.lo, 0), "没有找到“项目名称”", Location("project", (), "name"))
        if not any(not ind.is_blank() for _, _, _, ind in doc.iter_indicators()):
            self.sink.doubt((self.header.row, 0), "指标表头下没有任何指标行")


def _loose(name: str) -> str:
    return L.ENUMERATION.sub("", bare_label(name)).removesuffix("指标")
