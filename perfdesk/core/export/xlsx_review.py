"""The workbook's review: the 审核意见 sheet and Excel comments on the commented cells.

Every text is written as a string (never a formula): a comment `=HYPERLINK(…)`
stays the words it is.
"""

from __future__ import annotations

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from perfdesk.core.layout.table import TableLayout
from perfdesk.core.model.document import Document
from perfdesk.core.review.anchors import locate
from perfdesk.core.review.codec import read_review
from perfdesk.core.review.model import WHOLE_TABLE
from perfdesk.core.review.report import comment_state, review_lines, when

REVIEW_SHEET = "审核意见"
_EXCEL_COMMENT_MAX = 32_000  # Excel refuses longer cell comments


def write_review(book: xlsxwriter.Workbook, table: Worksheet, doc: Document, layout: TableLayout) -> None:
    review = read_review(doc.review)
    sheet = book.add_worksheet(REVIEW_SHEET)
    sheet.set_column(0, 0, 110)
    styles = {"title": book.add_format({"bold": True, "font_size": 16}),
              "heading": book.add_format({"bold": True, "font_size": 12}),
              "text": book.add_format({"text_wrap": True, "valign": "top"})}
    for row, line in enumerate(review_lines(doc, review)):
        sheet.write_string(row, 0, line.text, styles[line.kind])
    notes: dict[tuple[int, int], list[str]] = {}
    for comment in review.comments:
        if comment.anchor.section == WHOLE_TABLE:
            continue
        location = locate(doc, comment.anchor)
        cell = layout.locate(location) if location is not None else None
        if cell is not None:
            replies = "".join(f"\n回复 {r.author}：{r.text}" for r in comment.replies)
            notes.setdefault((cell.row, cell.col), []).append(
                f"{comment.author}（{when(comment.at)}，{comment_state(comment)}）：{comment.text}{replies}")
    for (row, col), texts in notes.items():
        table.write_comment(row, col, "\n\n".join(texts)[:_EXCEL_COMMENT_MAX],
                            {"author": "审核", "x_scale": 2.5, "y_scale": 2})
