"""Print preview: the very pages of the exported PDF, with 打印… and 导出PDF….

The dialog renders the bytes `render_pdf` produced (pypdfium2), so what is
previewed, printed and exported is the same document.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from perfdesk.core.export.pdf import render_pdf
from perfdesk.core.files.atomic_write import atomic_write
from perfdesk.core.files.errors import DocumentFileError
from perfdesk.core.model.document import Document
from perfdesk.core.rules.profile import Profile
from perfdesk.gui.dialogs import PDF_FILTER, Prompts
from perfdesk.gui.geometry import fitted_size

ZOOMS = (50, 75, 100, 125, 150, 200)
PREFERRED_SIZE = (900, 760)  # an A4 page at 100% and the buttons; shrunk on small screens
SCREEN_DPI = 96


def page_image(page: pdfium.PdfPage, dpi: float) -> QImage:
    """One PDF page as a QImage at `dpi` (a copy: it owns its pixels)."""
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
    image = bitmap.to_pil().convert("RGB")
    data = image.tobytes()
    return QImage(data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888).copy()


class PrintPreviewDialog(QDialog):
    """Shows the PDF pages of `doc`; prints or exports them."""

    def __init__(self, doc: Document, profile: Profile, parent: QWidget | None = None, suggested: str = "") -> None:
        """`suggested`: where 导出PDF proposes to write (beside the document)."""
        super().__init__(parent)
        self.doc, self.profile = doc, profile
        self.suggested = suggested or f"{doc.project.name.strip() or '自评表'}.pdf"
        self.prompts = Prompts(self)  # questions asked over the preview, not behind it
        self.setWindowTitle("打印预览")
        self.resize(*fitted_size((parent or self).screen().availableGeometry(), PREFERRED_SIZE))
        self.pdf_bytes = b""
        self.pdf: pdfium.PdfDocument | None = None

        self.landscape = QCheckBox("横向")
        self.zoom = QComboBox()
        self.zoom.addItems([f"{z}%" for z in ZOOMS])
        self.zoom.setCurrentIndex(ZOOMS.index(100))
        self.page_info = QLabel()
        self.print_button = QPushButton("打印…")
        self.export_button = QPushButton("导出PDF…")
        close = QPushButton("关闭")

        bar = QHBoxLayout()
        bar.addWidget(QLabel("缩放："))
        bar.addWidget(self.zoom)
        bar.addWidget(self.landscape)
        bar.addWidget(self.page_info)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.export_button)
        bar.addWidget(close)

        self.pages_widget = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages_layout.setSpacing(12)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.pages_widget)
        self.scroll_area.setStyleSheet("QScrollArea { background: #808080; }")

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll_area, 1)

        self.landscape.toggled.connect(self.render_preview)
        self.zoom.currentIndexChanged.connect(self.show_pages)
        self.print_button.clicked.connect(self.print_document)
        self.export_button.clicked.connect(self.export_document)
        close.clicked.connect(self.reject)
        self.render_preview()

    @property
    def page_count(self) -> int:
        return len(self.pdf) if self.pdf is not None else 0

    def page_labels(self) -> list[QLabel]:
        return self.pages_widget.findChildren(QLabel)

    def render_preview(self) -> None:
        """Produce the PDF again (orientation changed or first show) and display it."""
        try:
            self.pdf_bytes = render_pdf(self.doc, self.profile, landscape=self.landscape.isChecked())
        except Exception as exc:  # never crash the window over a preview; say what failed
            QMessageBox.critical(self, "无法生成预览", f"生成PDF时出错：{exc}")
            return
        if self.pdf is not None:
            self.pdf.close()
        self.pdf = pdfium.PdfDocument(self.pdf_bytes)
        self.page_info.setText(f"共 {self.page_count} 页")
        self.show_pages()

    def show_pages(self) -> None:
        while (item := self.pages_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        if self.pdf is None:  # the PDF could not be made: nothing to show
            return
        dpi = SCREEN_DPI * ZOOMS[self.zoom.currentIndex()] / 100
        for index in range(self.page_count):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(page_image(self.pdf[index], dpi)))
            label.setStyleSheet("border: 1px solid #404040; background: white;")
            label.setToolTip(f"第 {index + 1} 页")
            self.pages_layout.addWidget(label)

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Paint each page at the printer's resolution, fitted to its page area."""
        painter = QPainter()
        if self.pdf is None or not painter.begin(printer):
            QMessageBox.critical(self, "无法打印", "打印机无法开始打印，请检查打印机是否可用。")
            return
        try:
            dpi = min(printer.resolution(), 300)
            for index in range(self.page_count):
                if index:
                    printer.newPage()
                image = page_image(self.pdf[index], dpi)
                area = painter.viewport()
                size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(QPoint(0, 0), size), image)
        finally:
            painter.end()

    def export_document(self) -> None:
        path = self.prompts.save_path("导出PDF", self.suggested, PDF_FILTER)
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            atomic_write(path, self.pdf_bytes, keep_backup=False)
        except DocumentFileError as exc:
            self.prompts.error("导出失败", str(exc))
