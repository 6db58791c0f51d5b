"""The PDF's review parts: the QR code beside the printed verification code, and the 审核意见 pages."""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from perfdesk.core.export.pdf_ink import PageInk
from perfdesk.core.export.pdf_wrap import FontFace, wrap_text
from perfdesk.core.review.report import Line

QR_FORM = "verificationQr"
QR_SIZE = 13 * mm
_SIZES = {"title": 16.0, "heading": 12.0, "text": 10.0}
_GAP_BEFORE = {"title": 0.0, "heading": 8.0, "text": 0.0}


def define_qr(canvas: Canvas, text: str) -> None:
    """The QR code as a form drawn on every page (encoded once per document), error level M.

    Drawn as plain squares: reportlab's renderer would set (and so list) an unembedded font.
    """
    widget = QrCodeWidget(text, barLevel="M")
    code = widget.qr
    code.make()
    count = code.getModuleCount()
    step = QR_SIZE / count
    canvas.beginForm(QR_FORM)
    canvas.setFillColor(black)
    for r, row in enumerate(code.modules):
        for c, dark in enumerate(row):
            if dark:
                canvas.rect(c * step, QR_SIZE - (r + 1) * step, step, step, stroke=0, fill=1)
    canvas.endForm()


def draw_qr(canvas: Canvas, right: float, bottom: float) -> None:
    """The QR form with its lower-right corner at (right, bottom)."""
    canvas.saveState()
    canvas.translate(right - QR_SIZE, bottom)
    canvas.doForm(QR_FORM)
    canvas.restoreState()


ReviewPage = list[tuple[str, str, float]]


def paginate_review(lines: list[Line], face: FontFace, width: float, height: float) -> list[ReviewPage]:
    """The review wrapped to `width` and cut into pages of `height`: (kind, line, height taken) each."""
    pages: list[ReviewPage] = [[]]
    used = 0.0
    for line in lines:
        size = _SIZES[line.kind]
        for number, part in enumerate(wrap_text(line.text, face, size, width) or [""]):
            step = size * 1.5 + (_GAP_BEFORE[line.kind] if number == 0 else 0)
            if used + step > height and pages[-1]:
                pages.append([])
                used = 0.0
            pages[-1].append((line.kind, part, step))
            used += step
    return pages


def draw_review_page(ink: PageInk, page: ReviewPage, left: float, top: float) -> None:
    y = top
    for kind, text, step in page:
        y -= step
        ink.show(text, _SIZES[kind], left, y, black)
