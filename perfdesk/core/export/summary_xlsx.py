"""Excel export of a 自评结果汇总表: the table to print, its charts, and what could not be read.

Sheet `汇总表` draws `summary_layout` (the grid the PDF prints) with the single
table's cell styles and row heights, A4 landscape one page wide with the
header repeated; its 合计 row is formulas whose cached values are the core's
`totals()`. Sheet `图表` holds the chart data and native Excel charts of it;
sheet `问题与未读文件` the unreadable files and every table's problems.

Every text is written as text: a project named `=cmd|' /C calc'!A0` stays that text.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from perfdesk.core.export.summary_charts import Counts, SummaryCharts, summary_charts
from perfdesk.core.export.summary_layout import (
    COLUMNS,
    GRID,
    NUMBER_FORMATS,
    TOTAL_KEYS,
    SummaryLayout,
    build_summary_layout,
)
from perfdesk.core.export.xlsx import (
    BODY_FONT,
    BODY_SIZE,
    FOOTER,
    GB2312_CHARSET,
    LARGEST_NUMBER,
    LINE_POINTS,
    PADDING_POINTS,
    TITLE_FONT,
    CellStyles,
    print_setup,
    row_heights,
    text_width,
    write_value,
)
from perfdesk.core.export.xlsx_formulas import Formula
from perfdesk.core.files.atomic_write import atomic_write
from perfdesk.core.layout.table import Cell
from perfdesk.core.summary.row import MAX_PROBLEMS, SummaryRow

TABLE_SHEET = "汇总表"
CHARTS_SHEET = "图表"
PROBLEMS_SHEET = "问题与未读文件"
_BOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                 "strings_to_urls": False}
_PROBLEM_WIDTHS = (10, 30, 30, 70)
_CHART_FONT = {"name": BODY_FONT, "size": 10}
_CHART_TITLE_FONT = {"name": BODY_FONT, "size": 12, "bold": True}


def export_summary_xlsx(rows: Sequence[SummaryRow], path: Path, *, unit_name: str = "", title: str | None = None,
                        grade_order: Sequence[str] = ()) -> None:
    """Write the workbook to `path`, replacing it only once complete; a path that cannot be
    written raises `DocumentFileError` saying why in Chinese. `title` None: the standard title,
    with the year when all tables share one."""
    data = render_summary_xlsx(rows, unit_name=unit_name, title=title, grade_order=grade_order)
    atomic_write(Path(path), data, keep_backup=False)


def render_summary_xlsx(rows: Sequence[SummaryRow], *, unit_name: str = "", title: str | None = None,
                        grade_order: Sequence[str] = ()) -> bytes:
    """The workbook of `rows` as .xlsx bytes."""
    summary = build_summary_layout(rows, unit_name=unit_name, title=title, grade_order=grade_order)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, _BOOK_OPTIONS)
    try:
        book.set_properties({"title": summary.title, "comments": "PerfDesk"})
        _write_table(book, summary)
        _write_charts(book, summary_charts(rows, summary.totals), _Plain(book))
        _write_problems(book, summary, _Plain(book))
    finally:
        book.close()
    return buffer.getvalue()


# ---------------------------------------------------------------- 汇总表


def _write_table(book: xlsxwriter.Workbook, summary: SummaryLayout) -> None:
    sheet = book.add_worksheet(TABLE_SHEET)
    layout = summary.layout
    styles = CellStyles(book)
    formulas = _total_formulas(summary)
    for cell in layout.cells:
        number = _number_of(cell)
        style = styles.get(cell, NUMBER_FORMATS.get(COLUMNS[cell.col].key) if number is not None else None)
        formula = Formula(formulas[cell.key], "" if number is None else number) if cell.key in formulas else None
        write_value(sheet, cell, style, formula, number)
    for col, width in enumerate(GRID.widths):
        sheet.set_column(col, col, width)
    for row, height in enumerate(row_heights(layout)):
        sheet.set_row(row, round(height, 1))
    print_setup(sheet, layout, len(COLUMNS), landscape=True, side_margin=0.4)
    sheet.freeze_panes(summary.first_row, 2)
    sheet.activate()


def _number_of(cell: Cell) -> Decimal | None:
    """The number a cell is stored as; None for text and beyond Excel's 15 digits (kept as text)."""
    number = cell.number
    if number is None or not number.is_finite() or abs(number) >= LARGEST_NUMBER:
        return None
    return number


