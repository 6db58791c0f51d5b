"""Excel export: the printed table, cell for cell, with live formulas and the document inside.

The sheet `绩效自评表` draws `table_layout.build_layout` exactly (same merges,
labels and texts as the window and the PDF), ready to print on A4. Computed
cells are formulas carrying the core's values (see `xlsx_formulas`). The whole
document is embedded in the very hidden sheet `_perfdesk` so that
`xlsx_import.read_document_from_workbook` reopens it without loss.

Typed text is never taken as a formula: `=1+1` stays the text `=1+1`.
"""

from __future__ import annotations

import io
import json
import math
import unicodedata
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.format import Format as XFormat
from xlsxwriter.worksheet import Worksheet

from perfdesk.core.export.xlsx_formulas import HELPER_TITLES, Formula, FormulaPlan
from perfdesk.core.export.xlsx_review import write_review
from perfdesk.core.files import storage
from perfdesk.core.files.atomic_write import atomic_write
from perfdesk.core.files.embedding import (
    DATA_SHEET,
    EMBED_FORMAT,
    EMBED_VERSION,
    embed_chunks,
    excel_safe_json,
)
from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.layout.table import (
    STAMP_POINTS,
    Cell,
    Format,
    Role,
    TableLayout,
    build_layout,
)
from perfdesk.core.model.document import Document
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import Profile

SHEET_NAME = "绩效自评表"

BODY_FONT = "宋体"  # SimSun: on every Chinese Windows, Excel's and WPS's usual body font
TITLE_FONT = "黑体"  # SimHei
GB2312_CHARSET = 134  # tells Excel the font's script when the name is not installed
BODY_SIZE = 10.5
TITLE_SIZE = 16

NUMBER_FORMATS = {Format.MONEY: "0.00", Format.PERCENT: "0.00%", Format.SCORE: "General"}
MANUAL_SUFFIX = "（人工）"
LARGEST_NUMBER = Decimal("1e15")  # Excel keeps 15 significant digits
EXCEL_ROWS = 1_048_576  # rows of a worksheet

LINE_POINTS = 14.0  # one line of 10.5 pt SimSun
PADDING_POINTS = 5.0
TITLE_HEIGHT = 30.0


