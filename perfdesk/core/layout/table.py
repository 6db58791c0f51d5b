"""The printed table as a grid of cells: the one layout the window, Excel and PDF draw.

`build_layout(doc, profile, evaluation)` places every label, input and computed
value of the official 项目支出绩效自评表 on the profile's grid of columns
(`columns.grid_for`: 8 printed, or 7 where the province prints no 分值 column
and the weights sit in an unprinted column at the right) with merges. Input
cells carry a `binding` (which document field they edit); computed cells carry
the core's number and explanation. Renderers never compute anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from perfdesk.core.layout.columns import STANDARD, Grid, Shows, grid_for
from perfdesk.core.layout.texts import Computed, fixed_texts, score_notes
from perfdesk.core.model.document import Document
from perfdesk.core.model.places import group_place, indicator_place
from perfdesk.core.model.results import Evaluation, Explanation, Location, written
from perfdesk.core.rules.profile import Profile, SignatureSlot
from perfdesk.core.values.parse import parse_number

DASH = "—"
#: Height kept free for the unit's round stamp (4 cm) in the last signature row of every printout.
STAMP_POINTS = 113.4


#: Indicator fields without a cell of their own, and the input cell that shows them.
SHOWN_IN = {"quality_grade": "actual", "quality_score": "actual"}
#: Fields set through the manual-score dialog; the score cell shows their effect.
SHOWN_IN_SCORE = ("manual_score", "manual_reason", "published_score")


class Role(str, Enum):
    TITLE = "title"  # the table's title line
    CAPTION = "caption"  # text around the table (填报单位, 单位：万元)
    HEADER = "header"  # column headers
    LABEL = "label"  # fixed row labels (项目名称, 年度资金总额, 一级/二级 names)
    INPUT = "input"  # typed by the user; `binding` says which field
    COMPUTED = "computed"  # computed by the core; read-only
    NOTE = "note"  # notes under the table (manual scores and their reasons)


class Format(str, Enum):
    TEXT = "text"
    MONEY = "money"  # two decimals
    PERCENT = "percent"  # `number` is a fraction
    SCORE = "score"  # up to two decimals


@dataclass
class Cell:
    """One cell (merged ones included) of the laid-out table: what it shows and which field it edits."""

    row: int
    col: int
    role: Role
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    binding: Location | None = None  # INPUT: the document field this cell edits
    key: str = ""  # COMPUTED: "funds.rate" | "funds.score" | "indicator.score" | "group.score"
    #               | "weights_total" | "total" | "grade"; INPUT: "" ; LABEL: "level1" | "group"
    path: tuple[int, ...] = ()  # indicator / group / funds-row path for keyed cells
    number: Decimal | None = None  # numeric value (inputs that read as numbers, computed values)
    fmt: Format = Format.TEXT
    why: Explanation = field(default="", repr=False, compare=False)  # read it as `tooltip`
    multiline: bool = False  # long free text (goals, reasons)
    align: str = "center"  # "left" | "center"
    claim: str = ""  # COMPUTED, printouts with claims only: the claimed score written beside this one

    @property
    def tooltip(self) -> str:
        """The core's explanation of a computed cell, written when first read (a hover), then kept:
        writing all 500 of a big table's after every edit was a third of refreshing it."""
        text = written(self.why)
        self.why = text
        return text