def _total_formulas(summary: SummaryLayout) -> dict[str, str]:
    """The 合计 row's formulas by cell key; none when no table was read (its figures are written as is)."""
    if not summary.readable:
        return {}
    first, last = summary.first_row, summary.first_row + len(summary.readable) - 1
    total = summary.layout.total_row

    def span(key: str) -> str:
        col = GRID.col(key)
        return f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)}"

    budget, executed = (xl_rowcol_to_cell(total, GRID.col(k)) for k in ("budget", "executed"))
    return {
        TOTAL_KEYS["budget"]: f"SUM({span('budget')})",
        # an executed amount counts only beside a known budget, as in totals()
        TOTAL_KEYS["executed"]: f"SUMPRODUCT(--ISNUMBER({span('budget')}),{span('executed')})",
        TOTAL_KEYS["rate"]: f'IF({budget}=0,"",{executed}/{budget})',
        TOTAL_KEYS["score"]: f'IF(COUNT({span("score")})=0,"",ROUND(AVERAGE({span("score")}),2))',
        TOTAL_KEYS["errors"]: f"SUM({span('errors')})",
        TOTAL_KEYS["warnings"]: f"SUM({span('warnings')})",
    }


# ---------------------------------------------------------------- the other sheets


class _Plain:
    """The formats of the chart-data and problem sheets."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = {"font_name": BODY_FONT, "font_size": BODY_SIZE, "font_charset": GB2312_CHARSET, "valign": "vcenter"}
        cell = {**base, "border": 1, "text_wrap": True}
        self.title = book.add_format({**base, "font_name": TITLE_FONT, "font_size": 14, "bold": True})
        self.heading = book.add_format({**base, "bold": True})
        self.header = book.add_format({**cell, "bold": True, "align": "center", "bg_color": "#EBEBEB"})
        self.text = book.add_format({**cell, "align": "left"})
        self.count = book.add_format({**cell, "align": "center", "num_format": "0"})
        self.money = book.add_format({**cell, "align": "center", "num_format": "0.00"})
        self.percent = book.add_format({**cell, "align": "center", "num_format": "0.00%"})


def _write_charts(book: xlsxwriter.Workbook, charts: SummaryCharts, plain: _Plain) -> None:
    """The data in cells (A–B grades, D–E score bands, G–K departments), the charts below them."""
    sheet = book.add_worksheet(CHARTS_SHEET)
    sheet.write_string(0, 0, "图表数据（各图表引用以下单元格）", plain.title)
    tallest = max(len(charts.grades.labels), len(charts.bands.labels), len(charts.departments))
    below = tallest + 4
    for col, counts in ((0, charts.grades), (3, charts.bands)):
        _counts_table(sheet, plain, counts, col)
        if any(counts.counts):
            chart = _chart(book, "column", counts.title, counts.title, CHARTS_SHEET, col, len(counts.labels))
            chart.set_y_axis({"num_font": _CHART_FONT, "major_gridlines": {"visible": True}, "min": 0})
            sheet.insert_chart(below, col * 3, chart, {"x_scale": 1.0, "y_scale": 1.1})
    _departments_table(sheet, plain, charts, 6)
    if charts.departments:
        chart = _chart(book, "bar", charts.department_title, "执行率", CHARTS_SHEET, 6, len(charts.departments),
                       value_col=10)
        chart.set_x_axis({"num_font": _CHART_FONT, "num_format": "0%", "min": 0})
        chart.set_y_axis({"num_font": _CHART_FONT, "reverse": True})
        sheet.insert_chart(below + 18, 0, chart, {"x_scale": 1.9, "y_scale": 1.0 + len(charts.departments) / 15})
    sheet.set_column(0, 0, 10)
    sheet.set_column(3, 3, 12)
    sheet.set_column(6, 6, 24)
    sheet.set_column(7, 10, 13)
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_footer(FOOTER)


def _chart(book: xlsxwriter.Workbook, kind: str, title: str, series: str, sheet: str, col: int, count: int,
           value_col: int | None = None) -> xlsxwriter.chart.Chart:
    """A chart of `count` categories in column `col` (from row 3) against the next (or `value_col`) column."""
    chart = book.add_chart({"type": kind})
    values = col + 1 if value_col is None else value_col
    chart.add_series({
        "name": series,
        "categories": [sheet, 2, col, 1 + count, col],
        "values": [sheet, 2, values, 1 + count, values],
        "data_labels": {"value": True, "font": _CHART_FONT},
        "fill": {"color": "#4573B3"},
    })
    chart.set_title({"name": title, "name_font": _CHART_TITLE_FONT})
    chart.set_legend({"none": True})
    chart.set_x_axis({"num_font": _CHART_FONT})
    return chart


def _counts_table(sheet: Worksheet, plain: _Plain, counts: Counts, col: int) -> None:
    sheet.write_string(1, col, counts.category, plain.header)
    sheet.write_string(1, col + 1, "项目数", plain.header)
    for row, (label, count) in enumerate(zip(counts.labels, counts.counts, strict=True), start=2):
        sheet.write_string(row, col, label, plain.text)
        sheet.write_number(row, col + 1, count, plain.count)


def _departments_table(sheet: Worksheet, plain: _Plain, charts: SummaryCharts, col: int) -> None:
    for offset, header in enumerate(("主管部门", "项目数", "预算数（万元）", "执行数（万元）", "执行率")):
        sheet.write_string(1, col + offset, header, plain.header)
    for row, department in enumerate(charts.departments, start=2):
        sheet.write_string(row, col, department.department, plain.text)
        sheet.write_number(row, col + 1, department.projects, plain.count)
        sheet.write_number(row, col + 2, float(department.budget), plain.money)
        sheet.write_number(row, col + 3, float(department.executed), plain.money)
        budget, executed = xl_rowcol_to_cell(row, col + 2), xl_rowcol_to_cell(row, col + 3)
        rate = "" if department.rate is None else float(department.rate)
        sheet.write_formula(row, col + 4, f'IF({budget}=0,"",{executed}/{budget})', plain.percent, rate)


def _write_problems(book: xlsxwriter.Workbook, summary: SummaryLayout, plain: _Plain) -> None:
    """The unreadable files with the reason, then each table's problems with its file."""
    sheet = book.add_worksheet(PROBLEMS_SHEET)
    sheet.write_string(0, 0, "问题与未读文件", plain.title)
    row = 2
    sheet.write_string(row, 0, f"未能读取的文件（{len(summary.unreadable)} 个，未列入汇总表）", plain.heading)
    row = _rows(sheet, plain, row + 1, ("序号", "文件", "位置", "原因"),
                [(r.label, r.file, r.error) for r in summary.unreadable])
    problems = [(number, r.name, r.label, text)
                for number, r in enumerate(summary.readable, start=1) for text in _problems_of(r)]
    row += 1
    sheet.write_string(row, 0, f"各表的问题（{sum(1 for r in summary.readable if r.problems)} 个表）", plain.heading)
    _rows(sheet, plain, row + 1, ("汇总表序号", "项目名称", "文件", "问题"), problems, numbered=False)
    for col, width in enumerate(_PROBLEM_WIDTHS):
        sheet.set_column(col, col, width)
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_footer(FOOTER)


