"""The printable PDF of a table: the same layout the window and Excel show.

`render_pdf` draws `table_layout.build_layout` cell by cell on reportlab's
canvas, paginated by `pdf_table` (header row and 一级/二级 labels repeated on
continuation pages, signature block kept whole with room for the stamp), with
`第 x 页 共 y 页` and the verification code on every page. A table that fails
validation still prints, marked `草稿（校验未通过）`, so nobody files it by mistake.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab import rl_config
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as landscape_size
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from perfdesk.core.export.pdf_ink import PageInk, TextEncoder
from perfdesk.core.export.pdf_review import define_qr, draw_qr, draw_review_page, paginate_review
from perfdesk.core.export.pdf_table import (
    Metrics,
    Pagination,
    PrintStyle,
    Slice,
    measure,
    paginate,
    printed,
    text_width,
)
from perfdesk.core.export.pdf_wrap import FontFace, paragraphs, pdf_face, wrap_text
from perfdesk.core.files.atomic_write import atomic_write
from perfdesk.core.files.fingerprint import verification_code
from perfdesk.core.layout.table import Cell, Role, TableLayout, build_layout
from perfdesk.core.model.document import Document
from perfdesk.core.model.results import format_decimal
from perfdesk.core.review.codec import read_review
from perfdesk.core.review.report import Line, review_lines
from perfdesk.core.review.verify import qr_text
from perfdesk.core.rules.analysis import analyse
from perfdesk.core.rules.profile import Profile
from perfdesk.paths import chinese_font

# Streams stay binary (Flate only): ASCII85 makes the file a quarter bigger and,
# without reportlab's optional C accelerator, its pure-Python encoder of the
# embedded fonts and pages was the largest single cost of an export.
rl_config.useA85 = 0

DRAFT_MARK = "草稿（校验未通过）"
MARGIN_X = 15 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 16 * mm
MIN_SHRINK_SIZE = 4.0
RED = Color(0.8, 0.05, 0.05)
WATERMARK_RGBA = (220, 30, 30, 36)
WATERMARK_PX = 120
HEADER_FILL = Color(0.92, 0.92, 0.92)
BORDERLESS = (Role.TITLE, Role.CAPTION, Role.NOTE)
LINE_WIDTH = 0.6
FOOTER_SIZE = 8.5
WATERMARK_FORM = "draftWatermark"


def render_pdf(doc: Document, profile: Profile, landscape: bool = False, show_claims: bool = False,
               with_review: bool = False) -> bytes:
    """The table of `doc` scored under `profile`, as PDF bytes (A4, portrait unless asked);
    `show_claims` prints the table's claimed scores under the computed ones, `with_review` adds the
    审核意见 pages (a unit's own printout leaves them out)."""
    evaluation = analyse(doc, profile)
    layout = build_layout(doc, profile, evaluation, show_claims).printed()
    code = verification_code(doc)
    return render_layout(
        layout,
        verification=code,
        draft=bool(evaluation.errors),
        landscape=landscape,
        title=f"{doc.project.name.strip() or '未命名项目'} — {profile.title_for(doc.project.year)}",
        qr=qr_text(code, doc.project.name, format_decimal(evaluation.total), evaluation.grade),
        review=review_lines(doc, read_review(doc.review)) if with_review else (),
    )


def export_pdf(doc: Document, profile: Profile, path: Path, landscape: bool = False, show_claims: bool = False,
               with_review: bool = False) -> None:
    """Write the PDF to `path`, replacing it only once the new file is complete.

    A path that cannot be written raises `DocumentFileError` saying why in Chinese.
    """
    atomic_write(Path(path), render_pdf(doc, profile, landscape, show_claims, with_review), keep_backup=False)


#: Draws one whole page after the table: graphics on the canvas, text into the page's ink (drawn on top).
PageDrawer = Callable[[Canvas, PageInk, float, float], None]


def render_layout(layout: TableLayout, *, verification: str, draft: bool, landscape: bool = False,
                  title: str = "", qr: str = "", review: Sequence[Line] = (),
                  extra_pages: Sequence[PageDrawer] = (), style: PrintStyle | None = None) -> bytes:
    """Draw a built layout; `draft` adds the red mark and the watermark on every page.

    `verification`: the code in the footer ("" prints none); `qr`: text of the QR code printed beside
    it; `review`: the 审核意见 pages' lines; `extra_pages`: pages drawn after the table (a 汇总表's
    charts), numbered and watermarked like its pages; `style`: sizes other than the table's usual ones.
    """
    face, style = pdf_face(), style or PrintStyle()
    page_w, page_h = page_size(landscape)
    plan = plan_pages(layout, draft, landscape, style)
    metrics, pages = plan.metrics, plan.pages
    review_pages = paginate_review(list(review), face, page_w - 2 * MARGIN_X,
                                   page_h - MARGIN_TOP - MARGIN_BOTTOM) if review else []
    count = len(pages) + len(review_pages) + len(extra_pages)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page_w, page_h), initialFontName=face.cjk, initialFontSize=style.body_size,
                    invariant=1, pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("PerfDesk")
    if draft:
        _define_watermark(canvas, page_w, page_h)
    if qr:
        define_qr(canvas, qr)
    encoder = TextEncoder(canvas, face)
    painter = _Painter(face, style, metrics, layout, draft)
    code_text = f"验证码：{verification}" if verification else ""

    def finish(ink: PageInk, number: int) -> None:
        """Footer (page count, code, QR beside the code) and the page itself."""
        painter.footer(ink, page_w, f"第 {number} 页 共 {count} 页", code_text)
        canvas.addLiteral(ink.code())
        if qr:
            draw_qr(canvas, painter.code_left(page_w, code_text) - 2 * mm, 1.5 * mm)
        canvas.showPage()

    for number, page in enumerate(pages, start=1):
        ink = PageInk(encoder, LINE_WIDTH, black)
        if draft:
            canvas.doForm(WATERMARK_FORM)
            if number > 1:
                painter.draft_line(ink, page_w, page_h)
        painter.page(ink, page, page_h - MARGIN_TOP)
        finish(ink, number)
    for number, review_page in enumerate(review_pages, start=len(pages) + 1):
        ink = PageInk(encoder, LINE_WIDTH, black)
        draw_review_page(ink, review_page, MARGIN_X, page_h - MARGIN_TOP)
        finish(ink, number)
    for number, draw in enumerate(extra_pages, start=len(pages) + len(review_pages) + 1):
        ink = PageInk(encoder, LINE_WIDTH, black)
        if draft:
            canvas.doForm(WATERMARK_FORM)
            painter.draft_line(ink, page_w, page_h)
        draw(canvas, ink, page_w, page_h)
        finish(ink, number)
    canvas.save()
    return buffer.getvalue()