class CellStyles:
    """XlsxWriter formats by what a cell is, created once each."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self._cache: dict[tuple, XFormat] = {}

    def get(self, cell: Cell, number_format: str | None) -> XFormat:
        key = (cell.role, cell.align, cell.multiline, number_format)
        if key not in self._cache:
            self._cache[key] = self.book.add_format(self._props(cell, number_format))
        return self._cache[key]

    @staticmethod
    def _props(cell: Cell, number_format: str | None) -> dict:
        props: dict = {
            "font_name": BODY_FONT,
            "font_size": BODY_SIZE,
            "font_charset": GB2312_CHARSET,
            "text_wrap": True,
            "valign": "vcenter",
            "align": cell.align if cell.role is not Role.HEADER else "center",
        }
        if cell.multiline:
            props["valign"] = "top"
        if cell.role is Role.TITLE:
            props.update(font_name=TITLE_FONT, font_size=TITLE_SIZE, bold=True, align="center")
        elif cell.role is Role.HEADER:
            props.update(bold=True, border=1)
        elif cell.role in (Role.LABEL, Role.INPUT, Role.COMPUTED):
            props["border"] = 1
        if number_format:
            props["num_format"] = number_format
        return props


def export_xlsx(doc: Document, profile: Profile, path: Path, show_claims: bool = False,
                with_review: bool = False) -> None:
    """Write `doc` as an Excel workbook at `path`, scored under `profile`.

    The workbook is built in memory and replaces `path` only once complete, so a
    failed export never leaves half a file (nor destroys the previous export); a
    path that cannot be written raises `DocumentFileError` saying why in Chinese.
    """
    atomic_write(Path(path), render_xlsx(doc, profile, show_claims, with_review), keep_backup=False)


def render_xlsx(doc: Document, profile: Profile, show_claims: bool = False, with_review: bool = False) -> bytes:
    """The workbook of `doc` scored under `profile`, as .xlsx bytes; refused beyond Excel's row limit.
    `show_claims` adds each claimed score as a note on its score cell; `with_review` the 审核意见 sheet
    and a note on every commented cell."""
    evaluation = analyse(doc, profile)
    layout = build_layout(doc, profile, evaluation, show_claims)
    if layout.rows > EXCEL_ROWS:  # XlsxWriter would drop the rows beyond silently
        raise DocumentFileError(
            f"表格共 {layout.rows:,} 行，超过 Excel 的上限 {EXCEL_ROWS:,} 行，无法导出为 Excel。"
            "请删去多余的指标行，或导出 PDF。"
        )
    plan = FormulaPlan(doc, profile, evaluation, layout)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
    )
    try:
        book.set_properties({"title": profile.title_for(doc.project.year), "subject": doc.project.name,
                             "comments": f"PerfDesk，模板：{profile.name}"})
        sheet = book.add_worksheet(SHEET_NAME)
        styles = CellStyles(book)
        for cell in layout.cells:
            _write_cell(sheet, styles, cell, plan)
        _write_helpers(sheet, book, layout, plan)
        _size_rows(sheet, layout)
        print_setup(sheet, layout, layout.grid.printed)
        sheet.activate()
        if with_review:
            write_review(book, sheet, doc, layout)
        _embed_document(book, doc)
    finally:
        book.close()
    return buffer.getvalue()


# ---------------------------------------------------------------- cells


def write_value(sheet: Worksheet, cell: Cell, style: XFormat, formula: Formula | None, number: Decimal | None) -> None:
    """Merge the cell's span and write its formula (the core's value cached), its number or its text.

    Text is always written as a string: a typed `=1+1` never becomes a formula.
    """
    last_row, last_col = cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1
    if (last_row, last_col) != (cell.row, cell.col):
        sheet.merge_range(cell.row, cell.col, last_row, last_col, None, style)
    if formula is not None:
        value = formula.value
        sheet.write_formula(cell.row, cell.col, formula.text, style,
                            float(value) if isinstance(value, Decimal) else value)
    elif number is not None:
        sheet.write_number(cell.row, cell.col, float(number), style)
    elif cell.text:
        sheet.write_string(cell.row, cell.col, cell.text, style)
    else:
        sheet.write_blank(cell.row, cell.col, None, style)


def _write_cell(sheet: Worksheet, styles: CellStyles, cell: Cell, plan: FormulaPlan) -> None:
    formula = plan.formula_for(cell) if cell.role is Role.COMPUTED else None
    number = _number_of(cell)
    write_value(sheet, cell, styles.get(cell, _number_format(cell, formula, number)), formula, number)
    if cell.claim:  # a note is text: a claimed `=1+1` never becomes a formula
        sheet.write_comment(cell.row, cell.col, f"原表得分：{cell.claim}")


def _number_of(cell: Cell) -> Decimal | None:
    """The number a cell is stored as, or None to store its text (also beyond Excel's 15 digits)."""
    if cell.number is None or cell.fmt is Format.TEXT or not cell.number.is_finite():
        return None
    return cell.number if abs(cell.number) < LARGEST_NUMBER else None


def _number_format(cell: Cell, formula: Formula | None, number: Decimal | None) -> str | None:
    if formula is None and number is None:
        return None
    base = NUMBER_FORMATS.get(cell.fmt)
    if cell.role is Role.COMPUTED and cell.text.endswith(MANUAL_SUFFIX):
        return f'{base or "General"}"{MANUAL_SUFFIX}"'
    return base


def _write_helpers(sheet: Worksheet, book: xlsxwriter.Workbook, layout: TableLayout, plan: FormulaPlan) -> None:
    """The hidden helper columns: their headers, the parsed numbers and the group members' shares."""
    for col, text in zip(layout.grid.helpers, HELPER_TITLES, strict=True):
        sheet.write_string(layout.indicator_header_row, col, text)
    for (row, col), value in sorted(plan.helpers.items()):
        if isinstance(value, Formula):
            sheet.write_formula(row, col, value.text, None, value.value)
        else:
            sheet.write_number(row, col, float(value))
    first, last = min(layout.grid.helpers), max(layout.grid.helpers)
    sheet.set_column(first, last, 12, None, {"hidden": True})


# ---------------------------------------------------------------- sizes


def text_width(text: str) -> int:
    """Width of a line in Excel character units: CJK and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _lines_needed(cell: Cell, widths: tuple[int, ...]) -> int:
    width = sum(widths[cell.col:cell.col + cell.colspan]) - 1
    return sum(max(1, math.ceil(text_width(line) / max(width, 1))) for line in cell.text.split("\n"))


def row_heights(layout: TableLayout) -> list[float]:
    """Row heights in points that fit every cell's wrapped text; merged cells grow their last rows."""
    heights = [LINE_POINTS + PADDING_POINTS] * layout.rows
    for cell in sorted(layout.cells, key=lambda c: c.rowspan):
        if cell.role is Role.TITLE:
            heights[cell.row] = max(heights[cell.row], TITLE_HEIGHT)
            continue
        need = _lines_needed(cell, layout.grid.widths) * LINE_POINTS + PADDING_POINTS
        span = range(cell.row, cell.row + cell.rowspan)
        have = sum(heights[r] for r in span)
        if need > have:
            extra = (need - have) / cell.rowspan
            for r in span:
                heights[r] += extra
    stamp = layout.signature_block()
    if stamp:  # the same room to sign and stamp as on the PDF
        heights[stamp[-1]] = max(heights[stamp[-1]], STAMP_POINTS)
    return [min(h, 409.0) for h in heights]  # 409 pt is Excel's largest row


def _size_rows(sheet: Worksheet, layout: TableLayout) -> None:
    grid = layout.grid
    for col, width in enumerate(grid.widths):  # columns the province does not print are hidden
        sheet.set_column(col, col, width, None, {"hidden": col >= grid.printed})
    for row, height in enumerate(row_heights(layout)):
        sheet.set_row(row, round(height, 1))


#: Every printed sheet's footer: 第 x 页 共 y 页.
FOOTER = "&C第 &P 页 共 &N 页"


def print_setup(sheet: Worksheet, layout: TableLayout, columns: int, landscape: bool = False,
                side_margin: float = 0.5) -> None:
    """A4, one page wide, the header row repeated on every page, `第 x 页 共 y 页` under each."""
    sheet.set_paper(9)  # A4
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(left=side_margin, right=side_margin, top=0.6, bottom=0.7)
    sheet.repeat_rows(layout.indicator_header_row)
    sheet.print_area(0, 0, layout.rows - 1, columns - 1)
    sheet.set_footer(FOOTER)


def _embed_document(book: xlsxwriter.Workbook, doc: Document) -> None:
    """Marker in A1, then the saved document text in A2, A3 …, in a sheet users never see."""
    sheet = book.add_worksheet(DATA_SHEET)
    sheet.very_hidden()
    chunks = embed_chunks(excel_safe_json(storage.dumps(doc)))
    marker = {"format": EMBED_FORMAT, "version": EMBED_VERSION, "template": doc.template_id,
              "chunks": len(chunks)}
    sheet.write_string(0, 0, json.dumps(marker, ensure_ascii=False))
    for i, chunk in enumerate(chunks, start=1):
        sheet.write_string(i, 0, chunk)
