"""The 自评结果汇总表 as a grid of cells: the one layout its Excel sheet and its PDF both draw.

Built on the single table's `TableLayout`, so the PDF paginates it with the
same machinery (header repeated on every page, signature block kept whole with
room for the stamp, draft mark) and Excel sizes its rows the same way. Every
figure comes from the summary core (`SummaryRow`, `totals`, `duplicates`);
the renderers compute nothing, except that Excel writes the 合计 row as
formulas carrying these figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from perfdesk.core.layout.columns import Column, Grid, Shows
from perfdesk.core.layout.table import Cell, Format, Role, TableLayout
from perfdesk.core.model.results import format_percent
from perfdesk.core.review.model import status_name
from perfdesk.core.summary.row import SummaryRow
from perfdesk.core.summary.totals import Totals, duplicates, totals

TITLE = "项目支出绩效自评结果汇总表"
MONEY_UNIT = "万元"
BLANK_UNIT = "________________"
EXPLANATION = ("说明：自评得分按评分规则计算，原表得分为各表自填的总分，差异 = 原表得分 − 自评得分；"
               "金额均换算为万元；合计行的执行率为合计执行数 ÷ 合计预算数，自评得分为平均分。")
_TEXT_KEYS = frozenset({"name", "department", "implementer", "file", "note"})


def _column(key: str, title: str, width: int) -> Column:
    return Column(key, title, width, Shows.COMPUTED)


#: The columns left to right; widths are characters at 10 pt, as the single table's.
COLUMNS: tuple[Column, ...] = (
    _column("seq", "序号", 4),
    _column("name", "项目名称", 21),
    _column("department", "主管部门", 11),
    _column("implementer", "实施单位", 11),
    _column("year", "年度", 5),
    _column("budget", "全年预算数", 9),
    _column("executed", "全年执行数", 9),
    _column("rate", "执行率", 8),
    _column("score", "自评得分", 6),
    _column("claimed", "原表得分", 6),
    _column("difference", "差异", 6),
    _column("grade", "等级", 4),
    _column("errors", "错误", 4),
    _column("warnings", "警告", 4),
    _column("status", "审核状态", 8),
    _column("code", "验证码", 16),
    _column("file", "文件", 12),
    _column("note", "备注", 14),
)
GRID = Grid(COLUMNS, len(COLUMNS))
#: Column key -> the Excel number format of its figures (the PDF prints the same digits).
NUMBER_FORMATS = {"seq": "0", "budget": "0.00", "executed": "0.00", "rate": "0.00%", "score": "0.00",
                  "claimed": "0.00", "difference": "0.00", "errors": "0", "warnings": "0"}
_FORMATS = {"budget": Format.MONEY, "executed": Format.MONEY, "rate": Format.PERCENT}
#: Keys of the 合计 row's figures (cell.key), by column.
TOTAL_KEYS = {"budget": "sum.budget", "executed": "sum.executed", "rate": "sum.rate", "score": "average.score",
              "errors": "sum.errors", "warnings": "sum.warnings"}
#: The national grades, best first: the order of the grade chart when the caller gives none.
NATIONAL_GRADES = ("优", "良", "中", "差")
_YEAR_SUFFIX = re.compile(r"(年度|年)$")
_CENT = Decimal("0.01")


@dataclass
class SummaryLayout:
    """The grid plus what the renderers need to know about it."""

    layout: TableLayout
    title: str
    totals: Totals
    first_row: int  # the first table's row
    readable: list[SummaryRow]  # the rows of the grid, in order
    unreadable: list[SummaryRow]
    draft: bool  # some table has errors


def shared_year(rows: Sequence[SummaryRow]) -> str:
    """The year all readable rows share (`2023`), or "" when they differ or none is filled."""
    years = {_YEAR_SUFFIX.sub("", r.year.strip()) for r in rows if r.ok}
    return next(iter(years)) if len(years) == 1 else ""


def default_title(rows: Sequence[SummaryRow]) -> str:
    year = shared_year(rows)
    return f"{year}年度{TITLE}" if year else TITLE


def build_summary_layout(rows: Sequence[SummaryRow], *, unit_name: str = "", title: str | None = None,
                         grade_order: Sequence[str] = ()) -> SummaryLayout:
    """Title, captions, header, one row per readable table, 合计, signature block, then the notes
    (the unreadable files and why)."""
    readable = [r for r in rows if r.ok]
    notes_of = duplicates(rows)  # by index in `rows`
    figures = totals(rows, grade_order or NATIONAL_GRADES)
    layout = TableLayout(grid=GRID)
    last = len(COLUMNS)
    layout.add(Cell(0, 0, Role.TITLE, title if title is not None else default_title(rows), colspan=last))
    unit_span = GRID.col("budget")
    layout.add(Cell(1, 0, Role.CAPTION, f"填报单位：{unit_name.strip() or BLANK_UNIT}", colspan=unit_span,
                    align="left"))
    layout.add(Cell(1, unit_span, Role.CAPTION, f"金额单位：{MONEY_UNIT}", colspan=last - unit_span, align="left"))
    header = 2
    for col, column in enumerate(COLUMNS):
        layout.add(Cell(header, col, Role.HEADER, column.title))
    first = header + 1
    for number, (index, row) in enumerate(((i, r) for i, r in enumerate(rows) if r.ok), start=1):
        note = "；".join(t for t in (notes_of.get(index, ""), row.note) if t)
        for col, cell in enumerate(_row_cells(first + number - 1, number, row, note)):
            cell.col = col
            layout.add(cell)
    total_row = first + len(readable)
    _add_total(layout, total_row, figures, readable)
    layout.indicator_header_row = header
    layout.indicator_rows = (first, total_row)
    layout.total_row = total_row
    _add_signature(layout, total_row + 1, unit_name.strip())
    _add_notes(layout, [r for r in rows if not r.ok])
    return SummaryLayout(layout, layout.cells[0].text, figures, first, readable, [r for r in rows if not r.ok],
                         any(r.errors for r in readable))


def _figure(row: int, key: str, value: Decimal | int | None) -> Cell:
    """A number cell: its text is what the PDF prints (two decimals, as Excel's format shows)."""
    fmt = _FORMATS.get(key, Format.SCORE)
    if value is None:
        return Cell(row, 0, Role.COMPUTED, "", fmt=fmt)
    number = Decimal(value)
    if fmt is Format.PERCENT:
        text = format_percent(number)
    elif NUMBER_FORMATS.get(key) == "0":
        text = str(value)
    else:
        text = str(number.quantize(_CENT, ROUND_HALF_UP))
    return Cell(row, 0, Role.COMPUTED, text, number=number, fmt=fmt, key=key)


def _text(row: int, key: str, value: str) -> Cell:
    left = key in _TEXT_KEYS
    return Cell(row, 0, Role.INPUT if left else Role.COMPUTED, value, align="left" if left else "center")


def _row_cells(at: int, number: int, row: SummaryRow, note: str) -> list[Cell]:
    return [
        _figure(at, "seq", number),
        _text(at, "name", row.name),
        _text(at, "department", row.department),
        _text(at, "implementer", row.implementer),
        _text(at, "year", row.year),
        _figure(at, "budget", row.budget),
        _figure(at, "executed", row.executed),
        _figure(at, "rate", row.rate),
        _figure(at, "score", row.score),
        _figure(at, "claimed", row.claimed) if row.claimed is not None or not row.claimed_text
        else _text(at, "claimed", row.claimed_text),  # a claimed total that is not a number stays as written
        _figure(at, "difference", row.difference),
        _text(at, "grade", row.grade),
        _figure(at, "errors", row.errors),
        _figure(at, "warnings", row.warnings),
        _text(at, "status", status_name(row.review_status)),
        _text(at, "code", row.code),
        _text(at, "file", row.label),
        _text(at, "note", note),
    ]


def total_values(figures: Totals, readable: Sequence[SummaryRow]) -> dict[str, Decimal | int | None]:
    """The 合计 row's figures by column key: what Excel's formulas must give."""
    return {"budget": figures.budget, "executed": figures.executed, "rate": figures.rate,
            "score": figures.average_score, "errors": sum(r.errors for r in readable),
            "warnings": sum(r.warnings for r in readable)}


def _add_total(layout: TableLayout, at: int, figures: Totals, readable: Sequence[SummaryRow]) -> None:
    label_span = GRID.col("budget")
    layout.add(Cell(at, 0, Role.LABEL, f"合计（{len(readable)} 个项目）", colspan=label_span))
    values = total_values(figures, readable)
    for col in range(label_span, len(COLUMNS)):
        key = COLUMNS[col].key
        if key in TOTAL_KEYS:
            cell = _figure(at, key, values[key])
            cell.key, cell.col = TOTAL_KEYS[key], col
            layout.add(cell)
        else:
            layout.add(Cell(at, col, Role.COMPUTED, ""))


def _add_signature(layout: TableLayout, at: int, unit_name: str) -> None:
    """Two rows: who filled it and who is responsible, then the unit (stamped) and the date."""
    spans = (2, 5, 3, len(COLUMNS) - 10)
    for offset, (label_a, value_a, label_b) in enumerate((("填报人", "", "负责人"),
                                                          ("填报单位（盖章）", unit_name, "日期"))):
        col = 0
        for span, text, role in zip(spans, (label_a, value_a, label_b, ""),
                                    (Role.LABEL, Role.INPUT, Role.LABEL, Role.INPUT), strict=True):
            layout.add(Cell(at + offset, col, role, text, colspan=span, align="center"))
            col += span


def _add_notes(layout: TableLayout, unreadable: list[SummaryRow]) -> None:
    """The explanation, then the unreadable files in one cell: a page break never parts them from their heading."""
    texts = [EXPLANATION]
    if unreadable:
        lines = [f"{n}．{r.label}：{r.error}" for n, r in enumerate(unreadable, start=1)]
        texts.append("\n".join([f"未能读取的文件（{len(unreadable)} 个，未列入上表，也未计入合计）：", *lines]))
    at = layout.rows
    for offset, text in enumerate(texts):
        layout.add(Cell(at + offset, 0, Role.NOTE, text, colspan=len(COLUMNS), align="left", multiline=True))