@dataclass
class TableLayout:
    """The whole table as cells on a grid, shared by the window and the exports."""

    cells: list[Cell] = field(default_factory=list)
    rows: int = 0
    grid: Grid = STANDARD
    indicator_header_row: int = 0  # repeated at the top of every printed page
    indicator_rows: tuple[int, int] = (0, 0)  # [first, last) rows of the indicator block
    total_row: int = 0
    show_claims: bool = False  # claimed scores printed beside the computed ones (see build_layout)
    _grid: dict[tuple[int, int], Cell] = field(default_factory=dict, repr=False)
    _bound: dict[tuple[str, tuple[int, ...], str], Cell] = field(default_factory=dict, repr=False)
    _keyed: dict[tuple[str, tuple[int, ...]], Cell] = field(default_factory=dict, repr=False)
    # For refresh_layout (layout_refresh.py): the structure this layout was built for,
    # its unkeyed cells whose text follows the document, and its note cells in order.
    _shape: tuple = field(default=(), repr=False)
    _fixed: dict[str, Cell] = field(default_factory=dict, repr=False)
    _notes: list[Cell] = field(default_factory=list, repr=False)
    # The evaluation the computed cells show: refresh_layout rewrites the score of a row only where
    # the row's result differs from this one's.
    _shown_ev: Evaluation | None = field(default=None, repr=False, compare=False)
    _summaries: list[tuple[tuple[str, tuple[int, ...]], Cell]] | None = field(default=None, repr=False, compare=False)

    @property
    def columns(self) -> int:
        """Columns of the grid, the unprinted ones included (the window shows them all)."""
        return self.grid.count

    def printed(self) -> TableLayout:
        """The layout as the province prints it: the cells of the printed columns only."""
        if self.grid.printed == self.grid.count:
            return self
        shown = TableLayout(grid=Grid(self.grid.columns[: self.grid.printed], self.grid.printed),
                            indicator_header_row=self.indicator_header_row, indicator_rows=self.indicator_rows,
                            total_row=self.total_row)
        for cell in self.cells:
            if cell.col < self.grid.printed:
                shown.add(cell)
        shown._notes = [c for c in self._notes if c.col < self.grid.printed]
        return shown

    def add(self, cell: Cell) -> Cell:
        self.cells.append(cell)
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                self._grid[(r, c)] = cell
        if cell.key:
            self._keyed[(cell.key, cell.path)] = cell
        if cell.binding is not None:
            b = cell.binding
            self._bound[(b.section, b.path, b.field)] = cell
        self.rows = max(self.rows, cell.row + cell.rowspan)
        return cell

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering (row, col), merged or not."""
        return self._grid.get((row, col))

    def bound(self, section: str, path: tuple[int, ...], field_name: str) -> Cell | None:
        """The input cell editing that document field, if the table shows it."""
        return self._bound.get((section, tuple(path), field_name))

    def keyed(self, key: str, path: tuple[int, ...] = ()) -> Cell | None:
        """The cell showing `key` ("total", "group.score" …) for `path`."""
        return self._keyed.get((key, tuple(path)))

    def signature_block(self) -> range:
        """Rows of the signature block: after the total row, before the notes. Its last row is
        the one the unit stamps (`STAMP_POINTS` high at least, in the PDF and in Excel)."""
        first = self.total_row + 1
        notes = [c.row for c in self.cells if c.role is Role.NOTE]
        return range(first, min(notes) if notes else self.rows)

    def locate(self, location: Location) -> Cell | None:
        """The cell a problem at `location` should point to."""
        path = tuple(location.path)
        exact = self.bound(location.section, path, location.field)
        if exact is not None:
            return exact
        if location.field in SHOWN_IN_SCORE:  # fields edited in a dialog: point at the score they set
            shown = self.keyed(f"{location.section}.score", path)
            if shown is not None:
                return shown
        if location.section == "indicator" and len(path) == 3:
            return self.bound("indicator", path, SHOWN_IN.get(location.field, "name"))
        if location.section == "group" and len(path) == 2:
            return self.bound("group", path, "weight") or self.keyed("group", path)
        if location.section == "funds":
            return self.keyed("funds.score") or self.keyed("weights_total")
        if location.field == "published_total":
            return self.keyed("total")
        return self.keyed("weights_total")


@dataclass(frozen=True)
class _Look:
    """How an indicator input cell is drawn."""

    fmt: Format = Format.TEXT
    multiline: bool = False
    align: str = "center"


_PLAIN = _Look()
_INPUT_LOOK = {"name": _Look(align="left"), "weight": _Look(Format.SCORE),
               "reason": _Look(multiline=True, align="left")}
FUNDS_AMOUNT_FIELDS = ("initial", "budget", "executed")


def input_number(fmt: Format, value: str) -> Decimal | None:
    """Money and score inputs carry the number they read as; text inputs none."""
    return None if fmt is Format.TEXT else parse_number(value)


def layout_shape(doc: Document, profile: Profile) -> tuple:
    """What decides the grid's rows, merges and cell kinds (not its texts): when this is
    unchanged, a layout can be refreshed in place instead of rebuilt."""
    return (
        id(profile), profile.group_weights, profile.funds.scored, profile.unprinted_columns,
        tuple(r.key for r in doc.funds.rows),
        # Row ids, not just counts: a move keeps the counts but changes every cell of the rows it touches.
        tuple((l1.name, tuple((g.name, g.id, tuple(i.id for i in g.indicators), g.has_group_weight)
                              for g in l1.groups))
              for l1 in doc.level1),
    )


@dataclass(frozen=True)
class FieldSpec:
    """A `label | input` pair of the project and signature blocks."""

    label: str
    field: str  # the document field the input edits
    span: int  # columns of the input cell
    align: str = "center"
    message_label: str = ""  # how messages name the field, when not `label`


PROJECT_ROWS = (
    (FieldSpec("项目名称", "name", 7, "left"),),
    (FieldSpec("主管部门", "department", 3, "left"), FieldSpec("实施单位", "implementer", 3, "left")),
    (FieldSpec("项目负责人", "leader", 2), FieldSpec("联系电话", "phone", 1), FieldSpec("年度", "year", 2)),
)
# The standard signature line, for a template without `signature_rows`; the second row
# leaves its last columns for the unit's stamp.
SIGNATURE_ROWS = (
    (FieldSpec("填报人", "filler", 2), FieldSpec("联系电话", "phone", 1, message_label="联系电话（填报人）"),
     FieldSpec("填报日期", "date", 2)),
    (FieldSpec("审核人", "reviewer", 2), FieldSpec("单位负责人", "head", 1)),
)


def signature_rows(profile: Profile) -> tuple[tuple[FieldSpec, ...], ...]:
    """The signature line the profile prints: its own rows, or the standard ones."""
    if not profile.signature_rows:
        return SIGNATURE_ROWS
    return tuple(tuple(_spec(slot) for slot in row) for row in profile.signature_rows)


def _spec(slot: SignatureSlot) -> FieldSpec:
    return FieldSpec(slot.label, slot.field, slot.span, message_label=slot.message_label)


class _Builder:
    def __init__(self, doc: Document, profile: Profile, ev: Evaluation, show_claims: bool) -> None:
        self.doc, self.profile, self.ev = doc, profile, ev
        self.computed = Computed(ev, show_claims)
        self.fixed = fixed_texts(doc, profile)
        self.grid = grid_for(profile.unprinted_columns)
        self.layout = TableLayout(grid=self.grid)
        self.layout._shape = layout_shape(doc, profile)
        self.layout._shown_ev = ev
        self.layout.show_claims = show_claims
        self.row = 0

    def put(self, col: int, role: Role, text: str = "", **kw: Any) -> Cell:
        return self.layout.add(Cell(row=self.row, col=col, role=role, text=text, **kw))

    def field_input(self, col: int, section: str, path: tuple[int, ...], name: str, value: str,
                    fmt: Format = Format.TEXT, label: str = "", **kw: Any) -> Cell:
        return self.put(col, Role.INPUT, value, binding=Location(section, path, name, label),
                        number=input_number(fmt, value), fmt=fmt, **kw)

    def computed_cell(self, col: int, key: str, path: tuple[int, ...] = (), **kw: Any) -> Cell:
        text, number, tooltip = self.computed.content(key, path)
        return self.put(col, Role.COMPUTED, text, key=key, path=path, number=number, why=tooltip,
                        claim=self.computed.claimed(key, path), **kw)

    def fixed_cell(self, col: int, role: Role, name: str, **kw: Any) -> Cell:
        cell = self.put(col, role, self.fixed[name], **kw)
        self.layout._fixed[name] = cell
        return cell

    def build(self) -> TableLayout:
        self.title()
        self.project()
        self.funds()
        self.goals()
        self.indicators()
        self.total()
        self.signature()
        self.notes()
        return self.layout

    def title(self) -> None:
        printed, split = self.grid.printed, self.grid.total_label_span
        self.fixed_cell(0, Role.TITLE, "title", colspan=printed)
        self.row += 1
        self.fixed_cell(0, Role.CAPTION, "caption.implementer", colspan=split, align="left")
        self.fixed_cell(split, Role.CAPTION, "caption.unit", colspan=printed - split, align="left")
        self.row += 1

    def project(self) -> None:
        for specs in PROJECT_ROWS:
            self.labelled_row("project", self.doc.project, specs)

    def labelled_row(self, section: str, source: object, specs: tuple[FieldSpec, ...]) -> None:
        """One row of `label | input` pairs, left to right, as `specs` says; an input that would
        reach past the printed columns ends at the last one."""
        col, printed = 0, self.grid.printed
        for spec in specs:
            span = min(spec.span, printed - col - 1)
            self.put(col, Role.LABEL, spec.label)
            self.field_input(col + 1, section, (), spec.field, getattr(source, spec.field), colspan=span,
                             align=spec.align, label=spec.message_label or spec.label)
            col += 1 + span
        if col < printed:
            self.put(col, Role.LABEL, "单位（盖章）", colspan=printed - col)
        self.row += 1

    def funds(self) -> None:
        rules, funds, at = self.profile.funds, self.doc.funds, self.grid.funds
        self.fixed_cell(at.label, Role.LABEL, "funds.label", rowspan=1 + len(funds.rows))
        self.put(at.row_label, Role.HEADER, "")
        for position, text in zip((*at.amounts, at.weight, at.rate, at.score),
                                  (*rules.columns, "分值", "执行率", "得分"), strict=True):
            self.put(position, Role.HEADER, text)
        self.row += 1
        labels = {d.key: d.label for d in rules.rows}
        for i, frow in enumerate(funds.rows):
            label = labels.get(frow.key, frow.key)
            self.put(at.row_label, Role.LABEL, label, align="left")
            for position, name, column_label in zip(at.amounts, FUNDS_AMOUNT_FIELDS, rules.columns, strict=True):
                value = getattr(frow, name)
                self.field_input(position, "funds", (i,), name, value, fmt=Format.MONEY,
                                 label=f"项目资金 › {label} › {column_label}")
            if i == 0 and rules.scored:
                self.field_input(at.weight, "funds", (), "weight", funds.weight, fmt=Format.SCORE,
                                 label="项目资金 › 分值")
                self.computed_cell(at.rate, "funds.rate", fmt=Format.PERCENT)
                self.computed_cell(at.score, "funds.score", fmt=Format.SCORE)
            else:
                for position in (at.weight, at.rate, at.score):
                    self.put(position, Role.LABEL, DASH)
            self.row += 1

    def goals(self) -> None:
        g = self.doc.goals
        split = self.grid.goals_split
        expected_span, achieved_span = split - 1, self.grid.printed - split
        self.put(0, Role.LABEL, "年度总体目标", rowspan=2)
        self.put(1, Role.HEADER, "预期目标", colspan=expected_span)
        self.put(split, Role.HEADER, "实际完成情况", colspan=achieved_span)
        self.row += 1
        self.field_input(1, "goals", (), "expected", g.expected, colspan=expected_span, multiline=True,
                         align="left", label="年度总体目标 › 预期目标")
        self.field_input(split, "goals", (), "achieved", g.achieved, colspan=achieved_span, multiline=True,
                         align="left", label="年度总体目标 › 实际完成情况")
        self.row += 1

    def indicators(self) -> None:
        self.layout.indicator_header_row = self.row
        for position, column in enumerate(self.grid.columns):
            self.put(position, Role.HEADER, column.title)
        self.row += 1
        first = self.row
        for i1, l1 in enumerate(self.doc.level1):
            rows = sum(max(1, len(g.indicators)) for g in l1.groups)
            self.put(self.grid.col("level1"), Role.LABEL, self.computed.level1_label(l1.name), rowspan=max(1, rows),
                     key="level1", path=(i1,))
            if not l1.groups:
                self.row += 1
            for i2 in range(len(l1.groups)):
                self.group(i1, i2)
        self.layout.indicator_rows = (first, self.row)

    def group(self, i1: int, i2: int) -> None:
        l1 = self.doc.level1[i1]
        group = l1.groups[i2]
        n = max(1, len(group.indicators))
        col = self.grid.col
        self.put(col("group"), Role.LABEL, group.name, rowspan=n, key="group", path=(i1, i2))
        start = self.row
        weighted_group = group.has_group_weight and self.profile.group_weights
        for i3, ind in enumerate(group.indicators):
            path = (i1, i2, i3)
            names = (l1.name, group.name, ind.name)
            for position, column in enumerate(self.grid.columns):
                if column.shows is Shows.LABEL or (weighted_group and column.key in ("weight", "score")):
                    continue
                if column.shows is Shows.COMPUTED:
                    self.computed_cell(position, column.source, path, fmt=Format.SCORE)
                    continue
                spec = _INPUT_LOOK.get(column.source, _PLAIN)
                value = getattr(ind, column.source)
                # The actual cell also names the qualitative grade the rules used (`达标（达成）`).
                shown = self.computed.actual_text(value, path) if column.source == "actual" else value
                self.put(position, Role.INPUT, shown,
                         binding=indicator_place(path, names, column.source, ind.id),
                         number=input_number(spec.fmt, value), fmt=spec.fmt,
                         multiline=spec.multiline, align=spec.align)
            self.row += 1
        self.row = start + n  # an empty 二级 still takes its one row
        if weighted_group:
            saved, self.row = self.row, start
            self.put(col("weight"), Role.INPUT, group.weight, rowspan=n, fmt=Format.SCORE,
                     binding=group_place((i1, i2), (l1.name, group.name), "weight", group.id),
                     number=input_number(Format.SCORE, group.weight))
            self.computed_cell(col("score"), "group.score", (i1, i2), rowspan=n, fmt=Format.SCORE)
            self.row = saved

    def total(self) -> None:
        self.layout.total_row = self.row
        col = self.grid.col
        self.put(0, Role.LABEL, "总分", colspan=self.grid.total_label_span)
        self.computed_cell(col("weight"), "weights_total", fmt=Format.SCORE)
        self.computed_cell(col("score"), "total", fmt=Format.SCORE)
        self.computed_cell(col("reason"), "grade")
        self.row += 1

    def signature(self) -> None:
        for specs in signature_rows(self.profile):
            self.labelled_row("signature", self.doc.signature, specs)

    def notes(self) -> None:
        """Uncounted and manual scores are never hidden: each is explained under the table."""
        for text in score_notes(self.doc, self.ev):
            self.layout._notes.append(self.put(0, Role.NOTE, text, colspan=self.grid.printed, align="left",
                                               multiline=True))
            self.row += 1


def build_layout(doc: Document, profile: Profile, evaluation: Evaluation, show_claims: bool = False) -> TableLayout:
    """Lay out `doc` as the printed table, showing what `evaluation` computed; `show_claims` prints
    each claimed score under the computed one (a reviewer's printout, never a unit's own table)."""
    return _Builder(doc, profile, evaluation, show_claims).build()