def _problems_of(row: SummaryRow) -> list[str]:
    """The row's kept problems, and how many more the table itself lists."""
    more = row.errors + row.warnings - len(row.problems)
    tail = [f"……另有 {more} 条问题未列出（每个表最多列 {MAX_PROBLEMS} 条），请打开该文件查看。"] if more > 0 else []
    return [*row.problems, *tail]


def _rows(sheet: Worksheet, plain: _Plain, at: int, headers: tuple[str, ...], rows: Sequence[tuple],
          numbered: bool = True) -> int:
    """A bordered table (first column a number); returns the row after it. An empty one says so."""
    for col, header in enumerate(headers):
        sheet.write_string(at, col, header, plain.header)
    if not rows:
        sheet.merge_range(at + 1, 0, at + 1, len(headers) - 1, "无", plain.text)
        return at + 2
    for offset, values in enumerate(rows, start=1):
        cells = ((offset, *values) if numbered else values)
        for col, value in enumerate(cells):
            if isinstance(value, int):
                sheet.write_number(at + offset, col, value, plain.count)
            else:
                sheet.write_string(at + offset, col, str(value), plain.text)
        lines = max(math.ceil(text_width(line) / (width - 1)) or 1
                    for value, width in zip(cells, _PROBLEM_WIDTHS, strict=False) for line in str(value).split("\n"))
        sheet.set_row(at + offset, min(409.0, lines * LINE_POINTS + PADDING_POINTS))
    return at + len(rows) + 1

