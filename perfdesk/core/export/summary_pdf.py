"""The 自评结果汇总表 as a PDF to stamp: the table, then a page of its charts.

The table is `summary_layout`'s grid drawn by the single table's renderer
(`pdf.render_layout`): A4 landscape, the embedded fonts, the header on every
page, `第 x 页 共 y 页`, the signature block with room for the stamp, and the
草稿 marks while any table has errors. The charts are reportlab.graphics bar
charts; their Chinese labels are drawn as the table's text is (two fonts in
runs), since a chart label has one font and the Chinese font has no digits.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.graphics.charts.barcharts import BarChart, HorizontalBarChart, VerticalBarChart
from reportlab.graphics.renderPDF import draw as draw_drawing
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color, black
from reportlab.pdfgen.canvas import Canvas

from perfdesk.core.export.pdf import MARGIN_TOP, MARGIN_X, PageDrawer, render_layout
from perfdesk.core.export.pdf_ink import PageInk
from perfdesk.core.export.pdf_table import PrintStyle
from perfdesk.core.export.pdf_wrap import LATIN_FONT, pdf_face
from perfdesk.core.export.summary_charts import Counts, SummaryCharts, summary_charts
from perfdesk.core.export.summary_layout import build_summary_layout
from perfdesk.core.files.atomic_write import atomic_write
from perfdesk.core.summary.row import SummaryRow

#: Eighteen columns on one landscape page: a point smaller than the single table.
STYLE = PrintStyle(body_size=8.0)
BAR = Color(0.27, 0.45, 0.70)
LABEL_SIZE = 8.0
HEADING_SIZE = 11.0
NO_DATA = "（无数据）"
_DEPARTMENT_LABEL_WIDTH = 150.0


def render_summary_pdf(rows: Sequence[SummaryRow], *, unit_name: str = "", grade_order: Sequence[str] = ()) -> bytes:
    """The 汇总表 of `rows` and its chart page, as PDF bytes."""
    summary = build_summary_layout(rows, unit_name=unit_name, grade_order=grade_order)
    charts = summary_charts(rows, summary.totals)
    return render_layout(summary.layout, verification="", draft=summary.draft, landscape=True,
                         title=summary.title, extra_pages=[_charts_page(f"{summary.title}——图表", charts)],
                         style=STYLE)


def export_summary_pdf(rows: Sequence[SummaryRow], path: Path, *, unit_name: str = "",
                       grade_order: Sequence[str] = ()) -> None:
    """Write the PDF to `path`, replacing it only once complete; a path that cannot be written
    raises `DocumentFileError` saying why in Chinese."""
    atomic_write(Path(path), render_summary_pdf(rows, unit_name=unit_name, grade_order=grade_order),
                 keep_backup=False)


def _charts_page(title: str, charts: SummaryCharts) -> PageDrawer:
    def draw(canvas: Canvas, ink: PageInk, page_w: float, page_h: float) -> None:
        top = page_h - MARGIN_TOP
        ink.show(title, 14, page_w / 2, top - 14, black, "center")
        width = page_w - 2 * MARGIN_X
        half = (width - 30) / 2
        upper = top - 40
        _counts_chart(canvas, ink, charts.grades, MARGIN_X, upper, half, 190)
        _counts_chart(canvas, ink, charts.bands, MARGIN_X + half + 30, upper, half, 190)
        _departments_chart(canvas, ink, charts, MARGIN_X, upper - 215, width, upper - 215 - 70)

    return draw


def _heading(ink: PageInk, text: str, left: float, top: float, width: float) -> None:
    ink.show(text, HEADING_SIZE, left + width / 2, top - HEADING_SIZE, black, "center")


def _style(chart: BarChart, values: Sequence[float], label: Callable[[float], str]) -> None:
    """Bars, value labels and the value axis, every text in the embedded Latin font."""
    chart.data = [list(values)]
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.categoryAxis.visibleLabels = 0
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = LATIN_FONT
    chart.valueAxis.labels.fontSize = 7
    chart.barLabels.fontName = LATIN_FONT
    chart.barLabels.fontSize = 7
    chart.barLabelFormat = label


def _counts_chart(canvas: Canvas, ink: PageInk, counts: Counts, left: float, top: float, width: float,
                  height: float) -> None:
    _heading(ink, counts.title, left, top, width)
    plot_top = top - HEADING_SIZE - 8
    if not any(counts.counts):
        ink.show(NO_DATA, LABEL_SIZE, left + width / 2, plot_top - height / 2, black, "center")
        return
    drawing = Drawing(width, height, initialFontName=LATIN_FONT, initialFontSize=7)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 20, width - 40, height - 30
    _style(chart, counts.counts, lambda v: f"{v:.0f}")
    most = max(counts.counts)
    chart.valueAxis.valueStep = max(1, math.ceil(most / 5))
    chart.valueAxis.valueMax = max(1, most) * 1.15
    chart.valueAxis.labelTextFormat = "%d"
    chart.barLabels.nudge = 6
    drawing.add(chart)
    bottom = plot_top - height
    draw_drawing(drawing, canvas, left, bottom)
    step = chart.width / len(counts.labels)
    for i, label in enumerate(counts.labels):
        ink.show(label, LABEL_SIZE, left + chart.x + step * (i + 0.5), bottom + chart.y - 11, black, "center")


def _departments_chart(canvas: Canvas, ink: PageInk, charts: SummaryCharts, left: float, top: float,
                       width: float, height: float) -> None:
    _heading(ink, charts.department_title, left, top, width)
    plot_top = top - HEADING_SIZE - 8
    departments = list(reversed(charts.departments))  # the chart's first bar is the lowest: largest on top
    if not departments:
        ink.show(NO_DATA, LABEL_SIZE, left + width / 2, plot_top - height / 2, black, "center")
        return
    drawing = Drawing(width, height, initialFontName=LATIN_FONT, initialFontSize=7)
    chart = HorizontalBarChart()
    chart.x, chart.y = _DEPARTMENT_LABEL_WIDTH + 10, 15
    chart.width, chart.height = width - chart.x - 50, height - 20
    rates = [float(d.rate) if d.rate is not None else 0.0 for d in departments]
    _style(chart, rates, lambda v: f"{v * 100:.2f}%")
    chart.valueAxis.valueMax = max(1.0, max(rates)) * 1.1
    chart.valueAxis.valueStep = 0.2 if chart.valueAxis.valueMax <= 1.5 else None
    chart.valueAxis.labelTextFormat = lambda v: f"{v * 100:.0f}%"
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    drawing.add(chart)
    bottom = plot_top - height
    draw_drawing(drawing, canvas, left, bottom)
    face = pdf_face()
    step = chart.height / len(departments)
    for i, department in enumerate(departments):
        count = f"（{department.projects} 项）"
        text = _one_line(department.department, face.width(count, LABEL_SIZE), face.width) + count
        y = bottom + chart.y + step * (i + 0.5) - LABEL_SIZE * 0.35
        ink.show(text, LABEL_SIZE, left + _DEPARTMENT_LABEL_WIDTH, y, black, "right")


def _one_line(text: str, keep: float, width_of: Callable[[str, float], float]) -> str:
    """`text` on one line, cut with `…` to leave `keep` points of the label column."""
    text, room = " ".join(text.split()), _DEPARTMENT_LABEL_WIDTH - keep
    if width_of(text, LABEL_SIZE) <= room:
        return text
    while text and width_of(text + "…", LABEL_SIZE) > room:
        text = text[:-1]
    return text + "…"