def page_size(landscape: bool) -> tuple[float, float]:
    return landscape_size(A4) if landscape else A4


def plan_pages(layout: TableLayout, draft: bool = False, landscape: bool = False,
               style: PrintStyle | None = None) -> Pagination:
    """Measured cells and the rows on each page, exactly as `render_layout` draws them."""
    page_w, page_h = page_size(landscape)
    style = style or PrintStyle()
    metrics = measure(layout, pdf_face(), style, page_w - 2 * MARGIN_X, draft)
    return paginate(layout, metrics, style, page_h - MARGIN_TOP - MARGIN_BOTTOM)


class _Painter:
    """Draws the cells of each page into that page's `PageInk`."""

    def __init__(self, face: FontFace, style: PrintStyle, metrics: Metrics, layout: TableLayout,
                 draft: bool) -> None:
        self.face, self.style, self.m, self.layout, self.draft = face, style, metrics, layout, draft
        self.by_row: dict[int, list[Cell]] = {}
        for cell in layout.cells:
            self.by_row.setdefault(cell.row, []).append(cell)
        self.merged = [cell for cell in layout.cells if cell.rowspan > 1]
        self.lefts = [MARGIN_X + metrics.x(col) for col in range(layout.columns + 1)]

    def page(self, ink: PageInk, slices: list[Slice], top: float) -> None:
        """Draw every cell, or the part of a merged cell, that falls on this page."""
        tops: dict[int, tuple[float, Slice]] = {}
        y = top
        for piece in slices:
            tops[piece.row] = (y, piece)
            y -= piece.height
        drawn: set[int] = set()
        for piece in slices:
            for cell in self.by_row.get(piece.row, []):
                if id(cell) not in drawn:
                    drawn.add(id(cell))
                    self.cell(ink, cell, tops, starts_here=True)
        for cell in self.merged:  # merged cells continuing from the previous page
            rows = range(cell.row + 1, cell.row + cell.rowspan)
            if id(cell) not in drawn and any(row in rows for row in tops):  # page rows, not the span
                self.cell(ink, cell, tops, starts_here=False)
        if self.draft and 0 in tops:
            title_top, title = tops[0]
            page_w = MARGIN_X * 2 + sum(self.m.widths)
            ink.show(DRAFT_MARK, 11, page_w / 2, title_top - title.height + 5, RED, "center")

    def cell(self, ink: PageInk, cell: Cell, tops: dict[int, tuple[float, Slice]], starts_here: bool) -> None:
        if cell.rowspan == 1:
            present = [tops[cell.row]]
        else:
            # The page's rows in order, not the whole span: a 二级 cell may span thousands of rows.
            present = [tops[r] for r in tops if cell.row <= r < cell.row + cell.rowspan]
        top = present[0][0]
        height = sum(piece.height for _, piece in present)
        x = self.lefts[cell.col]
        width = self.lefts[cell.col + cell.colspan] - x
        if cell.role is Role.TITLE and self.draft:
            height -= self.style.draft_band  # the band under the title holds the draft mark
        if cell.role is Role.HEADER:
            ink.fill_rect(x, top - height, width, height, HEADER_FILL)
        if cell.role not in BORDERLESS:
            ink.stroke_rect(x, top - height, width, height)
        # A merged label cut by a page break is written again on the new page;
        # a merged weight or score is not, so nobody adds it up twice.
        if not starts_here and cell.role is not Role.LABEL:
            return
        piece = present[0][1]
        size = self.m.sizes[id(cell)]
        lines = self.m.lines[id(cell)]
        if cell.rowspan == 1 and piece.partial:
            lines = lines[piece.first_line : piece.last_line]
            self.block(ink, cell, lines, size, x, top, width, height, valign_top=True)
            return
        inner = height - 2 * self.style.pad_y
        if len(lines) * self.style.leading(size) > inner:  # a merged cell cut short by a page break
            text, text_w = printed(cell), text_width(cell, self.m.widths, self.style)
            if not starts_here:
                text = paragraphs(cell.text)[0]  # a repeated 一级 label: its name without the weight
                lines = wrap_text(text, self.face, size, text_w)
            while size > MIN_SHRINK_SIZE and len(lines) * self.style.leading(size) > inner:
                size -= 0.5  # shrink its text to fit
                lines = wrap_text(text, self.face, size, text_w)
        self.block(ink, cell, lines, size, x, top, width, height, valign_top=cell.multiline)

    def block(self, ink: PageInk, cell: Cell, lines: list[str], size: float, x: float, top: float,
              width: float, height: float, valign_top: bool) -> None:
        leading = self.style.leading(size)
        text_h = len(lines) * leading
        first = top - self.style.pad_y if valign_top else top - (height - text_h) / 2
        baseline = first - leading + (leading - size) / 2 + size * 0.12
        for line in lines:
            if cell.align == "left":
                ink.show(line, size, x + self.style.pad_x, baseline, black)
            else:
                ink.show(line, size, x + width / 2, baseline, black, "center")
            baseline -= leading

    def footer(self, ink: PageInk, page_w: float, pages: str, code: str) -> None:
        y = MARGIN_BOTTOM - 9 * mm
        ink.show(pages, 8.5, page_w / 2, y, black, "center")
        if code:
            ink.show(code, FOOTER_SIZE, page_w - MARGIN_X, y, black, "right")

    def code_left(self, page_w: float, code: str) -> float:
        """Where the printed code starts: the QR code stands just left of it."""
        return page_w - MARGIN_X - self.face.width(code, FOOTER_SIZE)

    def draft_line(self, ink: PageInk, page_w: float, page_h: float) -> None:
        """The red mark in the top margin of a continuation page."""
        ink.show(DRAFT_MARK, 9, page_w - MARGIN_X, page_h - MARGIN_TOP + 4, RED, "right")


def _define_watermark(canvas: Canvas, page_w: float, page_h: float) -> None:
    """The diagonal mark as a form drawn on every page: a picture, so it never mixes into copied text.

    Defined once per document, the image is encoded and stored once, not per page.
    """
    image = _watermark_image()
    width = page_w * 0.9
    height = width * image.getSize()[1] / image.getSize()[0]
    canvas.beginForm(WATERMARK_FORM)
    canvas.drawImage(image, (page_w - width) / 2, (page_h - height) / 2, width, height, mask="auto")
    canvas.endForm()


@lru_cache(maxsize=1)
def _watermark_image() -> ImageReader:
    font = ImageFont.truetype(str(chinese_font()), WATERMARK_PX)
    left, top, right, bottom = font.getbbox(DRAFT_MARK)
    text = Image.new("RGBA", (int(right - left) + 20, int(bottom - top) + 20), (0, 0, 0, 0))
    ImageDraw.Draw(text).text((10 - left, 10 - top), DRAFT_MARK, font=font, fill=WATERMARK_RGBA)
    return ImageReader(text.rotate(35, expand=True, resample=Image.Resampling.BICUBIC))
